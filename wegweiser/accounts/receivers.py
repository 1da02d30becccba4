"""Signal receivers: django-axes reports a lockout, the audit log records it (infrastructure only)."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.dispatch import receiver

from .services import login_attempt_audit


@receiver(user_locked_out, dispatch_uid="accounts_audit_lockout")
def audit_lockout(sender: Any, request: Any = None, username: str | None = None, **kwargs: Any) -> None:
    login_attempt_audit(action="lockout", username=username or "")
