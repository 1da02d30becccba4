"""Reads of the privacy app."""

from __future__ import annotations

from django.db.models import QuerySet

from wegweiser.participants.models import Participant

from .models import ProcessingRestriction, RestrictionHistory


def restriction_active(participant: Participant) -> ProcessingRestriction | None:
    return (ProcessingRestriction.objects.select_related("set_by")
            .filter(participant=participant, lifted_at__isnull=True).first())


def restricted_participant_ids() -> set[int]:
    """Files under an active restriction: stored only, so retention must not erase them either (Art. 18(1)(b))."""
    return set(ProcessingRestriction.objects.filter(lifted_at__isnull=True).values_list("participant_id", flat=True))


def restriction_history(participant: Participant) -> QuerySet[RestrictionHistory]:
    return RestrictionHistory.objects.filter(participant=participant).select_related("actor")
