"""Who may see or do what in programme operations. The only place that decides it.

- admin: everything of the own organisation (catalogue, courses, trainers, kits, certificates);
- caseworker: the catalogue and courses of the own organisation, enrol/withdraw participants in their
  own reach (participants.policy), attendance of those participants only;
- trainer: courses they teach (any organisation), the names, languages and attendance of the people
  enrolled there, taking attendance, issuing participation certificates for those courses;
- partner, funder: nothing individual.
Objects of another organisation answer 404, objects of the own organisation without the right 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from wegweiser.accounts.models import Role

from .models import Course, Enrolment

CATALOGUE_ROLES = (Role.ADMIN, Role.CASEWORKER)


def _active(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.organisation_id is not None)


def courses_scope(user: Any, queryset: QuerySet[Course] | None = None) -> QuerySet[Course]:
    qs = queryset if queryset is not None else Course.objects.all()
    if not _active(user):
        return qs.none()
    if user.role in CATALOGUE_ROLES:
        return qs.filter(Q(organisation_id=user.organisation_id) | Q(trainers=user)).distinct()
    if user.role == Role.TRAINER:
        return qs.filter(trainers=user)
    return qs.none()


def _is_trainer_of(user: Any, course: Course) -> bool:
    return course.trainers.filter(pk=user.pk).exists()


def can_course(user: Any, action: str, course: Course) -> bool:
    """action: view | attendance | manage | enrol | certify."""
    if not _active(user):
        return False
    own_org = course.organisation_id == user.organisation_id
    if user.role == Role.ADMIN and own_org:
        return True
    teaches = _is_trainer_of(user, course)
    if action == "view":
        return teaches or (user.role == Role.CASEWORKER and own_org)
    if action in {"attendance", "certify"}:
        return teaches
    if action == "enrol":
        return user.role == Role.CASEWORKER and own_org
    return False


def get_course(user: Any, pk: int, action: str = "view") -> Course:
    course = Course.objects.select_related("module", "module__provider", "organisation").filter(pk=pk).first()
    if course is None:
        raise Http404
    if can_course(user, action, course):
        return course
    if _active(user) and course.organisation_id == user.organisation_id:
        raise PermissionDenied
    if _active(user) and _is_trainer_of(user, course):
        raise PermissionDenied
    raise Http404


def require_admin(user: Any) -> None:
    if getattr(user, "role", None) != Role.ADMIN or user.organisation_id is None:
        raise PermissionDenied


def require_catalogue_reader(user: Any) -> None:
    if getattr(user, "role", None) not in CATALOGUE_ROLES or user.organisation_id is None:
        raise PermissionDenied


def require_same_org(user: Any, organisation_id: int) -> None:
    """For objects reached by id: another organisation's object does not exist for this user."""
    if user.organisation_id != organisation_id:
        raise Http404


def trainer_participant_q(user: Any) -> Q:
    """Scope provider for participants.policy: people enrolled (or finished) in a course the user teaches."""
    ids = Enrolment.objects.filter(course__trainers=user, status__in=Enrolment.TAUGHT).values("participant_id")
    return Q(pk__in=ids)
