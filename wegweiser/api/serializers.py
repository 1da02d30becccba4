"""API representations. Field allow-lists per role come from the same policy as the HTML views."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from wegweiser.participants import policy
from wegweiser.participants.models import LanguageSkill, Participant

# Fields every role that may see a participant at all gets (trainer, partner: nothing more).
LIMITED_FIELDS = ("id", "given_name", "family_name", "given_name_original", "family_name_original", "languages")
FULL_FIELDS = (
    *LIMITED_FIELDS, "customer_number", "version", "birth_date", "birth_date_precision", "gender", "nationalities",
    "phone", "municipality", "preferred_language", "residence_status", "residence_valid_until", "work_permission",
    "childcare_needed", "driving_licence", "own_car", "uses_public_transport", "working_time", "phase",
    "exit_reason", "exit_date", "caseworker", "last_contact_on",
)
HEALTH_FIELDS = ("health_restrictions",)


class LanguageSkillSerializer(serializers.ModelSerializer):
    class Meta:
        model = LanguageSkill
        fields = ("language", "listening", "reading", "speaking", "writing")


class ParticipantSerializer(serializers.ModelSerializer):
    """All fields a caseworker may see; `to_representation` drops what the viewer may not see."""

    languages = LanguageSkillSerializer(many=True, read_only=True)
    caseworker: serializers.StringRelatedField = serializers.StringRelatedField()

    class Meta:
        model = Participant
        fields = (*FULL_FIELDS, *HEALTH_FIELDS)
        read_only_fields = ("id", "version", "caseworker", "last_contact_on", "languages")

    def to_representation(self, instance: Participant) -> dict[str, Any]:
        data = super().to_representation(instance)
        user = self.context["request"].user
        sections = policy.visible_sections(user, instance)
        allowed: tuple[str, ...] = LIMITED_FIELDS
        if "identity" in sections:
            allowed = FULL_FIELDS + (HEALTH_FIELDS if "health" in sections else ())
        return {key: value for key, value in data.items() if key in allowed}


def reject_unencodable(value: Any) -> Any:
    """JSON may carry lone surrogates (\\udxxx) that no database can store: refuse them clearly."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise serializers.ValidationError("Ungültige Zeichen (kein gültiges Unicode).") from exc
    return value


class ParticipantUpdateSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, help_text="The version you read; a stale version answers 409."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for value in attrs.values():
            reject_unencodable(value)
        return attrs

    class Meta:
        model = Participant
        fields = ("version", "phone", "municipality", "preferred_language", "residence_status",
                  "residence_valid_until", "work_permission", "childcare_needed", "driving_licence", "own_car",
                  "uses_public_transport", "working_time", "phase", "exit_reason", "exit_date",
                  "health_restrictions")
        extra_kwargs = {name: {"required": False} for name in fields if name != "version"}


class EvidenceSerializer(serializers.Serializer):
    query_piece = serializers.CharField()
    matched_label = serializers.CharField()
    label_lang = serializers.CharField()
    method = serializers.CharField()


class OccupationMatchSerializer(serializers.Serializer):
    uri = serializers.CharField()
    kldb = serializers.CharField(allow_null=True)
    label = serializers.CharField()  # type: ignore[assignment]  # the stubs type Field.label as a string
    score = serializers.FloatField()
    evidence = EvidenceSerializer(many=True)
    essential_skills = serializers.ListField(child=serializers.CharField())


class SkillMatchSerializer(serializers.Serializer):
    uri = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the stubs type Field.label as a string
    score = serializers.FloatField()
    evidence = EvidenceSerializer(many=True)


class MatchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(max_length=2000, help_text="Free text or a job title in any language.",
                              validators=[reject_unencodable])
    top = serializers.IntegerField(min_value=1, max_value=50, default=10)
    lang = serializers.ChoiceField(choices=["de", "en", "ar"], default="de")


class CompetenceItemSerializer(serializers.Serializer):
    kind = serializers.CharField()
    uri = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the stubs type Field.label as a string
    kldb = serializers.CharField(allow_blank=True)
    sources = serializers.ListField(child=serializers.CharField())


class FactorSerializer(serializers.Serializer):
    name = serializers.CharField()
    value = serializers.FloatField()
    weight = serializers.FloatField()
    points = serializers.FloatField()
    text = serializers.CharField()


class RecommendationSerializer(serializers.Serializer):
    uri = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the stubs type Field.label as a string
    kldb = serializers.CharField(allow_blank=True)
    score = serializers.FloatField()
    explanation = serializers.CharField()
    factors = FactorSerializer(many=True)
    flags = serializers.ListField(child=serializers.CharField())
    german_needed = serializers.CharField()
    missing = serializers.ListField(child=serializers.DictField())
    next_steps = serializers.ListField(child=serializers.DictField())


class InterestProfileSerializer(serializers.Serializer):
    completed_at = serializers.DateTimeField(allow_null=True)
    scores = serializers.DictField(child=serializers.FloatField(allow_null=True))
    holland_code = serializers.CharField(allow_blank=True)
    profile_complete = serializers.BooleanField()
