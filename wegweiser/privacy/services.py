"""Data-subject rights on one case file: access export (Art. 15 GDPR) and restriction of processing
(Art. 18 GDPR / § 84 SGB X). Checked by the participants policy, audited, atomic."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import Role
from wegweiser.audit.services import audit_record
from wegweiser.participants import policy
from wegweiser.participants.models import Participant

from . import export, pdf
from .models import ProcessingRestriction, RestrictionHistory

ACCESS_EXPORT_ACTION = "access_export"


def _staff_participant(actor: Any, participant: Participant | int) -> Participant:
    """Admin or caseworker of the file (own/team); trainer, partner, funder: 403; other org: 404."""
    policy.require_role(actor, Role.ADMIN, Role.CASEWORKER)
    pk = participant if isinstance(participant, int) else participant.pk
    return policy.get_participant(actor, pk, "view_full")


def access_export_build(*, actor: Any, participant: Participant | int) -> bytes:
    """A ZIP with data.json (everything stored about the person) and auskunft.pdf (German + own language)."""
    participant = _staff_participant(actor, participant)
    # Special-category data (health) only for those who may see it; the others get a note it was withheld.
    data = export.build_data(participant, actor=actor,
                             include_special=policy.can(actor, "view_health", participant))
    document = pdf.render_pdf(data, participant.preferred_language)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1))
        archive.writestr("auskunft.pdf", document)
    audit_record(actor=actor, action=ACCESS_EXPORT_ACTION, obj=participant,
                 organisation_id=participant.organisation_id,
                 detail=f"participant={participant.pk} Art. 15 DSGVO lang={participant.preferred_language}")
    return buffer.getvalue()


def access_export_filename(participant: Participant) -> str:
    return f"auskunft-{participant.customer_number}-{timezone.localdate():%Y%m%d}.zip"


def can_restrict(actor: Any, participant: Participant) -> bool:
    """Admin of the organisation or the responsible (assigned) caseworker."""
    role = getattr(actor, "role", None)
    return role == Role.ADMIN or (role == Role.CASEWORKER and participant.caseworker_id == actor.pk)


def restriction_participant(actor: Any, participant: Participant | int, *, check_restrict: bool = True) -> Participant:
    """The file for the privacy pages; with `check_restrict` only for those who may set/lift a restriction."""
    participant = _staff_participant(actor, participant)
    if check_restrict and not can_restrict(actor, participant):
        raise PermissionDenied
    return participant


_restricting_participant = restriction_participant


def restriction_set(*, actor: Any, participant: Participant | int, reason: str) -> ProcessingRestriction:
    participant = _restricting_participant(actor, participant)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte den Grund der Einschränkung angeben.")})
    now = timezone.now()
    with transaction.atomic():
        current = ProcessingRestriction.objects.select_for_update().filter(participant=participant).first()
        if current is not None and current.active:
            raise ValidationError(_("Die Verarbeitung dieser Akte ist bereits eingeschränkt."))
        if current is None:
            current = ProcessingRestriction(participant=participant)
        current.reason, current.since, current.set_by = reason[:2000], now, actor
        current.lifted_at, current.lifted_by = None, None
        current.save()
        RestrictionHistory.objects.create(participant=participant, action=RestrictionHistory.Action.SET,
                                          reason=reason[:2000], at=now, actor=actor)
        audit_record(actor=actor, action="restrict", obj=participant, organisation_id=participant.organisation_id,
                     fields=["processing_restriction"], detail=f"participant={participant.pk} restriction set")
    return current


def restriction_lift(*, actor: Any, participant: Participant | int) -> ProcessingRestriction:
    participant = _restricting_participant(actor, participant)
    now = timezone.now()
    with transaction.atomic():
        current = ProcessingRestriction.objects.select_for_update().filter(participant=participant).first()
        if current is None or not current.active:
            raise ValidationError(_("Die Verarbeitung dieser Akte ist nicht eingeschränkt."))
        current.lifted_at, current.lifted_by = now, actor
        current.save(update_fields=["lifted_at", "lifted_by"])
        RestrictionHistory.objects.create(participant=participant, action=RestrictionHistory.Action.LIFT,
                                          at=now, actor=actor)
        audit_record(actor=actor, action="restrict_lift", obj=participant,
                     organisation_id=participant.organisation_id, fields=["processing_restriction"],
                     detail=f"participant={participant.pk} restriction lifted")
    return current
