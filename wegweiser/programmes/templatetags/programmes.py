"""Template tags behind the include templates that other apps embed (case file, dashboard)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from wegweiser.participants import policy as participant_policy

from .. import selectors

register = template.Library()


@register.simple_tag
def case_file_enrolments(user: Any, participant: Any) -> list[Any]:
    """Enrolments with attendance for a case file the user can see (the caller's view checked access)."""
    if participant is None or not participant_policy.scope(user).filter(pk=participant.pk).exists():
        return []
    return selectors.participant_enrolments(user, participant)


@register.simple_tag
def can_enrol(user: Any, participant: Any) -> bool:
    return bool(participant is not None and participant_policy.can(user, "change", participant)
                and participant_policy.scope(user).filter(pk=participant.pk).exists())


@register.simple_tag
def open_tasks(user: Any) -> list[Any]:
    today = timezone.localdate()
    tasks = list(selectors.open_tasks(user)[:50])
    for task in tasks:
        task.overdue = task.due_on < today  # type: ignore[attr-defined]
    return tasks


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)} %"
