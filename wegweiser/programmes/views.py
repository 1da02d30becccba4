"""Thin views: check access through the policy, read through selectors, write through services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from wegweiser.accounts.models import Role, User
from wegweiser.participants import policy as participant_policy
from wegweiser.participants.models import Participant
from wegweiser.privacy.guard import ProcessingRestricted

from . import certificates, ical, policy, selectors, services
from .forms import (
    CertificationForm,
    CourseForm,
    EnrolForm,
    KitForm,
    LoanForm,
    ModuleForm,
    ReturnForm,
    SessionForm,
    TrainerProfileForm,
    WithdrawForm,
)
from .models import (
    Attendance,
    CaseworkerTask,
    Course,
    Enrolment,
    Kit,
    KitLoan,
    Module,
    ParticipationCertificate,
    Session,
    TrainerProfile,
)


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _org_object(model: Any, user: Any, pk: int, **related: Any) -> Any:
    """An object of the user's organisation: another organisation's object does not exist (404)."""
    obj = get_object_or_404(model.objects.select_related(*related.get("select", ())), pk=pk)
    org_id = related["org"](obj) if "org" in related else obj.organisation_id
    policy.require_same_org(user, org_id)
    return obj


# --- catalogue ---------------------------------------------------------------------------------

@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    modules = list(selectors.modules_catalogue(request.user))
    return render(request, "programmes/module_list.html", {"modules": modules})


@login_required
def module_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policy.require_catalogue_reader(request.user)
    module = _org_object(Module, request.user, pk, select=("provider", "programme"))
    return render(request, "programmes/module_detail.html", {
        "module": module, "skills": selectors.skill_labels(module.skill_uris),
        "courses": selectors.courses_visible_to(request.user).filter(module=module),
    })


@login_required
def module_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    policy.require_admin(request.user)
    user: Any = request.user
    module = _org_object(Module, user, pk) if pk else None
    form = ModuleForm(request.POST or None, instance=module, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        try:
            if module is None:
                module = services.module_create(actor=user, prerequisites=form.cleaned_data["prerequisites"],
                                                **form.service_data())
            else:
                module.refresh_from_db()
                module = services.module_update(actor=user, module=module,
                                                prerequisites=form.cleaned_data["prerequisites"],
                                                **form.service_data())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Modul gespeichert."))
            return redirect("programmes:module_detail", pk=module.pk)
    return render(request, "programmes/form.html", {
        "form": form, "title": _("Modul bearbeiten") if module else _("Neues Modul"),
        "back": reverse("programmes:catalogue"),
    })


# --- courses -----------------------------------------------------------------------------------

@login_required
def course_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.role not in (Role.ADMIN, Role.CASEWORKER, Role.TRAINER):
        raise PermissionDenied
    return render(request, "programmes/course_list.html", {
        "courses": list(selectors.courses_visible_to(user)), "today": timezone.localdate(),
    })


@login_required
def course_create(request: HttpRequest) -> HttpResponse:
    policy.require_admin(request.user)
    user: Any = request.user
    form = CourseForm(request.POST or None, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            course = services.course_create(actor=user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Kurs angelegt."))
            return redirect("programmes:course_detail", pk=course.pk)
    return render(request, "programmes/form.html", {"form": form, "title": _("Neuer Kurs"),
                                                    "back": reverse("programmes:course_list")})


@login_required
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    course = policy.get_course(user, pk, "view")
    roster = selectors.course_roster(user, course)
    summaries = selectors.attendance_summaries([e.pk for e in roster])
    for enrolment in roster:
        enrolment.summary = summaries[enrolment.pk]  # type: ignore[attr-defined]
    teaches = policy.can_course(user, "attendance", course)
    return render(request, "programmes/course_detail.html", {
        "course": course, "roster": roster, "sessions": selectors.sessions_of_course(course),
        "trainers": list(course.trainers.all()), "course_rate": selectors.course_rate(summaries) if teaches else None,
        "can_take_attendance": teaches, "is_admin": user.role == Role.ADMIN,
        "can_certify": policy.can_course(user, "certify", course), "today": timezone.localdate(),
        "enrolled_count": sum(1 for e in roster if e.status == Enrolment.Status.ENROLLED),
        "assignable": selectors.assignable_trainers(course) if user.role == Role.ADMIN else [],
        "session_form": SessionForm() if user.role == Role.ADMIN else None,
        "skills": selectors.skill_labels(course.module.skill_uris),
    })


@login_required
def course_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    course = policy.get_course(request.user, pk, "view")
    grid = selectors.month_grid(selectors.sessions_of_course(course), request.GET.get("month"),
                                max(min(timezone.localdate(), course.end_date), course.start_date))
    return render(request, "programmes/calendar.html", {"grid": grid, "title": course.title, "course": course})


@login_required
@require_POST
def course_trainer(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    policy.require_admin(user)
    course = policy.get_course(user, pk, "manage")
    profile = get_object_or_404(TrainerProfile.objects.select_related("user"), pk=request.POST.get("profile"),
                                organisation_id=course.organisation_id)
    try:
        if request.POST.get("action") == "remove":
            services.course_trainer_remove(actor=user, course=course, trainer=profile.user)
            messages.success(request, _("Trainer/in entfernt."))
        else:
            services.course_trainer_assign(actor=user, course=course, trainer=profile.user)
            messages.success(request, _("Trainer/in zugeordnet."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("programmes:course_detail", pk=course.pk)


@login_required
@require_POST
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    course = policy.get_course(user, pk, "manage")
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.session_create(actor=user, course=course, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Termin angelegt."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("programmes:course_detail", pk=course.pk)


# --- attendance --------------------------------------------------------------------------------

def _session_for(user: Any, pk: int, action: str) -> Session:
    session = get_object_or_404(Session, pk=pk)
    session.course = policy.get_course(user, session.course_id, action)
    return session


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_for(request.user, pk, "attendance")
    rows = selectors.session_rows(session)
    markable = [status for e, status in rows if not e.restricted]  # type: ignore[attr-defined]
    return render(request, "programmes/attendance.html", {
        "session": session, "course": session.course, "rows": rows,
        "done": sum(1 for status in markable if status), "total": len(markable),
        "choices": Attendance.Status.choices,
    })


@login_required
@require_POST
def attendance_mark(request: HttpRequest, pk: int, enrolment_id: int) -> HttpResponse:
    session = _session_for(request.user, pk, "attendance")
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("participant").prefetch_related("participant__languages"),
        pk=enrolment_id, course_id=session.course_id)
    status = request.POST.get("status", "")
    try:
        services.attendance_record(actor=request.user, session=session, enrolment=enrolment,  # type: ignore[arg-type]
                                   status=status)
    except ValidationError as exc:
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponse(" ".join(exc.messages), status=400, content_type="text/plain; charset=utf-8")
        _errors(request, exc)
        return redirect("programmes:attendance", pk=session.pk)
    except ProcessingRestricted as exc:
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponse(str(exc), status=403, content_type="text/plain; charset=utf-8")
        raise
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "programmes/_attendance_row.html", {
            "session": session, "e": enrolment, "status": status, "choices": Attendance.Status.choices,
            "progress": selectors.session_progress(session),
        })
    return redirect(f"{reverse('programmes:attendance', args=[session.pk])}#e{enrolment.pk}")


# --- calendars ---------------------------------------------------------------------------------

def _trainer_calendar(request: HttpRequest, trainer: User) -> HttpResponse:
    today = timezone.localdate()
    sessions = list(selectors.sessions_of_trainer(trainer))
    grid = selectors.month_grid(sessions, request.GET.get("month"), today)
    profile = TrainerProfile.objects.filter(user=trainer).first() if trainer.pk == request.user.pk else None
    feed = request.build_absolute_uri(reverse("programmes:ical", args=[profile.ical_token])) if profile else ""
    return render(request, "programmes/calendar.html", {
        "grid": grid, "title": _("Kalender von %(name)s") % {"name": trainer}, "feed": feed, "show_course": True,
    })


@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    if getattr(request.user, "role", None) not in (Role.ADMIN, Role.CASEWORKER, Role.TRAINER):
        raise PermissionDenied
    return _trainer_calendar(request, request.user)  # type: ignore[arg-type]


@login_required
def trainer_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    policy.require_admin(request.user)
    profile = _org_object(TrainerProfile, request.user, pk, select=("user",))
    return _trainer_calendar(request, profile.user)


@never_cache
def ical_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public by token: the trainer's sessions in all courses they teach."""
    profile = TrainerProfile.objects.select_related("user").filter(ical_token=token).first()
    if profile is None or not profile.user.is_active:
        raise Http404
    sessions = selectors.sessions_of_trainer(profile.user, start=timezone.localdate() - dt.timedelta(days=90))
    events = [ical.Event(uid=f"session-{s.pk}@wegweiser", start=dt.datetime.combine(s.date, s.start_time),
                         end=dt.datetime.combine(s.date, s.end_time), summary=f"{s.course.title}: {s.topic}",
                         location=", ".join(x for x in (s.course.location, s.room) if x))
              for s in sessions]
    body = ical.calendar(events, name=f"Wegweiser – {profile.user}", stamp=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="kurse.ics"'
    return response


# --- enrolment ---------------------------------------------------------------------------------

@login_required
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    """Enrol a participant from the case file (link target of programmes/_case_file_enrolments.html)."""
    user: Any = request.user
    participant = participant_policy.get_participant(user, pk, "change")
    courses = selectors.courses_open_for_enrolment(user)
    # Coming from a recommendation's next step: preselect the next open course of that module.
    module_id = request.GET.get("module", "")
    initial = {}
    if module_id.isdigit():
        initial["course"] = courses.filter(module_id=int(module_id)).order_by("start_date", "pk").first()
    form = EnrolForm(request.POST or None, courses=courses, initial=initial)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = services.enrolment_create(actor=user, course=form.cleaned_data["course"],
                                                  participant=participant)
        except services.EnrolmentRefused as exc:
            problems = exc.messages
        else:
            if enrolment.status == Enrolment.Status.ENROLLED:
                messages.success(request, _("Angemeldet: %(course)s.") % {"course": enrolment.course})
            else:
                messages.warning(request, _("Der Kurs ist voll: %(name)s steht auf der Warteliste.")
                                 % {"name": participant.display_name})
            return redirect("participants:detail", pk=participant.pk)
    return render(request, "programmes/enrol.html", {
        "p": participant, "form": form, "problems": problems, "courses": list(courses),
        "enrolments": selectors.participant_enrolments(user, participant),
    })


def _enrolment_for(user: Any, pk: int) -> Enrolment:
    enrolment = get_object_or_404(Enrolment.objects.select_related("course", "course__module", "participant"), pk=pk)
    participant_policy.get_participant(user, enrolment.participant_id, "change")
    return enrolment


@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    enrolment = _enrolment_for(user, pk)
    if enrolment.status not in Enrolment.ACTIVE:
        raise Http404
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.enrolment_withdraw(actor=user, enrolment=enrolment, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Abgemeldet."))
            if moved is not None:
                messages.info(request, _("Der frei gewordene Platz ging an die erste Person der Warteliste."))
            return redirect("participants:detail", pk=enrolment.participant_id)
    return render(request, "programmes/withdraw.html", {"enrolment": enrolment, "form": form})


@login_required
@require_POST
def enrolment_complete(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_object_or_404(Enrolment.objects.select_related("course"), pk=pk)
    policy.get_course(request.user, enrolment.course_id, "certify")
    try:
        services.enrolment_complete(actor=request.user, enrolment=enrolment)  # type: ignore[arg-type]
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("programmes:course_detail", pk=enrolment.course_id)


# --- tasks -------------------------------------------------------------------------------------

@login_required
@require_POST
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    task = get_object_or_404(CaseworkerTask, pk=pk)
    policy.require_same_org(user, task.organisation_id)
    services.task_complete(actor=user, task=task)
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse("")
    messages.success(request, _("Aufgabe erledigt."))
    return redirect("participants:dashboard")


# --- trainers ----------------------------------------------------------------------------------

@login_required
def trainer_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    profiles = list(selectors.trainer_profiles(user))
    return render(request, "programmes/trainer_list.html", {
        "profiles": profiles, "expiring": list(selectors.expiring_certifications(user)),
        "today": timezone.localdate(), "warning_days": selectors.certification_warning_days(),
    })


@login_required
def trainer_create(request: HttpRequest) -> HttpResponse:
    policy.require_admin(request.user)
    user: Any = request.user
    form = TrainerProfileForm(request.POST or None, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.trainer_profile_create(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Trainerprofil angelegt."))
            return redirect("programmes:trainer_detail", pk=profile.pk)
    return render(request, "programmes/form.html", {"form": form, "title": _("Neues Trainerprofil"),
                                                    "back": reverse("programmes:trainer_list")})


@login_required
def trainer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policy.require_admin(request.user)
    user: Any = request.user
    profile = _org_object(TrainerProfile, user, pk, select=("user", "user__organisation"))
    form = CertificationForm(request.POST or None, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.certification_create(actor=user, trainer=profile, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Zertifizierung eingetragen."))
            return redirect("programmes:trainer_detail", pk=profile.pk)
    today = timezone.localdate()
    return render(request, "programmes/trainer_detail.html", {
        "profile": profile, "form": form, "today": today,
        "warn_until": today + dt.timedelta(days=selectors.certification_warning_days()),
        "certifications": list(profile.certifications.select_related("module")),
        "courses": list(Course.objects.filter(trainers=profile.user, organisation_id=user.organisation_id)),
    })


# --- kits --------------------------------------------------------------------------------------

@login_required
def kit_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    return render(request, "programmes/kit_list.html", {
        "kits": list(selectors.kits_of(user)), "overdue": list(selectors.overdue_loans(user)),
        "missing": list(selectors.missing_kits(user)), "today": timezone.localdate(),
    })


@login_required
def kit_create(request: HttpRequest) -> HttpResponse:
    policy.require_admin(request.user)
    form = KitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kit = services.kit_create(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Kit angelegt."))
            return redirect("programmes:kit_detail", pk=kit.pk)
    return render(request, "programmes/form.html", {"form": form, "title": _("Neues Kit / Gerät"),
                                                    "back": reverse("programmes:kit_list")})


def _borrowers(user: Any) -> list[tuple[str, str]]:
    today = timezone.localdate()
    choices = [(f"course:{c.pk}", f"{_('Kurs')}: {c.title}") for c in
               Course.objects.filter(organisation_id=user.organisation_id, end_date__gte=today)]
    choices += [(f"trainer:{p.user_id}", f"{_('Trainer/in')}: {p.user}") for p in
                TrainerProfile.objects.filter(organisation_id=user.organisation_id).select_related("user")]
    people = (Enrolment.objects.filter(course__organisation_id=user.organisation_id, course__end_date__gte=today,
                                       status=Enrolment.Status.ENROLLED)
              .select_related("participant", "course").order_by("participant__family_name"))
    choices += [(f"participant:{e.participant_id}", f"{e.participant} ({e.course.code})") for e in people]
    return list(dict(choices).items())


@login_required
def kit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policy.require_admin(request.user)
    user: Any = request.user
    kit = _org_object(Kit, user, pk)
    form = LoanForm(request.POST or None, borrowers=_borrowers(user))
    if request.method == "POST" and form.is_valid():
        kind, _sep, ident = form.cleaned_data["borrower"].partition(":")
        target: dict[str, Any] = {}
        if kind == "course":
            target["course"] = _org_object(Course, user, int(ident))
        elif kind == "trainer":
            target["trainer"] = get_object_or_404(User, pk=int(ident))
        else:
            target["participant"] = get_object_or_404(Participant, pk=int(ident))
        try:
            services.kit_loan_create(actor=user, kit=kit, due_on=form.cleaned_data["due_on"],
                                     note=form.cleaned_data["note"], **target)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Ausleihe eingetragen."))
            return redirect("programmes:kit_detail", pk=kit.pk)
    loans = list(kit.loans.select_related("course", "trainer", "participant", "lent_by").order_by("-lent_on", "-id"))
    return render(request, "programmes/kit_detail.html", {
        "kit": kit, "loans": loans, "form": form, "return_form": ReturnForm(), "today": timezone.localdate(),
    })


@login_required
@require_POST
def loan_return(request: HttpRequest, pk: int) -> HttpResponse:
    policy.require_admin(request.user)
    loan = _org_object(KitLoan, request.user, pk, select=("kit",), org=lambda loan: loan.kit.organisation_id)
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Bitte den Zustand bei Rückgabe angeben."))
        services.kit_loan_return(actor=request.user, loan=loan, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, _("Rückgabe eingetragen."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("programmes:kit_detail", pk=loan.kit_id)


@login_required
@require_POST
def loan_lost(request: HttpRequest, pk: int) -> HttpResponse:
    policy.require_admin(request.user)
    loan = _org_object(KitLoan, request.user, pk, select=("kit",), org=lambda loan: loan.kit.organisation_id)
    try:
        services.kit_loan_mark_lost(actor=request.user, loan=loan,  # type: ignore[arg-type]
                                    note=request.POST.get("note", ""))
        messages.warning(request, _("Als vermisst gemeldet."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("programmes:kit_detail", pk=loan.kit_id)


# --- certificates ------------------------------------------------------------------------------

@login_required
@require_POST
def certificate_issue(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_object_or_404(Enrolment.objects.select_related("course", "participant"), pk=pk)
    policy.get_course(request.user, enrolment.course_id, "certify")
    try:
        certificate = services.certificate_issue(actor=request.user, enrolment=enrolment)  # type: ignore[arg-type]
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("programmes:course_detail", pk=enrolment.course_id)
    return redirect("programmes:certificate_pdf", pk=certificate.pk)


@login_required
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(
        ParticipationCertificate.objects.select_related("enrolment__participant", "enrolment__course__module",
                                                        "enrolment__course__module__provider"), pk=pk)
    course = certificate.enrolment.course
    user: Any = request.user
    if not policy.can_course(user, "certify", course):
        # The participant's caseworker may print it too.
        try:
            participant_policy.get_participant(user, certificate.enrolment.participant_id, "change")
        except Http404:
            if user.organisation_id == course.organisation_id or policy.can_course(user, "view", course):
                raise PermissionDenied from None
            raise
    pdf = certificates.render_pdf(certificate, request.build_absolute_uri(
        reverse("programmes:verify", args=[certificate.code])))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="teilnahmebescheinigung-{certificate.code}.pdf"'
    return response


@never_cache
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: only valid/invalid, the module and the holder's initials."""
    certificate = selectors.certificate_by_code(code)
    context: dict[str, Any] = {"valid": bool(certificate and certificate.is_valid)}
    if certificate is not None and certificate.is_valid:
        participant = certificate.enrolment.participant
        context.update(module=certificate.enrolment.course.module.title,
                       initials=certificates.initials_of(participant))
    response = render(request, "programmes/verify.html", context, status=200 if context["valid"] else 404)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response



