"""Load the synthetic demo caseload and print the demo logins.

python manage.py seed_demo --participants 2723 --seed 1

Idempotent: a second run with the same arguments creates nothing and resets no password.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wegweiser.participants.competence import entries_needing_suggestions
from wegweiser.participants.demo import seed_demo
from wegweiser.participants.tasks import enqueue_batches


class Command(BaseCommand):
    help = "Create demo organisations, one user per role and a synthetic caseload (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--participants", type=int, default=2723, help="size of the jobcenter caseload")
        parser.add_argument("--seed", type=int, default=1, help="same seed, same people")
        parser.add_argument("--no-suggestions", action="store_true",
                            help="do not queue occupation/skill suggestions for the work histories")

    def handle(self, *args: Any, **options: Any) -> None:
        count, seed = options["participants"], options["seed"]
        if not 0 <= count <= 900_000:
            raise CommandError("--participants must be between 0 and 900000.")
        started = time.perf_counter()
        result = seed_demo(participants=count, seed=seed)
        elapsed = time.perf_counter() - started

        self.stdout.write(
            f"Demo-Daten (Seed {seed}): {result.participants_created} Teilnehmende neu angelegt "
            f"(+{result.other_created} im zweiten Jobcenter), {result.participants_existing} bereits vorhanden, "
            f"{result.rows_created} Datensätze, "
            f"{result.organisations_created} Organisationen und {len(result.users_created)} Benutzer/innen "
            f"neu, {elapsed:.1f} s."
        )
        if not options["no_suggestions"]:
            pending = list(entries_needing_suggestions().values_list("pk", flat=True))
            tasks = enqueue_batches(pending)
            self.stdout.write(
                f"Berufsvorschläge: {len(pending)} Einträge in {tasks} Hintergrundaufgaben eingereiht "
                "(Fortschritt auf der Übersicht; `manage.py db_worker` arbeitet sie ab)."
            )
        width = max(len(username) for username, _, _ in result.logins)
        self.stdout.write("")
        self.stdout.write(f"{'Benutzername'.ljust(width)}  {'Rolle'.ljust(10)}  Passwort")
        for username, role, password in result.logins:
            self.stdout.write(f"{username.ljust(width)}  {role.ljust(10)}  {password}")
