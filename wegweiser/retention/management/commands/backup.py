from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wegweiser.retention.dbcopy import BackupError
from wegweiser.retention.services import database_backup

from ._actor import command_actor


class Command(BaseCommand):
    help = ("Back up the whole database (PostgreSQL: pg_dump custom format; SQLite: the sqlite3 backup API) and the "
            "uploaded files (a tar beside it). Audited. Default location: WEGWEISER_BACKUP_DIR.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", type=Path, default=None, help="File to write (must not exist).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = database_backup(actor=command_actor("backup"), output=options["output"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"backup written to {result.path} (audit rows up to id {result.audit_max_id}); "
                          f"{result.media_files} uploaded files in {result.media_path}")
