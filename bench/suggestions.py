"""Benchmark: occupation/skill suggestions for the whole demo caseload. Prints figures; asserts nothing.

    .venv/bin/python bench/suggestions.py [--participants 2723] [--seed 1]

Seeds a throw-away SQLite database (without queuing tasks), loads the matching index (reported
separately: cold build vs. warm load from WEGWEISER_CACHE_DIR), then runs the same task function the
background worker runs, batch by batch, and reports entries, distinct texts and wall time.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=2723)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("WEGWEISER_DEBUG", "1")
    os.environ["WEGWEISER_TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from wegweiser.matching import runtime
    from wegweiser.participants.competence import entries_needing_suggestions, entry_text
    from wegweiser.participants.models import Suggestion, WorkHistoryEntry
    from wegweiser.participants.tasks import BATCH_SIZE, compute_suggestions

    call_command("migrate", verbosity=0)
    call_command("seed_demo", participants=args.participants, seed=args.seed, no_suggestions=True,
                 stdout=open(os.devnull, "w"))  # noqa: SIM115
    ids = list(entries_needing_suggestions().values_list("pk", flat=True))
    texts = {entry_text(e) for e in WorkHistoryEntry.objects.filter(pk__in=ids)}

    t0 = time.perf_counter()
    runtime.get_index()
    index_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    for start in range(0, len(ids), BATCH_SIZE):
        compute_suggestions.call(ids[start:start + BATCH_SIZE], [])
    run_s = time.perf_counter() - t0

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"participants: {args.participants}, work entries: {len(ids)}, distinct texts: {len(texts)}")
    print(f"index ready in {index_s:.1f} s (cache: {runtime.cache_dir()})")
    print(f"suggestions: {Suggestion.objects.count()} rows in {run_s:.1f} s "
          f"({run_s / max(len(ids), 1) * 1000:.1f} ms per entry, batches of {BATCH_SIZE})")


if __name__ == "__main__":
    main()
