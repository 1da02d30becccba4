from __future__ import annotations

from typing import Any

from django import template

from wegweiser.participants import policy as participant_policy

from .. import selectors

register = template.Library()


@register.simple_tag
def partner_followups(user: Any) -> list[Any]:
    return selectors.followups_open_for(user)


@register.simple_tag
def case_file_partners(user: Any, participant: Any) -> dict[str, Any] | None:
    if not participant_policy.can(user, "change", participant):
        return None
    return {"consents": list(selectors.consents_of(participant).filter(status__in=["requested", "given"])),
            "referrals": list(selectors.referrals_of(participant)[:10])}
