"""Thin views: access through the policies, reads through selectors, writes through services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wegweiser.audit.services import audit_record
from wegweiser.participants import policy as participant_policy
from wegweiser.selfservice.access import ParticipantRequest, participant_required

from . import policy, selectors, services
from .forms import AnswerForm, ConsentForm, ReferralForm, VacancyForm
from .models import Consent, FollowUpTask, Referral, Vacancy


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- consents (staff) --------------------------------------------------------------------------

@login_required
def consents(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    participant = participant_policy.get_participant(user, pk, "change")
    form = ConsentForm(request.POST or None, request.FILES or None,
                       initial={"language": participant.preferred_language
                                if participant.preferred_language in dict(ConsentForm.base_fields["language"].choices)  # type: ignore[attr-defined]
                                else "de"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["method"] == "request":
                services.consent_request(actor=user, participant=participant, organisation=data["organisation"],
                                         purpose=data["purpose"])
                messages.success(request, _("Die Anfrage erscheint in der Selbstauskunft der Person."))
            else:
                services.consent_record(actor=user, participant=participant, organisation=data["organisation"],
                                        purpose=data["purpose"], method=data["method"], language=data["language"],
                                        form_file=data.get("form_file"))
                messages.success(request, _("Einwilligung gespeichert."))
        except ValidationError as exc:
            _errors(request, exc)
            return render(request, "partners/consents.html", {
                "p": participant, "form": form, "consents": selectors.consents_of(participant),
                "referrals": selectors.referrals_of(participant)}, status=422)
        return redirect("partners:consents", pk=participant.pk)
    return render(request, "partners/consents.html", {
        "p": participant, "form": form, "consents": selectors.consents_of(participant),
        "referrals": selectors.referrals_of(participant),
    }, status=422 if request.method == "POST" else 200)


def _consent_for_staff(user: Any, pk: int) -> Consent:
    consent = get_object_or_404(Consent.objects.select_related("participant", "organisation"), pk=pk)
    participant_policy.get_participant(user, consent.participant_id, "change")
    return consent


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    consent = _consent_for_staff(request.user, pk)
    try:
        stopped = services.consent_withdraw(actor=request.user, consent=consent)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Einwilligung widerrufen. %(n)s laufende Vermittlungen gestoppt.") % {"n": stopped})
    return redirect("partners:consents", pk=consent.participant_id)


@login_required
def consent_file(request: HttpRequest, pk: int) -> FileResponse:
    consent = _consent_for_staff(request.user, pk)
    if not consent.form_file:
        raise Http404
    audit_record(actor=request.user, action="view", obj=consent, fields=["form_file"],
                 detail=f"participant:{consent.participant_id} consent form")
    return FileResponse(consent.form_file.open("rb"), as_attachment=True,
                        filename=(consent.form_file.name or "").rsplit("/", 1)[-1])


# --- referrals (staff) -------------------------------------------------------------------------

@login_required
def referral_create(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    participant = participant_policy.get_participant(user, pk, "change")
    initial: dict[str, Any] = {}
    if request.GET.get("vacancy"):
        initial["vacancy"] = request.GET["vacancy"]
    from wegweiser.programmes.selectors import courses_open_for_enrolment

    form = ReferralForm(request.POST or None, initial=initial, courses=courses_open_for_enrolment(user))
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.referral_create(actor=user, participant=participant, organisation=data["organisation"],
                                         vacancy=data["vacancy"], course=data["course"],
                                         shared_fields=data["shared_fields"],
                                         note=data["note"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Vermittlung gesendet."))
                return redirect("partners:consents", pk=participant.pk)
    return render(request, "partners/referral_form.html", {"p": participant, "form": form}, status=status)


@login_required
def referral_list(request: HttpRequest) -> HttpResponse:
    policy.require_staff(request.user)
    referrals = list(selectors.referrals_visible_to(request.user)[:200])
    return render(request, "partners/referral_list.html", {"referrals": referrals})


@login_required
@require_POST
def referral_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    policy.require_staff(request.user)
    referral = get_object_or_404(Referral.objects.select_related("participant"), pk=pk)
    participant_policy.get_participant(request.user, referral.participant_id, "change")
    try:
        services.referral_cancel(actor=request.user, referral=referral)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Vermittlung zurückgezogen."))
    return redirect("partners:consents", pk=referral.participant_id)


@login_required
@require_POST
def followup_done(request: HttpRequest, pk: int) -> HttpResponse:
    policy.require_staff(request.user)
    task = get_object_or_404(FollowUpTask.objects.select_related("participant"), pk=pk)
    participant_policy.get_participant(request.user, task.participant_id, "change")
    try:
        services.followup_done(actor=request.user, task=task)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("participants:dashboard")


# --- partner portal ----------------------------------------------------------------------------

@login_required
def portal(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    policy.require_partner(user)
    referrals = list(selectors.portal_referrals(user))
    for r in referrals:
        audit_record(actor=user, action="view", obj=r.participant, fields=["name"],
                     detail=f"partner portal list, referral {r.pk}")
    return render(request, "partners/portal.html", {
        "referrals": referrals, "is_employer": user.organisation.kind == "employer",
    })


@login_required
def portal_referral(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    referral = policy.get_partner_referral(user, pk)
    form = AnswerForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                services.referral_answer(actor=user, referral_id=referral.pk, status=form.cleaned_data["status"],
                                         reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Antwort gespeichert."))
                return redirect("partners:portal")
    rows = selectors.shared_view(referral)
    audit_record(actor=user, action="view", obj=referral.participant,
                 fields=[str(label) for label, _v in rows], detail=f"partner portal referral {referral.pk}")
    return render(request, "partners/portal_referral.html", {
        "referral": referral, "rows": rows, "form": form,
        "answers": services.ANSWERS.get(referral.status, ()),
    }, status=status)


# --- vacancies ---------------------------------------------------------------------------------

def _vacancy_for(user: Any, pk: int) -> Vacancy:
    if not policy.can_view_vacancies(user):
        raise PermissionDenied
    vacancy = Vacancy.objects.filter(policy.vacancies_q(user), pk=pk).select_related("employer").first()
    if vacancy is None:
        raise Http404
    return vacancy


@login_required
def vacancy_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not policy.can_view_vacancies(user):
        raise PermissionDenied
    vacancies = list(Vacancy.objects.filter(policy.vacancies_q(user), active=True)
                     .select_related("employer").annotate(n_referrals=Count("referrals"))
                     .order_by("stale", "-updated_at")[:200])
    return render(request, "partners/vacancy_list.html", {
        "vacancies": vacancies, "may_create": policy.can_edit_vacancy(user, None)})


@login_required
def vacancy_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user: Any = request.user
    vacancy = _vacancy_for(user, pk) if pk else None
    if not policy.can_edit_vacancy(user, vacancy):
        raise PermissionDenied
    form = VacancyForm(request.POST or None, instance=vacancy, partner=policy.is_partner(user))
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                saved = services.vacancy_save(actor=user, vacancy=vacancy, **form.service_data())
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Stelle gespeichert."))
                return redirect("partners:vacancy_detail", pk=saved.pk)
    return render(request, "partners/vacancy_form.html", {"form": form, "vacancy": vacancy}, status=status)


@login_required
def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    vacancy = _vacancy_for(user, pk)
    matches = selectors.people_for_vacancy(user, vacancy) if policy.is_staff(user) else []
    return render(request, "partners/vacancy_detail.html", {
        "vacancy": vacancy, "matches": matches, "limit_km": int(selectors.distance_limit_km()),
        "may_edit": policy.can_edit_vacancy(user, vacancy), "is_staff": policy.is_staff(user),
    })


@login_required
def participant_vacancies(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    participant = participant_policy.get_participant(user, pk, "view_full")
    return render(request, "partners/participant_vacancies.html", {
        "p": participant, "matches": selectors.vacancies_for_participant(participant),
        "limit_km": int(selectors.distance_limit_km()),
    })


# --- self-service ------------------------------------------------------------------------------

@participant_required
def me_consents(request: ParticipantRequest) -> HttpResponse:
    participant = request.participant
    items = []
    for consent in selectors.self_service_consents(participant):
        text = services.consent_text_current(consent.purpose, request.LANGUAGE_CODE)
        shown = consent.text_shown if consent.status == Consent.Status.GIVEN else text.render(consent.organisation)
        items.append({"consent": consent, "text": shown})
    return render(request, "partners/me_consents.html", {"items": items})


@participant_required
@require_POST
def me_consent_answer(request: ParticipantRequest, pk: int) -> HttpResponse:
    participant = request.participant
    consent = Consent.objects.filter(pk=pk, participant=participant).select_related("organisation").first()
    if consent is None:
        raise Http404
    choice = request.POST.get("choice")
    try:
        if choice in ("yes", "no"):
            services.consent_answer_self_service(participant=participant, consent=consent, agree=choice == "yes",
                                                 language=request.LANGUAGE_CODE)
        elif choice == "withdraw":
            services.consent_withdraw(consent=consent, participant=participant)
        else:
            raise ValidationError(_("Bitte eine Antwort wählen."))
    except ValidationError:
        pass  # already answered elsewhere: the list shows the current state
    return redirect("partners:me_consents")
