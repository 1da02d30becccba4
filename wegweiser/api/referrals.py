"""Referrals over the API, through `partners.policy`/selectors/services like the screens.

Staff (admin, caseworker): the referrals of the case files they may see; creating one goes through
`partners.services.referral_create`, which checks consent (missing consent: 422 with code "consent_missing").
Partner organisations: only referrals addressed to them that are active and still covered by consent, with
exactly the fields the referral shares (at least name and languages); never residence, health or notes.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wegweiser.audit.services import audit_record
from wegweiser.participants import policy as participant_policy
from wegweiser.participants.reference import language_name
from wegweiser.partners import policy, selectors, services
from wegweiser.partners.forms import partner_organisations
from wegweiser.partners.models import Purpose, Referral, Vacancy
from wegweiser.programmes.models import Course

from .common import REFUSED, ServiceRefused, id_param, object_id
from .fields import ObjectIdField, TextField


class ReferralSerializer(serializers.ModelSerializer):
    """What the referring jobcenter sees of its own referral."""

    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Referral
        fields = ("id", "participant", "organisation", "organisation_name", "target", "course", "vacancy", "purpose",
                  "shared_fields", "note", "status", "decline_reason", "created_at", "answered_at", "stopped_at")
        read_only_fields = fields


class ReferralCreateSerializer(serializers.Serializer):
    organisation = ObjectIdField(partner_organisations(), required=False, allow_null=True,
                                 help_text="exactly one of organisation, course, vacancy")
    course = ObjectIdField(Course.objects.select_related("module__provider"), required=False, allow_null=True)
    vacancy = ObjectIdField(Vacancy.objects.select_related("employer").filter(active=True, stale=False),
                            required=False, allow_null=True)
    shared_fields = serializers.ListField(child=serializers.ChoiceField(choices=list(policy.SHAREABLE_FIELDS)),
                                          required=False, default=list, max_length=len(policy.SHAREABLE_FIELDS),
                                          help_text="default: name and languages")
    note = TextField(max_length=500, required=False, allow_blank=True, default="")


class SharedPersonSerializer(serializers.Serializer):
    """The shared fields, by name; only those the referral shares are present."""

    name = serializers.CharField(required=False)
    languages = serializers.CharField(required=False)
    municipality = serializers.CharField(required=False)
    birth_year = serializers.CharField(required=False)
    phone = serializers.CharField(required=False)
    education = serializers.CharField(required=False)
    work = serializers.CharField(required=False)
    competences = serializers.CharField(required=False)


class PortalReferralSerializer(serializers.Serializer):
    """What a partner organisation sees of a referral addressed to it."""

    id = serializers.IntegerField()
    target = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    note = serializers.CharField()
    course_title = serializers.CharField(allow_null=True)
    vacancy_title = serializers.CharField(allow_null=True)
    person = SharedPersonSerializer()


def _shared(referral: Referral) -> dict[str, Any]:
    """`selectors.shared_view` (label, value) rows keyed by field name instead of the German label."""
    by_label = {str(label): name for name, label in policy.SHAREABLE_FIELDS.items()}
    return {by_label[label]: str(value) for label, value in selectors.shared_view(referral)}


def _minimal(referral: Referral) -> dict[str, Any]:
    """For the list: only name and languages (if shared) — the minimum, which needs no profile consent."""
    p, person = referral.participant, {}
    fields = policy.effective_fields(referral, profile_consent=False)
    if "name" in fields:
        person["name"] = p.display_name
    if "languages" in fields:
        person["languages"] = ", ".join(f"{language_name(s.language)} {s.speaking or ''}".strip()
                                        for s in p.languages.all()) or "—"
    return person


def _portal_row(referral: Referral, person: dict[str, Any]) -> dict[str, Any]:
    return {"id": referral.pk, "target": referral.target, "status": referral.status,
            "created_at": referral.created_at, "note": referral.note,
            "course_title": referral.course.title if referral.course else None,
            "vacancy_title": referral.vacancy.title if referral.vacancy else None,
            "person": person}


class ReferralViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Referrals of the case files the caller (admin, caseworker) may see, newest first."""

    serializer_class = ReferralSerializer

    def get_queryset(self) -> Any:
        policy.require_staff(self.request.user)
        return selectors.referrals_visible_to(self.request.user).order_by("-created_at", "-id")


