"""A hand-built programme: six people, one at each funnel stage, plus one on the waiting list."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.factories import OrganisationFactory, ParticipantFactory
from wegweiser.accounts.models import Organisation
from wegweiser.programmes.models import Attendance, Course, Enrolment, FundingRoute, Module, Programme, Session
from wegweiser.reporting.models import FollowUp, Outcome, ProgrammeFunding


@pytest.fixture
def world(personas, jobcenter, team_north):
    today = timezone.localdate()
    programme = Programme.objects.create(organisation=jobcenter, code="lqa", name="LQA Test")
    module = Module.objects.create(organisation=jobcenter, programme=programme, code="core", title="CORE",
                                   hours=60, funding_route=FundingRoute.PROJECT)
    start = today - dt.timedelta(days=400)
    course = Course.objects.create(module=module, organisation=jobcenter, code="core-1", title="CORE 1",
                                   start_date=start, end_date=start + dt.timedelta(days=70), location="A",
                                   capacity=20)
    session = Session.objects.create(course=course, date=start, start_time=dt.time(9), end_time=dt.time(12),
                                     topic="Start")
    funder_org = Organisation.objects.get(name="Stiftung Test")
    funding = ProgrammeFunding.objects.create(programme=programme, funder=funder_org, since=start)
    other_funder = OrganisationFactory(name="Andere Stiftung", kind=Organisation.Kind.FUNDER)
    cw = personas.caseworker
    people = []
    genders = ["female", "male", "female", "male", "female", "male", "female"]
    for i, gender in enumerate(genders):
        people.append(ParticipantFactory(organisation=jobcenter, caseworker=cw, team=team_north, gender=gender,
                                         given_name=f"Person{i}", nationalities=["SY" if i % 2 else "AF"]))
    at = timezone.now() - dt.timedelta(days=400)
    enrolments = []
    for i, person in enumerate(people):
        status = Enrolment.Status.WAITING if i == 6 else (
            Enrolment.Status.COMPLETED if i >= 2 else Enrolment.Status.ENROLLED)
        enrolments.append(Enrolment.objects.create(
            course=course, participant=person, status=status, requested_at=at,
            enrolled_at=None if i == 6 else at, created_by=cw))
    for e in enrolments[1:6]:
        Attendance.objects.create(session=session, enrolment=e, status="present", recorded_by=cw)
    for i in (3, 4, 5):
        job = Outcome.objects.create(participant=people[i], kind="job", date=start + dt.timedelta(days=80),
                                     employer="Firma", occupation="Helfer", created_by=cw)
        for months, yes in ((6, i >= 4), (12, i >= 5)):
            FollowUp.objects.create(outcome=job, months=months, due_on=job.date + dt.timedelta(days=30 * months),
                                    status="yes" if yes else "open")
        job.retained_months = 12 if i >= 5 else (6 if i >= 4 else 0)
        job.save()
    # a job before the course started does not count as a transition of this course
    Outcome.objects.create(participant=people[0], kind="job", date=start - dt.timedelta(days=5), employer="Alt",
                           occupation="Alt", created_by=cw)
    return SimpleNamespace(programme=programme, module=module, course=course, funding=funding, people=people,
                           enrolments=enrolments, other_funder=other_funder, today=today, start=start)
