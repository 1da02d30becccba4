"""Restriction of processing (Art. 18 GDPR / § 84 SGB X): every blocked write refuses through the services
and in at least one view per app; batch jobs and who-fits lists leave restricted files out; lifting keeps
history."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory, WorkHistoryEntryFactory
from tests.helpers import participant_form_data
from wegweiser.accounts.models import Organisation
from wegweiser.audit.models import AuditEvent
from wegweiser.participants import competence
from wegweiser.participants import services as participant_services
from wegweiser.participants.models import ContactNote, Suggestion, WorkHistoryEntry
from wegweiser.partners import services as partner_services
from wegweiser.plans import services as plan_services
from wegweiser.plans.models import PlanVersion
from wegweiser.privacy import guard, services
from wegweiser.privacy.guard import ProcessingRestricted
from wegweiser.privacy.models import ProcessingRestriction, RestrictionHistory
from wegweiser.programmes import services as programme_services
from wegweiser.programmes.models import Attendance, Course, Enrolment, Module, ParticipationCertificate, Session
from wegweiser.recommendations import selectors as recommendation_selectors
from wegweiser.recommendations import services as recommendation_services
from wegweiser.recommendations.models import RecommendationSet

pytestmark = pytest.mark.django_db
MESSAGE = "Die Verarbeitung dieser Akte ist eingeschränkt"


@pytest.fixture
def restricted(personas, own_participant):
    services.restriction_set(actor=personas.caseworker, participant=own_participant, reason="Richtigkeit bestritten")
    own_participant.refresh_from_db()
    return own_participant


@pytest.fixture
def course(jobcenter):
    today = timezone.localdate()
    module = Module.objects.create(organisation=jobcenter, code="priv-mod", title="Lagerlogistik", hours=40,
                                   funding_route="bgs")
    return Course.objects.create(module=module, organisation=jobcenter, code="priv-1", title="Lager 1",
                                 start_date=today + dt.timedelta(days=7), end_date=today + dt.timedelta(days=40),
                                 location="Halle", capacity=10)


@pytest.fixture
def ngo(personas):
    return Organisation.objects.get(name="Hilfsorganisation Test")


# --- set / lift ---------------------------------------------------------------------------------------

def test_set_and_lift_keep_history_and_are_audited(personas, own_participant):
    restriction = services.restriction_set(actor=personas.caseworker, participant=own_participant,
                                           reason="Antrag vom 1.11.")
    assert restriction.active and restriction.set_by == personas.caseworker
    assert guard.is_restricted(own_participant)
    with pytest.raises(ValidationError):
        services.restriction_set(actor=personas.admin, participant=own_participant, reason="nochmal")
    lifted = services.restriction_lift(actor=personas.admin, participant=own_participant)
    assert lifted.lifted_at is not None and lifted.lifted_by == personas.admin and lifted.reason == "Antrag vom 1.11."
    assert not guard.is_restricted(own_participant)
    with pytest.raises(ValidationError):
        services.restriction_lift(actor=personas.admin, participant=own_participant)
    services.restriction_set(actor=personas.admin, participant=own_participant, reason="zweiter Antrag")
    history = list(RestrictionHistory.objects.filter(participant=own_participant).values_list("action", "reason"))
    assert history == [("set", "Antrag vom 1.11."), ("lift", ""), ("set", "zweiter Antrag")]
    assert ProcessingRestriction.objects.filter(participant=own_participant).count() == 1
    actions = list(AuditEvent.objects.filter(object_id=str(own_participant.pk),
                                             action__startswith="restrict").values_list("action", flat=True))
    assert sorted(actions) == ["restrict", "restrict", "restrict_lift"]


def test_reason_is_required(personas, own_participant):
    with pytest.raises(ValidationError):
        services.restriction_set(actor=personas.caseworker, participant=own_participant, reason="  ")
    assert not guard.is_restricted(own_participant)


@pytest.mark.parametrize("persona", ["teammate", "other_team_caseworker"])
def test_only_admin_or_responsible_caseworker_may_restrict(personas, own_participant, persona):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.restriction_set(actor=getattr(personas, persona), participant=own_participant, reason="x")


# --- blocked writes through the services -----------------------------------------------------------------

def test_case_file_writes_refuse(personas, restricted):
    cw = personas.caseworker
    with pytest.raises(ProcessingRestricted):
        participant_services.participant_update(actor=cw, participant=restricted, version=restricted.version,
                                                phone="0151 1")
    with pytest.raises(ProcessingRestricted):
        participant_services.entry_create(actor=cw, participant=restricted, section="languages", language="en")
    with pytest.raises(ProcessingRestricted):
        participant_services.entry_create(actor=cw, participant=restricted, section="work", job_title="Koch",
                                          country="SY")
    with pytest.raises(ProcessingRestricted):
        participant_services.contact_note_add(actor=cw, participant=restricted, contact_on=timezone.localdate(),
                                              channel="phone", text="Anruf")
    assert not ContactNote.objects.filter(participant=restricted).exists()


def test_entry_update_delete_and_competence_confirmation_refuse(personas, own_participant):
    cw = personas.caseworker
    work = WorkHistoryEntryFactory(participant=own_participant)
    suggestion = Suggestion.objects.create(participant=own_participant, work_entry=work, kind="occupation",
                                           uri="u", label="Koch", score=0.5, rank=1, source_digest="x")
    services.restriction_set(actor=cw, participant=own_participant, reason="Widerspruch")
    with pytest.raises(ProcessingRestricted):
        participant_services.entry_update(actor=cw, participant=own_participant, section="work", entry_id=work.pk,
                                          version=work.version, job_title="Bäcker")
    with pytest.raises(ProcessingRestricted):
        participant_services.entry_delete(actor=cw, participant=own_participant, section="work", entry_id=work.pk,
                                          version=work.version)
    with pytest.raises(ProcessingRestricted):
        competence.suggestion_decide(actor=cw, participant=own_participant, suggestion_id=suggestion.pk,
                                     status="confirmed")
    assert WorkHistoryEntry.objects.get(pk=work.pk).job_title == work.job_title
    assert Suggestion.objects.get(pk=suggestion.pk).status == "suggested"


def test_merge_refuses(personas, restricted, jobcenter, team_north):
    other = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north)
    with pytest.raises(ProcessingRestricted):
        participant_services.participant_merge(actor=personas.admin, keep=other, merge=restricted)


def test_referral_refuses(personas, restricted, ngo):
    with pytest.raises(ProcessingRestricted):
        partner_services.referral_create(actor=personas.caseworker, participant=restricted, organisation=ngo,
                                         shared_fields=[])


def test_consent_request_refuses_but_a_given_consent_can_be_recorded(personas, restricted, ngo):
    with pytest.raises(ProcessingRestricted):
        partner_services.consent_request(actor=personas.caseworker, participant=restricted, organisation=ngo,
                                         purpose="referral")
    assert not restricted.partner_consents.exists()
    consent = partner_services.consent_record(actor=personas.caseworker, participant=restricted, organisation=ngo,
                                              purpose="referral", method="in_person", language="de")
    assert consent.status == "given"


def test_plan_changes_refuse(personas, own_participant):
    draft = plan_services.plan_draft_create(actor=personas.caseworker, participant=own_participant)
    services.restriction_set(actor=personas.caseworker, participant=own_participant, reason="Widerspruch")
    with pytest.raises(ProcessingRestricted):
        plan_services.plan_draft_create(actor=personas.caseworker, participant=own_participant)
    with pytest.raises(ProcessingRestricted):
        plan_services.plan_goal_update(actor=personas.caseworker, version=draft, lock=draft.lock,
                                       goal_label="Neues Ziel")
    with pytest.raises(ProcessingRestricted):
        plan_services.step_add(actor=personas.caseworker, version=draft, lock=draft.lock, what="Schritt")
    with pytest.raises(ProcessingRestricted):
        plan_services.plan_draft_discard(actor=personas.caseworker, version=draft)
    assert PlanVersion.objects.get(pk=draft.pk).goal_label == draft.goal_label


def test_enrolment_refuses(personas, restricted, course):
    with pytest.raises(ProcessingRestricted):
        programme_services.enrolment_create(actor=personas.caseworker, course=course, participant=restricted)
    assert not Enrolment.objects.exists()


@pytest.fixture
def taught(personas, own_participant, course):
    """`own_participant` enrolled in `course` with one attended session, then the file is restricted."""
    enrolment = programme_services.enrolment_create(actor=personas.caseworker, course=course,
                                                    participant=own_participant)
    course.trainers.add(personas.trainer)
    session = Session.objects.create(course=course, date=course.start_date, start_time=dt.time(9),
                                     end_time=dt.time(12), topic="Sicherheit im Lager")
    programme_services.attendance_record(actor=personas.trainer, session=session, enrolment=enrolment,
                                         status="present")
    later = Session.objects.create(course=course, date=course.start_date + dt.timedelta(days=1),
                                   start_time=dt.time(9), end_time=dt.time(12), topic="Kommissionieren")
    services.restriction_set(actor=personas.caseworker, participant=own_participant, reason="Richtigkeit bestritten")
    return SimpleNamespace(enrolment=enrolment, session=session, later=later, course=course)


def test_attendance_completion_and_certificate_refuse(personas, taught):
    for actor in (personas.trainer, personas.admin):
        with pytest.raises(ProcessingRestricted):
            programme_services.attendance_record(actor=actor, session=taught.later, enrolment=taught.enrolment,
                                                 status="present")
        with pytest.raises(ProcessingRestricted):  # a correction of an earlier record is a change too
            programme_services.attendance_record(actor=actor, session=taught.session, enrolment=taught.enrolment,
                                                 status="late")
        with pytest.raises(ProcessingRestricted):
            programme_services.enrolment_complete(actor=actor, enrolment=taught.enrolment)
        with pytest.raises(ProcessingRestricted):
            programme_services.certificate_issue(actor=actor, enrolment=taught.enrolment)
    assert list(Attendance.objects.values_list("session_id", "status")) == [(taught.session.pk, "present")]
    assert Enrolment.objects.get(pk=taught.enrolment.pk).status == "enrolled"
    assert not ParticipationCertificate.objects.exists()


def test_withdrawal_stays_possible_and_lifting_resumes_attendance(personas, taught, own_participant):
    services.restriction_lift(actor=personas.caseworker, participant=own_participant)
    programme_services.attendance_record(actor=personas.trainer, session=taught.later, enrolment=taught.enrolment,
                                         status="late")
    services.restriction_set(actor=personas.caseworker, participant=own_participant, reason="erneut")
    programme_services.enrolment_withdraw(actor=personas.caseworker, enrolment=taught.enrolment, reason="other")
    assert Enrolment.objects.get(pk=taught.enrolment.pk).status == "withdrawn"


def test_recommendations_refuse(personas, restricted):
    with pytest.raises(ProcessingRestricted):
        recommendation_services.recommendations_for(actor=personas.caseworker, participant=restricted)
    with pytest.raises(ProcessingRestricted):
        recommendation_services.recommendation_feedback(actor=personas.caseworker, participant=restricted,
                                                        uri="u", action="accepted")


def test_restriction_can_be_lifted_and_work_resumes(personas, restricted):
    services.restriction_lift(actor=personas.caseworker, participant=restricted)
    participant_services.participant_update(actor=personas.caseworker, participant=restricted,
                                            version=restricted.version, phone="0151 2")


def test_reading_and_access_export_still_work(personas, restricted):
    assert participant_services.participant_view(actor=personas.caseworker, pk=restricted.pk) == restricted
    assert services.access_export_build(actor=personas.caseworker, participant=restricted)[:2] == b"PK"


# --- batch jobs and who-fits lists -----------------------------------------------------------------------

def test_batch_recommendations_skip_restricted(personas, restricted, jobcenter, team_north):
    free = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north)
    sets = recommendation_services.recommendations_compute([restricted, free])
    assert set(sets) == {free.pk}
    assert not RecommendationSet.objects.filter(participant=restricted).exists()


def test_who_fits_lists_leave_restricted_out(personas, restricted, jobcenter, team_north, monkeypatch):
    free = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north)
    from types import SimpleNamespace

    seen: list[list[int]] = []

    def fake_inputs(participants, cat):
        seen.append(sorted(p.pk for p in participants))
        return {p.pk: SimpleNamespace(person=None) for p in participants}

    from wegweiser.recommendations import inputs

    monkeypatch.setattr(inputs, "catalogue", lambda: SimpleNamespace(occupations={"u": object()},
                                                                   skill_labels={}))
    monkeypatch.setattr(inputs, "person_inputs", fake_inputs)
    monkeypatch.setattr(inputs, "demand_for", lambda org: ({}, "v"))
    monkeypatch.setattr(inputs, "weights", lambda: None)
    monkeypatch.setattr(recommendation_selectors, "score_occupation", lambda *a, **k: SimpleNamespace(score=0))
    rows = recommendation_selectors.who_fits_occupation(personas.caseworker, "u")
    assert seen == [[free.pk]] and [p.pk for p, _score in rows] == [free.pk]


def test_people_for_vacancy_leave_restricted_out(personas, restricted, jobcenter, team_north, monkeypatch):
    from wegweiser.partners import selectors as partner_selectors

    ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north)
    captured: list[list[int]] = []
    monkeypatch.setattr(partner_selectors, "person_facts",
                        lambda people: captured.append([p.pk for p in people]) or {})
    monkeypatch.setattr(partner_selectors, "job_facts", lambda v: None)
    monkeypatch.setattr(partner_selectors.fit, "rank_people", lambda *a, **k: [])
    monkeypatch.setattr(partner_selectors, "_skill_labels", lambda uris: {})
    from types import SimpleNamespace

    partner_selectors.people_for_vacancy(personas.caseworker, SimpleNamespace(skill_uris=[]))
    assert captured and restricted.pk not in captured[0] and len(captured[0]) == 1


def test_suggestion_jobs_skip_restricted(personas, restricted, jobcenter, team_north, monkeypatch):
    work = WorkHistoryEntryFactory(participant=restricted)
    free_work = WorkHistoryEntryFactory(
        participant=ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north))
    pending = set(competence.entries_needing_suggestions().values_list("pk", flat=True))
    assert work.pk not in pending and free_work.pk in pending
    assert competence.suggestions_refresh(entry=work, index=None) == 0  # type: ignore[arg-type]
    from wegweiser.participants import tasks

    class StandInIndex:  # never used: suggestions_refresh is replaced below
        pass

    stand_in = StandInIndex()
    monkeypatch.setattr(tasks.runtime, "get_index", lambda: stand_in)
    refreshed: list[int] = []
    monkeypatch.setattr(tasks, "suggestions_refresh", lambda *, entry, index, memo: refreshed.append(entry.pk) or 0)
    tasks.compute_suggestions.call([work.pk, free_work.pk], [])
    assert refreshed == [free_work.pk]


# --- HTML views: 403 with the German message, one per app --------------------------------------------------

@pytest.fixture
def cw_client(client, personas):
    client.force_login(personas.caseworker)
    return client


def _refused(response) -> None:
    assert response.status_code == 403
    assert MESSAGE in response.content.decode()


def test_view_participant_edit_refused(cw_client, restricted):
    _refused(cw_client.post(reverse("participants:edit", args=[restricted.pk]),
                            participant_form_data(restricted, phone="0151 3")))


def test_view_contact_add_refused(cw_client, restricted):
    _refused(cw_client.post(reverse("participants:contact_add", args=[restricted.pk]),
                            {"contact_on": timezone.localdate().isoformat(), "channel": "phone", "text": "Anruf"}))


def test_view_plan_draft_refused(cw_client, restricted):
    _refused(cw_client.post(reverse("plans:draft_create", args=[restricted.pk])))


def test_view_referral_refused(cw_client, restricted, ngo):
    _refused(cw_client.post(reverse("partners:referral_create", args=[restricted.pk]),
                            {"organisation": ngo.pk, "shared_fields": ["name"]}))


def test_view_consent_request_refused(cw_client, restricted, ngo):
    _refused(cw_client.post(reverse("partners:consents", args=[restricted.pk]),
                            {"organisation": ngo.pk, "purpose": "referral", "method": "request", "language": "de"}))


def test_view_enrol_refused(cw_client, restricted, course):
    _refused(cw_client.post(reverse("programmes:enrol", args=[restricted.pk]), {"course": course.pk}))


def test_view_attendance_sheet_offers_no_buttons_for_a_restricted_file(client, personas, taught, jobcenter):
    other = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker)
    programme_services.enrolment_create(actor=personas.caseworker, course=taught.course, participant=other)
    client.force_login(personas.trainer)
    response = client.get(reverse("programmes:attendance", args=[taught.later.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("Anwesenheit kann nicht erfasst werden") == 1
    mark = reverse("programmes:attendance_mark", args=[taught.later.pk, taught.enrolment.pk])
    assert mark not in body
    assert reverse("programmes:attendance_mark", args=[taught.later.pk, Enrolment.objects.get(
        participant=other).pk]) in body
    assert "0 von 1 Person erfasst" in body  # the restricted person is not counted as still to mark


def test_view_attendance_mark_refused(client, personas, taught):
    client.force_login(personas.trainer)
    url = reverse("programmes:attendance_mark", args=[taught.later.pk, taught.enrolment.pk])
    _refused(client.post(url, {"status": "present"}))
    response = client.post(url, {"status": "present"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().startswith(MESSAGE)
    assert not Attendance.objects.filter(session=taught.later).exists()


def test_view_completion_and_certificate_refused_and_hidden(client, personas, taught):
    client.force_login(personas.trainer)
    _refused(client.post(reverse("programmes:enrolment_complete", args=[taught.enrolment.pk])))
    _refused(client.post(reverse("programmes:certificate_issue", args=[taught.enrolment.pk])))
    body = client.get(reverse("programmes:course_detail", args=[taught.course.pk])).content.decode()
    assert "Verarbeitung eingeschränkt" in body
    assert reverse("programmes:certificate_issue", args=[taught.enrolment.pk]) not in body
    assert reverse("programmes:enrolment_complete", args=[taught.enrolment.pk]) not in body
    assert not ParticipationCertificate.objects.exists()


def test_api_attendance_of_restricted_file_refused(client, personas, taught):
    client.force_login(personas.trainer)
    url = f"/api/v1/sessions/{taught.later.pk}/attendance/"
    rows = client.get(url).json()
    assert [(r["enrolment"], r["recordable"]) for r in rows] == [(taught.enrolment.pk, False)]
    response = client.post(url, {"enrolment": taught.enrolment.pk, "status": "present"},
                           content_type="application/json")
    assert response.status_code == 403
    assert response.json()["detail"].startswith(MESSAGE)
    assert not Attendance.objects.filter(session=taught.later).exists()


def test_view_recommendations_refused(cw_client, restricted):
    _refused(cw_client.post(reverse("recommendations:feedback", args=[restricted.pk]),
                            {"uri": "u", "action": "accepted"}))
    _refused(cw_client.get(reverse("recommendations:participant", args=[restricted.pk])))


def test_case_file_shows_banner(cw_client, restricted):
    response = cw_client.get(reverse("participants:detail", args=[restricted.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    since = timezone.localtime(ProcessingRestriction.objects.get(participant=restricted).since)
    assert f"Verarbeitung eingeschränkt seit {since:%d.%m.%Y %H:%M}" in body
    assert "Richtigkeit bestritten" in body
    assert reverse("privacy:restriction_lift", args=[restricted.pk]) in body


def test_case_file_without_restriction_shows_buttons_only(cw_client, own_participant):
    body = cw_client.get(reverse("participants:detail", args=[own_participant.pk])).content.decode()
    assert "Verarbeitung eingeschränkt seit" not in body
    assert reverse("privacy:access_export", args=[own_participant.pk]) in body
    assert reverse("privacy:restriction", args=[own_participant.pk]) in body


# --- API ---------------------------------------------------------------------------------------------------

def test_api_patch_of_restricted_participant_is_refused(client, personas, restricted):
    client.force_login(personas.caseworker)
    response = client.patch(f"/api/v1/participants/{restricted.pk}/", {"version": restricted.version,
                                                                       "phone": "0151 4"},
                            content_type="application/json")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()
    restricted.refresh_from_db()
    assert restricted.phone != "0151 4"


def test_selfservice_plan_acknowledgement_refused(client, personas, own_participant):
    from tests.plans.conftest import make_agreed
    from wegweiser.selfservice import services as ss_services

    _invitation, token = ss_services.invitation_create(actor=personas.caseworker, participant=own_participant)
    assert client.post(f"/me/i/{token}/").status_code == 302
    signed = make_agreed(personas.caseworker, own_participant, ack="selfservice")
    services.restriction_set(actor=personas.caseworker, participant=own_participant, reason="Widerspruch")
    _refused(client.post(reverse("plans:me_acknowledge"), {"number": signed.number}))
    signed.refresh_from_db()
    assert signed.status == "awaiting"
