"""Background jobs (django-tasks): occupation/skill suggestions for case-file entries."""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from typing import Any

from django.db import transaction
from django_tasks import task

from wegweiser.matching import runtime
from wegweiser.matching.engine import MatchingIndex
from wegweiser.privacy.guard import not_restricted_q

from .competence import suggestions_refresh
from .models import EducationEntry, WorkHistoryEntry

BATCH_SIZE = 200
MEMO_TEXTS = 5000  # distinct entry texts whose matches a worker process keeps


class _BoundedMemo:
    """The `limit` most recently used matches, least recently used dropped first; thread-safe."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def __setitem__(self, key: str, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


_memo_lock = threading.Lock()
_memo_index: weakref.ReferenceType[MatchingIndex] | None = None
_memo = _BoundedMemo(MEMO_TEXTS)


def _shared_memo(index: MatchingIndex) -> _BoundedMemo:
    """The matches of entry texts for `index`, shared by all batches of this process.

    A caseload repeats itself ("Bauhelfer", "Koch in einem Restaurant"): the 3,530 demo entries
    hold 314 distinct texts, spread over 18 batches. A new index (taxonomy update) starts afresh.
    """
    global _memo_index, _memo
    with _memo_lock:
        if _memo_index is None or _memo_index() is not index:
            _memo, _memo_index = _BoundedMemo(MEMO_TEXTS), weakref.ref(index)
        return _memo


@task()
def compute_suggestions(work_entry_ids: list[int], education_entry_ids: list[int] | None = None) -> int:
    """Refresh suggestions for the given entries. Returns how many suggestions were written."""
    index = runtime.get_index()
    memo = _shared_memo(index)  # identical texts (common in a caseload) are matched once per process
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
