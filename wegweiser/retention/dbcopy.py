"""Copy the whole database to a file and back: pg_dump/pg_restore for PostgreSQL, the sqlite3 backup API for
SQLite. No auditing, no policy here: services.database_backup/database_restore wrap these."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess  # nosec B404: fixed argument lists, no shell
from pathlib import Path
from typing import Any

from django.db import connection


class BackupError(RuntimeError):
    pass


def _pg_args(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    args += ["--no-password", "--dbname", str(settings_dict["NAME"])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    sslmode = (settings_dict.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} not found; install the PostgreSQL client tools")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()[:2000]}")


def fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def dump(path: Path) -> None:
    """Write a consistent copy of the current database to `path` (via a temporary file, then renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    if connection.vendor == "postgresql":
        args, env = _pg_args(connection.settings_dict)
        _run(["pg_dump", "--format=custom", "--file", str(partial), *args], env)
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(str(partial))
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        raise BackupError(f"backups of {connection.vendor} are not supported")
    os.chmod(partial, 0o600)  # the copy holds every case file
    fsync(partial)
    os.replace(partial, path)


def load(path: Path) -> None:
    """Replace the current database's content with the copy in `path`. Must run outside any transaction;
    stop the web server and the worker first (PostgreSQL: pg_restore needs the tables' locks)."""
    if not path.is_file():
        raise BackupError(f"no backup at {path}")
    if connection.in_atomic_block:
        raise BackupError("a restore cannot run inside a transaction")
    if connection.vendor == "postgresql":
        args, env = _pg_args(connection.settings_dict)
        connection.close()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
              *args, str(path)], env)
    elif connection.vendor == "sqlite":
        with path.open("rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise BackupError(f"{path} is not an SQLite database")
        connection.ensure_connection()
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        raise BackupError(f"restores of {connection.vendor} are not supported")
