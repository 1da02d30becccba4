"""Enrolment: capacity, waiting list with automatic move-up, prerequisites with a clear message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.factories import OrganisationFactory, ParticipantFactory, UserFactory
from tests.programmes.conftest import make_participant
from wegweiser.accounts.models import Role
from wegweiser.audit.models import AuditEvent
from wegweiser.participants import policy as participant_policy
from wegweiser.participants.models import LanguageCertificate
from wegweiser.programmes import services
from wegweiser.programmes.models import Course, Enrolment, FundingRoute, Module

pytestmark = pytest.mark.django_db


def enrolment_time():
    return timezone.now() - dt.timedelta(days=90)


def _people(n, jobcenter, personas, level="A2"):
    return [make_participant(jobcenter, personas.caseworker, level=level) for _ in range(n)]


def test_places_then_waiting_list(course, jobcenter, personas):
    people = _people(5, jobcenter, personas)
    statuses = [services.enrolment_create(actor=personas.caseworker, course=course, participant=p).status
                for p in people]
    assert statuses == ["enrolled", "enrolled", "enrolled", "waiting", "waiting"]


def test_withdrawal_moves_the_first_waiting_person_up(course, jobcenter, personas):
    people = _people(5, jobcenter, personas)
    enrolments = [services.enrolment_create(actor=personas.caseworker, course=course, participant=p) for p in people]
    moved = services.enrolment_withdraw(actor=personas.caseworker, enrolment=enrolments[1], reason="work",
                                        note="Arbeitsvertrag ab 1.")
    assert moved is not None and moved.participant == people[3]
    enrolments[1].refresh_from_db()
    assert enrolments[1].status == "withdrawn" and enrolments[1].withdrawal_reason == "work"
    assert Enrolment.objects.get(participant=people[4], course=course).status == "waiting"


def test_withdrawal_from_waiting_list_moves_nobody(course, jobcenter, personas):
    people = _people(5, jobcenter, personas)
    enrolments = [services.enrolment_create(actor=personas.caseworker, course=course, participant=p) for p in people]
    assert services.enrolment_withdraw(actor=personas.caseworker, enrolment=enrolments[3], reason="other") is None
    assert Enrolment.objects.filter(course=course, status="enrolled").count() == 3


def test_withdrawal_needs_a_reason(course, jobcenter, personas, enrolment):
    with pytest.raises(Exception, match="Abmeldegrund"):
        services.enrolment_withdraw(actor=personas.caseworker, enrolment=enrolment, reason="")


def test_german_level_below_entry_level_is_refused_with_a_clear_message(course, jobcenter, personas):
    person = make_participant(jobcenter, personas.caseworker, level="A1")
    with pytest.raises(services.EnrolmentRefused) as exc:
        services.enrolment_create(actor=personas.caseworker, course=course, participant=person)
    assert exc.value.messages == [
        "Für „CORE – Vorbereitung auf IT-Berufe“ ist Deutsch mindestens A2 nötig; in der Akte erfasst ist A1 "
        "(schwächste Teilfertigkeit bzw. bestes Zertifikat)."
    ]
    assert not Enrolment.objects.exists()


def test_no_german_recorded_says_so(course, jobcenter, personas):
    person = make_participant(jobcenter, personas.caseworker, level="")
    with pytest.raises(services.EnrolmentRefused, match="kein Deutschniveau"):
        services.enrolment_create(actor=personas.caseworker, course=course, participant=person)


def test_a_certificate_meets_the_entry_level(course, jobcenter, personas):
    person = make_participant(jobcenter, personas.caseworker, level="A1")
    LanguageCertificate.objects.create(participant=person, kind="dtz", level="A2", issued_on=dt.date(2025, 5, 1))
    assert services.enrolment_create(actor=personas.caseworker, course=course, participant=person).status == "enrolled"


def test_prerequisite_module_must_be_completed(course, module, jobcenter, personas, today):
    basics = Module.objects.create(organisation=jobcenter, code="basics", title="IT-Grundlagen", hours=20,
                                   funding_route=FundingRoute.PROJECT)
    module.prerequisites.add(basics)
    person = make_participant(jobcenter, personas.caseworker)
    with pytest.raises(services.EnrolmentRefused, match="zuerst „IT-Grundlagen“ abgeschlossen"):
        services.enrolment_create(actor=personas.caseworker, course=course, participant=person)
    earlier = Course.objects.create(module=basics, organisation=jobcenter, code="b1", title="Basics",
                                    start_date=today - dt.timedelta(days=90), end_date=today - dt.timedelta(days=60),
                                    location="X", capacity=10)
    Enrolment.objects.create(course=earlier, participant=person, status="completed", requested_at=enrolment_time(),
                             created_by=personas.admin)
    assert services.enrolment_create(actor=personas.caseworker, course=course, participant=person).status == "enrolled"


def test_double_enrolment_is_refused(course, personas, enrolment):
    with pytest.raises(services.EnrolmentRefused, match="bereits angemeldet"):
        services.enrolment_create(actor=personas.caseworker, course=course, participant=enrolment.participant)


def test_other_team_caseworker_cannot_enrol(course, personas, german_a2):
    with pytest.raises(PermissionDenied):
        services.enrolment_create(actor=personas.other_team_caseworker, course=course, participant=german_a2)


def test_trainer_cannot_enrol(course, personas, enrolment):
    with pytest.raises(PermissionDenied):
        services.enrolment_create(actor=personas.trainer, course=course, participant=enrolment.participant)


def test_other_org_cannot_enrol(course, personas, german_a2):
    with pytest.raises(Http404):
        services.enrolment_create(actor=personas.other_org_caseworker, course=course, participant=german_a2)


def test_enrolment_and_withdrawal_are_audited(course, personas, german_a2):
    before = AuditEvent.objects.count()
    enrolment = services.enrolment_create(actor=personas.caseworker, course=course, participant=german_a2)
    services.enrolment_withdraw(actor=personas.caseworker, enrolment=enrolment, reason="health")
    events = list(AuditEvent.objects.order_by("id")[before:])
    assert [(e.action, e.object_type, e.organisation_id) for e in events] == [
        ("create", "programmes.enrolment", course.organisation_id),
        ("update", "programmes.enrolment", course.organisation_id),
    ]


def test_trainer_sees_enrolled_participants_only_through_the_scope_provider(course, personas, jobcenter, enrolment):
    waiting_person = make_participant(jobcenter, personas.caseworker)
    Enrolment.objects.create(course=course, participant=waiting_person, status="waiting",
                             requested_at=enrolment.requested_at, created_by=personas.caseworker)
    stranger = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker)
    visible = set(participant_policy.scope(personas.trainer))
    assert visible == {enrolment.participant}
    assert stranger not in visible
    services.enrolment_withdraw(actor=personas.caseworker, enrolment=enrolment, reason="work")
    # The withdrawn person disappears; the one who moved up from the waiting list appears.
    assert set(participant_policy.scope(personas.trainer)) == {waiting_person}


# --- properties --------------------------------------------------------------------------------

ACTIONS = st.lists(
    st.one_of(st.tuples(st.just("enrol"), st.integers(0, 9)), st.tuples(st.just("withdraw"), st.integers(0, 9))),
    min_size=1, max_size=25,
)


class EnrolmentProperties(TestCase):
    """Any sequence of enrolments and withdrawals: never over capacity, waiting list served first come first."""

    def _world(self, capacity):
        org = OrganisationFactory(name="Jobcenter Property", kind="jobcenter")
        caseworker = UserFactory(organisation=org, role=Role.CASEWORKER)
        module = Module.objects.create(organisation=org, code="m", title="M", hours=10, funding_route="project")
        course = Course.objects.create(module=module, organisation=org, code="c", title="C",
                                       start_date=dt.date.today(), end_date=dt.date.today() + dt.timedelta(days=30),
                                       location="X", capacity=capacity)
        people = [ParticipantFactory(organisation=org, caseworker=caseworker) for _ in range(10)]
        return caseworker, course, people

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(capacity=st.integers(1, 4), actions=ACTIONS)
    def test_never_over_capacity_and_waiting_order_kept(self, capacity, actions):
        caseworker, course, people = self._world(capacity)
        queue: list[int] = []   # model: waiting list in request order
        placed: set[int] = set()
        for action, index in actions:
            person = people[index]
            active = Enrolment.objects.filter(course=course, participant=person, status__in=Enrolment.ACTIVE).first()
            if action == "enrol" and active is None:
                services.enrolment_create(actor=caseworker, course=course, participant=person)
                if len(placed) < capacity:
                    placed.add(person.pk)
                else:
                    queue.append(person.pk)
            elif action == "withdraw" and active is not None:
                services.enrolment_withdraw(actor=caseworker, enrolment=active, reason="other")
                if person.pk in placed:
                    placed.discard(person.pk)
                    if queue:
                        placed.add(queue.pop(0))
                else:
                    queue.remove(person.pk)
            enrolled = set(Enrolment.objects.filter(course=course, status="enrolled")
                           .values_list("participant_id", flat=True))
            waiting = list(Enrolment.objects.filter(course=course, status="waiting")
                           .order_by("requested_at", "id").values_list("participant_id", flat=True))
            assert len(enrolled) <= capacity
            assert enrolled == placed
            assert waiting == queue
            # Nobody waits while a place is free.
            assert not waiting or len(enrolled) == capacity
