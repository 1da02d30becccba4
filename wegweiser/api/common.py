"""Small pieces the domain endpoints share: ids from the URL, service errors as API answers, path parameters."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import APIException

MAX_ID = 2**63 - 1
MAX_SMALL = 2**31 - 1


def object_id(value: Any, *, limit: int = MAX_ID) -> int:
    """A database id (or a version number) from the URL, or 404: ids outside the column's range cannot exist."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 1 <= number <= limit:
        raise Http404
    return number


def id_param(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.INT, OpenApiParameter.PATH, description=description)


def messages_of(exc: DjangoValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


class ServiceRefused(APIException):
    """A service refused the change (Django ValidationError): 400 with the service's messages."""

    status_code: int = status.HTTP_400_BAD_REQUEST
    default_detail = "Ungültige Eingabe."
    default_code = "invalid"

    def __init__(self, exc: DjangoValidationError, *, code: str | None = None, status_code: int | None = None):
        texts = messages_of(exc)
        super().__init__(detail={"detail": " ".join(texts) or str(self.default_detail), "errors": texts,
                                 "code": code or getattr(exc, "code", None) or "invalid"})
        if status_code is not None:
            self.status_code = status_code


@contextmanager
def service_errors(*, conflict_codes: tuple[str, ...] = ()) -> Iterator[None]:
    """Run a service call: its ValidationError becomes 400 (or 409 for the given codes, e.g. stale/frozen)."""
    try:
        yield
    except DjangoValidationError as exc:
        code = getattr(exc, "code", None) or ""
        raise ServiceRefused(exc, status_code=status.HTTP_409_CONFLICT if code in conflict_codes else None) from exc


REFUSED = inline_serializer("Refused", {
    "detail": serializers.CharField(),
    "errors": serializers.ListField(child=serializers.CharField()),
    "code": serializers.CharField(),
})
