from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wegweiser.accounts.http import HtmxHttpRequest
from wegweiser.accounts.models import Role
from wegweiser.participants import policy

from . import inputs as inputs_mod
from . import selectors, services
from .models import RecommendationFeedback
from .sheet_texts import RTL, sheet_texts


def _decorate(results: list[dict[str, Any]], feedback: dict[str, RecommendationFeedback]) -> list[dict[str, Any]]:
    return [{**rec, "rank": rank, "feedback": feedback.get(rec["uri"])} for rank, rec in enumerate(results, 1)]


@login_required
def participant_recommendations(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    participant = policy.get_participant(request.user, pk, "view_full")
    current = services.recommendations_for(actor=request.user, participant=participant)
    items = _decorate(current.results, selectors.latest_feedback(participant))
    if request.GET.get("feasible") == "1":
        items = [item for item in items if not item["flags"]]
    if request.GET.get("hide_dismissed") == "1":
        items = [i for i in items if not (i["feedback"] and i["feedback"].action == "dismissed")]
    items.sort(key=lambda i: (not (i["feedback"] and i["feedback"].action == "pinned"), i["rank"]))
    context = {"p": participant, "items": items, "set": current, "params": request.GET}
    template = "recommendations/_list.html" if request.htmx else "recommendations/participant.html"
    return render(request, template, context)


@login_required
@require_POST
def feedback(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    participant = policy.get_participant(request.user, pk, "change")
    try:
        services.recommendation_feedback(actor=request.user, participant=participant,
                                         uri=request.POST.get("uri", ""), action=request.POST.get("action", ""),
                                         reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        if request.htmx:
            response = participant_recommendations(request, pk)
            response.status_code = 422
            return response
    else:
        messages.success(request, _("Rückmeldung gespeichert."))
    if request.htmx:
        return participant_recommendations(request, pk)
    return redirect("recommendations:participant", pk=pk)


@login_required
def advice_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    participant = policy.get_participant(request.user, pk, "view_full")
    current = services.recommendations_for(actor=request.user, participant=participant)
    lang = participant.preferred_language if participant.preferred_language in {
        "de", "en", "ar", "fa", "uk", "ru", "tr", "ti"} else "en"
    return render(request, "recommendations/sheet.html", {
        "p": participant, "items": current.results[:3], "de": sheet_texts("de"), "own": sheet_texts(lang),
        "own_lang": lang, "own_dir": "rtl" if lang in RTL else "ltr", "bilingual": lang != "de",
    })


@login_required
def who_fits(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    policy.require_role(user, Role.ADMIN, Role.CASEWORKER)
    query = request.GET.get("q", "").strip()[:100]
    uri = request.GET.get("occupation", "")
    cat = inputs_mod.catalogue()
    choices = selectors.occupations_by_label(query)
    rows = selectors.who_fits_occupation(user, uri) if uri in cat.occupations else []
    module = None
    module_rows: list[Any] = []
    try:
        from wegweiser.programmes.models import Module
    except ImportError:  # pragma: no cover
        modules: list[Any] = []
    else:
        modules = list(Module.objects.filter(active=True).order_by("title"))
        module_id = request.GET.get("module", "")
        module = next((m for m in modules if str(m.pk) == module_id), None)
        if module is not None:
            module_rows = selectors.who_fits_module(user, module)
    return render(request, "recommendations/who_fits.html", {
        "query": query, "choices": choices, "occupation": cat.occupations.get(uri), "rows": rows,
        "modules": modules, "module": module, "module_rows": module_rows,
    })


@login_required
def demand(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.role != Role.ADMIN:
        raise PermissionDenied
    if request.method == "POST":
        try:
            percent = float(request.POST.get("demand", ""))
            services.occupation_demand_set(actor=user, uri=request.POST.get("uri", ""), demand=percent / 100,
                                           note=request.POST.get("note", ""))
        except ValueError:
            messages.error(request, _("Bitte die Nachfrage als Zahl von 0 bis 100 angeben."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Nachfrage gespeichert."))
        return redirect("recommendations:demand")
    query = request.GET.get("q", "").strip()[:100]
    choices = selectors.occupations_by_label(query)
    return render(request, "recommendations/demand.html", {
        "rows": selectors.demand_rows(organisation_id=user.organisation_id), "query": query, "choices": choices,
    })


@login_required
def acceptance(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.role != Role.ADMIN:
        raise PermissionDenied
    return render(request, "recommendations/acceptance.html",
                  {"stats": selectors.acceptance_rate(organisation_id=user.organisation_id),
                   "recompute_url": reverse("recommendations:acceptance")})
