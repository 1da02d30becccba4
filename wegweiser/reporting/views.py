"""Thin views. Staff (admin, caseworker) see raw aggregates of their caseload; funders see only protected
aggregates of the programmes they fund; nobody reaches an individual record through this app except the
caseworker recording outcomes in a case file they may change."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wegweiser.accounts.models import Role
from wegweiser.audit.services import audit_record
from wegweiser.participants import policy as participant_policy

from . import charts, report, selectors, services
from .exports import to_csv, to_xlsx
from .forms import FilterForm, FollowUpForm, OutcomeForm
from .models import FollowUp, FunderReport

STAFF = (Role.ADMIN, Role.CASEWORKER)


def _staff(request: HttpRequest) -> None:
    participant_policy.require_role(request.user, *STAFF)


def _filter_form(request: HttpRequest) -> FilterForm:
    return FilterForm(request.GET or None, organisation_id=getattr(request.user, "organisation_id", None))


def _build(request: HttpRequest, form: FilterForm, dimensions: list[str]) -> report.Report:
    return report.build(request.user, form.filters(), protected=form.is_protected(), k=services.default_k(),
                        dimensions=dimensions)


def _build_for_screen(user: Any, filters: selectors.Filters, *, protected: bool,
                      dimensions: list[str] | None = None) -> tuple[report.Report, dt.datetime]:
    return report.build_for_screen(user, filters, protected=protected, k=services.default_k(),
                                   seconds=settings.WEGWEISER_REPORT_SCREEN_CACHE_SECONDS, dimensions=dimensions)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _staff(request)
    form = _filter_form(request)
    dimension = form.selected_dimension()
    built, as_of = _build_for_screen(request.user, form.filters(), protected=form.is_protected(),
                                     dimensions=[dimension])
    table = built.tables[0]
    context: dict[str, Any] = {
        "form": form, "report": built, "as_of": as_of, "table": table, "labels": report.HEADLINE_LABELS,
        "funnel_chart": report.funnel_chart(built),
        "table_chart": charts.bar_chart(f"{table.title}: Teilnahmen", table.labels, table.row_totals),
        "funnel_rows": list(zip(built.stage_labels, built.funnel, strict=True)),
        "query": request.GET.urlencode(),
    }
    if not request.headers.get("HX-Request"):
        acceptance = selectors.recommendation_acceptance(request.user, form.filters())
        decided = acceptance["accepted"] + acceptance["dismissed"]
        context.update(
            caseload=selectors.caseload_by_phase(request.user), acceptance=acceptance,
            acceptance_rate=(acceptance["accepted"] / decided) if decided else None,
        )
        return render(request, "reporting/dashboard.html", context)
    return render(request, "reporting/_dashboard_body.html", context)


@login_required
def export_table(request: HttpRequest, dimension: str, fmt: str) -> HttpResponse:
    _staff(request)
    if fmt not in ("csv", "xlsx") or (dimension not in selectors.DIMENSIONS and dimension != "all"):
        raise Http404
    form = _filter_form(request)
    if dimension == "all":
        if fmt != "xlsx":
            raise Http404
        built = _build(request, form, list(selectors.DIMENSIONS))
        body, name = to_xlsx(built.exports()), "wegweiser-bericht.xlsx"
    else:
        built = _build(request, form, [dimension])
        table = built.tables[0].export()
        body = to_xlsx([table]) if fmt == "xlsx" else to_csv(table)
        name = f"wegweiser-{dimension}.{fmt}"
    audit_record(actor=request.user, action="export", object_type="reporting.table", object_id=dimension,
                 detail=f"{fmt} {request.GET.urlencode()}"[:300])
    content_type = ("text/csv; charset=utf-8" if fmt == "csv" else
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def dashboard_pdf(request: HttpRequest) -> HttpResponse:
    _staff(request)
    form = _filter_form(request)
    built = _build(request, form, list(selectors.DIMENSIONS))
    built.title = "Wegweiser – Auswertung"
    pdf = report.render_pdf(built, programme=str(form.cleaned_data.get("programme") or "alle Programme")
                            if form.is_valid() else "alle Programme", funder="")
    audit_record(actor=request.user, action="export", object_type="reporting.report", object_id="pdf",
                 detail=request.GET.urlencode()[:300])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="wegweiser-bericht.pdf"'
    return response


# --- funders ------------------------------------------------------------------------------------

def _funder_or_admin(request: HttpRequest) -> None:
    participant_policy.require_role(request.user, Role.FUNDER, Role.ADMIN)


@login_required
def funder_home(request: HttpRequest) -> HttpResponse:
    _funder_or_admin(request)
    fundings = list(selectors.fundings_visible_to(request.user))
    reports = FunderReport.objects.filter(funding__in=fundings).select_related(
        "funding__programme", "funding__funder").defer("pdf", "xlsx", "data")
    return render(request, "reporting/funder_home.html", {"fundings": fundings, "reports": reports})


def _funding_for(request: HttpRequest, pk: int) -> Any:
    _funder_or_admin(request)
    return get_object_or_404(selectors.fundings_visible_to(request.user), pk=pk)


def _period(request: HttpRequest) -> tuple[dt.date, dt.date]:
    start, end = services.previous_month(timezone.localdate())
    try:
        if request.GET.get("start"):
            start = dt.date.fromisoformat(request.GET["start"])
        if request.GET.get("end"):
            end = dt.date.fromisoformat(request.GET["end"])
    except ValueError:
        pass
    return start, end


@login_required
def funding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    funding = _funding_for(request, pk)
    start, end = _period(request)
    filters = selectors.Filters(programme_id=funding.programme_id, start=start, end=end)
    built, as_of = _build_for_screen(services._FunderView(funding.funder_id), filters, protected=True)
    audit_record(actor=request.user, action="view", obj=funding, detail=f"{start}..{end}")
    return render(request, "reporting/funding_detail.html", {
        "funding": funding, "report": built, "as_of": as_of, "start": start, "end": end,
        "labels": report.HEADLINE_LABELS,
        "funnel_chart": report.funnel_chart(built),
        "funnel_rows": list(zip(built.stage_labels, built.funnel, strict=True)),
        "charts": {t.dimension: charts.bar_chart(f"{t.title}: Teilnahmen", t.labels, t.row_totals)
                   for t in built.tables if not t.withheld},
    })


@login_required
@require_POST
def report_create(request: HttpRequest, pk: int) -> HttpResponse:
    funding = _funding_for(request, pk)
    try:
        start = dt.date.fromisoformat(request.POST.get("start", ""))
        end = dt.date.fromisoformat(request.POST.get("end", ""))
        stored = services.report_generate(actor=request.user, funding=funding, period_start=start, period_end=end)
    except ValueError:
        messages.error(request, _("Bitte Beginn und Ende als Datum angeben."))
        return redirect("reporting:funding_detail", pk=funding.pk)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("reporting:funding_detail", pk=funding.pk)
    messages.success(request, _("Bericht erstellt (%(start)s–%(end)s).") % {
        "start": f"{stored.period_start:%d.%m.%Y}", "end": f"{stored.period_end:%d.%m.%Y}"})
    return redirect("reporting:funder_home")


@login_required
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _funder_or_admin(request)
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    stored = get_object_or_404(FunderReport.objects.filter(funding__in=selectors.fundings_visible_to(request.user)),
                               pk=pk)
    audit_record(actor=request.user, action="export", obj=stored, detail=fmt)
    if fmt == "pdf":
        response = HttpResponse(bytes(stored.pdf), content_type="application/pdf")
    else:
        response = HttpResponse(bytes(stored.xlsx),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="foerderbericht-{stored.period_start:%Y-%m}.{fmt}"'
    return response


# --- outcomes in the case file --------------------------------------------------------------------

@login_required
def participant_outcomes(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_policy.get_participant(request.user, pk, "view_full")
    form = OutcomeForm(request.POST or None, organisation_id=participant.organisation_id)
    status = 200
    if request.method == "POST":
        if not participant_policy.can(request.user, "change", participant):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.outcome_record(
                    actor=request.user, participant=participant, kind=data["kind"], date=data["date"],
                    programme=data["programme"], employer=data["employer"], occupation=data["occupation"],
                    hours_per_week=data["hours_per_week"], note=data["note"])
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
                status = 422
            else:
                messages.success(request, _("Ergebnis gespeichert."))
                return redirect("reporting:participant_outcomes", pk=participant.pk)
        else:
            status = 422
    return render(request, "reporting/participant_outcomes.html", {
        "participant": participant, "outcomes": list(selectors.outcomes_of(participant)), "form": form,
        "followup_form": FollowUpForm(),
    }, status=status)


@login_required
@require_POST
def followup_answer(request: HttpRequest, pk: int) -> HttpResponse:
    followup = get_object_or_404(FollowUp.objects.select_related("outcome"), pk=pk)
    participant = participant_policy.get_participant(request.user, followup.outcome.participant_id, "change")
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte eine Antwort wählen."))
    else:
        try:
            services.followup_answer(actor=request.user, followup=followup, status=form.cleaned_data["status"])
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
    if request.headers.get("HX-Request"):
        return render(request, "reporting/_dashboard_followups.html", {"user": request.user})
    return redirect("reporting:participant_outcomes", pk=participant.pk)
