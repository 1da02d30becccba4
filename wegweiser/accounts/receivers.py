"""Signal receivers: django-axes reports a lockout, the audit log records it (infrastructure only)."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.dispatch import receiver

from wegweiser.audit.services import audit_record

from .models import User


@receiver(user_locked_out, dispatch_uid="accounts_audit_lockout")
def audit_lockout(sender: Any, request: Any = None, username: str | None = None, **kwargs: Any) -> None:
    username = (username or "")[:150]
    known = User.objects.filter(username=username).only("id", "organisation_id").first()
    audit_record(
        actor=None,
        action="lockout",
        object_type="accounts.user" if known else "",
        object_id=known.pk if known else "",
        detail=f"username={username}",
        organisation_id=known.organisation_id if known else None,
    )
