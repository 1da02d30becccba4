"""Vacancies over the API (job-market information, no participant data), through `partners.policy`.

Staff see all open vacancies; an employer's partner users only their own; trainers and funders nothing (403).
The people who fit a vacancy (the vacancy page's list) are for staff only and limited to the case files
they may see; reading that list writes one audit row.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from wegweiser.audit.services import audit_record
from wegweiser.partners import policy, selectors
from wegweiser.partners.models import Vacancy

from .common import object_id
from .fields import TextField


class VacancySerializer(serializers.ModelSerializer):
    german_level = serializers.CharField(read_only=True, help_text="CEFR level or empty")
    contact_email = serializers.CharField(read_only=True, help_text="e-mail address or empty")
    external_url = serializers.CharField(read_only=True, help_text="URL or empty")

    class Meta:
        model = Vacancy
        fields = ("id", "employer", "employer_name", "title", "description", "occupation_uri", "occupation_label",
                  "kldb", "municipality", "hours_per_week", "shift_work", "start_date", "german_level", "skill_uris",
                  "contact_name", "contact_email", "contact_phone", "source", "refnr", "external_url", "stale",
                  "active", "updated_at")
        read_only_fields = fields


class VacancyFilterSerializer(serializers.Serializer):
    occupation = TextField(max_length=200, required=False, help_text="ESCO occupation URI (exact)")
    kldb = serializers.RegexField(r"^[0-9]{1,5}$", required=False, help_text="KldB 2010 code or its prefix")


class ReasonSerializer(serializers.Serializer):
    kind = serializers.CharField()
    ok = serializers.BooleanField()
    points = serializers.FloatField()
    text = serializers.CharField()


class MatchedPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    given_name = serializers.CharField()
    family_name = serializers.CharField()


class VacancyMatchSerializer(serializers.Serializer):
    participant = MatchedPersonSerializer()
    score = serializers.FloatField()
    reasons = ReasonSerializer(many=True)


FILTERS = [
    OpenApiParameter("occupation", OpenApiTypes.STR, description="ESCO occupation URI (exact match)"),
    OpenApiParameter("kldb", OpenApiTypes.STR, pattern=r"^[0-9]{1,5}$",
                     description="KldB 2010 code; shorter codes match as a prefix (e.g. 2 or 2422)"),
]


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class VacancyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Open vacancies the caller may see, newest change first."""

    serializer_class = VacancySerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> Any:
        user = self.request.user
        if not policy.can_view_vacancies(user):
            raise PermissionDenied
        qs = Vacancy.objects.filter(policy.vacancies_q(user), active=True)
        if self.action == "list":
            query = VacancyFilterSerializer(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            if query.validated_data.get("occupation"):
                qs = qs.filter(occupation_uri=query.validated_data["occupation"])
            if query.validated_data.get("kldb"):
                qs = qs.filter(kldb__startswith=query.validated_data["kldb"])
        return qs.order_by("stale", "-updated_at", "-id")

    def get_object(self) -> Vacancy:
        """Like the vacancy page: no vacancies at all → 403; not one of the caller's → 404."""
        user = self.request.user
        if not policy.can_view_vacancies(user):
            raise PermissionDenied
        vacancy = Vacancy.objects.filter(policy.vacancies_q(user), pk=object_id(self.kwargs["pk"])).first()
        if vacancy is None:
            raise Http404
        return vacancy

    @extend_schema(responses=VacancyMatchSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def matches(self, request: Request, pk: str) -> Response:
        """People who fit the vacancy, among the case files the caller may see (staff only)."""
        vacancy = self.get_object()
        if not policy.is_staff(request.user):
            raise PermissionDenied
        found = selectors.people_for_vacancy(request.user, vacancy)
        rows = [{"participant": {"id": m["participant"].pk, "given_name": m["participant"].given_name,
                                 "family_name": m["participant"].family_name},
                 "score": m["score"], "reasons": m["reasons"]} for m in found]
        audit_record(actor=request.user, action="view", obj=vacancy, fields=["matches"],
                     detail=f"api, {len(rows)} people: {','.join(str(r['participant']['id']) for r in rows)}"[:300])
        return Response(VacancyMatchSerializer(rows, many=True).data)
