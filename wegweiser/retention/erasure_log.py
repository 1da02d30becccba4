"""The erasure log outside the database: one JSON object per line, appended and fsync'd.

A database backup restored later brings erased data back; this file does not go back with it, so
`reapply_erasures` can erase again whatever the restored database still holds. It holds no personal
data: participant ids, an HMAC of organisation + customer number (to check the id still means the same
person), category, action and time.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import hmac
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings


@dataclass(frozen=True)
class ErasureEntry:
    at: dt.datetime
    category: str
    action: str
    participant_id: int | None = None
    customer_hash: str = ""
    organisation_id: int | None = None
    rows: int = 0
    # Only rows created before this moment were (and are again) erased; the audit log uses it as cut-off.
    before: dt.datetime | None = None
    keep_participant_ids: tuple[int, ...] = field(default_factory=tuple)
    source: str = "retention"

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "at": self.at.isoformat(),
            "category": self.category,
            "action": self.action,
            "participant_id": self.participant_id,
            "customer_hash": self.customer_hash,
            "organisation_id": self.organisation_id,
            "rows": self.rows,
            "before": self.before.isoformat() if self.before else None,
            "keep_participant_ids": list(self.keep_participant_ids),
            "source": self.source,
        }
        return json.dumps(data, ensure_ascii=True, sort_keys=True)

    @classmethod
    def from_json(cls, line: str) -> ErasureEntry:
        data = json.loads(line)
        return cls(
            at=dt.datetime.fromisoformat(data["at"]),
            category=str(data["category"]),
            action=str(data["action"]),
            participant_id=data.get("participant_id"),
            customer_hash=data.get("customer_hash") or "",
            organisation_id=data.get("organisation_id"),
            rows=int(data.get("rows") or 0),
            before=dt.datetime.fromisoformat(data["before"]) if data.get("before") else None,
            keep_participant_ids=tuple(data.get("keep_participant_ids") or ()),
            source=str(data.get("source") or "retention"),
        )


def log_path() -> Path:
    return Path(settings.WEGWEISER_ERASURE_LOG)


def customer_hash(organisation_id: int, customer_number: str) -> str:
    """Keyed hash (HMAC-SHA256 with the secret key): customer numbers are short, a plain hash is guessable."""
    message = f"{organisation_id}:{customer_number}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def append(entry: ErasureEntry, *, path: Path | None = None) -> None:
    """Append one entry and fsync it (and the directory, when the file is new) before returning."""
    path = path or log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    is_new = not path.exists()
    with path.open("a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            handle.write(entry.to_json() + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    if is_new:
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def read(*, path: Path | None = None) -> list[ErasureEntry]:
    """All entries in file order. A torn last line (crash mid-write) is skipped, every other bad line raises."""
    path = path or log_path()
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    entries = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entries.append(ErasureEntry.from_json(line))
        except (ValueError, KeyError) as exc:
            if number == len(lines):
                break
            raise ValueError(f"{path}:{number}: unreadable erasure log entry ({exc})") from exc
    return entries
