"""The one way to write an audit row."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from .context import current
from .models import AuditEvent


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    fields: Iterable[str] = (),
    detail: str = "",
    organisation_id: int | None = None,
) -> AuditEvent:
    ctx = current.get()
    user = actor if getattr(actor, "is_authenticated", False) else None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    if organisation_id is None and user is not None:
        organisation_id = user.organisation_id
    return AuditEvent.objects.create(
        actor=user,
        actor_name=(user.get_username() if user else str(actor or ""))[:150],
        organisation_id=organisation_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        fields=sorted(set(fields)),
        detail=detail[:300],
        request_id=ctx.request_id,
        ip=ctx.ip,
    )
