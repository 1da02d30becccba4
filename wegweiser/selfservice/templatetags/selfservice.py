from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def selfservice_languages() -> list[tuple[str, str]]:
    """(code, name in its own script) for the participant language switcher."""
    return [(code, str(name)) for code, name in settings.LANGUAGES]
