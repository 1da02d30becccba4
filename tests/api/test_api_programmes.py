"""Catalogue, courses, sessions and attendance: programmes.policy decides, attendance goes through
programmes.services.attendance_record (audited), trainers see names only."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import SENSITIVE, as_
from wegweiser.audit.models import AuditEvent
from wegweiser.programmes.models import Attendance, Course, Module, Session


@pytest.mark.parametrize(("role", "expected"), [
    ("admin", 200), ("caseworker", 200), ("trainer", 403), ("partner", 403), ("funder", 403),
    ("other_org_caseworker", 200),
])
def test_modules_list_per_role(api, personas, module, role, expected, django_assert_max_num_queries):
    client = as_(api, getattr(personas, role))
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/modules/")
    assert response.status_code == expected
    if expected == 200:
        ids = [m["id"] for m in response.json()["results"]]
        assert ids == ([module.pk] if role != "other_org_caseworker" else [])


def test_modules_query_count_does_not_grow(api, personas, module, jobcenter, django_assert_max_num_queries):
    for i in range(10):
        Module.objects.create(organisation=jobcenter, code=f"m{i}", title=f"M{i}", hours=5, funding_route="other")
    with django_assert_max_num_queries(8):
        assert len(as_(api, personas.caseworker).get("/api/v1/modules/").json()["results"]) == 11


@pytest.mark.parametrize(("role", "expected"), [
    ("admin", 200), ("caseworker", 200), ("trainer", 403), ("partner", 403), ("funder", 403),
    ("other_org_caseworker", 404),
])
def test_module_detail_per_role(api, personas, module, role, expected):
    response = as_(api, getattr(personas, role)).get(f"/api/v1/modules/{module.pk}/")
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["provider_name"] == "Partnerschule Test"


@pytest.mark.parametrize(("role", "expected", "count"), [
    ("admin", 200, 1), ("caseworker", 200, 1), ("trainer", 200, 1), ("partner", 403, 0), ("funder", 403, 0),
    ("other_org_caseworker", 200, 0),
])
def test_courses_list_per_role(api, personas, course, other_org_course, role, expected, count,
                               django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = as_(api, getattr(personas, role)).get("/api/v1/courses/")
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["count"] == count + (1 if role == "other_org_caseworker" else 0)


def test_courses_query_count_does_not_grow(api, personas, course, module, today, django_assert_max_num_queries):
    for i in range(10):
        Course.objects.create(module=module, organisation=module.organisation, code=f"c{i}", title=f"C{i}",
                              start_date=today, end_date=today, location="X", capacity=3)
    with django_assert_max_num_queries(8):
        assert as_(api, personas.caseworker).get("/api/v1/courses/").json()["count"] == 11


@pytest.mark.parametrize(("role", "expected"), [
    ("admin", 200), ("caseworker", 200), ("trainer", 200), ("partner", 404), ("funder", 404),
    ("other_org_caseworker", 404),
])
def test_course_detail_and_sessions_per_role(api, personas, course, session, enrolment, role, expected):
    client = as_(api, getattr(personas, role))
    detail = client.get(f"/api/v1/courses/{course.pk}/")
    assert detail.status_code == expected
    sessions = client.get(f"/api/v1/courses/{course.pk}/sessions/")
    assert sessions.status_code == expected
    if expected == 200:
        assert detail.json()["enrolled_count"] == 1
        assert [s["id"] for s in sessions.json()] == [session.pk]


def test_other_org_course_is_404_and_anonymous(api, personas, other_org_course, course):
    assert as_(api, personas.caseworker).get(f"/api/v1/courses/{other_org_course.pk}/").status_code == 404
    assert APIClient().get(f"/api/v1/courses/{course.pk}/").status_code in {401, 403}
    assert APIClient().get("/api/v1/modules/").status_code in {401, 403}


ATTENDANCE = [("admin", 200), ("caseworker", 403), ("teammate", 403), ("trainer", 200), ("partner", 404),
              ("funder", 404), ("other_org_caseworker", 404)]


@pytest.mark.parametrize(("role", "expected"), ATTENDANCE)
def test_attendance_sheet_per_role(api, personas, session, enrolment, role, expected):
    before = AuditEvent.objects.filter(action="view", object_type="programmes.session").count()
    response = as_(api, getattr(personas, role)).get(f"/api/v1/sessions/{session.pk}/attendance/")
    assert response.status_code == expected
    after = AuditEvent.objects.filter(action="view", object_type="programmes.session").count()
    assert after == before + (1 if expected == 200 else 0)
    if expected == 200:
        row = response.json()[0]
        assert row["enrolment"] == enrolment.pk and row["status"] == ""
        assert set(row["participant"]) == {"id", "given_name", "family_name"}
        assert not SENSITIVE & set(row["participant"])


@pytest.mark.parametrize(("role", "expected"), ATTENDANCE)
def test_attendance_record_per_role(api, personas, session, enrolment, role, expected):
    response = as_(api, getattr(personas, role)).post(f"/api/v1/sessions/{session.pk}/attendance/",
                                                      {"enrolment": enrolment.pk, "status": "late"}, format="json")
    assert response.status_code == expected
    stored = Attendance.objects.filter(session=session, enrolment=enrolment).first()
    if expected == 200:
        assert stored.status == "late" and response.json()["status"] == "late"
        assert AuditEvent.objects.filter(action="create", object_type="programmes.attendance",
                                         object_id=str(stored.pk)).exists()
    else:
        assert stored is None


def test_attendance_record_bad_input(api, personas, session, enrolment, course, today):
    client = as_(api, personas.trainer)
    url = f"/api/v1/sessions/{session.pk}/attendance/"
    assert client.post(url, {"enrolment": enrolment.pk, "status": "asleep"}, format="json").status_code == 400
    assert client.post(url, {"enrolment": 2**70, "status": "late"}, format="json").status_code == 400
    assert client.post(url, {"enrolment": enrolment.pk + 1000, "status": "late"}, format="json").status_code == 404
    enrolment.status = "withdrawn"
    enrolment.save()
    refused = client.post(url, {"enrolment": enrolment.pk, "status": "present"}, format="json")
    assert refused.status_code == 400 and refused.json()["detail"]
    assert not Attendance.objects.exists()
    other = Session.objects.create(course=course, date=today + dt.timedelta(days=1), start_time=dt.time(9),
                                   end_time=dt.time(10), topic="B")
    assert client.get(f"/api/v1/sessions/{other.pk + 100}/attendance/").status_code == 404


def test_attendance_sheet_query_count_is_flat(api, personas, session, enrolment, course, jobcenter, team_north,
                                              django_assert_max_num_queries):
    from django.utils import timezone

    from tests.api.conftest import more_participants
    from wegweiser.programmes.models import Enrolment

    for person in more_participants(jobcenter, personas.caseworker, team_north, 8):
        Enrolment.objects.create(course=course, participant=person, status=Enrolment.Status.ENROLLED,
                                 requested_at=timezone.now(), enrolled_at=timezone.now(),
                                 created_by=personas.caseworker)
    with django_assert_max_num_queries(12):
        rows = as_(api, personas.trainer).get(f"/api/v1/sessions/{session.pk}/attendance/").json()
    assert len(rows) == 9
