from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .selectors import two_factor_required, two_factor_step_url


class StaffLanguageMiddleware:
    """German unless the user chose another language with the switcher (cookie).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: staff screens are
    German by default, whatever the workstation's browser is set to.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = set(settings.WEGWEISER_STAFF_LANGUAGES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class TwoFactorMiddleware:
    """Staff sessions must pass the second factor, then change a temporary password, before anything else.

    Runs after AuthenticationMiddleware and django-otp's OTPMiddleware. A session-authenticated request that
    is not OTP-verified (when WEGWEISER_REQUIRE_2FA is on) is redirected to the code or enrolment page; an
    API request gets 403 JSON. Token-authenticated API requests carry no session user here and pass: DRF
    authenticates them in the view (tokens are issued by admins). The same applies to a user who must
    replace a temporary password.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user
        if user.is_authenticated and not self._exempt(request.path_info):
            if two_factor_required(user) and not user.is_verified():
                return self._deny(request, two_factor_step_url(user), _("Zwei-Faktor-Anmeldung erforderlich."))
            if user.must_change_password and request.path_info != reverse("accounts:password_change"):
                return self._deny(request, reverse("accounts:password_change"), _("Bitte zuerst das Passwort ändern."))
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        exempt = (
            reverse("accounts:login"),
            reverse("accounts:logout"),
            reverse("accounts:otp_verify"),
            reverse("accounts:otp_enrol"),
            "/i18n/",
            "/" + settings.STATIC_URL.lstrip("/"),
        )
        return path.startswith(exempt)

    @staticmethod
    def _deny(request: HttpRequest, url: str, message: str) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message}, status=403)
        return redirect_to_login(request.get_full_path(), url)

