"""Every programme view, every role: exact status codes; query counts on list pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.programmes.conftest import make_participant
from wegweiser.programmes.models import (
    Attendance,
    CaseworkerTask,
    Enrolment,
    Kit,
    ParticipationCertificate,
    Session,
    TrainerProfile,
)

pytestmark = pytest.mark.django_db

ROLES = ["admin", "caseworker", "teammate", "other_team_caseworker", "trainer", "partner", "funder",
         "other_org_caseworker", "other_org_admin"]


def codes(admin, caseworker, teammate, other_team_caseworker, trainer, partner, funder, other_org_caseworker,
          other_org_admin):
    return dict(zip(ROLES, [admin, caseworker, teammate, other_team_caseworker, trainer, partner, funder,
                            other_org_caseworker, other_org_admin], strict=True))


@pytest.fixture
def world(course, session, enrolment, personas, jobcenter):
    Attendance.objects.create(session=session, enrolment=enrolment, status="present", recorded_by=personas.trainer)
    kit = Kit.objects.create(organisation=jobcenter, identifier="FS-KIT-01", kind="electronics", location="E1")
    profile = TrainerProfile.objects.get(user=personas.trainer)
    certificate = ParticipationCertificate.objects.create(enrolment=enrolment, issued_on=timezone.localdate(),
                                                          issued_by=personas.trainer, hours_attended="37.5",
                                                          sessions_attended=1)
    return {"course": course, "session": session, "enrolment": enrolment, "kit": kit, "profile": profile,
            "module": course.module, "participant": enrolment.participant, "certificate": certificate}


GET_VIEWS = {
    "programmes:course_list": (None, codes(200, 200, 200, 200, 200, 403, 403, 200, 200)),
    "programmes:catalogue": (None, codes(200, 200, 200, 200, 403, 403, 403, 200, 200)),
    "programmes:module_create": (None, codes(200, 403, 403, 403, 403, 403, 403, 403, 200)),
    "programmes:course_create": (None, codes(200, 403, 403, 403, 403, 403, 403, 403, 200)),
    "programmes:my_calendar": (None, codes(200, 200, 200, 200, 200, 403, 403, 200, 200)),
    "programmes:trainer_list": (None, codes(200, 403, 403, 403, 403, 403, 403, 403, 200)),
    "programmes:trainer_create": (None, codes(200, 403, 403, 403, 403, 403, 403, 403, 200)),
    "programmes:kit_list": (None, codes(200, 403, 403, 403, 403, 403, 403, 403, 200)),
    "programmes:kit_create": (None, codes(200, 403, 403, 403, 403, 403, 403, 403, 200)),
    "programmes:module_detail": ("module", codes(200, 200, 200, 200, 403, 403, 403, 404, 404)),
    "programmes:module_edit": ("module", codes(200, 403, 403, 403, 403, 403, 403, 403, 404)),
    "programmes:course_detail": ("course", codes(200, 200, 200, 200, 200, 404, 404, 404, 404)),
    "programmes:course_calendar": ("course", codes(200, 200, 200, 200, 200, 404, 404, 404, 404)),
    "programmes:attendance": ("session", codes(200, 403, 403, 403, 200, 404, 404, 404, 404)),
    "programmes:trainer_detail": ("profile", codes(200, 403, 403, 403, 403, 403, 403, 403, 404)),
    "programmes:trainer_calendar": ("profile", codes(200, 403, 403, 403, 403, 403, 403, 403, 404)),
    "programmes:kit_detail": ("kit", codes(200, 403, 403, 403, 403, 403, 403, 403, 404)),
    "programmes:enrol": ("participant", codes(200, 200, 200, 403, 403, 404, 404, 404, 404)),
    "programmes:withdraw": ("enrolment", codes(200, 200, 200, 403, 403, 404, 404, 404, 404)),
    "programmes:certificate_pdf": ("certificate", codes(200, 200, 200, 403, 200, 404, 404, 404, 404)),
}


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
@pytest.mark.parametrize("view", sorted(GET_VIEWS))
def test_get_views_per_role(client, personas, world, view, role):
    arg, expected = GET_VIEWS[view]
    url = reverse(view, args=[world[arg].pk] if arg else [])
    if role != "anonymous":
        client.force_login(getattr(personas, role))
    response = client.get(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected[role], (view, role)


POST_VIEWS = {
    # view: (arg, data, expected); successful writes answer 200 (htmx partial) or 302 (redirect).
    "programmes:attendance_mark": ("session+enrolment", {"status": "late"},
                                   codes(302, 403, 403, 403, 302, 404, 404, 404, 404)),
    "programmes:enrolment_complete": ("enrolment", {}, codes(302, 403, 403, 403, 302, 404, 404, 404, 404)),
    "programmes:certificate_issue": ("enrolment", {}, codes(302, 403, 403, 403, 302, 404, 404, 404, 404)),
    "programmes:course_trainer": ("course", {"action": "remove"}, codes(302, 403, 403, 403, 403, 403, 403, 403, 404)),
    "programmes:session_create": ("course", {}, codes(302, 403, 403, 403, 403, 404, 404, 404, 404)),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", sorted(POST_VIEWS))
def test_post_views_per_role(client, personas, world, view, role):
    arg, data, expected = POST_VIEWS[view]
    args = [world["session"].pk, world["enrolment"].pk] if arg == "session+enrolment" else [world[arg].pk]
    if view == "programmes:course_trainer":
        data = {**data, "profile": world["profile"].pk}
    client.force_login(getattr(personas, role))
    response = client.post(reverse(view, args=args), data)
    assert response.status_code == expected[role], (view, role)


def test_verify_page_is_public_and_shows_only_validity_module_and_initials(client, world):
    certificate = world["certificate"]
    participant = world["participant"]
    response = client.get(reverse("programmes:verify", args=[certificate.code]))
    assert response.status_code == 200
    page = response.content.decode()
    text = page[page.index("<main"):page.index("</main>")]
    assert "Gültig" in text and "CORE – Vorbereitung auf IT-Berufe" in text
    assert f"{participant.given_name[0].upper()}. {participant.family_name[0].upper()}." in text
    for leak in (participant.given_name, participant.family_name, participant.customer_number,
                 "37,5", "37.5", world["course"].title, world["course"].location):
        assert leak not in text
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_verify_page_for_unknown_or_revoked_code_says_invalid(client, world, personas):
    assert client.get(reverse("programmes:verify", args=["NOPE2345NOPE2345"])).status_code == 404
    certificate = world["certificate"]
    from wegweiser.programmes import services

    services.certificate_revoke(actor=personas.admin, certificate=certificate)
    response = client.get(reverse("programmes:verify", args=[certificate.code]))
    assert response.status_code == 404
    assert "Ungültig" in response.content.decode()
    assert "CORE" not in response.content.decode()


def test_ical_feed_by_token(client, world):
    token = world["profile"].ical_token
    response = client.get(reverse("programmes:ical", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and "SUMMARY:CORE Testkurs: Dateien und Ordner" in body
    assert client.get(reverse("programmes:ical", args=["wrong-token"])).status_code == 404


def test_trainer_sees_names_languages_and_attendance_but_no_case_file_data(client, personas, world):
    client.force_login(personas.trainer)
    participant = world["participant"]
    text = client.get(reverse("programmes:course_detail", args=[world["course"].pk])).content.decode()
    assert participant.given_name in text and "Deutsch" in text and "100 %" in text
    for secret in (participant.customer_number, participant.health_restrictions, participant.municipality):
        assert secret not in text
    assert reverse("participants:detail", args=[participant.pk]) not in text


def test_caseworker_sees_only_own_participants_in_a_course(client, personas, world, jobcenter, team_south):
    other = make_participant(jobcenter, personas.other_team_caseworker, team=team_south)
    Enrolment.objects.create(course=world["course"], participant=other, status="enrolled",
                             requested_at=timezone.now(), created_by=personas.admin)
    client.force_login(personas.caseworker)
    text = client.get(reverse("programmes:course_detail", args=[world["course"].pk])).content.decode()
    assert world["participant"].family_name in text
    assert other.family_name not in text


def test_course_list_query_count_does_not_grow_with_courses(client, personas, world, module,
                                                            django_assert_max_num_queries):
    from wegweiser.programmes.models import Course

    client.force_login(personas.admin)
    with django_assert_max_num_queries(12):
        client.get(reverse("programmes:course_list"))
    for n in range(10):
        c = Course.objects.create(module=module, organisation=module.organisation, code=f"c{n}", title=f"K{n}",
                                  start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 3, 1), location="X",
                                  capacity=5)
        c.trainers.add(personas.trainer)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("programmes:course_list")).status_code == 200


@pytest.mark.parametrize("people", [5, 25])
def test_attendance_page_queries_are_constant_for_25_people(client, personas, course, session, jobcenter, people,
                                                            django_assert_max_num_queries):
    course.capacity = 30
    course.save()
    for _ in range(people):
        Enrolment.objects.create(course=course, participant=make_participant(jobcenter, personas.caseworker),
                                 status="enrolled", requested_at=timezone.now(), created_by=personas.admin)
    client.force_login(personas.trainer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("programmes:attendance", args=[session.pk]))
    assert response.content.decode().count('class="att-row') == people


@pytest.mark.parametrize("view", ["programmes:kit_list", "programmes:trainer_list", "programmes:catalogue"])
def test_admin_lists_have_bounded_queries(client, personas, world, jobcenter, view, django_assert_max_num_queries):
    for n in range(2, 12):
        Kit.objects.create(organisation=jobcenter, identifier=f"LAP-{n}", kind="laptop", location="P")
    client.force_login(personas.admin)
    with django_assert_max_num_queries(12):
        assert client.get(reverse(view)).status_code == 200


def test_htmx_tap_returns_the_row_and_stores_the_status(client, personas, world):
    client.force_login(personas.trainer)
    response = client.post(reverse("programmes:attendance_mark", args=[world["session"].pk, world["enrolment"].pk]),
                           {"status": "excused"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    text = response.content.decode()
    assert text.strip().startswith('<li class="att-row"')
    assert 'value="excused" class="excused" aria-pressed="true"' in text
    assert Attendance.objects.get(session=world["session"], enrolment=world["enrolment"]).status == "excused"


def test_enrol_view_shows_the_prerequisite_message(client, personas, course, jobcenter, team_north):
    person = make_participant(jobcenter, personas.caseworker, team=team_north, level="A1")
    client.force_login(personas.caseworker)
    response = client.post(reverse("programmes:enrol", args=[person.pk]), {"course": course.pk})
    assert response.status_code == 200
    assert "ist Deutsch mindestens A2 nötig; in der Akte erfasst ist A1" in response.content.decode()
    assert not Enrolment.objects.filter(participant=person).exists()


def test_enrol_view_enrols_and_redirects_to_the_case_file(client, personas, course, german_a2):
    client.force_login(personas.caseworker)
    response = client.post(reverse("programmes:enrol", args=[german_a2.pk]), {"course": course.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("participants:detail", args=[german_a2.pk])
    assert Enrolment.objects.get(participant=german_a2).status == "enrolled"


def test_withdraw_view_requires_a_reason(client, personas, enrolment):
    client.force_login(personas.caseworker)
    response = client.post(reverse("programmes:withdraw", args=[enrolment.pk]), {"reason": ""})
    assert response.status_code == 200
    enrolment.refresh_from_db()
    assert enrolment.status == "enrolled"
    response = client.post(reverse("programmes:withdraw", args=[enrolment.pk]), {"reason": "work"})
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == "withdrawn"


def test_task_done_by_responsible_caseworker_only(client, personas, world, jobcenter):
    task = CaseworkerTask.objects.create(organisation=jobcenter, kind="absence", participant=world["participant"],
                                         course=world["course"], assignee=personas.caseworker, detail="3 Fehltermine",
                                         due_on=timezone.localdate())
    url = reverse("programmes:task_done", args=[task.pk])
    for role, status in [("trainer", 404), ("other_org_caseworker", 404), ("other_team_caseworker", 403),
                         ("funder", 404)]:
        client.force_login(getattr(personas, role))
        assert client.post(url).status_code == status, role
    client.force_login(personas.caseworker)
    assert client.post(url).status_code == 302
    task.refresh_from_db()
    assert task.done_at is not None and task.done_by == personas.caseworker


def test_session_create_by_admin(client, personas, course):
    client.force_login(personas.admin)
    response = client.post(reverse("programmes:session_create", args=[course.pk]), {
        "date": "2026-03-04", "start_time": "09:00", "end_time": "12:00", "room": "R2", "topic": "Tabellen"})
    assert response.status_code == 302
    assert Session.objects.filter(course=course, topic="Tabellen").exists()


def test_templates_have_no_inline_script_or_style():
    from pathlib import Path

    import wegweiser.programmes

    root = Path(wegweiser.programmes.__file__).parent / "templates"
    for path in root.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert " style=" not in text and "<style" not in text, path
        assert "<script" not in text and "hx-on" not in text and "onclick" not in text, path
