"""Writes: outcomes, follow-up answers, programme funding, generated funder reports. Each audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import Organisation, Role
from wegweiser.audit.services import audit_record
from wegweiser.participants import policy as participant_policy
from wegweiser.participants.models import Participant
from wegweiser.programmes.models import Course, Programme

from . import report, selectors
from .models import FollowUp, FunderReport, Outcome, ProgrammeFunding

FOLLOWUP_MONTHS = (6, 12)


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def default_k() -> int:
    return max(5, int(getattr(settings, "WEGWEISER_REPORTING_MIN_CELL", 5)))


def outcome_record(*, actor: Any, participant: Participant, kind: str, date: dt.date,
                   programme: Programme | None = None, course: Course | None = None, employer: str = "",
                   occupation: str = "", hours_per_week: int | None = None, note: str = "") -> Outcome:
    """Record a transition; jobs and training get follow-ups at 6 and 12 months."""
    if not participant_policy.can(actor, "change", participant):
        raise PermissionDenied
    if kind not in Outcome.Kind.values:
        raise ValidationError(_("Unbekannte Art des Ergebnisses."))
    if date > timezone.localdate():
        raise ValidationError(_("Das Datum liegt in der Zukunft."))
    if kind in Outcome.TRANSITIONS and not (employer and occupation):
        raise ValidationError(_("Bei Arbeit oder Ausbildung sind Arbeitgeber/Träger und Tätigkeit anzugeben."))
    if hours_per_week is not None and not 1 <= hours_per_week <= 60:
        raise ValidationError(_("Wochenstunden zwischen 1 und 60 angeben."))
    for obj in (programme, course):
        if obj is not None and obj.organisation_id != participant.organisation_id:
            raise ValidationError(_("Programm oder Kurs gehört zu einer anderen Organisation."))
    with transaction.atomic():
        outcome = Outcome.objects.create(
            participant=participant, kind=kind, date=date, programme=programme, course=course, employer=employer,
            occupation=occupation, hours_per_week=hours_per_week, note=note, created_by=actor)
        if kind in Outcome.TRANSITIONS:
            FollowUp.objects.bulk_create([FollowUp(outcome=outcome, months=m, due_on=add_months(date, m))
                                          for m in FOLLOWUP_MONTHS])
        audit_record(actor=actor, action="create", obj=outcome, fields=["kind", "date", "employer", "occupation"],
                     detail=f"participant={participant.pk}")
    return outcome


def followup_answer(*, actor: Any, followup: FollowUp, status: str) -> FollowUp:
    participant = followup.outcome.participant
    if not participant_policy.can(actor, "change", participant):
        raise PermissionDenied
    if status not in (FollowUp.Status.YES, FollowUp.Status.NO, FollowUp.Status.UNKNOWN):
        raise ValidationError(_("Bitte eine gültige Antwort wählen."))
    if followup.due_on > timezone.localdate() + dt.timedelta(days=30):
        raise ValidationError(_("Diese Nachbefragung ist noch nicht fällig."))
    with transaction.atomic():
        FollowUp.objects.filter(pk=followup.pk).update(status=status, answered_at=timezone.now(), answered_by=actor)
        retained = (FollowUp.objects.filter(outcome_id=followup.outcome_id, status=FollowUp.Status.YES)
                    .aggregate(m=Max("months"))["m"] or 0)
        Outcome.objects.filter(pk=followup.outcome_id).update(retained_months=retained)
        audit_record(actor=actor, action="update", obj=followup, fields=["status"], detail=status)
    followup.refresh_from_db()
    return followup


def funding_create(*, actor: Any, programme: Programme, funder: Organisation, since: dt.date,
                   until: dt.date | None = None) -> ProgrammeFunding:
    if getattr(actor, "role", None) != Role.ADMIN or actor.organisation_id != programme.organisation_id:
        raise PermissionDenied
    if funder.kind != Organisation.Kind.FUNDER:
        raise ValidationError(_("Nur Fördermittelgeber können ein Programm fördern."))
    if until is not None and until < since:
        raise ValidationError(_("Das Ende liegt vor dem Beginn."))
    with transaction.atomic():
        funding, created = ProgrammeFunding.objects.get_or_create(
            programme=programme, funder=funder, defaults={"since": since, "until": until})
        if created:
            audit_record(actor=actor, action="create", obj=funding, fields=["programme", "funder", "since"])
    return funding


class _FunderView:
    """The aggregate view a funder has: used when the report is generated by staff or by the scheduler."""

    role = Role.FUNDER
    is_authenticated = True

    def __init__(self, organisation_id: int) -> None:
        self.organisation_id = organisation_id


def report_generate(*, actor: Any, funding: ProgrammeFunding, period_start: dt.date, period_end: dt.date,
                    k: int | None = None) -> FunderReport:
    """Build the protected report for one funded programme and period and store it with PDF and XLSX."""
    role = getattr(actor, "role", None)
    if actor is not None and not isinstance(actor, str):
        allowed = ((role == Role.ADMIN and actor.organisation_id == funding.programme.organisation_id)
                   or (role == Role.FUNDER and actor.organisation_id == funding.funder_id))
        if not allowed:
            raise PermissionDenied
    if period_end < period_start:
        raise ValidationError(_("Das Ende liegt vor dem Beginn."))
    k = max(default_k(), k or 0)
    filters = selectors.Filters(programme_id=funding.programme_id, start=period_start, end=period_end)
    title = f"{funding.programme} – {period_start:%d.%m.%Y} bis {period_end:%d.%m.%Y}"
    built = report.build(_FunderView(funding.funder_id), filters, protected=True, k=k, title=title)
    pdf = report.render_pdf(built, programme=str(funding.programme), funder=str(funding.funder))
    xlsx = report.render_xlsx(built)
    with transaction.atomic():
        stored = FunderReport.objects.create(
            funding=funding, period_start=period_start, period_end=period_end, k=k, data=built.as_json(),
            pdf=pdf, xlsx=xlsx, generated_by=actor if getattr(actor, "is_authenticated", False) else None)
        audit_record(actor=actor, action="create", obj=stored, fields=["period_start", "period_end"],
                     organisation_id=funding.programme.organisation_id)
    return stored


def previous_month(today: dt.date) -> tuple[dt.date, dt.date]:
    end = today.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


def monthly_reports_generate(*, today: dt.date | None = None) -> list[FunderReport]:
    """One report per active funding for the previous calendar month (skips those already generated)."""
    start, end = previous_month(today or timezone.localdate())
    made = []
    for funding in ProgrammeFunding.objects.select_related("programme", "funder").order_by("pk"):
        if funding.since > end or (funding.until and funding.until < start):
            continue
        if FunderReport.objects.filter(funding=funding, period_start=start, period_end=end).exists():
            continue
        made.append(report_generate(actor="system:monthly-report", funding=funding, period_start=start,
                                    period_end=end))
    return made
