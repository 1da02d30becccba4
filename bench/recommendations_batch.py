"""Time the batch recompute of recommendations for the demo caseload. Prints figures; asserts nothing.

    .venv/bin/python bench/recommendations_batch.py [--participants 2723]

Seeds a throw-away SQLite database, gives every work-history entry one confirmed occupation (drawn
at random from the taxonomy pack, fixed seed) and two confirmed skills, then runs the same code
path as `manage.py recompute_recommendations` twice: a full compute and an incremental re-run.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=2723)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("WEGWEISER_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from wegweiser.participants.models import Participant, Suggestion, WorkHistoryEntry
    from wegweiser.recommendations.inputs import catalogue
    from wegweiser.recommendations.services import recommendations_compute
    from wegweiser.recommendations.tasks import BATCH_SIZE

    call_command("migrate", verbosity=0)
    call_command("seed_demo", participants=args.participants, seed=1, no_suggestions=True,
                 stdout=open(os.devnull, "w"))  # noqa: SIM115
    cat = catalogue()
    rng = random.Random(5)
    uris = sorted(cat.occupations)
    skills = sorted(cat.skill_labels)
    rows = []
    for entry in WorkHistoryEntry.objects.all():
        common = {"participant_id": entry.participant_id, "work_entry_id": entry.pk, "source_digest": "bench",
                  "status": "confirmed", "score": 1.0}
        rows.append(Suggestion(kind="occupation", uri=rng.choice(uris), label="x", rank=1, **common))
        rows += [Suggestion(kind="skill", uri=rng.choice(skills), label="x", rank=i, **common) for i in (1, 2)]
    Suggestion.objects.bulk_create(rows)
    ids = list(Participant.objects.exclude(phase="exited").order_by("pk").values_list("pk", flat=True))

    def run() -> float:
        t0 = time.perf_counter()
        for start in range(0, len(ids), BATCH_SIZE):
            recommendations_compute(list(Participant.objects.filter(pk__in=ids[start:start + BATCH_SIZE])))
        return time.perf_counter() - t0

    full = run()
    again = run()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"participants recomputed: {len(ids)}; full batch {full:.1f} s "
          f"({full / len(ids) * 1000:.1f} ms each); incremental re-run (nothing changed) {again:.1f} s")


if __name__ == "__main__":
    main()
