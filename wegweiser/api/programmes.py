"""Catalogue, courses, sessions and attendance over the API, through `programmes.policy`/selectors/services.

Catalogue (modules): admins and caseworkers of the organisation. Courses: admins and caseworkers of the
organisation and the course's trainers. Attendance: whoever the HTML attendance sheet admits
(`can_course(..., "attendance")`: the organisation's admin and the course's trainers); a trainer sees only
the names of the people enrolled, never residence, health or notes.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wegweiser.accounts.models import Role
from wegweiser.audit.services import audit_record
from wegweiser.programmes import policy, selectors, services
from wegweiser.programmes.models import Attendance, Course, Enrolment, Module, Session

from .common import id_param, object_id, service_errors

COURSE_ROLES = (Role.ADMIN, Role.CASEWORKER, Role.TRAINER)


class ModuleSerializer(serializers.ModelSerializer):
    entry_german_level = serializers.CharField(read_only=True, help_text="CEFR level or empty")
    target_german_level = serializers.CharField(read_only=True, help_text="CEFR level or empty")
    provider_name = serializers.SerializerMethodField()
    programme_name = serializers.SerializerMethodField()

    class Meta:
        model = Module
        fields = ("id", "code", "title", "description", "programme", "programme_name", "provider", "provider_name",
                  "skill_uris", "entry_german_level", "target_german_level", "prerequisites", "prerequisites_note",
                  "hours", "duration_weeks", "location", "funding_route", "requires_certification", "active")
        read_only_fields = fields

    def get_provider_name(self, module: Module) -> str:
        return module.provider.name if module.provider else ""

    def get_programme_name(self, module: Module) -> str:
        return module.programme.name if module.programme else ""


class CourseSerializer(serializers.ModelSerializer):
    module_title = serializers.CharField(source="module.title", read_only=True)
    enrolled_count = serializers.IntegerField(read_only=True)
    waiting_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Course
        fields = ("id", "module", "module_title", "code", "title", "start_date", "end_date", "location", "capacity",
                  "language_of_instruction", "enrolled_count", "waiting_count")
        read_only_fields = fields


@extend_schema_field({"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2})?$", "example": "09:00:00"})
class LocalTimeField(serializers.TimeField):
    """A local wall-clock time (no offset): OpenAPI's "time" format would demand one."""


class SessionSerializer(serializers.ModelSerializer):
    start_time = LocalTimeField(read_only=True)
    end_time = LocalTimeField(read_only=True)

    class Meta:
        model = Session
        fields = ("id", "course", "date", "start_time", "end_time", "room", "topic")
        read_only_fields = fields


class RosterPersonSerializer(serializers.Serializer):
    """The only participant fields an attendance sheet shows (also to trainers)."""

    id = serializers.IntegerField()
    given_name = serializers.CharField()
    family_name = serializers.CharField()


class AttendanceRowSerializer(serializers.Serializer):
    enrolment = serializers.IntegerField()
    participant = RosterPersonSerializer()
    status = serializers.ChoiceField(choices=[("", "not recorded"), *Attendance.Status.choices])
    recordable = serializers.BooleanField(
        help_text="False while the person's file is restricted (Art. 18 GDPR): recording is refused with 403.")


class AttendanceWriteSerializer(serializers.Serializer):
    enrolment = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    status = serializers.ChoiceField(choices=Attendance.Status.choices)


class ModuleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The course catalogue of the caller's organisation."""

    serializer_class = ModuleSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> Any:
        return selectors.modules_catalogue(self.request.user)

    def get_object(self) -> Module:
        policy.require_catalogue_reader(self.request.user)
        module = (Module.objects.select_related("provider", "programme").prefetch_related("prerequisites")
                  .filter(pk=object_id(self.kwargs["pk"])).first())
        if module is None:
            raise Http404
        policy.require_same_org(self.request.user, module.organisation_id)
        return module


class CourseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Courses the caller may see (organisation staff, the course's trainers)."""

    serializer_class = CourseSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> Any:
        if getattr(self.request.user, "role", None) not in COURSE_ROLES:
            raise PermissionDenied
        return selectors.courses_visible_to(self.request.user)

    def _course(self, action_: str = "view") -> Course:
        return policy.get_course(self.request.user, object_id(self.kwargs["pk"]), action_)

    def get_object(self) -> Course:
        course = self._course()
        return selectors.courses_visible_to(self.request.user).get(pk=course.pk)

    @extend_schema(responses=SessionSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def sessions(self, request: Request, pk: str) -> Response:
        course = self._course()
        return Response(SessionSerializer(selectors.sessions_of_course(course), many=True).data)


def _session_for(user: Any, pk: str) -> Session:
    session = Session.objects.filter(pk=object_id(pk)).first()
    if session is None:
        raise Http404
    session.course = policy.get_course(user, session.course_id, "attendance")
    return session


def _rows(session: Session) -> list[dict[str, Any]]:
    return [{"enrolment": e.pk, "status": marked, "recordable": not e.restricted,  # type: ignore[attr-defined]
             "participant": {"id": e.participant.pk, "given_name": e.participant.given_name,
                             "family_name": e.participant.family_name}}
            for e, marked in selectors.session_rows(session)]


SESSION = id_param("id", "session id")


class SessionAttendanceView(APIView):
    """The attendance sheet of one session; recording one person's attendance (one tap on the screen)."""

    @extend_schema(parameters=[SESSION], responses={200: AttendanceRowSerializer(many=True)},
                   operation_id="session_attendance_list")
    def get(self, request: Request, pk: str) -> Response:
        session = _session_for(request.user, pk)
        rows = _rows(session)
        audit_record(actor=request.user, action="view", obj=session, fields=["attendance"],
                     detail=f"api, {len(rows)} people", organisation_id=session.course.organisation_id)
        return Response(AttendanceRowSerializer(rows, many=True).data)

    @extend_schema(parameters=[SESSION], request=AttendanceWriteSerializer,
                   responses={200: AttendanceRowSerializer}, operation_id="session_attendance_record")
    def post(self, request: Request, pk: str) -> Response:
        session = _session_for(request.user, pk)
        body = AttendanceWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        enrolment = (Enrolment.objects.select_related("participant")
                     .filter(pk=body.validated_data["enrolment"], course_id=session.course_id).first())
        if enrolment is None:
            raise Http404
        with service_errors():
            recorded = services.attendance_record(actor=request.user, session=session,  # type: ignore[arg-type]
                                                  enrolment=enrolment, status=body.validated_data["status"])
        p = enrolment.participant
        return Response(AttendanceRowSerializer({
            "enrolment": enrolment.pk, "status": recorded.status, "recordable": True,
            "participant": {"id": p.pk, "given_name": p.given_name, "family_name": p.family_name}}).data)

