"""Reads of the self-service app."""

from __future__ import annotations

from django.db.models import QuerySet

from wegweiser.participants.models import Participant

from .models import Invitation


def invitations_of(participant: Participant, *, limit: int = 10) -> QuerySet[Invitation]:
    return Invitation.objects.filter(participant=participant).select_related("created_by", "revoked_by")[:limit]


def invitation_current(participant: Participant) -> Invitation | None:
    """The newest invitation that still works: open, or used and backing a session."""
    for invitation in Invitation.objects.filter(participant=participant, revoked_at__isnull=True)[:5]:
        if invitation.status in (Invitation.Status.OPEN, Invitation.Status.USED):
            return invitation
    return None
