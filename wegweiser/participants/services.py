"""Every write to a case file goes through here: checked by the policy, versioned, audited, atomic."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.audit.services import audit_record
from wegweiser.privacy.guard import ensure_not_restricted

from . import duplicates, policy
from .models import (
    ContactNote,
    EducationEntry,
    LanguageCertificate,
    LanguageSkill,
    Participant,
    WorkHistoryEntry,
)

# Fields whose values are special-category data: audit rows name them, never their values.
SPECIAL_CATEGORY_FIELDS = frozenset({"health_restrictions"})
NAME_FIELDS = ("given_name", "family_name", "given_name_original", "family_name_original")


class StaleEdit(Exception):
    """Someone saved the record after the editor loaded it. Nothing was written."""

    def __init__(self, current: models.Model, conflicts: dict[str, tuple[Any, Any]]) -> None:
        self.current = current
        # field -> (value now stored, value the editor tried to save)
        self.conflicts = conflicts
        super().__init__(f"{current._meta.label} {current.pk} changed since version was read")


def _search_fields(values: dict[str, Any]) -> dict[str, str]:
    names = [values.get(f) or "" for f in NAME_FIELDS]
    tokens = duplicates.search_tokens(" ".join(names))
    return {
        "name_key": duplicates.name_key(*names)[:250],
        "search_text": " ".join([*tokens, (values.get("customer_number") or "").lower()]),
    }


def participant_create(*, actor: Any, **data: Any) -> Participant:
    if not policy.can_create(actor):
        raise PermissionDenied
    participant = Participant(organisation_id=actor.organisation_id, updated_by=actor, **data)
    if participant.caseworker_id is None and actor.role == "caseworker":
        participant.caseworker = actor
    if participant.team_id is None and participant.caseworker_id is not None:
        participant.team_id = participant.caseworker.team_id if participant.caseworker else None
    for key, value in _search_fields(data).items():
        setattr(participant, key, value)
    participant.full_clean()
    try:
        with transaction.atomic():
            participant.save()
            audit_record(actor=actor, action="create", obj=participant, fields=sorted(data))
    except IntegrityError as exc:
        raise ValidationError({"customer_number": _("Diese Kundennummer ist bereits vergeben.")}) from exc
    return participant


def _apply_versioned_update(
    *, actor: Any, instance: models.Model, version: int, changes: dict[str, Any], extra: dict[str, Any]
) -> list[str]:
    """Write `changes` if `version` is current. Returns the names of fields that really changed."""
    model = type(instance)
    changed = [name for name, value in changes.items() if getattr(instance, name) != value]
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.full_clean(validate_unique=False)
    with transaction.atomic():
        updated = model.objects.filter(pk=instance.pk, version=version).update(  # type: ignore[attr-defined]
            **changes, **extra, version=F("version") + 1, updated_at=timezone.now(), updated_by=actor
        )
        if not updated:
            current = model.objects.get(pk=instance.pk)  # type: ignore[attr-defined]
            conflicts = {
                name: (getattr(current, name), value)
                for name, value in changes.items()
                if getattr(current, name) != value
            }
            raise StaleEdit(current, conflicts)
    return changed


def participant_update(*, actor: Any, participant: Participant, version: int, **changes: Any) -> Participant:
    """Apply changes if `version` is current; raise StaleEdit otherwise. One audit row."""
    participant = policy.get_participant(actor, participant.pk, "change")
    ensure_not_restricted(participant)
    if "health_restrictions" in changes and not policy.can(actor, "view_health", participant):
        raise PermissionDenied
    extra: dict[str, Any] = {}
    if any(name in changes for name in (*NAME_FIELDS, "customer_number")):
        merged = {f: changes.get(f, getattr(participant, f)) for f in (*NAME_FIELDS, "customer_number")}
        extra = _search_fields(merged)
    try:
        with transaction.atomic():
            changed = _apply_versioned_update(
                actor=actor, instance=participant, version=version, changes=changes, extra=extra
            )
            audit_record(actor=actor, action="update", obj=participant, fields=changed)
    except IntegrityError as exc:
        raise ValidationError({"customer_number": _("Diese Kundennummer ist bereits vergeben.")}) from exc
    return Participant.objects.get(pk=participant.pk)


def participant_view(*, actor: Any, pk: int, action: str = "view") -> Participant:
    """Read a case file: exactly one audit row per read."""
    participant = policy.get_participant(actor, pk, action)
    audit_record(actor=actor, action="view", obj=participant, organisation_id=participant.organisation_id)
    return participant


# --- Entries of the case file (languages, certificates, education, work history) -------------

ENTRY_MODELS: dict[str, type[models.Model]] = {
    "languages": LanguageSkill,
    "certificates": LanguageCertificate,
    "education": EducationEntry,
    "work": WorkHistoryEntry,
}


def entry_create(*, actor: Any, participant: Participant, section: str, **data: Any) -> models.Model:
    participant = policy.get_participant(actor, participant.pk, "change")
    ensure_not_restricted(participant)
    model = ENTRY_MODELS[section]
    entry = model(participant=participant, updated_by=actor, **data)
    entry.full_clean()
    try:
        with transaction.atomic():
            entry.save()
            audit_record(
                actor=actor, action="create", obj=entry, fields=sorted(data),
                detail=f"participant={participant.pk}",
            )
            _schedule_suggestions(entry)
    except IntegrityError as exc:
        raise ValidationError(_("Dieser Eintrag existiert bereits.")) from exc
    return entry


def _schedule_suggestions(entry: models.Model) -> None:
    """Work and education entries get occupation/skill suggestions computed in the background."""
    if isinstance(entry, WorkHistoryEntry | EducationEntry):
        from .tasks import enqueue_for_entry

        enqueue_for_entry(entry)


def _get_entry(actor: Any, participant: Participant, section: str, entry_id: int) -> models.Model:
    policy.get_participant(actor, participant.pk, "change")
    ensure_not_restricted(participant)
    model = ENTRY_MODELS[section]
    entry = model.objects.filter(pk=entry_id, participant_id=participant.pk).first()  # type: ignore[attr-defined]
    if entry is None:
        from django.http import Http404

        raise Http404
    return entry


def entry_update(
    *, actor: Any, participant: Participant, section: str, entry_id: int, version: int, **changes: Any
) -> models.Model:
    entry = _get_entry(actor, participant, section, entry_id)
    with transaction.atomic():
        changed = _apply_versioned_update(actor=actor, instance=entry, version=version, changes=changes, extra={})
        audit_record(actor=actor, action="update", obj=entry, fields=changed, detail=f"participant={participant.pk}")
        _schedule_suggestions(entry)
    return type(entry).objects.get(pk=entry.pk)  # type: ignore[attr-defined]


def entry_delete(*, actor: Any, participant: Participant, section: str, entry_id: int, version: int) -> None:
    entry = _get_entry(actor, participant, section, entry_id)
    with transaction.atomic():
        deleted, _rows = type(entry).objects.filter(pk=entry.pk, version=version).delete()  # type: ignore[attr-defined]
        if not deleted:
            raise StaleEdit(entry, {})
        audit_record(actor=actor, action="delete", obj=entry, detail=f"participant={participant.pk}",
                     object_id=entry_id)


def contact_note_add(
    *, actor: Any, participant: Participant, contact_on: dt.date, channel: str, text: str
) -> ContactNote:
    participant = policy.get_participant(actor, participant.pk, "add_contact")
    ensure_not_restricted(participant)
    note = ContactNote(participant=participant, author=actor, contact_on=contact_on, channel=channel, text=text)
    note.full_clean()
    with transaction.atomic():
        note.save()
        latest = participant.last_contact_on
        if latest is None or contact_on > latest:
            Participant.objects.filter(pk=participant.pk).update(last_contact_on=contact_on)
        audit_record(actor=actor, action="create", obj=note, fields=["contact_on", "channel", "text"],
                     detail=f"participant={participant.pk}")
    return note


def participant_merge(*, actor: Any, keep: Participant, merge: Participant) -> Participant:
    """Move everything of `merge` onto `keep`; `merge` stays as a pointer so history is never lost."""
    keep = policy.get_participant(actor, keep.pk, "merge")
    merge = policy.get_participant(actor, merge.pk, "merge")
    ensure_not_restricted(keep)
    ensure_not_restricted(merge)
    if keep.pk == merge.pk:
        raise ValidationError(_("Eine Akte kann nicht mit sich selbst zusammengeführt werden."))
    with transaction.atomic():
        existing_languages = set(LanguageSkill.objects.filter(participant=keep).values_list("language", flat=True))
        # Languages the kept file already records stay there (and on the merged file); the rest move.
        LanguageSkill.objects.filter(participant=merge).exclude(language__in=existing_languages).update(
            participant=keep
        )
        for model in (LanguageCertificate, EducationEntry, WorkHistoryEntry, ContactNote):
            model.objects.filter(participant=merge).update(participant=keep)
        Participant.objects.filter(pk=merge.pk).update(
            merged_into=keep, version=F("version") + 1, updated_at=timezone.now(), updated_by=actor
        )
        dates = [d for d in (keep.last_contact_on, merge.last_contact_on) if d]
        Participant.objects.filter(pk=keep.pk).update(
            last_contact_on=max(dates) if dates else None, version=F("version") + 1, updated_at=timezone.now()
        )
        audit_record(actor=actor, action="merge", obj=keep, detail=f"merged participant {merge.pk} into {keep.pk}")
    return Participant.objects.get(pk=keep.pk)
