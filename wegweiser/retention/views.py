"""Legal holds: organisation admins only (other roles 403, another organisation's hold 404)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .forms import LegalHoldForm
from .selectors import legal_holds_for_org
from .services import legal_hold_lift, legal_hold_set


def _admin(request: HttpRequest) -> Any:
    user: Any = request.user
    if getattr(user, "role", None) != "admin" or user.organisation_id is None:
        raise PermissionDenied
    return user


@login_required
@require_http_methods(["GET", "POST"])
def hold_list(request: HttpRequest) -> HttpResponse:
    user = _admin(request)
    form = LegalHoldForm(request.POST or None, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid() and form.participant is not None:
        try:
            legal_hold_set(actor=user, participant=form.participant, reason=form.cleaned_data["reason"],
                           until=form.cleaned_data["until"])
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("Aufbewahrungssperre gesetzt."))
            return redirect("retention:holds")
    holds = legal_holds_for_org(organisation_id=user.organisation_id)
    return render(request, "retention/hold_list.html", {
        "form": form, "holds": holds, "today": timezone.localdate(),
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def hold_lift(request: HttpRequest, pk: int) -> HttpResponse:
    user = _admin(request)
    hold = legal_holds_for_org(organisation_id=user.organisation_id).filter(pk=pk).first()
    if hold is None:
        raise Http404
    try:
        legal_hold_lift(actor=user, hold=hold, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Aufbewahrungssperre aufgehoben."))
    return redirect("retention:holds")
