from __future__ import annotations

from typing import Any

from django import template

from wegweiser.participants.models import Participant

from .. import selectors, services

register = template.Library()


@register.simple_tag
def restriction_of(participant: Participant) -> Any:
    return selectors.restriction_active(participant)


@register.simple_tag
def may_restrict(user: Any, participant: Participant) -> bool:
    return services.can_restrict(user, participant)
