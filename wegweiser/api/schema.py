"""OpenAPI generation: every operation documents the error answers the policy can give."""

from __future__ import annotations

from typing import Any, Literal

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

ERROR = inline_serializer("Error", {"detail": serializers.CharField()})
VALIDATION_ERROR = inline_serializer("ValidationError", {
    "detail": serializers.CharField(required=False),
})


class WegweiserAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction: Literal["request", "response"] = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        extra = {
            "401": ERROR, "403": ERROR, "404": ERROR, "429": ERROR,
        }
        extra["400"] = VALIDATION_ERROR
        for code, serializer in extra.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(serializer, code, direction=direction)
        return responses
