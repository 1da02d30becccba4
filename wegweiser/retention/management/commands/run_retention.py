from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wegweiser.retention.services import retention_run
from wegweiser.retention.tasks import retention_schedule


class Command(BaseCommand):
    help = ("Apply the retention periods: anonymise or delete what is due today (legal holds exempt). "
            "--schedule instead queues the self-rescheduling daily background task.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List what is due, change nothing.")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                            help="Pretend today is this date (YYYY-MM-DD).")
        parser.add_argument("--schedule", action="store_true",
                            help="Queue the daily task for db_worker (once; a waiting run is not duplicated).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            when = retention_schedule()
            self.stdout.write(f"daily retention queued for {when:%Y-%m-%d %H:%M %Z}" if when
                              else "daily retention already queued (or the task backend cannot defer tasks)")
            return
        report = retention_run(today=options["today"], dry_run=options["dry_run"])
        verb = "due" if report.dry_run else "done"
        actions = report.planned if report.dry_run else [r.action for r in report.done]
        rows = {id(r.action): r.rows for r in report.done}
        for action in actions:
            who = f"participant {action.participant_id}" if action.participant_id else f"before {action.before}"
            count = "" if report.dry_run else f" ({rows[id(action)]} rows)"
            self.stdout.write(f"{verb}: {action.category} {action.action} {who} (due since {action.due_on}){count}")
        for line in report.skipped:
            self.stdout.write(f"skipped: {line}")
        self.stdout.write(f"{report.today}: {len(actions)} action(s) {verb}"
                          + (" (dry run, nothing changed)" if report.dry_run else ""))
        if report.errors:
            raise CommandError("; ".join(report.errors))
