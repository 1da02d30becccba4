from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wegweiser.retention.dbcopy import BackupError
from wegweiser.retention.services import database_restore

from ._actor import command_actor


class Command(BaseCommand):
    help = ("Replace the database with a backup made by `manage.py backup`, keep the audit rows written since, "
            "then re-apply every logged erasure. Stop the web server and db_worker first.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", type=Path, help="Backup file.")
        parser.add_argument("--no-reapply", action="store_true",
                            help="Skip re-applying erasures (then run `manage.py reapply_erasures` yourself).")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not options["yes"] and options.get("interactive", True):
            answer = input(f"Replace the whole database with {path}? Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("restore cancelled")
        try:
            result = database_restore(actor=command_actor("restore"), path=path, reapply=not options["no_reapply"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(f"restored {result.path}; {result.carried_over} audit rows since the backup kept; "
                          f"{result.media_restored} uploaded files put back")
        if result.reapply is None:
            self.stdout.write("erasures NOT re-applied: run `manage.py reapply_erasures` before opening the service")
        else:
            r = result.reapply
            self.stdout.write(f"erasure log: {r.entries} entries, {len(r.applied)} re-applied, {r.already} already "
                              f"reflected, {len(r.skipped)} skipped")
            for line in r.skipped:
                self.stderr.write(f"skipped: {line}")
