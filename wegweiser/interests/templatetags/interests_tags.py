from __future__ import annotations

from typing import Any

from django import template

from wegweiser.participants import policy

register = template.Library()


@register.simple_tag(takes_context=True)
def interest_summary(context: template.Context, participant: Any) -> dict[str, Any] | None:
    """Data for interests/_case_file_summary.html; None unless the user may see the full case file."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if participant is None or user is None or not policy.can(user, "view_full", participant):
        return None
    from wegweiser.interests.selectors import interest_summary_of

    return interest_summary_of(participant)
