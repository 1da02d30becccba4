"""Aggregate reads. Everything is counted in the database; Python only sees grouped cells.

Unit of the funnel: one *Teilnahme* (an enrolment that got a place). Each is placed at the furthest
stage it reached, so the stages partition the enrolments (a contingency table with honest totals);
the funnel "reached at least stage s" is the cumulative sum from the right.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, Greatest, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Role
from wegweiser.participants import policy as participant_policy
from wegweiser.participants.models import Participant
from wegweiser.programmes.models import Attendance, Certification, Enrolment, KitLoan, Programme
from wegweiser.recommendations.models import RecommendationFeedback

from .models import FollowUp, Outcome, ProgrammeFunding

STAGES: list[tuple[int, Any]] = [
    (0, _("angemeldet")),
    (1, _("aktiv (mind. ein Termin)")),
    (2, _("abgeschlossen")),
    (3, _("Arbeit / Ausbildung")),
    (4, _("nach 6 Monaten beschäftigt")),
    (5, _("nach 12 Monaten beschäftigt")),
]

DIMENSIONS: dict[str, Any] = {
    "module": _("Modul"),
    "course": _("Kurs (Kohorte)"),
    "nationality": _("Staatsangehörigkeit"),
    "gender": _("Geschlecht"),
    "age": _("Altersgruppe"),
    "municipality": _("Wohnort"),
    "month": _("Monat der Aufnahme"),
}
AGE_BANDS = [(0, 25, "unter 25"), (25, 35, "25–34"), (35, 45, "35–44"), (45, 55, "45–54"), (55, 200, "55+")]
UNKNOWN = "unbekannt"


@dataclass
class Filters:
    programme_id: int | None = None
    module_id: int | None = None
    course_id: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass
class Breakdown:
    dimension: str
    labels: list[str] = field(default_factory=list)
    rows: list[list[int]] = field(default_factory=list)  # label × stage (furthest stage reached)

    @property
    def stage_totals(self) -> list[int]:
        return [sum(col) for col in zip(*self.rows, strict=True)] if self.rows else [0] * len(STAGES)


def _years_ago(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _age_band(reference: dt.date) -> Case:
    whens = []
    for low, high, label in AGE_BANDS:
        whens.append(When(participant__birth_date__gt=_years_ago(reference, high),
                          participant__birth_date__lte=_years_ago(reference, low), then=Value(label)))
    return Case(*whens, default=Value(UNKNOWN), output_field=CharField())


def _stage() -> Any:
    """Furthest stage of an enrolment: 3/4/5 from the best transition after the course started (one
    correlated index probe), else 2 completed, 1 attended (hashed uncorrelated subquery), 0."""
    best = (Outcome.objects.filter(participant=OuterRef("participant"), kind__in=Outcome.TRANSITIONS,
                                   date__gte=OuterRef("course__start_date"))
            .order_by("-retained_months").values("retained_months")[:1])
    attended = Attendance.objects.filter(status__in=Attendance.ATTENDED).values("enrolment_id")
    progress = Case(
        When(status=Enrolment.Status.COMPLETED, then=Value(2)),
        When(pk__in=attended, then=Value(1)),
        default=Value(0), output_field=IntegerField(),
    )
    transition = Coalesce(3 + Subquery(best, output_field=IntegerField()) / 6, Value(0),
                          output_field=IntegerField())
    return Greatest(transition, progress, output_field=IntegerField())


def participations(user: Any, filters: Filters) -> QuerySet[Enrolment]:
    """Enrolments with a place, visible to `user` in aggregate, narrowed by the filters."""
    qs = Enrolment.objects.filter(enrolled_at__isnull=False, status__in=[
        Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED, Enrolment.Status.WITHDRAWN])
    role = getattr(user, "role", None)
    if role == Role.FUNDER:
        qs = qs.filter(course__module__programme__in=funded_programmes(user))
    elif role == Role.ADMIN:
        qs = qs.filter(course__organisation_id=user.organisation_id)
    elif role == Role.CASEWORKER:
        qs = qs.filter(course__organisation_id=user.organisation_id,
                       participant__in=participant_policy.scope(user).values("pk"))
    else:
        return qs.none()
    if filters.programme_id:
        qs = qs.filter(course__module__programme_id=filters.programme_id)
    if filters.module_id:
        qs = qs.filter(course__module_id=filters.module_id)
    if filters.course_id:
        qs = qs.filter(course_id=filters.course_id)
    if filters.start:
        qs = qs.filter(course__end_date__gte=filters.start)
    if filters.end:
        qs = qs.filter(course__start_date__lte=filters.end)
    return qs


@contextmanager
def _analytics() -> Iterator[None]:
    """PostgreSQL's JIT spends about a second compiling these mid-sized aggregates that then run in
    ~250 ms (bench/reporting_100k.py); switch it off for the transaction."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        yield


