"""REST API v1: thin views over the same services, selectors and policy as the HTML screens."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wegweiser.accounts.models import Role
from wegweiser.matching import engine, runtime
from wegweiser.participants import competence, selectors, services
from wegweiser.participants.models import Participant

from . import serializers as s

STAFF = (Role.ADMIN, Role.CASEWORKER)
MAX_ID = 2**63 - 1


def _pk(value: Any) -> int:
    """A database id from the URL, or 404 (ids outside the 64-bit range cannot exist)."""
    from django.http import Http404

    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 1 <= pk <= MAX_ID:
        raise Http404
    return pk
CONFLICT = inline_serializer("Conflict", {
    "detail": serializers.CharField(),
    "conflicts": serializers.DictField(child=serializers.DictField()),
    "current_version": serializers.IntegerField(),
})


class ParticipantViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                         viewsets.GenericViewSet):
    """Case files the caller may see. Reading one file writes exactly one audit row."""

    serializer_class = s.ParticipantSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        return selectors.participants_visible_to(self.request.user).prefetch_related("languages").order_by("pk")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if getattr(request.user, "role", None) not in STAFF:
            raise PermissionDenied
        return super().list(request, *args, **kwargs)

    def get_object(self) -> Participant:
        return services.participant_view(actor=self.request.user, pk=_pk(self.kwargs["pk"]))

    @extend_schema(request=s.ParticipantUpdateSerializer, responses={200: s.ParticipantSerializer, 409: CONFLICT})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        from wegweiser.participants import policy

        participant = policy.get_participant(request.user, _pk(kwargs["pk"]), "change")
        body = s.ParticipantUpdateSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        changes = dict(body.validated_data)
        version = changes.pop("version", None)
        if version is None:
            raise ValidationError({"version": ["Pflichtfeld: die gelesene Version."]})
        try:
            updated = services.participant_update(actor=request.user, participant=participant, version=version,
                                                  **changes)
        except services.StaleEdit as exc:
            return Response({
                "detail": "Die Akte wurde inzwischen geändert; nichts wurde überschrieben.",
                "conflicts": {k: {"now": str(now), "yours": str(yours)} for k, (now, yours) in exc.conflicts.items()},
                "current_version": exc.current.version,  # type: ignore[attr-defined]
            }, status=status.HTTP_409_CONFLICT)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc
        return Response(s.ParticipantSerializer(updated, context={"request": request}).data)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(responses=s.CompetenceItemSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def competences(self, request: Request, pk: str) -> Response:
        from wegweiser.participants import policy

        participant = policy.get_participant(request.user, _pk(pk), "view_full")
        items = competence.competence_profile(participant)
        return Response(s.CompetenceItemSerializer(items, many=True).data)

    @extend_schema(responses=s.RecommendationSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def recommendations(self, request: Request, pk: str) -> Response:
        from wegweiser.participants import policy
        from wegweiser.recommendations.services import recommendations_for

        participant = policy.get_participant(request.user, _pk(pk), "view_full")
        current = recommendations_for(actor=request.user, participant=participant)
        return Response(s.RecommendationSerializer(current.results, many=True).data)

    @extend_schema(responses=s.InterestProfileSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def interests(self, request: Request, pk: str) -> Response:
        from wegweiser.interests.models import AnswerSet
        from wegweiser.participants import policy

        participant = policy.get_participant(request.user, _pk(pk), "view_full")
        rows = AnswerSet.objects.filter(participant=participant, completed_at__isnull=False).order_by("-completed_at")
        return Response(s.InterestProfileSerializer(rows, many=True).data)


def _index_or_503() -> engine.MatchingIndex | Response:
    index = runtime.index_if_ready()
    if index is None:
        response = Response({"detail": "Der Suchindex wird gerade aufgebaut. Bitte gleich noch einmal."},
                            status=status.HTTP_503_SERVICE_UNAVAILABLE)
        response["Retry-After"] = "30"
        return response
    return index


MATCH_PARAMS = [
    OpenApiParameter("q", OpenApiTypes.STR, required=True, description="Text in any language"),
    OpenApiParameter("top", OpenApiTypes.INT, description="1–50"),
    OpenApiParameter("lang", OpenApiTypes.STR, enum=["de", "en", "ar"], description="label language"),
]


class _MatchView(APIView):
    """Shared body of the match endpoints: validate the query, use the index if it is built."""

    match: Callable[..., list[Any]] = staticmethod(engine.match_occupations)
    result_serializer: type[serializers.Serializer] = s.OccupationMatchSerializer

    def get(self, request: Request) -> Response:
        query = s.MatchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        index = _index_or_503()
        if isinstance(index, Response):
            return index
        q = query.validated_data
        matches = self.match(index, q["q"], top=q["top"], lang=q["lang"])
        return Response(self.result_serializer(matches, many=True).data)


@extend_schema(parameters=MATCH_PARAMS, responses={200: s.OccupationMatchSerializer(many=True)})
class MatchOccupationsView(_MatchView):
    pass


@extend_schema(parameters=MATCH_PARAMS, responses={200: s.SkillMatchSerializer(many=True)})
class MatchSkillsView(_MatchView):
    match = staticmethod(engine.match_skills)
    result_serializer = s.SkillMatchSerializer

def not_found(request: Any, exception: Exception | None = None) -> Any:
    """404 for the whole site: JSON under /api/, the normal page elsewhere."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Nicht gefunden."}, status=404)
    return page_not_found(request, exception)
