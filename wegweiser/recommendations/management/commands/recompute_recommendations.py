"""Recompute recommendations for all active participants (only those whose inputs changed).

    python manage.py recompute_recommendations [--queue]

Without --queue it runs here with a progress bar; with --queue it splits the work into background
tasks (django-tasks) that `manage.py db_worker` processes.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from wegweiser.participants.models import Participant
from wegweiser.recommendations.services import recommendations_compute
from wegweiser.recommendations.tasks import BATCH_SIZE, recompute_recommendations


class Command(BaseCommand):
    help = "Recompute cached recommendations for every active participant."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queue", action="store_true", help="queue background tasks instead of running here")

    def handle(self, *args: Any, **options: Any) -> None:
        ids = list(Participant.objects.filter(merged_into__isnull=True).exclude(phase="exited")
                   .order_by("pk").values_list("pk", flat=True))
        batches = [ids[i:i + BATCH_SIZE] for i in range(0, len(ids), BATCH_SIZE)]
        if options["queue"]:
            for batch in batches:
                recompute_recommendations.enqueue(batch)
            self.stdout.write(f"{len(ids)} Teilnehmende in {len(batches)} Hintergrundaufgaben eingereiht.")
            return
        started = time.perf_counter()
        with tqdm(total=len(ids), desc="recommendations", unit="p", disable=None) as bar:
            for batch in batches:
                recommendations_compute(list(Participant.objects.filter(pk__in=batch)))
                bar.update(len(batch))
        self.stdout.write(f"{len(ids)} Teilnehmende in {time.perf_counter() - started:.1f} s berechnet.")
