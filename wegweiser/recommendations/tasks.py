from __future__ import annotations

from django_tasks import task

from wegweiser.participants.models import Participant

from .services import recommendations_compute

BATCH_SIZE = 250


@task()
def recompute_recommendations(participant_ids: list[int]) -> int:
    """Batch recompute (only participants whose inputs changed are recomputed)."""
    participants = list(Participant.objects.filter(pk__in=participant_ids))
    return len(recommendations_compute(participants))
