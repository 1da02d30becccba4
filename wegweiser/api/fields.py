"""Serializer fields that never let odd input reach the database as a server error."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from .common import MAX_ID
from .serializers import reject_unencodable


class ObjectIdField(serializers.IntegerField):
    """An id of `queryset`'s model: integers outside the column range or unknown ids are a 400, never a 500."""

    def __init__(self, queryset: Any, **kwargs: Any) -> None:
        self.queryset = queryset
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)

    def run_validation(self, data: Any = serializers.empty) -> Any:
        value = super().run_validation(data)
        if value is None:
            return None
        obj = self.queryset.filter(pk=value).first()
        if obj is None:
            raise serializers.ValidationError("Unbekannte Id.")
        return obj

    def to_representation(self, value: Any) -> Any:
        return getattr(value, "pk", value)


class TextField(serializers.CharField):
    """A CharField that also refuses lone surrogates (JSON can carry them, no database stores them)."""

    def to_internal_value(self, data: Any) -> str:
        return reject_unencodable(super().to_internal_value(data))
