"""Reads of programme operations; every list goes through the access policy."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from wegweiser.accounts.models import Role
from wegweiser.participants import policy as participant_policy
from wegweiser.participants.models import LanguageSkill, Participant
from wegweiser.privacy.guard import not_restricted_q, restricted_flag
from wegweiser.taxonomy.models import Skill

from . import policy, rules
from .models import (
    Attendance,
    CaseworkerTask,
    Certification,
    Course,
    Enrolment,
    Kit,
    KitLoan,
    Module,
    ParticipationCertificate,
    Session,
    TrainerProfile,
)


def modules_catalogue(user: Any) -> QuerySet[Module]:
    policy.require_catalogue_reader(user)
    return (Module.objects.filter(organisation_id=user.organisation_id)
            .select_related("provider", "programme").prefetch_related("prerequisites")
            .order_by("-active", "programme__name", "title"))


def skill_labels(uris: list[str]) -> dict[str, str]:
    """German (else English) ESCO labels for the given URIs; unknown URIs map to themselves."""
    found = {uri: de or en for uri, de, en in Skill.objects.filter(uri__in=uris).values_list(
        "uri", "preferred_de", "preferred_en")}
    return {uri: found.get(uri, uri) for uri in uris}


def courses_visible_to(user: Any) -> QuerySet[Course]:
    return policy.courses_scope(user, Course.objects.select_related("module")).annotate(
        enrolled_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED), distinct=True),
        waiting_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITING), distinct=True),
    ).prefetch_related("trainers").order_by("start_date", "code")


def courses_open_for_enrolment(user: Any) -> QuerySet[Course]:
    return courses_visible_to(user).filter(organisation_id=user.organisation_id,
                                           end_date__gte=timezone.localdate())


def _languages_prefetch() -> Prefetch:
    return Prefetch("participant__languages", queryset=LanguageSkill.objects.order_by("id"))


def course_roster(user: Any, course: Course, *, with_waiting: bool = True) -> list[Enrolment]:
    """Enrolments of the course the user may see: all for admins and the course's trainers, the own
    participants for caseworkers. Trainers get names and languages only (templates show nothing else)."""
    statuses = [Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED]
    if with_waiting:
        statuses.append(Enrolment.Status.WAITING)
    qs = (Enrolment.objects.filter(course=course, status__in=statuses)
          .select_related("participant").prefetch_related(_languages_prefetch())
          .annotate(restricted=restricted_flag("participant_id"))
          .order_by("status", "participant__family_name", "participant__given_name", "requested_at", "id"))
    if not (policy.can_course(user, "attendance", course)):
        qs = qs.filter(participant__in=participant_policy.scope(user))
    rows: list[Enrolment] = list(qs)
    waiting = sorted((e for e in rows if e.status == Enrolment.Status.WAITING), key=lambda e: (e.requested_at, e.pk))
    for position, enrolment in enumerate(waiting, start=1):
        enrolment.waiting_position = position  # type: ignore[attr-defined]
    return rows


@dataclass
class AttendanceSummary:
    counts: Counter[str] = field(default_factory=Counter)
    rate: float | None = None

    @property
    def recorded(self) -> int:
        return sum(self.counts.values())


def attendance_summaries(enrolment_ids: list[int]) -> dict[int, AttendanceSummary]:
    statuses: dict[int, list[str]] = defaultdict(list)
    for enrolment_id, status in Attendance.objects.filter(enrolment_id__in=enrolment_ids).values_list(
            "enrolment_id", "status"):
        statuses[enrolment_id].append(status)
    return {eid: AttendanceSummary(Counter(statuses[eid]), rules.attendance_rate(statuses[eid]))
            for eid in enrolment_ids}


def course_rate(summaries: dict[int, AttendanceSummary]) -> float | None:
    counts: Counter[str] = Counter()
    for summary in summaries.values():
        counts.update(summary.counts)
    total = sum(counts.values())
    return (counts["present"] + counts["late"]) / total if total else None


def session_rows(session: Session) -> list[tuple[Enrolment, str]]:
    """The people to tick for a session (enrolled or completed), with their current status: 2 queries + 1.

    Each enrolment carries `restricted`: a restricted file's attendance cannot be recorded (Art. 18 GDPR).
    """
    enrolments = list(Enrolment.objects.filter(course_id=session.course_id, status__in=Enrolment.TAUGHT)
                      .select_related("participant").prefetch_related(_languages_prefetch())
                      .annotate(restricted=restricted_flag("participant_id"))
                      .order_by("participant__family_name", "participant__given_name", "id"))
    marked = dict(Attendance.objects.filter(session=session).values_list("enrolment_id", "status"))
    return [(e, marked.get(e.pk, "")) for e in enrolments]


def session_progress(session: Session) -> tuple[int, int]:
    """(people marked, people to mark) for a session; people whose file is restricted cannot be marked."""
    markable = Enrolment.objects.filter(course_id=session.course_id, status__in=Enrolment.TAUGHT).filter(
        not_restricted_q("participant_id"))
    done = Attendance.objects.filter(session=session, enrolment__in=markable).count()
    return done, markable.count()


def sessions_of_course(course: Course) -> list[Session]:
    return list(course.sessions.all())


def sessions_of_trainer(user: Any, start: dt.date | None = None, end: dt.date | None = None) -> QuerySet[Session]:
    qs = Session.objects.filter(course__trainers=user).select_related("course")
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    return qs.order_by("date", "start_time")


@dataclass(frozen=True)
class MonthGrid:
    year: int
    month: int
    weeks: list[list[tuple[dt.date, list[Session]]]]
    previous: str
    next: str


def month_grid(sessions: list[Session], month: str | None, fallback: dt.date) -> MonthGrid:
    try:
        year, mon = (int(x) for x in (month or "").split("-"))
        first = dt.date(year, mon, 1)
    except ValueError:
        first = fallback.replace(day=1)
    by_day: dict[dt.date, list[Session]] = defaultdict(list)
    for s in sessions:
        by_day[s.date].append(s)
    weeks = [[(day, by_day.get(day, []) if day.month == first.month else []) for day in week]
             for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)]
    prev_month = (first - dt.timedelta(days=1)).replace(day=1)
    next_month = (first + dt.timedelta(days=32)).replace(day=1)
    return MonthGrid(first.year, first.month, weeks, f"{prev_month:%Y-%m}", f"{next_month:%Y-%m}")


def participant_enrolments(user: Any, participant: Participant) -> list[Enrolment]:
    """For the case file: the participant's enrolments (the caller has checked access to the file)."""
    qs = Enrolment.objects.filter(participant=participant)
    if not participant_policy.can(user, "view_full", participant):
        qs = qs.filter(course__trainers=user)  # trainers: only their own courses
    rows = list(qs.select_related("course", "course__module").prefetch_related("certificates")
                .order_by("-requested_at"))
    summaries = attendance_summaries([e.pk for e in rows])
    for enrolment in rows:
        enrolment.summary = summaries[enrolment.pk]  # type: ignore[attr-defined]
    return rows


