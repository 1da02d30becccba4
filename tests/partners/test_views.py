"""Every partners view, every role: exact status codes; the portal shows only referred people and shared fields."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ParticipantFactory
from tests.partners.conftest import give
from wegweiser.audit.models import AuditEvent
from wegweiser.partners import services
from wegweiser.partners.models import Consent, FollowUpTask, Purpose, Referral, Vacancy

pytestmark = pytest.mark.django_db

ROLES = ["admin", "caseworker", "teammate", "other_team_caseworker", "trainer", "partner", "funder",
         "other_org_caseworker", "other_org_admin"]


def codes(*values):
    return dict(zip(ROLES, values, strict=True))


@pytest.fixture
def world(personas, participant, referral, employer):
    vacancy = Vacancy.objects.create(employer=employer, employer_name=employer.name, title="Schweißer",
                                     municipality="Mayen", latitude=50.328, longitude=7.222)
    consent = Consent.objects.get(purpose=Purpose.REFERRAL)
    task = FollowUpTask.objects.create(referral=referral, participant=participant, assignee=personas.caseworker,
                                       detail="x", due_on="2026-01-01")
    return {"participant": participant, "referral": referral, "vacancy": vacancy, "consent": consent,
            "task": task}


GET_VIEWS = {
    "partners:consents": ("participant", codes(200, 200, 200, 403, 404, 403, 404, 404, 404)),
    "partners:referral_create": ("participant", codes(200, 200, 200, 403, 404, 403, 404, 404, 404)),
    "partners:participant_vacancies": ("participant", codes(200, 200, 200, 403, 404, 403, 404, 404, 404)),
    "partners:referral_list": (None, codes(200, 200, 200, 200, 403, 403, 403, 200, 200)),
    "partners:portal": (None, codes(403, 403, 403, 403, 403, 200, 403, 403, 403)),
    "partners:portal_referral": ("referral", codes(403, 403, 403, 403, 403, 200, 403, 403, 403)),
    "partners:vacancy_list": (None, codes(200, 200, 200, 200, 403, 403, 403, 200, 200)),
    "partners:vacancy_create": (None, codes(200, 200, 200, 200, 403, 403, 403, 200, 200)),
    "partners:vacancy_detail": ("vacancy", codes(200, 200, 200, 200, 403, 403, 403, 200, 200)),
    "partners:vacancy_edit": ("vacancy", codes(200, 200, 200, 200, 403, 403, 403, 200, 200)),
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
    "partners:consent_withdraw": ("consent", codes(302, 302, 302, 403, 404, 403, 404, 404, 404)),
    "partners:referral_cancel": ("referral", codes(302, 302, 302, 403, 403, 403, 403, 404, 404)),
    "partners:followup_done": ("task", codes(302, 302, 302, 403, 403, 403, 403, 404, 404)),
}


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
@pytest.mark.parametrize("view", sorted(POST_VIEWS))
def test_post_views_per_role(client, personas, world, view, role):
    arg, expected = POST_VIEWS[view]
    url = reverse(view, args=[world[arg].pk])
    if role != "anonymous":
        client.force_login(getattr(personas, role))
    response = client.post(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected[role], (view, role)


def test_employer_partner_sees_and_edits_only_own_vacancies(client, world, employer_user, other_ngo):
    own = world["vacancy"]
    other = Vacancy.objects.create(employer_name="Fremd GmbH", title="Koch", municipality="Koblenz")
    client.force_login(employer_user)
    assert client.get(reverse("partners:vacancy_list")).status_code == 200
    assert client.get(reverse("partners:vacancy_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("partners:vacancy_edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("partners:vacancy_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("partners:portal")).status_code == 200


def test_portal_shows_only_own_referrals_and_other_participant_is_404(client, personas, world, other_partner,
                                                                      unreferred):
    client.force_login(personas.partner)
    body = client.get(reverse("partners:portal")).content.decode()
    assert world["participant"].family_name in body
    assert unreferred.family_name not in body
    # another participant's case file and a referral to another organisation: 404
    assert client.get(reverse("participants:detail", args=[unreferred.pk])).status_code == 404
    client.force_login(other_partner)
    assert client.get(reverse("partners:portal_referral", args=[world["referral"].pk])).status_code == 404
    assert world["participant"].family_name not in client.get(reverse("partners:portal")).content.decode()


def test_portal_shows_exactly_the_shared_fields(client, personas, world):
    p = world["participant"]
    client.force_login(personas.partner)
    body = client.get(reverse("partners:portal_referral", args=[world["referral"].pk])).content.decode()
    assert p.display_name in body and "Deutsch B1" in body
    for secret in (p.health_restrictions, p.phone, p.municipality, p.customer_number):
        assert secret not in body


def test_every_partner_access_is_audited(client, personas, world):
    client.force_login(personas.partner)
    before = AuditEvent.objects.filter(actor=personas.partner, action="view").count()
    client.get(reverse("partners:portal"))
    client.get(reverse("partners:portal_referral", args=[world["referral"].pk]))
    events = AuditEvent.objects.filter(actor=personas.partner, action="view").order_by("id")
    assert events.count() == before + 2
    assert all(e.object_id == str(world["participant"].pk) for e in events)


def test_partner_answers_accept_start_decline_needs_reason_complete(client, personas, world):
    url = reverse("partners:portal_referral", args=[world["referral"].pk])
    client.force_login(personas.partner)
    assert client.post(url, {"status": "started"}).status_code == 422  # not from pending
    assert client.post(url, {"status": "accepted"}).status_code == 302
    r = Referral.objects.get(pk=world["referral"].pk)
    assert r.status == "accepted" and r.answered_by == personas.partner
    assert not FollowUpTask.objects.filter(referral=r, done_at__isnull=True).exists()
    response = client.post(url, {"status": "declined", "reason": ""})
    assert response.status_code == 422 and "Grund" in response.content.decode()
    assert client.post(url, {"status": "started"}).status_code == 302
    assert client.post(url, {"status": "completed"}).status_code == 302
    r.refresh_from_db()
    assert r.status == "completed"
    # completed: no longer an active referral, the partner's access ends
    assert client.get(url).status_code == 404


def test_caseworker_referral_form_blocks_without_consent(client, personas, participant, other_ngo):
    client.force_login(personas.caseworker)
    url = reverse("partners:referral_create", args=[participant.pk])
    response = client.post(url, {"organisation": other_ngo.pk, "shared_fields": ["name", "languages"]})
    assert response.status_code == 422
    assert "Es fehlt die Einwilligung" in response.content.decode()
    assert not Referral.objects.exists()


def test_referral_to_vacancy_needs_job_placement_consent(client, personas, participant, world, employer):
    client.force_login(personas.caseworker)
    url = reverse("partners:referral_create", args=[participant.pk])
    data = {"vacancy": world["vacancy"].pk, "shared_fields": ["name"]}
    assert client.post(url, data).status_code == 422
    give(personas.caseworker, participant, employer, Purpose.JOB_PLACEMENT)
    assert client.post(url, data).status_code == 302
    r = Referral.objects.get(vacancy=world["vacancy"])
    assert r.organisation == employer and r.purpose == "job_placement"


def test_vacancy_create_maps_title_with_matching_engine(client, personas):
    client.force_login(personas.caseworker)
    response = client.post(reverse("partners:vacancy_create"), {
        "employer_name": "Elektro Müller", "title": "Elektriker", "municipality": "Andernach",
        "hours_per_week": 39, "german_level": "B1", "skill_uris": "", "description": ""})
    assert response.status_code == 302
    v = Vacancy.objects.get()
    assert v.occupation_uri.endswith("test-electrician") and v.kldb == "26212"
    assert v.latitude is not None


def test_vacancy_list_query_count(client, personas, employer, django_assert_max_num_queries):
    for i in range(15):
        Vacancy.objects.create(employer=employer, employer_name=employer.name, title=f"Stelle {i}",
                               municipality="Mayen")
    client.force_login(personas.caseworker)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("partners:vacancy_list")).status_code == 200


def test_portal_query_count(client, personas, ngo, jobcenter, team_north, django_assert_max_num_queries):
    for _ in range(10):
        p = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north)
        give(personas.caseworker, p, ngo)
        services.referral_create(actor=personas.caseworker, participant=p, organisation=ngo, shared_fields=[])
    client.force_login(personas.partner)
    # one audit row per listed person is written: 10 inserts plus a fixed overhead
    with django_assert_max_num_queries(10 + 10):
        assert client.get(reverse("partners:portal")).status_code == 200


def test_referral_list_query_count(client, personas, ngo, jobcenter, team_north, django_assert_max_num_queries):
    for _ in range(10):
        p = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north)
        give(personas.caseworker, p, ngo)
        services.referral_create(actor=personas.caseworker, participant=p, organisation=ngo, shared_fields=[])
    client.force_login(personas.caseworker)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("partners:referral_list")).status_code == 200


def test_templates_have_no_inline_script_or_style():
    from pathlib import Path

    import wegweiser.partners as app

    for path in (Path(app.__file__).parent / "templates").rglob("*.html"):
        text = path.read_text()
        assert "style=" not in text and "<script>" not in text and "<style" not in text, path


def test_referral_to_course_goes_to_its_provider_with_consent(client, personas, participant, ngo, jobcenter):
    import datetime as dt

    from wegweiser.programmes.models import Course, Module

    module = Module.objects.create(organisation=jobcenter, code="bt", title="Bewerbungstraining", provider=ngo,
                                   hours=40, funding_route="avgs")
    course = Course.objects.create(module=module, organisation=jobcenter, code="bt-1", title="Bewerbung Herbst",
                                   start_date=dt.date.today(), end_date=dt.date.today() + dt.timedelta(days=30),
                                   location="Andernach", capacity=10)
    client.force_login(personas.caseworker)
    url = reverse("partners:referral_create", args=[participant.pk])
    data = {"course": course.pk, "shared_fields": ["name", "languages"]}
    assert client.post(url, data).status_code == 422  # no consent for the provider yet
    assert client.post(url, {**data, "organisation": ngo.pk}).status_code == 422  # two targets
    give(personas.caseworker, participant, ngo)
    assert client.post(url, data).status_code == 302
    referral = Referral.objects.get(course=course)
    assert referral.organisation == ngo
