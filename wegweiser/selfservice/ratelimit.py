"""Per-IP limit on failed invitation look-ups, kept in Django's cache.

Settings (read with defaults, so none is required):
- WEGWEISER_SELFSERVICE_GUESS_LIMIT: failed look-ups allowed per IP and window (default 20);
- WEGWEISER_SELFSERVICE_GUESS_WINDOW: window length in seconds (default 900).
With the default local-memory cache the count is per process; several web processes need a shared
cache (CACHES) for the limit to hold across them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from wegweiser.audit.context import current

DEFAULT_LIMIT = 20
DEFAULT_WINDOW = 15 * 60


def _limit() -> int:
    return int(getattr(settings, "WEGWEISER_SELFSERVICE_GUESS_LIMIT", DEFAULT_LIMIT))


def _window() -> int:
    return int(getattr(settings, "WEGWEISER_SELFSERVICE_GUESS_WINDOW", DEFAULT_WINDOW))


def client_ip(request: HttpRequest) -> str:
    return current.get().ip or request.META.get("REMOTE_ADDR") or "unknown"


def _key(request: HttpRequest) -> str:
    return f"selfservice:guess:{client_ip(request)}"


def is_blocked(request: HttpRequest) -> bool:
    return int(cache.get(_key(request), 0)) >= _limit()


def record_failure(request: HttpRequest) -> None:
    key = _key(request)
    # add() starts the window on the first failure; incr() keeps its expiry.
    if not cache.add(key, 1, timeout=_window()):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=_window())


def retry_after() -> int:
    return _window()
