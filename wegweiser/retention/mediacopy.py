"""Uploaded files (signed consent forms) beside a database backup: a tar of MEDIA_ROOT and back.

No auditing, no policy here: services.database_backup/database_restore call these next to dbcopy.
"""

from __future__ import annotations

import os
import tarfile
from pathlib import Path

from .dbcopy import BackupError, fsync


def dump(media_root: Path, target: Path) -> int:
    """Write every regular file under `media_root` into the tar `target`; returns the number of files.

    Symbolic links are left out (an upload is never one). Written via a temporary file, readable by
    the owner only: the forms carry personal data, like the database copy.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    count = 0
    try:
        with tarfile.open(partial, "w") as archive:
            os.chmod(partial, 0o600)
            if media_root.is_dir():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        archive.add(path, arcname=path.relative_to(media_root).as_posix(), recursive=False)
                        count += 1
        fsync(partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count


def _checked_members(archive: tarfile.TarFile, archive_path: Path, media_root: Path) -> list[tarfile.TarInfo]:
    members = archive.getmembers()
    for member in members:
        if not (member.isfile() or member.isdir()):
            raise BackupError(f"{archive_path}: {member.name!r} is not a regular file")
        # our archives hold relative names only; refuse rather than silently rewrite anything else
        if member.name.startswith(("/", "\\")) or ".." in Path(member.name).parts:
            raise BackupError(f"{archive_path}: {member.name!r} points outside the media folder")
        tarfile.data_filter(member, str(media_root))  # and whatever else the standard library finds unsafe
    return members


def check(archive_path: Path, media_root: Path) -> int:
    """Read the whole archive and check every member; returns the number of files. Raises BackupError."""
    if not archive_path.is_file():
        raise BackupError(f"no file archive at {archive_path}")
    try:
        with tarfile.open(archive_path, "r") as archive:
            return sum(1 for m in _checked_members(archive, archive_path, media_root) if m.isfile())
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"{archive_path}: {exc}") from exc


def load(archive_path: Path, media_root: Path) -> int:
    """Put back the files of `archive_path` that `media_root` lacks; returns how many were written.

    Files already present are kept as they are. Members that would leave `media_root` (absolute
    paths, "..", links, devices) stop with a clear error before anything is written; call `check`
    before replacing the database so that a bad archive stops the restore before it starts.
    """
    media_root.mkdir(parents=True, exist_ok=True)
    try:
        with tarfile.open(archive_path, "r") as archive:
            members = _checked_members(archive, archive_path, media_root)
            missing = [m for m in members if m.isfile() and not (media_root / m.name).exists()]
            archive.extractall(media_root, members=missing, filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"{archive_path}: {exc}") from exc
    return len(missing)
