"""Aggregate figures as JSON: the same `reporting.report.build` as the dashboard, the CSV/XLSX exports and
the funder pages, so small-cell suppression (k = WEGWEISER_REPORTING_MIN_CELL, at least 5) is identical.

Staff (admin, caseworker): their caseload's figures, raw or — with `protected=true` — as outsiders see them.
Funders (and the organisation's admin): only the protected report of a programme they fund. Nobody gets an
individual record here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wegweiser.accounts.models import Role
from wegweiser.audit.services import audit_record
from wegweiser.participants import policy as participant_policy
from wegweiser.reporting import report, selectors, services
from wegweiser.reporting.forms import FilterForm
from wegweiser.reporting.models import ProgrammeFunding

from .common import object_id

STAFF = (Role.ADMIN, Role.CASEWORKER)


class TableSerializer(serializers.Serializer):
    dimension = serializers.CharField()
    title = serializers.CharField()
    stage_labels = serializers.ListField(child=serializers.CharField())
    labels = serializers.ListField(child=serializers.CharField())
    cells = serializers.ListField(child=serializers.ListField(child=serializers.IntegerField(allow_null=True)),
                                  help_text="null: suppressed cell")
    row_totals = serializers.ListField(child=serializers.IntegerField(allow_null=True))
    col_totals = serializers.ListField(child=serializers.IntegerField(allow_null=True))
    grand_total = serializers.IntegerField(allow_null=True)
    withheld = serializers.BooleanField(help_text="too few cases: the whole table is withheld")


class ReportSerializer(serializers.Serializer):
    title = serializers.CharField(allow_blank=True)
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField(allow_null=True)
    protected = serializers.BooleanField()
    k = serializers.IntegerField(help_text="minimum cell size")
    stage_labels = serializers.ListField(child=serializers.CharField())
    funnel = serializers.ListField(child=serializers.IntegerField(allow_null=True),
                                   help_text="participations that reached at least each stage; null: suppressed")
    headline = serializers.DictField(child=serializers.FloatField(allow_null=True))
    tables = TableSerializer(many=True)
    method = serializers.CharField(allow_blank=True)


class FundingSerializer(serializers.ModelSerializer):
    programme_name = serializers.CharField(source="programme.name", read_only=True)
    funder_name = serializers.CharField(source="funder.name", read_only=True)

    class Meta:
        model = ProgrammeFunding
        fields = ("id", "programme", "programme_name", "funder", "funder_name", "since", "until")
        read_only_fields = fields


SUMMARY_PARAMS = [
    OpenApiParameter("programme", OpenApiTypes.INT, description="programme id of the caller's organisation"),
    OpenApiParameter("module", OpenApiTypes.INT, description="module id"),
    OpenApiParameter("course", OpenApiTypes.INT, description="course id"),
    OpenApiParameter("dimension", OpenApiTypes.STR, enum=list(selectors.DIMENSIONS),
                     description="one breakdown (default: all)"),
    OpenApiParameter("start", OpenApiTypes.DATE, description="courses running on or after"),
    OpenApiParameter("end", OpenApiTypes.DATE, description="courses running on or before"),
    OpenApiParameter("protected", OpenApiTypes.BOOL, description="with small-cell suppression, as funders see it"),
]


def _data(built: report.Report) -> Any:
    return ReportSerializer(built.as_json()).data


class ReportSummaryView(APIView):
    """Funnel, outcome headline figures and breakdowns of the caller's caseload (admin, caseworker)."""

    @extend_schema(parameters=SUMMARY_PARAMS, responses={200: ReportSerializer}, operation_id="report_summary")
    def get(self, request: Request) -> Response:
        participant_policy.require_role(request.user, *STAFF)
        form = FilterForm(request.query_params or None, organisation_id=getattr(request.user, "organisation_id", None))
        if request.query_params and not form.is_valid():
            raise ValidationError({name: [str(e) for e in errs] for name, errs in form.errors.items()})
        dimension = form.cleaned_data.get("dimension") if form.is_bound else None
        dimensions = [dimension] if dimension else list(selectors.DIMENSIONS)
        built = report.build(request.user, form.filters(), protected=form.is_protected(), k=services.default_k(),
                             dimensions=dimensions)
        audit_record(actor=request.user, action="export", object_type="reporting.table",
                     object_id=",".join(dimensions)[:60], detail=f"api json {request.query_params.urlencode()}"[:300])
        return Response(_data(built))


def _period(request: Request) -> tuple[dt.date, dt.date]:
    start, end = services.previous_month(timezone.localdate())
    period = serializers.DateField(required=False)
    errors: dict[str, Any] = {}
    values = {"start": start, "end": end}
    for name in values:
        if request.query_params.get(name):
            try:
                values[name] = period.run_validation(request.query_params[name])
            except serializers.ValidationError as exc:
                errors[name] = exc.detail
    if errors:
        raise ValidationError(errors)
    return values["start"], values["end"]


class FundingViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Programme fundings the caller may report on (funder: its own; admin: its organisation's programmes)."""

    serializer_class = FundingSerializer
    lookup_value_regex = "[0-9]+"
    pagination_class = None

    def get_queryset(self) -> Any:
        participant_policy.require_role(self.request.user, Role.FUNDER, Role.ADMIN)
        return selectors.fundings_visible_to(self.request.user).order_by("pk")

    @extend_schema(
        parameters=[OpenApiParameter("start", OpenApiTypes.DATE, description="default: first day of last month"),
                    OpenApiParameter("end", OpenApiTypes.DATE, description="default: last day of last month")],
        responses={200: ReportSerializer})
    def retrieve(self, request: Request, pk: str) -> Response:
        """The protected report of one funded programme for a period (what the funder page shows)."""
        funding = self.get_queryset().filter(pk=object_id(pk)).first()
        if funding is None:
            from django.http import Http404

            raise Http404
        start, end = _period(request)
        filters = selectors.Filters(programme_id=funding.programme_id, start=start, end=end)
        built = report.build(services._FunderView(funding.funder_id), filters, protected=True,
                             k=services.default_k())
        audit_record(actor=request.user, action="view", obj=funding, detail=f"api {start}..{end}")
        return Response(_data(built))
