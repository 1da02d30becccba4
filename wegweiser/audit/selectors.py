from __future__ import annotations

from django.db.models import QuerySet

from .models import AuditEvent


def audit_events_for_org(*, organisation_id: int) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(organisation_id=organisation_id).select_related("actor")


def audit_events_for_object(*, object_type: str, object_id: int | str) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type=object_type, object_id=str(object_id)).select_related("actor")
