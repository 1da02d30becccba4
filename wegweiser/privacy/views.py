"""Thin views: access export download and restriction set/lift, all through services.

Blocked writes on a restricted file raise `ProcessingRestricted` (a PermissionDenied) in the services;
Django answers 403 and renders templates/403.html with the German explanation.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import RestrictionForm


@login_required
@require_POST
def access_export(request: HttpRequest, pk: int) -> HttpResponse:
    participant = services.restriction_participant(request.user, pk, check_restrict=False)
    data = services.access_export_build(actor=request.user, participant=participant)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{services.access_export_filename(participant)}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@never_cache
def restriction(request: HttpRequest, pk: int) -> HttpResponse:
    participant = services.restriction_participant(request.user, pk)
    form = RestrictionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.restriction_set(actor=request.user, participant=participant, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Die Verarbeitung der Akte ist jetzt eingeschränkt."))
            return redirect("participants:detail", pk=participant.pk)
    return render(request, "privacy/restriction.html", {
        "p": participant, "form": form, "current": selectors.restriction_active(participant),
        "history": selectors.restriction_history(participant),
    })


@login_required
@require_POST
def restriction_lift(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.restriction_lift(actor=request.user, participant=pk)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Die Einschränkung der Verarbeitung ist aufgehoben."))
    return redirect("participants:detail", pk=pk)
