"""Reads. Access is checked by the caller (views through `participants.policy`); the reminder list
applies the policy's scope itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from wegweiser.accounts.models import Role
from wegweiser.participants import policy
from wegweiser.participants.models import Participant

from .models import Plan, PlanVersion, Step

OPEN_STATUSES = (PlanVersion.Status.DRAFT, PlanVersion.Status.AWAITING)


def review_reminder_days() -> int:
    return int(getattr(settings, "WEGWEISER_PLAN_REVIEW_REMINDER_DAYS", 14))


def _steps() -> Prefetch[Any]:
    return Prefetch("steps", queryset=Step.objects.select_related("module", "partner_organisation", "enrolment"))


def versions_of(participant: Participant) -> list[PlanVersion]:
    return list(PlanVersion.objects.filter(plan__participant=participant)
                .select_related("signed_by", "created_by").annotate(step_count=Count("steps"))
                .order_by("-number"))


def version_get(participant: Participant, number: int) -> PlanVersion | None:
    return (PlanVersion.objects.filter(plan__participant=participant, number=number)
            .select_related("plan", "signed_by", "participant_ack_recorded_by").prefetch_related(_steps()).first())


def current_agreed(participant: Participant) -> PlanVersion | None:
    """The newest agreed version: what is in force."""
    return (PlanVersion.objects.filter(plan__participant=participant, status=PlanVersion.Status.AGREED)
            .select_related("plan", "signed_by").prefetch_related(_steps()).order_by("-number").first())


def open_version(participant: Participant) -> PlanVersion | None:
    """The draft, or the signed version awaiting the participant's acknowledgement (at most one)."""
    return (PlanVersion.objects.filter(plan__participant=participant, status__in=OPEN_STATUSES)
            .select_related("plan").prefetch_related(_steps()).first())


def awaiting_version(participant: Participant) -> PlanVersion | None:
    return (PlanVersion.objects.filter(plan__participant=participant, status=PlanVersion.Status.AWAITING)
            .select_related("plan").prefetch_related(_steps()).first())


def base_version(plan: Plan) -> PlanVersion | None:
    """What a new draft is copied from: the newest signed version (agreed or withdrawn)."""
    return (plan.versions.exclude(status__in=OPEN_STATUSES).prefetch_related("steps").order_by("-number").first())


def snapshot(version: PlanVersion) -> dict[str, Any]:
    """Plain data of a version for the diff."""
    return {
        "goal_kind": version.get_goal_kind_display(), "goal_label": version.goal_label,
        "goal_translation": version.goal_translation, "goal_occupation_uri": version.goal_occupation_uri,
        "review_on": version.review_on,
        "steps": [{
            "key": str(s.key), "kind": s.get_kind_display(), "what": s.what, "what_translation": s.what_translation,
            "responsible": s.responsible_text, "partner_name": s.partner_name, "due_on": s.due_on,
            "status": s.get_status_display(), "drop_reason": s.drop_reason,
            "module": s.module.title if s.module_id and s.module else "",
            "recommendation_uri": s.recommendation_uri, "referral": str(s.referral) if s.referral_id else "",
        } for s in version.steps.all()],
    }


def missed_steps(version: PlanVersion | None, today: dt.date | None = None) -> list[Step]:
    if version is None:
        return []
    today = today or timezone.localdate()
    return [s for s in version.steps.all() if s.effective_status(today) == Step.Status.MISSED]


def reviews_due(user: Any, *, today: dt.date | None = None, days: int | None = None) -> QuerySet[PlanVersion]:
    """Plans in force whose review date is at most `days` ahead (or past), for the dashboard.

    Caseworkers see their own caseload (assigned to them), admins the whole organisation; other roles
    nothing. Only the newest agreed version of each plan counts, and not while a newer version is
    waiting for the participant's acknowledgement.
    """
    today = today or timezone.localdate()
    days = review_reminder_days() if days is None else days
    role = getattr(user, "role", None)
    if role not in (Role.ADMIN, Role.CASEWORKER):
        return PlanVersion.objects.none()
    participants = policy.scope(user)
    if role == Role.CASEWORKER:
        participants = participants.filter(caseworker_id=user.pk)
    newer = PlanVersion.objects.filter(plan_id=OuterRef("plan_id"), number__gt=OuterRef("number"),
                                       status__in=[PlanVersion.Status.AGREED, PlanVersion.Status.AWAITING])
    open_steps = Q(steps__status=Step.Status.OPEN, steps__due_on__lt=today)
    return (PlanVersion.objects
            .filter(status=PlanVersion.Status.AGREED, review_on__lte=today + dt.timedelta(days=days),
                    plan__participant__in=participants.values("pk"))
            .filter(~Exists(newer))
            .annotate(missed=Count("steps", filter=open_steps | Q(steps__status=Step.Status.MISSED)))
            .select_related("plan__participant")
            .order_by("review_on", "plan_id"))


def accepted_recommendations(participant: Participant) -> list[Any]:
    """Recommendations whose newest feedback is "accepted", newest first."""
    from wegweiser.recommendations.models import RecommendationFeedback
    from wegweiser.recommendations.selectors import latest_feedback

    return [fb for fb in latest_feedback(participant).values()
            if fb.action == RecommendationFeedback.Action.ACCEPTED]
