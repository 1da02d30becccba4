"""Background jobs (django-tasks): occupation/skill suggestions for case-file entries."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks import task

from wegweiser.matching import runtime
from wegweiser.privacy.guard import not_restricted_q

from .competence import suggestions_refresh
from .models import EducationEntry, WorkHistoryEntry

BATCH_SIZE = 200


@task()
def compute_suggestions(work_entry_ids: list[int], education_entry_ids: list[int] | None = None) -> int:
    """Refresh suggestions for the given entries. Returns how many suggestions were written."""
    index = runtime.get_index()
    memo: dict[str, Any] = {}  # identical texts (common in a caseload) are matched once per batch
    written = 0
    allowed = not_restricted_q("participant_id")  # restricted files (Art. 18 GDPR) are skipped
    for work in WorkHistoryEntry.objects.filter(allowed, pk__in=work_entry_ids).iterator():
        written += suggestions_refresh(entry=work, index=index, memo=memo)
    for edu in EducationEntry.objects.filter(allowed, pk__in=education_entry_ids or []).iterator():
        written += suggestions_refresh(entry=edu, index=index, memo=memo)
    return written


def enqueue_for_entry(entry: WorkHistoryEntry | EducationEntry) -> None:
    """Schedule a refresh once the surrounding transaction has committed."""
    if isinstance(entry, WorkHistoryEntry):
        transaction.on_commit(lambda: compute_suggestions.enqueue([entry.pk], []))
    else:
        transaction.on_commit(lambda: compute_suggestions.enqueue([], [entry.pk]))


def enqueue_batches(work_entry_ids: list[int]) -> int:
    """Split a large set into tasks of BATCH_SIZE entries; returns the number of tasks queued."""
    count = 0
    for start in range(0, len(work_entry_ids), BATCH_SIZE):
        compute_suggestions.enqueue(work_entry_ids[start:start + BATCH_SIZE], [])
        count += 1
    return count