def _dimension_expressions(reference: dt.date) -> dict[str, Any]:
    return {
        "module": F("course__module__title"),
        "course": F("course__code"),
        "nationality": Coalesce(KeyTextTransform("0", "participant__nationalities"), Value(UNKNOWN),
                                output_field=CharField()),
        "gender": F("participant__gender"),
        "age": _age_band(reference),
        "municipality": F("participant__municipality"),
        "month": Cast(TruncMonth("enrolled_at"), output_field=CharField()),
    }


def breakdowns(user: Any, filters: Filters, dimensions: list[str]) -> dict[str, Breakdown]:
    """One database pass for all requested dimensions: a CTE with the stage per enrolment, grouped per
    dimension and UNION ALLed. Returns label × stage tables, labels sorted."""
    reference = filters.end or timezone.localdate()
    exprs = _dimension_expressions(reference)
    qs = participations(user, filters).annotate(
        stage_=_stage(), **{f"d_{d}": exprs[d] for d in dimensions}
    ).values("stage_", *[f"d_{d}" for d in dimensions]).order_by()
    inner, params = qs.query.sql_with_params()
    parts = [  # d comes from the fixed DIMENSIONS whitelist, never from input
        f"SELECT '{d}' AS dim, d_{d} AS label, stage_ AS stage, COUNT(*) AS n FROM t GROUP BY d_{d}, stage_"  # noqa: S608  # nosec B608
        for d in dimensions if d in DIMENSIONS
    ]
    result = {d: Breakdown(d) for d in dimensions}
    if not parts:
        return result
    sql = f"WITH t AS ({inner}) " + " UNION ALL ".join(parts)
    cells: dict[str, dict[str, list[int]]] = {d: {} for d in dimensions}
    with _analytics(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        for dim, label, stage, n in cursor.fetchall():
            text = _label(dim, label)
            row = cells[dim].setdefault(text, [0] * len(STAGES))
            row[int(stage)] += int(n)
    for d in dimensions:
        labels = sorted(cells[d])
        result[d] = Breakdown(d, labels, [cells[d][label] for label in labels])
    return result


def _label(dim: str, value: Any) -> str:
    if value in (None, ""):
        return UNKNOWN
    if dim == "month":
        return str(value)[:7]
    if dim == "gender":
        return str(Participant.Gender(value).label) if value in Participant.Gender.values else str(value)
    return str(value)


def funnel(totals: list[int]) -> list[int]:
    """Reached at least stage s = sum of the furthest-stage counts from s on."""
    return [sum(totals[s:]) for s in range(len(totals))]


# --- headline figures --------------------------------------------------------------------------


def headline(user: Any, filters: Filters) -> dict[str, Any]:
    qs = participations(user, filters).order_by()
    with _analytics():
        reached = qs.aggregate(persons=Count("participant_id", distinct=True), enrolments=Count("id"))
        attendance = Attendance.objects.filter(enrolment__in=qs.values("pk")).aggregate(
            recorded=Count("id"), attended=Count("id", filter=Q(status__in=Attendance.ATTENDED)))
    rate = (attendance["attended"] / attendance["recorded"]) if attendance["recorded"] else None
    return {"persons": reached["persons"], "enrolments": reached["enrolments"],
            "attendance_recorded": attendance["recorded"], "attendance_attended": attendance["attended"],
            "attendance_rate": rate}


def programme_resources(programme_ids: list[int], start: dt.date | None, end: dt.date | None) -> dict[str, int]:
    """Trainers with a valid certification for a programme module, kits on loan for the programme."""
    end = end or timezone.localdate()
    start = start or end
    certified = Certification.objects.filter(module__programme_id__in=programme_ids, certified_on__lte=end,
                                             valid_until__gte=start).aggregate(n=Count("trainer", distinct=True))
    kits = KitLoan.objects.filter(
        Q(course__module__programme_id__in=programme_ids)
        | Q(participant__enrolments__course__module__programme_id__in=programme_ids)
        | Q(trainer__courses_taught__module__programme_id__in=programme_ids),
        lent_on__lte=end, lost=False,
    ).filter(Q(returned_on__isnull=True) | Q(returned_on__gt=end)).aggregate(n=Count("kit", distinct=True))
    return {"trainers_certified": certified["n"], "kits_in_use": kits["n"]}


def caseload_by_phase(user: Any) -> list[tuple[str, int]]:
    counts = dict(participant_policy.scope(user).values_list("phase").annotate(n=Count("id")).order_by())
    from wegweiser.participants.models import Phase

    return [(str(label), counts.get(value, 0)) for value, label in Phase.choices]


def recommendation_acceptance(user: Any, filters: Filters) -> dict[str, int]:
    scope = participant_policy.scope(user)
    qs = RecommendationFeedback.objects.filter(participant__in=scope.values("pk"))
    if filters.start:
        qs = qs.filter(at__date__gte=filters.start)
    if filters.end:
        qs = qs.filter(at__date__lte=filters.end)
    counts = dict(qs.values_list("action").annotate(n=Count("id")).order_by())
    return {action: counts.get(action, 0) for action in RecommendationFeedback.Action.values}


# --- funders and follow-ups --------------------------------------------------------------------


def funded_programmes(user: Any) -> QuerySet[Programme]:
    if getattr(user, "role", None) != Role.FUNDER or not user.organisation_id:
        return Programme.objects.none()
    return Programme.objects.filter(fundings__funder_id=user.organisation_id).distinct()


def fundings_visible_to(user: Any) -> QuerySet[ProgrammeFunding]:
    qs = ProgrammeFunding.objects.select_related("programme", "funder")
    role = getattr(user, "role", None)
    if role == Role.FUNDER:
        return qs.filter(funder_id=user.organisation_id)
    if role == Role.ADMIN:
        return qs.filter(programme__organisation_id=user.organisation_id)
    return qs.none()


def programmes_for_staff(user: Any) -> QuerySet[Programme]:
    if getattr(user, "role", None) in (Role.ADMIN, Role.CASEWORKER):
        return Programme.objects.filter(organisation_id=user.organisation_id)
    return Programme.objects.none()


def followups_due(user: Any, *, within_days: int = 14) -> QuerySet[FollowUp]:
    """Open follow-ups due within `within_days` (or overdue) for participants the user is responsible for."""
    horizon = timezone.localdate() + dt.timedelta(days=within_days)
    role = getattr(user, "role", None)
    qs = FollowUp.objects.filter(status=FollowUp.Status.OPEN, due_on__lte=horizon)
    if role == Role.CASEWORKER:
        qs = qs.filter(outcome__participant__caseworker_id=user.pk)
    elif role == Role.ADMIN:
        qs = qs.filter(outcome__participant__organisation_id=user.organisation_id,
                       outcome__participant__caseworker__isnull=True)
    else:
        return qs.none()
    return qs.select_related("outcome", "outcome__participant").order_by("due_on", "id")


def outcomes_of(participant: Participant) -> QuerySet[Outcome]:
    return (Outcome.objects.filter(participant=participant).select_related("programme", "course")
            .prefetch_related("followups"))
