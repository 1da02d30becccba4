"""Absence rule, certification rule, kit loan lifecycle, certificate PDF, the embeddable includes."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.template import engines
from django.test import RequestFactory, override_settings
from django.utils import timezone

from tests.factories import UserFactory
from tests.programmes.conftest import make_participant
from wegweiser.accounts.models import Role
from wegweiser.audit.models import AuditEvent
from wegweiser.programmes import certificates, selectors, services
from wegweiser.programmes.models import (
    Attendance,
    CaseworkerTask,
    Certification,
    Kit,
    KitLoan,
    Session,
    TrainerProfile,
)

pytestmark = pytest.mark.django_db


def _sessions(course, n, start=None):
    start = start or course.start_date
    return [Session.objects.create(course=course, date=start + dt.timedelta(days=i), start_time=dt.time(9),
                                   end_time=dt.time(12), topic=f"Thema {i + 1}") for i in range(n)]


# --- absence rule ------------------------------------------------------------------------------

def test_third_unexcused_absence_creates_one_task_for_the_caseworker(course, enrolment, personas):
    sessions = _sessions(course, 5)
    for session in sessions[:2]:
        services.attendance_record(actor=personas.trainer, session=session, enrolment=enrolment, status="unexcused")
    assert not CaseworkerTask.objects.exists()
    services.attendance_record(actor=personas.trainer, session=sessions[2], enrolment=enrolment, status="unexcused")
    task = CaseworkerTask.objects.get()
    assert (task.kind, task.participant, task.assignee, task.course) == (
        "absence", enrolment.participant, personas.caseworker, course)
    assert task.detail == "CORE Testkurs: 3 unentschuldigte Fehltermine"
    assert task.due_on == timezone.localdate() + dt.timedelta(days=3)
    services.attendance_record(actor=personas.trainer, session=sessions[3], enrolment=enrolment, status="unexcused")
    assert CaseworkerTask.objects.count() == 1  # one open task at a time
    services.task_complete(actor=personas.caseworker, task=task)
    services.attendance_record(actor=personas.trainer, session=sessions[4], enrolment=enrolment, status="unexcused")
    assert CaseworkerTask.objects.filter(done_at__isnull=True).count() == 1  # a new absence after follow-up


def test_low_attendance_rate_creates_a_task(course, enrolment, personas):
    for session, status in zip(_sessions(course, 5), ["present", "present", "present", "excused", "excused"],
                               strict=True):
        services.attendance_record(actor=personas.trainer, session=session, enrolment=enrolment, status=status)
    assert CaseworkerTask.objects.get().detail == "CORE Testkurs: Anwesenheitsquote 60 % unter 80 %"


@override_settings(WEGWEISER_ABSENCE_MAX_UNEXCUSED=2, WEGWEISER_ABSENCE_MIN_RATE=0.5)
def test_absence_rule_is_configurable(course, enrolment, personas):
    sessions = _sessions(course, 5)
    for session, status in zip(sessions, ["present", "present", "present", "excused", "excused"], strict=True):
        services.attendance_record(actor=personas.trainer, session=session, enrolment=enrolment, status=status)
    assert not CaseworkerTask.objects.exists()  # 60 % is above 50 %
    services.attendance_record(actor=personas.trainer, session=sessions[3], enrolment=enrolment, status="unexcused")
    services.attendance_record(actor=personas.trainer, session=sessions[4], enrolment=enrolment, status="unexcused")
    assert CaseworkerTask.objects.get().detail.endswith("2 unentschuldigte Fehltermine")


def test_correcting_a_tap_updates_the_same_row_and_is_audited(course, session, enrolment, personas):
    before = AuditEvent.objects.count()
    services.attendance_record(actor=personas.trainer, session=session, enrolment=enrolment, status="unexcused")
    services.attendance_record(actor=personas.trainer, session=session, enrolment=enrolment, status="late")
    assert Attendance.objects.get().status == "late"
    assert list(AuditEvent.objects.order_by("id")[before:].values_list("action", "detail")) == [
        ("create", "unexcused"), ("update", "late")]


def test_attendance_only_for_people_in_the_course(course, session, personas, jobcenter):
    from wegweiser.programmes.models import Enrolment

    other = make_participant(jobcenter, personas.caseworker)
    waiting = Enrolment.objects.create(course=course, participant=other, status="waiting",
                                       requested_at=timezone.now(), created_by=personas.caseworker)
    with pytest.raises(ValidationError):
        services.attendance_record(actor=personas.trainer, session=session, enrolment=waiting, status="present")


def test_dashboard_include_lists_open_tasks_of_the_caseworker(course, enrolment, personas, jobcenter):
    CaseworkerTask.objects.create(organisation=jobcenter, kind="absence", participant=enrolment.participant,
                                  course=course, assignee=personas.caseworker, detail="CORE: 3 Fehltermine",
                                  due_on=timezone.localdate())
    template = engines["django"].from_string('{% include "programmes/_dashboard_tasks.html" %}')
    for user, expected in [(personas.caseworker, True), (personas.admin, True), (personas.other_team_caseworker, False),
                           (personas.trainer, False), (personas.other_org_admin, False)]:
        request = RequestFactory().get("/")
        request.user = user
        html = template.render({"user": user}, request)
        assert ("CORE: 3 Fehltermine" in html) is expected, user


def test_case_file_include_shows_enrolment_rate_and_enrol_link(course, session, enrolment, personas):
    Attendance.objects.create(session=session, enrolment=enrolment, status="late", recorded_by=personas.trainer)
    template = engines["django"].from_string('{% include "programmes/_case_file_enrolments.html" %}')
    request = RequestFactory().get("/")
    request.user = personas.caseworker
    html = template.render({"user": personas.caseworker, "p": enrolment.participant}, request)
    assert "CORE Testkurs" in html and "100 %" in html and "/programmes/participants/" in html
    request.user = personas.other_org_caseworker
    html = template.render({"user": personas.other_org_caseworker, "p": enrolment.participant}, request)
    assert "CORE Testkurs" not in html and "/programmes/participants/" not in html


# --- certification rule ------------------------------------------------------------------------

@pytest.fixture
def certified_module(module):
    module.requires_certification = True
    module.save()
    return module


def test_uncertified_trainer_cannot_be_assigned(course, certified_module, personas, jobcenter):
    teacher = UserFactory(role=Role.TRAINER, organisation=personas.trainer.organisation)
    TrainerProfile.objects.create(organisation=jobcenter, user=teacher, kind="teacher")
    with pytest.raises(ValidationError, match="nicht für den ganzen Kurszeitraum"):
        services.course_trainer_assign(actor=personas.admin, course=course, trainer=teacher)
    assert teacher not in course.trainers.all()


def test_certification_must_last_until_the_course_ends(course, certified_module, personas, jobcenter):
    teacher = UserFactory(role=Role.TRAINER, organisation=personas.trainer.organisation)
    profile = TrainerProfile.objects.create(organisation=jobcenter, user=teacher, kind="teacher")
    certification = services.certification_create(
        actor=personas.admin, trainer=profile, module=certified_module, trained_by="LQA-Team",
        certified_on=course.start_date - dt.timedelta(days=30), valid_until=course.end_date - dt.timedelta(days=1))
    with pytest.raises(ValidationError):
        services.course_trainer_assign(actor=personas.admin, course=course, trainer=teacher)
    certification.valid_until = course.end_date
    certification.save()
    services.course_trainer_assign(actor=personas.admin, course=course, trainer=teacher)
    assert teacher in course.trainers.all()


def test_trainer_without_profile_cannot_be_assigned(course, personas):
    stranger = UserFactory(role=Role.TRAINER, organisation=personas.trainer.organisation)
    with pytest.raises(ValidationError, match="kein Trainerprofil"):
        services.course_trainer_assign(actor=personas.admin, course=course, trainer=stranger)


def test_expiring_certifications_are_flagged(course, module, personas, jobcenter, today, client):
    profile = TrainerProfile.objects.get(user=personas.trainer)
    soon = Certification.objects.create(trainer=profile, module=module, trained_by="LQA", certified_on=today,
                                        valid_until=today + dt.timedelta(days=30))
    Certification.objects.create(trainer=profile, module=module, trained_by="LQA", certified_on=today,
                                 valid_until=today + dt.timedelta(days=400))
    assert list(selectors.expiring_certifications(personas.admin)) == [soon]
    client.force_login(personas.admin)
    html = client.get("/programmes/trainers/").content.decode()
    assert "Zertifizierungen, die abgelaufen sind oder in den nächsten 60 Tagen ablaufen" in html
    assert f"bis {soon.valid_until:%d.%m.%Y}" in html


# --- kit loans ---------------------------------------------------------------------------------

@pytest.fixture
def kit(jobcenter):
    return Kit.objects.create(organisation=jobcenter, identifier="FS-KIT-07", kind="electronics", location="E1")


def test_loan_lifecycle_lend_overdue_return(kit, course, personas, today):
    loan = services.kit_loan_create(actor=personas.admin, kit=kit, course=course, due_on=today)
    kit.refresh_from_db()
    assert kit.status == "on_loan"
    with pytest.raises(ValidationError, match="nicht verfügbar"):
        services.kit_loan_create(actor=personas.admin, kit=kit, trainer=personas.trainer, due_on=today)
    assert list(selectors.overdue_loans(personas.admin, today=today + dt.timedelta(days=1))) == [loan]
    assert list(selectors.overdue_loans(personas.admin, today=today)) == []
    services.kit_loan_return(actor=personas.admin, loan=loan, condition="damaged", note="Multimeter fehlt")
    kit.refresh_from_db()
    loan.refresh_from_db()
    assert (kit.status, kit.condition) == ("available", "damaged")
    assert (loan.returned_on, loan.return_condition) == (today, "damaged")
    assert list(selectors.overdue_loans(personas.admin, today=today + dt.timedelta(days=1))) == []
    with pytest.raises(ValidationError, match="bereits zurückgegeben"):
        services.kit_loan_return(actor=personas.admin, loan=loan, condition="good")


def test_lost_loan_puts_the_kit_on_the_missing_list(kit, enrolment, personas, today):
    loan = services.kit_loan_create(actor=personas.admin, kit=kit, participant=enrolment.participant,
                                    due_on=today + dt.timedelta(days=7))
    services.kit_loan_mark_lost(actor=personas.admin, loan=loan, note="nicht erreichbar")
    assert list(selectors.missing_kits(personas.admin)) == [kit]
    assert not KitLoan.objects.filter(returned_on__isnull=True, lost=False).exists()


def test_loan_needs_exactly_one_borrower(kit, course, personas, today):
    with pytest.raises(ValidationError, match="genau einen"):
        services.kit_loan_create(actor=personas.admin, kit=kit, due_on=today)
    with pytest.raises(ValidationError, match="genau einen"):
        services.kit_loan_create(actor=personas.admin, kit=kit, course=course, trainer=personas.trainer, due_on=today)


def test_loan_views_lend_and_return(client, kit, course, personas, today):
    client.force_login(personas.admin)
    response = client.post(f"/programmes/kits/{kit.pk}/", {"borrower": f"course:{course.pk}",
                                                            "due_on": (today + dt.timedelta(days=5)).isoformat()})
    assert response.status_code == 302
    loan = KitLoan.objects.get()
    assert client.post(f"/programmes/loans/{loan.pk}/return/", {"condition": "good"}).status_code == 302
    loan.refresh_from_db()
    assert loan.returned_on == today
    client.force_login(personas.other_org_admin)
    assert client.post(f"/programmes/loans/{loan.pk}/lost/").status_code == 404


# --- certificates ------------------------------------------------------------------------------

def test_certificate_pdf_states_hours_topics_and_skills(course, enrolment, personas, client):
    from wegweiser.taxonomy.models import Skill, TaxonomyVersion

    version = TaxonomyVersion.objects.create(name="esco-test", checksum="x" * 64, source="pack")
    Skill.objects.create(uri=course.module.skill_uris[0], preferred_en="use word processing software",
                         preferred_de="Textverarbeitungsprogramme verwenden", first_version=version,
                         last_version=version)
    participant = enrolment.participant
    participant.given_name, participant.family_name = "Amina", "Haddad"
    participant.save()
    sessions = _sessions(course, 3)
    for session, status in zip(sessions, ["present", "late", "unexcused"], strict=True):
        services.attendance_record(actor=personas.trainer, session=session, enrolment=enrolment, status=status)
    certificate = services.certificate_issue(actor=personas.trainer, enrolment=enrolment)
    assert (certificate.hours_attended, certificate.sessions_attended) == (6, 2)
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{16}", certificate.code)
    client.force_login(personas.caseworker)
    response = client.get(f"/programmes/certificates/{certificate.pk}.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True,
                          check=True).stdout.decode()
    assert "Teilnahmebescheinigung" in text
    assert "Amina Haddad" in text
    assert "6,0 Stunden (2 Termine)" in text
    assert "Thema 1" in text and "Thema 2" in text and "Thema 3" not in text
    assert "Textverarbeitungsprogramme verwenden" in text
    assert certificate.code in text and f"/programmes/verify/{certificate.code}/" in text


def test_no_certificate_without_attended_sessions(course, enrolment, personas):
    with pytest.raises(ValidationError, match="Ohne besuchte Termine"):
        services.certificate_issue(actor=personas.trainer, enrolment=enrolment)


def test_qr_code_is_svg_of_the_verification_url():
    svg = certificates.qr_svg("https://example.org/programmes/verify/ABCDEFGHJKLMNPQR/").decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "<path" in svg
