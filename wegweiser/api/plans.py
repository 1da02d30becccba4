"""Kooperationsplan over the API: the plan with its versions and steps; adding a step and changing a step of
the draft through `plans.services` (the same calls as the screens). Reading needs "view_full" on the case
file, writing "change" (participants.policy); each read writes one audit row like the HTML pages."""

from __future__ import annotations

from typing import Any

from django.db.models import prefetch_related_objects
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wegweiser.accounts.models import Organisation
from wegweiser.audit.services import audit_record
from wegweiser.participants import policy
from wegweiser.participants.models import Participant
from wegweiser.partners.models import Referral
from wegweiser.plans import selectors, services
from wegweiser.plans.models import PlanVersion, Step
from wegweiser.programmes.models import Module

from .common import MAX_SMALL, REFUSED, id_param, object_id, service_errors
from .fields import ObjectIdField, TextField

CONFLICT_CODES = ("stale", "frozen")


class StepSerializer(serializers.ModelSerializer):
    effective_status = serializers.SerializerMethodField(help_text="open and past due counts as missed")

    class Meta:
        model = Step
        fields = ("id", "key", "position", "kind", "what", "what_translation", "responsible",
                  "partner_organisation", "partner_name", "due_on", "status", "effective_status", "drop_reason",
                  "module", "enrolment", "referral", "recommendation_uri")
        read_only_fields = fields

    def get_effective_status(self, step: Step) -> str:
        return step.effective_status()


class VersionSerializer(serializers.ModelSerializer):
    steps = StepSerializer(many=True, read_only=True)

    class Meta:
        model = PlanVersion
        fields = ("number", "status", "lock", "goal_kind", "goal_occupation_uri", "goal_label", "goal_translation",
                  "review_on", "created_at", "signed_at", "participant_ack", "participant_ack_at", "agreed_on",
                  "withdrawn_at", "steps")
        read_only_fields = fields


class PlanSerializer(serializers.Serializer):
    participant = serializers.IntegerField()
    current_version = serializers.IntegerField(allow_null=True, help_text="number of the agreed version in force")
    open_version = serializers.IntegerField(allow_null=True, help_text="number of the draft or awaiting version")
    versions = VersionSerializer(many=True, help_text="newest first")


class StepWriteSerializer(serializers.Serializer):
    """Fields of a draft's step. The services check consent for partners, past due dates and ownership."""

    lock = serializers.IntegerField(min_value=0, max_value=MAX_SMALL,
                                    help_text="The draft's lock you read; a stale lock answers 409.")
    kind = serializers.ChoiceField(choices=Step.Kind.choices, required=False)
    what = TextField(max_length=300, required=False)
    what_translation = TextField(max_length=300, required=False, allow_blank=True)
    responsible = serializers.ChoiceField(choices=Step.Responsible.choices, required=False)
    partner_organisation = ObjectIdField(Organisation.objects.all(), required=False, allow_null=True)
    partner_name = TextField(max_length=200, required=False, allow_blank=True)
    due_on = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=Step.Status.choices, required=False)
    drop_reason = TextField(max_length=300, required=False, allow_blank=True)
    module = ObjectIdField(Module.objects.all(), required=False, allow_null=True)
    referral = ObjectIdField(Referral.objects.all(), required=False, allow_null=True)
    confirm_past_due = serializers.BooleanField(required=False, default=False)

    def service_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.validated_data.items() if k not in ("lock", "confirm_past_due")}
        if "responsible" in data and data["responsible"] != Step.Responsible.PARTNER:
            data["partner_name"] = ""
            data["partner_organisation"] = None
        return data


def _version(participant: Participant, number: Any) -> PlanVersion:
    version = selectors.version_get(participant, object_id(number, limit=MAX_SMALL))
    if version is None:
        raise Http404
    return version


PARTICIPANT = id_param("id", "participant id")
NUMBER = id_param("number", "version number")
STEP = id_param("step", "step id")


class PlanView(APIView):
    @extend_schema(parameters=[PARTICIPANT], responses={200: PlanSerializer}, operation_id="plan_retrieve")
    def get(self, request: Request, pk: str) -> Response:
        participant = policy.get_participant(request.user, object_id(pk), "view_full")
        versions = selectors.versions_of(participant)
        prefetch_related_objects(versions, "steps")
        current = next((v.number for v in versions if v.status == PlanVersion.Status.AGREED), None)
        open_ = next((v.number for v in versions if v.status in selectors.OPEN_STATUSES), None)
        audit_record(actor=request.user, action="view", obj=participant, fields=["plan"], detail="api")
        return Response(PlanSerializer({"participant": participant.pk, "current_version": current,
                                        "open_version": open_, "versions": versions}).data)


class VersionView(APIView):
    @extend_schema(parameters=[PARTICIPANT, NUMBER], responses={200: VersionSerializer},
                   operation_id="plan_version_retrieve")
    def get(self, request: Request, pk: str, number: str) -> Response:
        participant = policy.get_participant(request.user, object_id(pk), "view_full")
        version = _version(participant, number)
        audit_record(actor=request.user, action="view", obj=version, fields=["steps"], detail="api")
        return Response(VersionSerializer(version).data)


class StepCreateView(APIView):
    @extend_schema(parameters=[PARTICIPANT, NUMBER], request=StepWriteSerializer,
                   responses={201: StepSerializer, 409: REFUSED}, operation_id="plan_step_create")
    def post(self, request: Request, pk: str, number: str) -> Response:
        participant = policy.get_participant(request.user, object_id(pk), "change")
        version = _version(participant, number)
        body = StepWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.service_data()
        if not data.get("what"):
            raise serializers.ValidationError({"what": ["Pflichtfeld."]})
        with service_errors(conflict_codes=CONFLICT_CODES):
            step = services.step_add(actor=request.user, version=version, lock=body.validated_data["lock"],
                                     confirm_past_due=body.validated_data["confirm_past_due"], **data)
        return Response(StepSerializer(step).data, status=status.HTTP_201_CREATED)


class StepUpdateView(APIView):
    http_method_names = ["patch", "options"]

    @extend_schema(parameters=[PARTICIPANT, NUMBER, STEP], request=StepWriteSerializer,
                   responses={200: StepSerializer, 409: REFUSED}, operation_id="plan_step_update")
    def patch(self, request: Request, pk: str, number: str, step: str) -> Response:
        participant = policy.get_participant(request.user, object_id(pk), "change")
        version = _version(participant, number)
        found = Step.objects.filter(pk=object_id(step), version=version).first()
        if found is None:
            raise Http404
        body = StepWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with service_errors(conflict_codes=CONFLICT_CODES):
            updated = services.step_update(actor=request.user, step=found, lock=body.validated_data["lock"],
                                           confirm_past_due=body.validated_data["confirm_past_due"],
                                           **body.service_data())
        return Response(StepSerializer(updated).data)
