from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import AuditEvent
from .selectors import audit_events_for_org


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if getattr(user, "role", None) != "admin" or user.organisation_id is None:  # type: ignore[union-attr]
        raise PermissionDenied
    events = audit_events_for_org(organisation_id=user.organisation_id)  # type: ignore[union-attr]
    action = request.GET.get("action", "")
    if action in AuditEvent.Action.values:
        events = events.filter(action=action)
    if actor := request.GET.get("actor", "").strip()[:150]:
        events = events.filter(actor_name__icontains=actor)
    if object_type := request.GET.get("object_type", "").strip()[:64]:
        events = events.filter(object_type=object_type)
    if object_id := request.GET.get("object_id", "").strip()[:64]:
        events = events.filter(object_id=object_id)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(request, "audit/audit_list.html", {
        "page": page, "actions": AuditEvent.Action.choices, "params": request.GET,
    })
