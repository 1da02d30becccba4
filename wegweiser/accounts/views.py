from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wegweiser.audit.services import audit_record

from .models import Role, User
from .services import user_activate, user_deactivate


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        # auth_login() inside rotates the session key (no fixation).
        response = super().form_valid(form)
        audit_record(actor=self.request.user, action="login")
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        username = (form.data.get("username") or "")[:150]
        known = User.objects.filter(username=username).only("id", "organisation_id").first()
        audit_record(
            actor=None,
            action="login_failed",
            object_type="accounts.user" if known else "",
            object_id=known.pk if known else "",
            detail=f"username={username}",
            organisation_id=known.organisation_id if known else None,
        )
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            audit_record(actor=request.user, action="logout")
        return super().post(request, *args, **kwargs)


def _require_admin(user: Any) -> None:
    if user.role != Role.ADMIN:
        raise PermissionDenied


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    actor: Any = request.user
    _require_admin(actor)
    users = User.objects.filter(organisation_id=actor.organisation_id).select_related("team")
    return render(request, "accounts/user_list.html", {"users": users.order_by("username")})


def _org_user(request: HttpRequest, pk: int) -> User:
    actor: Any = request.user
    _require_admin(actor)
    user = User.objects.filter(pk=pk, organisation_id=actor.organisation_id).first()
    if user is None:
        raise Http404
    return user


@login_required
@require_POST
def user_deactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _org_user(request, pk)
    user_deactivate(actor=request.user, user=user)  # type: ignore[arg-type]
    messages.success(request, _("Konto %(name)s wurde deaktiviert.") % {"name": user.username})
    return redirect("accounts:users")


@login_required
@require_POST
def user_activate_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _org_user(request, pk)
    user_activate(actor=request.user, user=user)  # type: ignore[arg-type]
    messages.success(request, _("Konto %(name)s wurde aktiviert.") % {"name": user.username})
    return redirect("accounts:users")
