"""Self-service views: the participant's way in (participant pages) and the caseworker's invitation."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wegweiser.participants import services as participant_services

from . import ratelimit, selectors, services, tokens
from .access import ParticipantRequest, participant_required, render_participant, render_problem
from .activities import activities_for

# Where the language switcher may send the participant back to.
_PARTICIPANT_PREFIXES = ("/me/", "/interests/me/")


# --- participant pages -----------------------------------------------------------------------


@participant_required
def home(request: ParticipantRequest) -> HttpResponse:
    return render(request, "selfservice/home.html",
                  {"participant": request.participant, "activities": activities_for(request.participant)})


@require_http_methods(["GET", "POST"])
def redeem(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a start button (link previews in messengers must not use up the link); POST starts."""
    if ratelimit.is_blocked(request):
        return render_problem(request, "rate_limited")
    try:
        invitation = services.invitation_lookup(token)
    except services.InvitationError as exc:
        current = services.session_participant(request)
        if exc.reason == "used" and exc.invitation and current and current.pk == exc.invitation.participant_id:
            return redirect("selfservice:home")  # the person reopened their own link
        ratelimit.record_failure(request)
        return render_problem(request, exc.reason)
    if request.method == "POST":
        try:
            services.invitation_redeem(request, token)
        except services.InvitationError as exc:
            ratelimit.record_failure(request)
            return render_problem(request, exc.reason)
        return redirect("selfservice:home")
    return render_participant(request, "selfservice/landing.html", {"token": tokens.normalise(token)},
                              participant=invitation.participant)


@require_http_methods(["GET"])
def code_entry(request: HttpRequest) -> HttpResponse:
    """For people who type the code from a letter instead of scanning the QR code."""
    code = tokens.normalise(request.GET.get("code", ""))
    if code:
        return redirect("selfservice:redeem", token=code)
    return render_participant(request, "selfservice/code.html")


@require_POST
def language(request: HttpRequest) -> HttpResponse:
    services.language_choose(request, request.POST.get("language", ""))
    target = request.POST.get("next", "")
    if not (url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                            require_https=request.is_secure())
            and target.startswith(_PARTICIPANT_PREFIXES)):
        target = reverse("selfservice:home")
    return redirect(target)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    services.session_end(request)
    return render_participant(request, "selfservice/goodbye.html")


def problem(request: HttpRequest, reason: str) -> HttpResponse:
    """The friendly failure pages again, at a stable address the language switcher can return to."""
    if reason not in ("invalid", "expired", "used", "revoked", "session", "not_found", "rate_limited"):
        reason = "not_found"
    return render_problem(request, reason, status=200 if reason != "not_found" else 404)


# --- caseworker: invitations -----------------------------------------------------------------


def qr_svg(url: str) -> SafeString:
    """The link as an inline SVG QR code (no image file, no external service)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=4)
    svg = image.to_string(encoding="unicode")
    svg = svg.replace("<svg ", '<svg role="img" aria-label="QR-Code" class="qr" ', 1)
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703 - qrcode output for our own URL


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = participant_services.participant_view(actor=request.user, pk=participant_id, action="change")
    context: dict[str, object] = {"p": participant}
    if request.method == "POST":
        created, token = services.invitation_create(actor=request.user, participant=participant)
        link = request.build_absolute_uri(reverse("selfservice:redeem", args=[token]))
        context.update(created=created, link=link, code=tokens.grouped(token), qr=qr_svg(link),
                       code_url=request.build_absolute_uri(reverse("selfservice:code")))
    context.update(current=selectors.invitation_current(participant), history=selectors.invitations_of(participant))
    return render(request, "selfservice/invitation.html", context)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = participant_services.participant_view(actor=request.user, pk=participant_id, action="change")
    count = services.invitation_revoke(actor=request.user, participant=participant)
    if count:
        messages.success(request, _("Einladung widerrufen. Der Link und eine laufende Sitzung gelten nicht mehr."))
    else:
        messages.info(request, _("Es gab keine gültige Einladung."))
    return redirect("selfservice:invitation", participant_id=participant.pk)
