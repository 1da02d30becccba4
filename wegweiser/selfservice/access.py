"""The participant's way in: a session bound to one participant, pages in the participant's language.

`participant_required` is what every participant-facing view uses (here and in later apps):

    @participant_required
    def my_view(request: ParticipantRequest) -> HttpResponse:
        request.participant  # the one person this session may see

Nothing else is reachable from such a session: it is not a Django login, so every staff view still
redirects to the login page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

from wegweiser.participants.models import Participant

from . import services

P = ParamSpec("P")

PROBLEM_STATUS = {
    "invalid": 404,
    "expired": 410,
    "used": 410,
    "revoked": 410,
    "session": 403,
    "not_found": 404,
    "rate_limited": 429,
    "forbidden": 403,
}


class ParticipantRequest(HttpRequest):
    participant: Participant


def available_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def resolve_language(request: HttpRequest, participant: Participant | None = None) -> str:
    """Explicit choice in this session, else the case file's preferred language, else the phone's, else German."""
    codes = available_languages()
    chosen = request.session.get(services.SESSION_LANGUAGE)
    if chosen in codes:
        return str(chosen)
    if participant is not None and participant.preferred_language in codes:
        return participant.preferred_language
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        base = code.split("-")[0].lower()
        if base in codes:
            return base
    return "de"


def _finish(request: HttpRequest, response: HttpResponse, language: str) -> HttpResponse:
    response.headers["Content-Language"] = language
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    # Phones are shared: answers must not linger in a cache or the back-forward cache of someone else.
    add_never_cache_headers(response)
    return response


def render_participant(request: HttpRequest, template: str, context: dict[str, Any] | None = None, *,
                       status: int = 200, participant: Participant | None = None) -> HttpResponse:
    """Render a participant page in the participant's language (also used outside a session)."""
    language = resolve_language(request, participant)
    with translation.override(language):
        request.LANGUAGE_CODE = language
        response = render(request, template, {"participant": participant, **(context or {})}, status=status)
    return _finish(request, response, language)


def render_problem(request: HttpRequest, reason: str, *, participant: Participant | None = None,
                   status: int | None = None) -> HttpResponse:
    response = render_participant(
        request, "selfservice/problem.html", {"reason": reason}, participant=participant,
        status=status or PROBLEM_STATUS.get(reason, 400),
    )
    if reason == "rate_limited":
        from .ratelimit import retry_after

        response.headers["Retry-After"] = str(retry_after())
    return response


def participant_required(
    view: Callable[Concatenate[ParticipantRequest, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """Give the view `request.participant` and the participant's language; friendly pages otherwise."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        participant = services.session_participant(request)
        if participant is None:
            return render_problem(request, "session")
        request.participant = participant  # type: ignore[attr-defined]
        language = resolve_language(request, participant)
        try:
            with translation.override(language):
                request.LANGUAGE_CODE = language
                response = view(request, *args, **kwargs)  # type: ignore[arg-type]
        except Http404:
            return render_problem(request, "not_found", participant=participant)
        return _finish(request, response, language)

    return wrapped
