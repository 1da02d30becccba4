"""Writes of the self-service app: invitations and the participant session. Every one is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from wegweiser.audit.services import audit_record
from wegweiser.participants import policy
from wegweiser.participants.models import Participant

from . import tokens
from .models import Invitation

DEFAULT_EXPIRY_DAYS = 7
DEFAULT_SESSION_HOURS = 12

SESSION_PARTICIPANT = "selfservice.participant_id"
SESSION_INVITATION = "selfservice.invitation_id"
SESSION_STARTED = "selfservice.started"
SESSION_LANGUAGE = "selfservice.language"


class InvitationError(Exception):
    """A link that does not (or no longer) open a session. `reason` names the friendly page."""

    def __init__(self, reason: str, invitation: Invitation | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


def expiry_days() -> int:
    return int(getattr(settings, "WEGWEISER_SELFSERVICE_INVITATION_DAYS", DEFAULT_EXPIRY_DAYS))


def participant_detail(participant: Participant) -> str:
    return f"participant:{participant.pk}"


def invitation_create(*, actor: Any, participant: Participant, days: int | None = None) -> tuple[Invitation, str]:
    """A new single-use invitation; every older open one of this participant stops working.

    Returns the invitation and the raw token, which exists only in this return value.
    """
    policy.get_participant(actor, participant.pk, "change")
    now = timezone.now()
    token = tokens.new_token()
    with transaction.atomic():
        Invitation.objects.filter(participant=participant, revoked_at__isnull=True, used_at__isnull=True).update(
            revoked_at=now, revoked_by=actor, superseded=True
        )
        invitation = Invitation.objects.create(
            participant=participant, token_hash=tokens.digest(token), created_by=actor, created_at=now,
            expires_at=now + dt.timedelta(days=days or expiry_days()),
        )
        audit_record(actor=actor, action="create", obj=invitation, organisation_id=participant.organisation_id,
                     detail=f"{participant_detail(participant)} Einladung zur Selbstauskunft")
    return invitation, token


def invitation_revoke(*, actor: Any, participant: Participant) -> int:
    """Revoke every invitation of the participant that is open or backs a running session."""
    policy.get_participant(actor, participant.pk, "change")
    now = timezone.now()
    with transaction.atomic():
        revoked = Invitation.objects.filter(participant=participant, revoked_at__isnull=True).update(
            revoked_at=now, revoked_by=actor
        )
        if revoked:
            audit_record(actor=actor, action="update", object_type="selfservice.invitation",
                         object_id=str(participant.pk), organisation_id=participant.organisation_id,
                         fields=["revoked_at"], detail=f"{participant_detail(participant)} widerrufen ({revoked})")
    return revoked


def invitation_lookup(raw_token: str) -> Invitation:
    """The open invitation for a token, or InvitationError(reason) with reason invalid/used/expired/revoked."""
    token = tokens.normalise(raw_token)
    if not tokens.is_well_formed(token):
        raise InvitationError("invalid")
    invitation = (
        Invitation.objects.select_related("participant").filter(token_hash=tokens.digest(token)).first()
    )
    if invitation is None:
        raise InvitationError("invalid")
    status = invitation.status
    if status != Invitation.Status.OPEN:
        reason = "revoked" if status == Invitation.Status.SUPERSEDED else str(status)
        raise InvitationError(reason, invitation)
    return invitation


def invitation_redeem(request: HttpRequest, raw_token: str) -> Participant:
    """Use the invitation (once) and bind this browser session to its participant only."""
    invitation = invitation_lookup(raw_token)
    now = timezone.now()
    with transaction.atomic():
        used = Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True, revoked_at__isnull=True).update(
            used_at=now
        )
        if not used:  # a concurrent request got there first
            raise InvitationError("used", invitation)
        participant = invitation.participant
        audit_record(actor=None, action="login", obj=invitation, organisation_id=participant.organisation_id,
                     detail=f"{participant_detail(participant)} Selbstauskunft gestartet")
    language = request.session.get(SESSION_LANGUAGE)
    # A fresh session: whatever was logged in on this browser before (a staff account too) is gone.
    request.session.flush()
    request.session[SESSION_PARTICIPANT] = participant.pk
    request.session[SESSION_INVITATION] = invitation.pk
    request.session[SESSION_STARTED] = now.isoformat()
    if language:
        request.session[SESSION_LANGUAGE] = language
    return participant


def session_hours() -> int:
    return int(getattr(settings, "WEGWEISER_SELFSERVICE_SESSION_HOURS", DEFAULT_SESSION_HOURS))


def session_participant(request: HttpRequest) -> Participant | None:
    """The participant this session is bound to, while its invitation stands and the session is young enough."""
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return None  # a staff login never doubles as a participant session
    participant_id = request.session.get(SESSION_PARTICIPANT)
    invitation_id = request.session.get(SESSION_INVITATION)
    started = request.session.get(SESSION_STARTED)
    if not (participant_id and invitation_id and started):
        return None
    try:
        started_at = dt.datetime.fromisoformat(started)
    except (TypeError, ValueError):
        return None
    if timezone.now() - started_at > dt.timedelta(hours=session_hours()):
        return None
    invitation = (
        Invitation.objects.select_related("participant")
        .filter(pk=invitation_id, participant_id=participant_id, revoked_at__isnull=True, used_at__isnull=False)
        .first()
    )
    if invitation is None or invitation.participant.merged_into_id is not None:
        return None
    return invitation.participant


def session_end(request: HttpRequest) -> None:
    participant_id = request.session.get(SESSION_PARTICIPANT)
    language = request.session.get(SESSION_LANGUAGE)
    request.session.flush()
    if language:
        request.session[SESSION_LANGUAGE] = language
    if participant_id:
        audit_record(actor=None, action="logout", object_type="participants.participant",
                     object_id=str(participant_id), detail=f"participant:{participant_id} Selbstauskunft beendet")


def language_choose(request: HttpRequest, language: str) -> bool:
    if language not in {code for code, _name in settings.LANGUAGES}:
        return False
    request.session[SESSION_LANGUAGE] = language
    return True
