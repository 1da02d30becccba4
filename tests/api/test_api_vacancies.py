"""Vacancies: partners.policy (staff all, employer users their own, others 403), filters by occupation and
KldB, matching people for staff only (within their case files, audited)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import SENSITIVE, as_, give
from tests.factories import LanguageSkillFactory, UserFactory
from wegweiser.accounts.models import Role
from wegweiser.audit.models import AuditEvent
from wegweiser.partners.models import Purpose, Vacancy


@pytest.fixture
def employer_user(employer):
    return UserFactory(username="employer", organisation=employer, role=Role.PARTNER)


@pytest.mark.parametrize(("role", "expected", "count"), [
    ("admin", 200, 2), ("caseworker", 200, 2), ("trainer", 403, 0), ("partner", 403, 0), ("funder", 403, 0),
    ("other_org_caseworker", 200, 2),
])
def test_list_per_role(api, personas, vacancies, role, expected, count):
    response = as_(api, getattr(personas, role)).get("/api/v1/vacancies/")
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["count"] == count


def test_employer_sees_only_own(api, employer_user, vacancies):
    weld, cook, _closed = vacancies
    client = as_(api, employer_user)
    assert [v["id"] for v in client.get("/api/v1/vacancies/").json()["results"]] == [weld.pk]
    assert client.get(f"/api/v1/vacancies/{cook.pk}/").status_code == 404
    assert client.get(f"/api/v1/vacancies/{weld.pk}/").status_code == 200
    assert client.get(f"/api/v1/vacancies/{weld.pk}/matches/").status_code == 403


def test_filters(api, personas, vacancies):
    weld, cook, _closed = vacancies
    client = as_(api, personas.caseworker)
    ids = lambda **q: [v["id"] for v in client.get("/api/v1/vacancies/", q).json()["results"]]  # noqa: E731
    assert ids(kldb="244") == [weld.pk]
    assert ids(kldb="29302") == [cook.pk]
    assert ids(occupation="http://data.europa.eu/esco/occupation/cook") == [cook.pk]
    assert ids(kldb="9") == []
    assert client.get("/api/v1/vacancies/", {"kldb": "abc"}).status_code == 400


def test_list_query_count(api, personas, vacancies, django_assert_max_num_queries):
    for i in range(10):
        Vacancy.objects.create(employer_name=f"F{i}", title=f"T{i}", municipality="Mayen")
    with django_assert_max_num_queries(6):
        assert as_(api, personas.caseworker).get("/api/v1/vacancies/").json()["count"] == 12


@pytest.mark.parametrize(("role", "expected"), [
    ("admin", 200), ("caseworker", 200), ("trainer", 403), ("partner", 403), ("funder", 403),
    ("other_org_caseworker", 200),
])
def test_detail_per_role(api, personas, vacancies, role, expected):
    assert as_(api, getattr(personas, role)).get(f"/api/v1/vacancies/{vacancies[0].pk}/").status_code == expected


def test_closed_and_unknown_vacancies(api, personas, vacancies):
    client = as_(api, personas.caseworker)
    assert client.get(f"/api/v1/vacancies/{vacancies[2].pk}/").status_code == 200  # closed: still readable
    assert client.get("/api/v1/vacancies/99999999999999999999/").status_code == 404
    assert APIClient().get("/api/v1/vacancies/").status_code in {401, 403}


@pytest.mark.parametrize(("role", "expected", "sees_person"), [
    ("admin", 200, True), ("caseworker", 200, True), ("other_team_caseworker", 200, False), ("trainer", 403, False),
    ("partner", 403, False), ("funder", 403, False), ("other_org_caseworker", 200, False),
])
def test_matches_per_role(api, personas, own_participant, employer, vacancies, role, expected, sees_person):
    LanguageSkillFactory(participant=own_participant, language="de", listening="B1", speaking="B1")
    give(personas.caseworker, own_participant, employer, Purpose.JOB_PLACEMENT)
    before = AuditEvent.objects.filter(action="view", object_type="partners.vacancy").count()
    response = as_(api, getattr(personas, role)).get(f"/api/v1/vacancies/{vacancies[0].pk}/matches/")
    assert response.status_code == expected
    if expected == 200:
        ids = [m["participant"]["id"] for m in response.json()]
        assert (own_participant.pk in ids) == sees_person
        for match in response.json():
            assert set(match["participant"]) == {"id", "given_name", "family_name"}
            assert not SENSITIVE & set(match["participant"]) and match["reasons"]
        after = AuditEvent.objects.filter(action="view", object_type="partners.vacancy").count()
        assert after == before + 1
