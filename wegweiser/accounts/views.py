from __future__ import annotations

import base64
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from wegweiser.audit.services import audit_record

from .models import Role, User
from .selectors import (
    recovery_codes_remaining,
    two_factor_device_confirmed,
    two_factor_required,
    two_factor_step_url,
    usernames_locked_out,
    users_of_organisation,
)
from .services import (
    login_attempt_audit,
    recovery_codes_regenerate,
    two_factor_device_start,
    two_factor_enrol_confirm,
    two_factor_reset,
    two_factor_verify,
    user_activate,
    user_deactivate,
    user_password_change,
    user_password_reset,
    user_unlock,
)

RECOVERY_CODES_SESSION_KEY = "accounts_fresh_recovery_codes"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        # auth_login() inside rotates the session key (no fixation).
        response = super().form_valid(form)
        user: Any = self.request.user
        audit_record(actor=user, action="login")
        if two_factor_required(user):
            # Second step: the code (or the enrolment); the session is rotated again once it is passed.
            return redirect_to_login(response["Location"], two_factor_step_url(user))
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        login_attempt_audit(action="login_failed", username=form.data.get("username") or "")
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
    users = list(users_of_organisation(actor))
    locked = usernames_locked_out([u.username for u in users])
    for u in users:
        u.is_locked_out = u.username in locked  # type: ignore[attr-defined]
    return render(request, "accounts/user_list.html", {"users": users})


def _org_user(request: HttpRequest, pk: int) -> User:
    actor: Any = request.user
    _require_admin(actor)
    user = User.objects.filter(pk=pk, organisation_id=actor.organisation_id).first()
    if user is None:
        raise Http404
    return user


def _user_admin_action(request: HttpRequest, pk: int, service: Any, message: str) -> HttpResponse:
    """One admin action on an account of the same organisation (the service checks the role and audits)."""
    user = _org_user(request, pk)
    service(actor=request.user, user=user)
    messages.success(request, message % {"name": user.username})
    return redirect("accounts:users")


@login_required
@require_POST
def user_deactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _user_admin_action(request, pk, user_deactivate, _("Konto %(name)s wurde deaktiviert."))


@login_required
@require_POST
def user_activate_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _user_admin_action(request, pk, user_activate, _("Konto %(name)s wurde aktiviert."))


@login_required
@require_POST
def user_unlock_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _user_admin_action(request, pk, user_unlock, _("Die Anmeldesperre von %(name)s wurde aufgehoben."))


@login_required
@require_POST
def user_otp_reset_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _user_admin_action(
        request, pk, two_factor_reset,
        _("Die Zwei-Faktor-Anmeldung von %(name)s wurde zurückgesetzt; beim nächsten Anmelden wird sie neu "
          "eingerichtet."),
    )


@never_cache
@sensitive_post_parameters("password")
@login_required
def user_password_reset_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _org_user(request, pk)
    error = ""
    if request.method == "POST":
        try:
            password = user_password_reset(
                actor=request.user, user=user, password=request.POST.get("password", "")  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            # Shown once, in this response only (never stored, never sent again).
            return render(request, "accounts/user_password_reset_done.html", {"target": user, "password": password})
    return render(request, "accounts/user_password_reset.html", {"target": user, "error": error})


# --- The user's own login steps: second factor, enrolment, recovery codes, password change --------------


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _otp_passed(request: HttpRequest, device: Any) -> None:
    otp_login(request, device)
    # A new session key once the second factor is passed (as auth_login() does after the password).
    request.session.cycle_key()


def _qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=4)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


@never_cache
@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.is_verified():
        return HttpResponseRedirect(_next_url(request))
    if two_factor_device_confirmed(user) is None:
        return redirect_to_login(_next_url(request), reverse("accounts:otp_enrol"))
    if request.method == "POST":
        device = two_factor_verify(user=user, token=request.POST.get("token", ""))
        if device is not None:
            _otp_passed(request, device)
            if isinstance(device, StaticDevice):
                left = recovery_codes_remaining(user)
                messages.warning(
                    request,
                    ngettext(
                        "Wiederherstellungscode verwendet. Noch %(n)s Code übrig.",
                        "Wiederherstellungscode verwendet. Noch %(n)s Codes übrig.",
                        left,
                    ) % {"n": left},
                )
            return HttpResponseRedirect(_next_url(request))
        messages.error(request, _("Der Code ist falsch oder abgelaufen. Bitte erneut versuchen."))
    return render(request, "accounts/otp_verify.html", {"next": _next_url(request)})


@never_cache
@login_required
def otp_enrol(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if two_factor_device_confirmed(user) is not None:
        return redirect_to_login(_next_url(request), reverse("accounts:otp_verify"))
    device = two_factor_device_start(user=user)
    if request.method == "POST":
        codes = two_factor_enrol_confirm(user=user, device=device, token=request.POST.get("token", ""))
        if codes is not None:
            device.refresh_from_db()
            _otp_passed(request, device)
            request.session[RECOVERY_CODES_SESSION_KEY] = codes
            messages.success(request, _("Die Zwei-Faktor-Anmeldung ist eingerichtet."))
            return redirect_to_login(_next_url(request), reverse("accounts:otp_recovery_codes"))
        messages.error(request, _("Der Code ist falsch. Bitte den aktuellen Code aus der App eingeben."))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    return render(
        request,
        "accounts/otp_enrol.html",
        {
            "secret": secret,
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "otpauth_uri": device.config_url,
            "qr_data_uri": _qr_data_uri(device.config_url),
            "next": _next_url(request),
        },
    )


@never_cache
@login_required
def otp_recovery_codes(request: HttpRequest) -> HttpResponse:
    """Fresh codes once (after enrolment or renewal); otherwise how many are left and a button to renew."""
    user: Any = request.user
    if two_factor_device_confirmed(user) is None:
        return redirect_to_login(request.get_full_path(), reverse("accounts:otp_enrol"))
    if request.method == "POST":
        if not user.is_verified():
            return redirect_to_login(request.get_full_path(), reverse("accounts:otp_verify"))
        request.session[RECOVERY_CODES_SESSION_KEY] = recovery_codes_regenerate(user=user)
        messages.success(request, _("Neue Wiederherstellungscodes erzeugt; die alten gelten nicht mehr."))
        return redirect("accounts:otp_recovery_codes")
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    return render(
        request,
        "accounts/otp_recovery_codes.html",
        {"codes": codes, "remaining": recovery_codes_remaining(user), "next": _next_url(request)},
    )


@never_cache
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user_password_change(user=user, password=form.cleaned_data["new_password1"])
        # Keeps this session (rotating its key); every other session of the user ends.
        update_session_auth_hash(request, user)
        messages.success(request, _("Das Passwort wurde geändert."))
        return HttpResponseRedirect(_next_url(request))
    return render(
        request,
        "accounts/password_change.html",
        {"form": form, "forced": user.must_change_password, "next": _next_url(request)},
    )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """django-axes calls this for a locked-out login (AXES_LOCKOUT_CALLABLE): a plain page, status 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(request, "accounts/lockout.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
