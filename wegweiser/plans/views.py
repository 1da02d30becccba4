"""Thin views: access through `participants.policy` ("view_full" to read, "change" to write), reads
through selectors, writes through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from wegweiser.audit.services import audit_record
from wegweiser.participants import policy
from wegweiser.participants.models import Participant
from wegweiser.selfservice.access import ParticipantRequest, participant_required

from . import pdf, selectors, services
from .diff import diff_versions
from .forms import AgreeForm, GoalForm, StepForm
from .models import PlanVersion, Step


def _participant(request: HttpRequest, pk: int, action: str) -> Participant:
    return policy.get_participant(request.user, pk, action)


def _version(participant: Participant, number: int) -> PlanVersion:
    version = selectors.version_get(participant, number)
    if version is None:
        raise Http404
    return version


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _goal_form(version: PlanVersion) -> GoalForm:
    return GoalForm(initial={
        "lock": version.lock, "goal_kind": version.goal_kind, "goal_label": version.goal_label,
        "goal_occupation_uri": version.goal_occupation_uri, "goal_translation": version.goal_translation,
        "review_on": version.review_on,
    })


@login_required
@never_cache
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    participant = _participant(request, pk, "view_full")
    versions = selectors.versions_of(participant)
    current = selectors.current_agreed(participant)
    audit_record(actor=request.user, action="view", obj=participant, fields=["plan"])
    return render(request, "plans/plan_detail.html", {
        "p": participant, "versions": versions, "current": current,
        "open": next((v for v in versions if v.status in selectors.OPEN_STATUSES), None),
        "missed": selectors.missed_steps(current),
        "accepted": selectors.accepted_recommendations(participant),
        "can_change": policy.can(request.user, "change", participant),
    })


def _version_page(request: HttpRequest, participant: Participant, version: PlanVersion, *,
                  goal_form: GoalForm | None = None, step_form: StepForm | None = None,
                  status: int = 200) -> HttpResponse:
    editable = version.is_draft and policy.can(request.user, "change", participant)
    return render(request, "plans/version_detail.html", {
        "p": participant, "version": version, "steps": list(version.steps.all()), "editable": editable,
        "goal_form": goal_form or (_goal_form(version) if editable else None),
        "step_form": step_form or (StepForm(initial={"lock": version.lock}, organisation_id=participant.organisation_id,
                                 participant_id=participant.pk)
                                   if editable else None),
        "today": timezone.localdate(), "show_confirm": bool(step_form and step_form.errors.get("confirm_past_due")),
    }, status=status)


@login_required
@never_cache
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    participant = _participant(request, pk, "view_full")
    version = _version(participant, number)
    audit_record(actor=request.user, action="view", obj=version, fields=["steps"])
    return _version_page(request, participant, version)


@login_required
@require_POST
def draft_create(request: HttpRequest, pk: int) -> HttpResponse:
    participant = _participant(request, pk, "change")
    try:
        draft = services.plan_draft_create(actor=request.user, participant=participant)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("plans:detail", pk=pk)
    return redirect("plans:version", pk=pk, number=draft.number)


@login_required
@require_POST
def draft_from_recommendation(request: HttpRequest, pk: int) -> HttpResponse:
    participant = _participant(request, pk, "change")
    try:
        draft = services.plan_draft_from_recommendation(actor=request.user, participant=participant,
                                                        uri=request.POST.get("uri", ""))
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("plans:detail", pk=pk)
    messages.success(request, _("Entwurf aus der Empfehlung erstellt. Bitte Termine ergänzen und prüfen."))
    return redirect("plans:version", pk=pk, number=draft.number)


@login_required
@require_POST
def goal_update(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    participant = _participant(request, pk, "change")
    version = _version(participant, number)
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            services.plan_goal_update(actor=request.user, version=version, lock=form.cleaned_data["lock"],
                                      **form.service_data())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Ziel gespeichert."))
            return redirect("plans:version", pk=pk, number=number)
    return _version_page(request, participant, version, goal_form=form, status=422)


@login_required
@require_POST
def step_add(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    participant = _participant(request, pk, "change")
    version = _version(participant, number)
    form = StepForm(request.POST, organisation_id=participant.organisation_id,
                                 participant_id=participant.pk)
    if form.is_valid():
        try:
            services.step_add(actor=request.user, version=version, lock=form.cleaned_data["lock"],
                              confirm_past_due=form.cleaned_data["confirm_past_due"], **form.service_data())
        except services.PastDueNeedsConfirmation as exc:
            form.add_error("confirm_past_due", exc)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Schritt hinzugefügt."))
            return redirect("plans:version", pk=pk, number=number)
    return _version_page(request, participant, version, step_form=form, status=422)


@login_required
def step_edit(request: HttpRequest, pk: int, number: int, step_pk: int) -> HttpResponse:
    participant = _participant(request, pk, "change")
    version = _version(participant, number)
    step = get_object_or_404(Step, pk=step_pk, version=version)
    if not version.is_draft:
        messages.error(request, _("Diese Version ist vereinbart und kann nicht mehr geändert werden. "
                                  "Änderungen bitte in einer neuen Entwurfsversion."))
        return redirect("plans:version", pk=pk, number=number)
    initial = {name: getattr(step, name) for name in ("kind", "what", "what_translation", "responsible",
                                                      "partner_name", "due_on", "status", "drop_reason", "module",
                                                      "referral")}
    form = StepForm(request.POST or None, initial={**initial, "lock": version.lock},
                    organisation_id=participant.organisation_id)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                services.step_update(actor=request.user, step=step, lock=form.cleaned_data["lock"],
                                     confirm_past_due=form.cleaned_data["confirm_past_due"], **form.service_data())
            except services.PastDueNeedsConfirmation as exc:
                form.add_error("confirm_past_due", exc)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Schritt gespeichert."))
                return redirect("plans:version", pk=pk, number=number)
    return render(request, "plans/step_form.html", {
        "p": participant, "version": version, "step": step, "form": form,
        "show_confirm": bool(form.errors.get("confirm_past_due")),
    }, status=status)


@login_required
@require_POST
def step_remove(request: HttpRequest, pk: int, number: int, step_pk: int) -> HttpResponse:
    participant = _participant(request, pk, "change")
    version = _version(participant, number)
    step = get_object_or_404(Step, pk=step_pk, version=version)
    try:
        services.step_remove(actor=request.user, step=step, lock=int(request.POST.get("lock", "0") or 0))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("plans:version", pk=pk, number=number)


@login_required
def agree(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    participant = _participant(request, pk, "change")
    version = _version(participant, number)
    if not version.is_draft:
        return redirect("plans:version", pk=pk, number=number)
    form = AgreeForm(request.POST or None, initial={"lock": version.lock})
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                services.plan_agree(actor=request.user, version=version, lock=form.cleaned_data["lock"],
                                    acknowledgement=form.cleaned_data["acknowledgement"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Version %(n)s unterschrieben.") % {"n": version.number})
                return redirect("plans:version", pk=pk, number=number)
    return render(request, "plans/agree.html", {"p": participant, "version": version, "form": form,
                                                "steps": list(version.steps.all())}, status=status)


@login_required
@require_POST
def transition(request: HttpRequest, pk: int, number: int, what: str) -> HttpResponse:
    participant = _participant(request, pk, "change")
    version = _version(participant, number)
    actions = {"paper": services.plan_record_paper_acknowledgement, "withdraw": services.plan_withdraw}
    try:
        if what == "discard":
            services.plan_draft_discard(actor=request.user, version=version)
            return redirect("plans:detail", pk=pk)
        if what not in actions:
            raise Http404
        actions[what](actor=request.user, version=version)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("plans:version", pk=pk, number=number)


@login_required
def diff(request: HttpRequest, pk: int) -> HttpResponse:
    participant = _participant(request, pk, "view_full")
    try:
        a, b = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
    except ValueError:
        raise Http404 from None
    old, new = _version(participant, min(a, b)), _version(participant, max(a, b))
    audit_record(actor=request.user, action="view", obj=participant, fields=["plan"], detail=f"diff {a}..{b}")
    return render(request, "plans/diff.html", {
        "p": participant, "old": old, "new": new,
        "diff": diff_versions(selectors.snapshot(old), selectors.snapshot(new)),
        "versions": selectors.versions_of(participant),
    })


@login_required
def version_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    participant = _participant(request, pk, "view_full")
    version = _version(participant, number)
    language = request.GET.get("lang") or participant.preferred_language
    if language not in pdf.LANGUAGES:
        language = "de"
    audit_record(actor=request.user, action="export", obj=version, fields=["pdf"], detail=f"lang={language}")
    return pdf.response(version, participant, language)


# --- self-service ------------------------------------------------------------------------------

@participant_required
def me(request: ParticipantRequest) -> HttpResponse:
    participant = request.participant
    current = selectors.current_agreed(participant)
    awaiting = selectors.awaiting_version(participant)
    audit_record(actor=None, action="view", obj=current or participant, fields=["plan"],
                 detail=f"participant:{participant.pk} self-service", organisation_id=participant.organisation_id)
    return render(request, "plans/me.html", {
        "participant": participant, "current": current, "awaiting": awaiting, "today": timezone.localdate(),
    })


@participant_required
@require_POST
def me_acknowledge(request: ParticipantRequest) -> HttpResponse:
    awaiting = selectors.awaiting_version(request.participant)
    if awaiting is None or str(awaiting.number) != request.POST.get("number"):
        raise Http404
    services.plan_acknowledge(participant=request.participant, version=awaiting)
    return redirect("plans:me")


@participant_required
def me_pdf(request: ParticipantRequest) -> HttpResponse:
    participant = request.participant
    current = selectors.current_agreed(participant)
    if current is None:
        raise Http404
    language = request.LANGUAGE_CODE if request.LANGUAGE_CODE in pdf.LANGUAGES else "de"
    audit_record(actor=None, action="export", obj=current, fields=["pdf"],
                 detail=f"participant:{participant.pk} self-service lang={language}",
                 organisation_id=participant.organisation_id)
    return pdf.response(current, participant, language)