def open_tasks(user: Any) -> QuerySet[CaseworkerTask]:
    """Open tasks on participants the user is responsible for (caseworkers: assigned to them)."""
    if getattr(user, "role", None) not in (Role.ADMIN, Role.CASEWORKER):
        return CaseworkerTask.objects.none()
    qs = CaseworkerTask.objects.filter(done_at__isnull=True, organisation_id=user.organisation_id)
    if user.role == Role.CASEWORKER:
        qs = qs.filter(Q(assignee=user) | Q(assignee__isnull=True, participant__in=participant_policy.scope(user)))
    return qs.select_related("participant", "course").order_by("due_on", "id")


def trainer_profiles(user: Any) -> QuerySet[TrainerProfile]:
    policy.require_admin(user)
    return (TrainerProfile.objects.filter(organisation_id=user.organisation_id)
            .select_related("user", "user__organisation")
            .prefetch_related(Prefetch("certifications", queryset=Certification.objects.select_related("module")))
            .order_by("user__last_name", "user__first_name"))


def certification_warning_days() -> int:
    return int(getattr(settings, "WEGWEISER_CERTIFICATION_WARNING_DAYS", 60))


def expiring_certifications(user: Any, today: dt.date | None = None) -> QuerySet[Certification]:
    today = today or timezone.localdate()
    return (Certification.objects.filter(trainer__organisation_id=user.organisation_id,
                                         valid_until__lte=today + dt.timedelta(days=certification_warning_days()))
            .select_related("trainer__user", "module").order_by("valid_until"))


def kits_of(user: Any) -> QuerySet[Kit]:
    policy.require_admin(user)
    open_loans = KitLoan.objects.filter(returned_on__isnull=True, lost=False).select_related(
        "course", "trainer", "participant")
    return (Kit.objects.filter(organisation_id=user.organisation_id)
            .prefetch_related(Prefetch("loans", queryset=open_loans, to_attr="open_loans")))


def overdue_loans(user: Any, today: dt.date | None = None) -> QuerySet[KitLoan]:
    today = today or timezone.localdate()
    return (KitLoan.objects.filter(kit__organisation_id=user.organisation_id, returned_on__isnull=True, lost=False,
                                   due_on__lt=today)
            .select_related("kit", "course", "trainer", "participant").order_by("due_on"))


def missing_kits(user: Any) -> QuerySet[Kit]:
    return Kit.objects.filter(organisation_id=user.organisation_id, status=Kit.Status.MISSING)


def certificate_by_code(code: str) -> ParticipationCertificate | None:
    return (ParticipationCertificate.objects.filter(code=code.upper()[:16])
            .select_related("enrolment__participant", "enrolment__course__module").first())


def assignable_trainers(course: Course) -> list[tuple[TrainerProfile, bool]]:
    """Trainer profiles of the course's organisation, with whether each may teach it."""
    profiles = list(TrainerProfile.objects.filter(organisation_id=course.organisation_id).select_related("user"))
    if not course.module.requires_certification:
        return [(p, True) for p in profiles]
    certified = set(Certification.objects.filter(
        trainer__in=profiles, module_id=course.module_id, certified_on__lte=course.start_date,
        valid_until__gte=course.end_date).values_list("trainer_id", flat=True))
    return [(p, p.pk in certified) for p in profiles]
