"""Programme fixtures on top of the personas: a CORE-like module, a course taught by `personas.trainer`."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import LanguageSkillFactory, ParticipantFactory
from wegweiser.programmes.models import (
    Course,
    Enrolment,
    FundingRoute,
    Module,
    Session,
    TrainerProfile,
)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def module(jobcenter):
    return Module.objects.create(
        organisation=jobcenter, code="core", title="CORE – Vorbereitung auf IT-Berufe", hours=120,
        entry_german_level="A2", funding_route=FundingRoute.PROJECT,
        skill_uris=["http://data.europa.eu/esco/skill/81633a44-f1db-4a01-a940-804c6905e330"],
    )


@pytest.fixture
def course(module, personas, today):
    course = Course.objects.create(
        module=module, organisation=module.organisation, code="core-t", title="CORE Testkurs",
        start_date=today - dt.timedelta(days=14), end_date=today + dt.timedelta(days=60),
        location="Projekthaus", capacity=3,
    )
    TrainerProfile.objects.create(organisation=module.organisation, user=personas.trainer, kind="teacher")
    course.trainers.add(personas.trainer)
    return course


@pytest.fixture
def session(course, today):
    return Session.objects.create(course=course, date=today, start_time=dt.time(9), end_time=dt.time(12),
                                  room="R1", topic="Dateien und Ordner")


def make_participant(jobcenter, caseworker, team=None, level="A2", **kwargs):
    participant = ParticipantFactory(organisation=jobcenter, caseworker=caseworker, team=team, **kwargs)
    if level:
        LanguageSkillFactory(participant=participant, language="de", listening=level, reading=level,
                             speaking=level, writing=level)
    return participant


@pytest.fixture
def german_a2(own_participant):
    LanguageSkillFactory(participant=own_participant, language="de", listening="B1", reading="A2", speaking="A2",
                         writing="A2")
    return own_participant


@pytest.fixture
def enrolment(course, german_a2, personas):
    return Enrolment.objects.create(course=course, participant=german_a2, status=Enrolment.Status.ENROLLED,
                                    requested_at=timezone.now(), enrolled_at=timezone.now(),
                                    created_by=personas.caseworker)
