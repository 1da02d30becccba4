"""Request facts (request id, client IP) that audit rows carry, without passing the request around."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip: str | None = None


# RequestContext is frozen, so sharing one default instance is safe.
current: ContextVar[RequestContext] = ContextVar(
    "wegweiser_request_context", default=RequestContext()  # noqa: B039
)
