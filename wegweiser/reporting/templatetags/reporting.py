from __future__ import annotations

from typing import Any

from django import template

from .. import selectors

register = template.Library()


@register.simple_tag
def followups_due(user: Any) -> list[Any]:
    return list(selectors.followups_due(user)[:20])


@register.filter
def cell(value: Any) -> str:
    """A published count, or the suppression mark."""
    return "•" if value is None else str(value)


@register.filter
def percent(value: Any) -> str:
    return "•" if value is None else f"{float(value) * 100:.1f} %".replace(".", ",")
