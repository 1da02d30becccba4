"""Template tags behind the include templates other apps embed (case file, dashboard)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from wegweiser.participants import policy

from .. import selectors
from ..models import Step

register = template.Library()


@register.simple_tag
def plan_reviews_due(user: Any) -> list[Any]:
    today = timezone.localdate()
    versions = list(selectors.reviews_due(user, today=today)[:50])
    for version in versions:
        version.overdue = version.review_on < today  # type: ignore[attr-defined,operator]
    return versions


@register.simple_tag
def case_file_plan(user: Any, participant: Any) -> dict[str, Any] | None:
    """Summary for the case file, or None if the user may not read plans of this person."""
    if participant is None or not policy.scope(user).filter(pk=participant.pk).exists():
        return None
    if not policy.can(user, "view_full", participant):
        return None
    current = selectors.current_agreed(participant)
    return {"current": current, "open": selectors.open_version(participant),
            "missed": selectors.missed_steps(current)}


@register.simple_tag
def step_pictogram(kind: str) -> str:
    return f"plans/pictograms/{kind if kind in Step.Kind.values else 'other'}.svg"