PARTICIPANT = id_param("id", "participant id")


def _consent_missing(participant: Any, data: dict[str, Any]) -> bool:
    """After a refusal: was it for want of consent? (the same policy functions the service uses)"""
    if data.get("course") is not None:
        target, organisation = Referral.Target.COURSE, data["course"].module.provider
    elif data.get("vacancy") is not None:
        target, organisation = Referral.Target.VACANCY, data["vacancy"].employer
    else:
        target, organisation = Referral.Target.ORGANISATION, data.get("organisation")
    if organisation is None:
        return False
    if not services.has_consent(participant, organisation.pk, policy.required_purpose(target)):
        return True
    beyond = [f for f in data.get("shared_fields", []) if f not in policy.MINIMAL_FIELDS]
    return bool(beyond) and not services.has_consent(participant, organisation.pk, Purpose.PROFILE_SHARING)


class ParticipantReferralsView(APIView):
    @extend_schema(parameters=[PARTICIPANT], responses={200: ReferralSerializer(many=True)},
                   operation_id="participant_referrals_list")
    def get(self, request: Request, pk: str) -> Response:
        participant = participant_policy.get_participant(request.user, object_id(pk), "view_full")
        referrals = list(selectors.referrals_of(participant).order_by("-created_at", "-id"))
        audit_record(actor=request.user, action="view", obj=participant, fields=["referrals"], detail="api")
        return Response(ReferralSerializer(referrals, many=True).data)

    @extend_schema(parameters=[PARTICIPANT], request=ReferralCreateSerializer,
                   responses={201: ReferralSerializer, 422: REFUSED},
                   operation_id="participant_referrals_create",
                   description="Refer through `referral_create`. Without the consent the target needs: 422, "
                               "code `consent_missing`; nothing is stored.")
    def post(self, request: Request, pk: str) -> Response:
        participant = participant_policy.get_participant(request.user, object_id(pk), "change")
        body = ReferralCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            referral = services.referral_create(
                actor=request.user, participant=participant, organisation=data.get("organisation"),
                course=data.get("course"), vacancy=data.get("vacancy"), shared_fields=data["shared_fields"],
                note=data["note"])
        except DjangoValidationError as exc:
            if _consent_missing(participant, data):
                raise ServiceRefused(exc, code="consent_missing",
                                     status_code=status.HTTP_422_UNPROCESSABLE_ENTITY) from exc
            raise ServiceRefused(exc) from exc
        referral = selectors.referrals_of(participant).get(pk=referral.pk)
        return Response(ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)


class PortalReferralViewSet(viewsets.ViewSet):
    """Partner portal: referrals addressed to the caller's organisation. Each person shown is audited.
    The list carries the minimum (name, languages); one referral carries exactly the fields it shares."""

    lookup_value_regex = "[0-9]+"

    @extend_schema(responses=PortalReferralSerializer(many=True))
    def list(self, request: Request) -> Response:
        policy.require_partner(request.user)
        referrals = list(selectors.portal_referrals(request.user).prefetch_related("participant__languages"))
        rows = []
        for referral in referrals:
            rows.append(_portal_row(referral, _minimal(referral)))
            audit_record(actor=request.user, action="view", obj=referral.participant, fields=sorted(rows[-1]["person"]),
                         detail=f"api partner portal list, referral {referral.pk}")
        return Response(PortalReferralSerializer(rows, many=True).data)

    @extend_schema(responses=PortalReferralSerializer)
    def retrieve(self, request: Request, pk: str) -> Response:
        referral = policy.get_partner_referral(request.user, object_id(pk))
        row = _portal_row(referral, _shared(referral))
        audit_record(actor=request.user, action="view", obj=referral.participant, fields=sorted(row["person"]),
                     detail=f"api partner portal referral {referral.pk}")
        return Response(PortalReferralSerializer(row).data)
