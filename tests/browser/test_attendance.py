"""A trainer takes attendance for 25 people on a phone: one tap each, saved by htmx without reloading."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone

from tests.factories import PASSWORD, LanguageSkillFactory, ParticipantFactory
from wegweiser.programmes.models import (
    Attendance,
    CaseworkerTask,
    Course,
    Enrolment,
    FundingRoute,
    Module,
    Session,
    TrainerProfile,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PEOPLE = 25


def _course_with_people(personas, jobcenter):
    today = timezone.localdate()
    module = Module.objects.create(organisation=jobcenter, code="fs", title="Future Skills – Elektronik-Grundlagen",
                                   hours=60, funding_route=FundingRoute.PROJECT)
    course = Course.objects.create(module=module, organisation=jobcenter, code="fs-a", title="Future Skills Mayen",
                                   start_date=today - dt.timedelta(days=14), end_date=today + dt.timedelta(days=50),
                                   location="BBS Mayen", capacity=PEOPLE)
    TrainerProfile.objects.create(organisation=jobcenter, user=personas.trainer, kind="teacher")
    course.trainers.add(personas.trainer)
    earlier = [Session.objects.create(course=course, date=today - dt.timedelta(days=7 - i), start_time=dt.time(13),
                                      end_time=dt.time(16), topic=f"Termin {i}") for i in range(2)]
    session = Session.objects.create(course=course, date=today, start_time=dt.time(13), end_time=dt.time(16),
                                     room="Werkstatt E1", topic="Löten üben")
    enrolments = []
    for i in range(PEOPLE):
        person = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker,
                                    family_name=f"Person{i:02d}", given_name="Test")
        LanguageSkillFactory(participant=person, language="ar", listening="native", reading="native",
                             speaking="native", writing="native")
        enrolments.append(Enrolment.objects.create(course=course, participant=person, status="enrolled",
                                                   requested_at=timezone.now(), created_by=personas.admin))
    # The first person already missed two sessions without excuse: a third makes a task.
    for s in earlier:
        Attendance.objects.create(session=s, enrolment=enrolments[0], status="unexcused", recorded_by=personas.trainer)
    return session, enrolments


def test_trainer_takes_attendance_for_25_people_on_a_phone(phone_page, live_server, personas, jobcenter):
    session, enrolments = _course_with_people(personas, jobcenter)
    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Benutzername").fill("trainer")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/programmes/sessions/{session.pk}/attendance/")
    rows = page.locator("li.att-row")
    assert rows.count() == PEOPLE
    # Buttons are big enough to hit with a thumb and the row fits the 360 px screen.
    box = rows.first.get_by_role("button", name="anwesend").bounding_box()
    assert box is not None and box["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    statuses = ["unexcused"] + ["present"] * 20 + ["late", "late", "excused", "unexcused"]
    labels = {"present": "anwesend", "late": "verspätet", "excused": "entschuldigt", "unexcused": "unentschuldigt"}
    started = time.monotonic()
    for enrolment, status in zip(enrolments, statuses, strict=True):
        row = page.locator(f"#e{enrolment.pk}")
        row.get_by_role("button", name=labels[status], exact=True).tap()
        page.locator(f'#e{enrolment.pk}[data-status="{status}"]').wait_for()
    elapsed = time.monotonic() - started
    assert elapsed < 60, f"25 taps took {elapsed:.1f} s"

    assert page.locator("#progress").inner_text().startswith("25 von 25 Personen erfasst")
    # Saved without a page load: the URL did not change and every status is stored.
    assert page.url.endswith(f"/programmes/sessions/{session.pk}/attendance/")
    stored = dict(Attendance.objects.filter(session=session).values_list("enrolment_id", "status"))
    assert stored == {e.pk: s for e, s in zip(enrolments, statuses, strict=True)}
    # A mistaken tap is corrected with another tap on the same row.
    page.locator(f"#e{enrolments[24].pk}").get_by_role("button", name="entschuldigt", exact=True).tap()
    page.locator(f'#e{enrolments[24].pk}[data-status="excused"]').wait_for()
    assert Attendance.objects.get(session=session, enrolment=enrolments[24]).status == "excused"
    # The third unexcused absence of the first person raised a task for the caseworker.
    task = CaseworkerTask.objects.get()
    assert (task.participant_id, task.assignee) == (enrolments[0].participant_id, personas.caseworker)

    # The caseworker restricts a file while the sheet is open: the next tap is refused, and the trainer
    # reads why (htmx does not swap a 403; the page shows the reason the server gave).
    from wegweiser.privacy.services import restriction_set

    restriction_set(actor=personas.caseworker, participant=enrolments[3].participant, reason="Widerspruch")
    page.locator(f"#e{enrolments[3].pk}").get_by_role("button", name="verspätet", exact=True).tap()
    error = page.locator("#htmx-error")
    error.wait_for(state="visible")
    assert error.inner_text().startswith("Die Verarbeitung dieser Akte ist eingeschränkt")
    assert page.locator(f"#e{enrolments[3].pk}").get_attribute("data-status") == "present"
    assert Attendance.objects.get(session=session, enrolment=enrolments[3]).status == "present"
    # A successful tap hides the message again.
    page.locator(f"#e{enrolments[5].pk}").get_by_role("button", name="verspätet", exact=True).tap()
    page.locator(f'#e{enrolments[5].pk}[data-status="late"]').wait_for()
    assert error.is_hidden()
