from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wegweiser.retention import erasure_log
from wegweiser.retention.services import erasures_reapply

from ._actor import command_actor


class Command(BaseCommand):
    help = ("Re-apply every erasure in the erasure log (WEGWEISER_ERASURE_LOG) that the database does not "
            "reflect, e.g. after restoring an older backup. Idempotent.")

    def handle(self, *args: Any, **options: Any) -> None:
        report = erasures_reapply(actor=command_actor("reapply_erasures"))
        for line in report.applied:
            self.stdout.write(f"re-applied: {line}")
        for line in report.skipped:
            self.stderr.write(f"skipped: {line}")
        self.stdout.write(f"{report.entries} log entries in {erasure_log.log_path()}: {len(report.applied)} "
                          f"re-applied, {report.already} already reflected, {len(report.skipped)} skipped")
