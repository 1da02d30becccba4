"""Who ran a command, for the audit trail: the operating-system account (commands have no staff user)."""

from __future__ import annotations

import getpass


def command_actor(command: str) -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"manage.py {command} ({user})"
