from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def staff_languages(request: HttpRequest) -> dict[str, Any]:
    return {"STAFF_LANGUAGES": settings.WEGWEISER_STAFF_LANGUAGES}
