"""Reads of the privacy app."""

from __future__ import annotations

from django.db.models import QuerySet

from wegweiser.participants.models import Participant

from .models import ProcessingRestriction, RestrictionHistory


def restriction_active(participant: Participant) -> ProcessingRestriction | None:
    return (ProcessingRestriction.objects.select_related("set_by")
            .filter(participant=participant, lifted_at__isnull=True).first())


def restriction_history(participant: Participant) -> QuerySet[RestrictionHistory]:
    return RestrictionHistory.objects.filter(participant=participant).select_related("actor")
