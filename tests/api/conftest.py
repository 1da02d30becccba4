"""Domain data for the API tests on top of the personas (built through the same services as the screens)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import LanguageSkillFactory, OrganisationFactory, ParticipantFactory
from wegweiser.accounts.models import Organisation
from wegweiser.partners import services as partner_services
from wegweiser.partners.models import Consent, Purpose, Vacancy
from wegweiser.plans import services as plan_services
from wegweiser.programmes.models import Course, Enrolment, FundingRoute, Module, Session, TrainerProfile

ROLES = ("admin", "caseworker", "teammate", "other_team_caseworker", "trainer", "partner", "funder",
         "other_org_caseworker")
# Fields that must never reach a trainer or a partner.
SENSITIVE = {"residence_status", "residence_valid_until", "work_permission", "health_restrictions", "nationalities",
             "phone", "birth_date", "municipality", "notes", "contacts"}


@pytest.fixture(autouse=True)
def _no_throttle_carry_over():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


def as_(api, user):
    api.force_authenticate(user=user)
    return api


@pytest.fixture
def today():
    return timezone.localdate()


# --- programmes -----------------------------------------------------------------------------------

@pytest.fixture
def module(jobcenter, personas):
    return Module.objects.create(organisation=jobcenter, code="core", title="CORE", hours=60,
                                 funding_route=FundingRoute.PROJECT, provider=personas.trainer.organisation)


@pytest.fixture
def course(module, personas, today):
    course = Course.objects.create(module=module, organisation=module.organisation, code="core-1",
                                   title="CORE Kurs", start_date=today - dt.timedelta(days=7),
                                   end_date=today + dt.timedelta(days=60), location="Haus", capacity=5)
    TrainerProfile.objects.create(organisation=module.organisation, user=personas.trainer, kind="teacher")
    course.trainers.add(personas.trainer)
    return course


@pytest.fixture
def session(course, today):
    return Session.objects.create(course=course, date=today, start_time=dt.time(9), end_time=dt.time(12),
                                  topic="Start")


@pytest.fixture
def enrolment(course, own_participant, personas):
    LanguageSkillFactory(participant=own_participant, language="de", listening="B1", reading="A2", speaking="A2",
                         writing="A2")
    return Enrolment.objects.create(course=course, participant=own_participant, status=Enrolment.Status.ENROLLED,
                                    requested_at=timezone.now(), enrolled_at=timezone.now(),
                                    created_by=personas.caseworker)


@pytest.fixture
def other_org_module(other_jobcenter):
    return Module.objects.create(organisation=other_jobcenter, code="x", title="Fremd", hours=10,
                                 funding_route=FundingRoute.OTHER)


@pytest.fixture
def other_org_course(other_org_module, today):
    return Course.objects.create(module=other_org_module, organisation=other_org_module.organisation, code="x-1",
                                 title="Fremdkurs", start_date=today, end_date=today + dt.timedelta(days=5),
                                 location="Anderswo", capacity=3)


# --- partners -------------------------------------------------------------------------------------

@pytest.fixture
def ngo(personas):
    return personas.partner.organisation


def give(actor, participant, org, purpose=Purpose.REFERRAL) -> Consent:
    return partner_services.consent_record(actor=actor, participant=participant, organisation=org, purpose=purpose,
                                           method=Consent.Method.IN_PERSON, language="de")


@pytest.fixture
def referred(personas, own_participant, ngo):
    """`own_participant` referred to the partner persona's organisation (name and languages)."""
    own_participant.municipality, own_participant.phone = "Andernach", "0151 000000"
    own_participant.save()
    LanguageSkillFactory(participant=own_participant, language="ar", listening="C2", speaking="C2")
    give(personas.caseworker, own_participant, ngo)
    return partner_services.referral_create(actor=personas.caseworker, participant=own_participant,
                                            organisation=ngo, shared_fields=["name", "languages"])


@pytest.fixture
def employer(db):
    return OrganisationFactory(name="Metallbau Test GmbH", kind=Organisation.Kind.EMPLOYER, municipality="Mayen")


@pytest.fixture
def vacancies(employer):
    weld = Vacancy.objects.create(employer=employer, employer_name=employer.name, title="Schweißer/in",
                                  occupation_uri="http://data.europa.eu/esco/occupation/weld", kldb="24422",
                                  municipality="Mayen", german_level="A2")
    cook = Vacancy.objects.create(employer_name="Gasthaus", title="Koch/Köchin",
                                  occupation_uri="http://data.europa.eu/esco/occupation/cook", kldb="29302",
                                  municipality="Mendig")
    closed = Vacancy.objects.create(employer_name="Alt", title="Alt", kldb="24422", municipality="Mayen",
                                    active=False)
    return weld, cook, closed


# --- plans ----------------------------------------------------------------------------------------

@pytest.fixture
def draft(personas, own_participant, today):
    version = plan_services.plan_draft_create(actor=personas.caseworker, participant=own_participant)
    plan_services.plan_goal_update(actor=personas.caseworker, version=version, lock=version.lock, goal_kind="free",
                                   goal_label="Deutsch B1", review_on=today + dt.timedelta(days=30))
    version.refresh_from_db()
    plan_services.step_add(actor=personas.caseworker, version=version, lock=version.lock, what="Deutschkurs",
                           kind="language", responsible="participant", due_on=today + dt.timedelta(days=20))
    version.refresh_from_db()
    return version


@pytest.fixture
def agreed(personas, draft):
    draft.refresh_from_db()
    return plan_services.plan_agree(actor=personas.caseworker, version=draft, lock=draft.lock,
                                    acknowledgement="paper")


def more_participants(jobcenter, caseworker, team, n):
    return [ParticipantFactory(organisation=jobcenter, caseworker=caseworker, team=team) for _ in range(n)]


# --- responses checked against the OpenAPI schema (for endpoints the demo data of schemathesis does not reach) --

_spec = None


def _schema():
    global _spec
    if _spec is None:
        import schemathesis
        from drf_spectacular.generators import SchemaGenerator

        _spec = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    return _spec


def assert_conforms(response, method: str, path: str) -> None:
    """The response's status code is documented and its body matches the schema of `method path`."""
    import http.client

    import requests
    from schemathesis.core.transport import Response

    request = requests.Request(method=method, url=f"http://testserver{path}").prepare()
    st_response = Response(
        status_code=response.status_code, headers={k: [v] for k, v in response.headers.items()},
        content=response.content, request=request, elapsed=0.0, verify=False,
        message=http.client.responses.get(response.status_code, ""),
    )
    _schema()[path][method].validate_response(st_response)
