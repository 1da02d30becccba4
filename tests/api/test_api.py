"""REST API: same policy, field allow-lists, audit and locking as the screens; valid OpenAPI schema."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.matching.fixtures import CARPENTER
from wegweiser.audit.models import AuditEvent
from wegweiser.matching import runtime
from wegweiser.participants.models import Participant


@pytest.fixture
def api():
    return APIClient()


def _as(api, user):
    api.force_authenticate(user=user)
    return api


@pytest.mark.parametrize(("role", "expected"), [
    ("admin", 200), ("caseworker", 200), ("trainer", 403), ("partner", 403), ("funder", 403),
    ("other_org_caseworker", 200),
])
def test_list_per_role(api, personas, own_participant, role, expected):
    response = _as(api, getattr(personas, role)).get("/api/v1/participants/")
    assert response.status_code == expected
    if role == "other_org_caseworker":
        assert response.json()["count"] == 0


def test_anonymous_is_401_or_403(api, own_participant):
    assert api.get("/api/v1/participants/").status_code in {401, 403}
    assert api.get(f"/api/v1/participants/{own_participant.pk}/").status_code in {401, 403}


@pytest.mark.parametrize(("role", "expected"), [
    ("admin", 200), ("caseworker", 200), ("teammate", 200), ("other_team_caseworker", 403), ("trainer", 404),
    ("partner", 404), ("funder", 404), ("other_org_caseworker", 404),
])
def test_detail_per_role_and_one_audit_row(api, personas, own_participant, role, expected):
    before = AuditEvent.objects.filter(action="view").count()
    response = _as(api, getattr(personas, role)).get(f"/api/v1/participants/{own_participant.pk}/")
    assert response.status_code == expected
    assert AuditEvent.objects.filter(action="view").count() == before + (1 if expected == 200 else 0)


def test_health_only_for_assigned_caseworker(api, personas, own_participant):
    assert "health_restrictions" in _as(api, personas.caseworker).get(
        f"/api/v1/participants/{own_participant.pk}/").json()
    body = _as(api, personas.teammate).get(f"/api/v1/participants/{own_participant.pk}/").json()
    assert "health_restrictions" not in body and "residence_status" in body


def test_trainer_in_scope_gets_only_limited_fields(api, personas, own_participant, trainer_scope):
    body = _as(api, personas.trainer).get(f"/api/v1/participants/{own_participant.pk}/").json()
    assert set(body) == {"id", "given_name", "family_name", "given_name_original", "family_name_original",
                         "languages"}


def test_patch_with_version_and_conflict(api, personas, own_participant):
    client = _as(api, personas.caseworker)
    url = f"/api/v1/participants/{own_participant.pk}/"
    ok = client.patch(url, {"version": own_participant.version, "municipality": "Mendig"}, format="json")
    assert ok.status_code == 200 and ok.json()["municipality"] == "Mendig"
    stale = client.patch(url, {"version": own_participant.version, "municipality": "Polch"}, format="json")
    assert stale.status_code == 409
    assert stale.json()["conflicts"]["municipality"] == {"now": "Mendig", "yours": "Polch"}
    assert client.patch(url, {"municipality": "Polch"}, format="json").status_code == 400
    assert Participant.objects.get(pk=own_participant.pk).municipality == "Mendig"
    assert _as(api, personas.other_team_caseworker).patch(
        url, {"version": 2, "municipality": "X"}, format="json").status_code == 403


def test_match_occupations_endpoint(api, personas):
    runtime.get_index()  # the fixture index (tests never build the full one)
    response = _as(api, personas.caseworker).get("/api/v1/match/occupations", {"q": "نجار", "top": 3})
    assert response.status_code == 200
    results = response.json()
    assert results[0]["uri"] == CARPENTER and results[0]["evidence"]
    assert _as(api, personas.caseworker).get("/api/v1/match/occupations", {"top": 3}).status_code == 400
    assert _as(api, personas.caseworker).get("/api/v1/match/skills", {"q": "Holz"}).status_code == 200


def test_match_answers_503_while_index_builds(api, personas, monkeypatch):
    monkeypatch.setattr(runtime, "index_if_ready", lambda: None)
    response = _as(api, personas.caseworker).get("/api/v1/match/occupations", {"q": "Koch"})
    assert response.status_code == 503 and response["Retry-After"] == "30"


def test_token_auth(api, personas, own_participant):
    token = Token.objects.create(user=personas.caseworker)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get(f"/api/v1/participants/{own_participant.pk}/").status_code == 200


def test_recommendations_and_competences_endpoints(api, personas, own_participant):
    client = _as(api, personas.caseworker)
    assert client.get(f"/api/v1/participants/{own_participant.pk}/competences/").status_code == 200
    assert client.get(f"/api/v1/participants/{own_participant.pk}/recommendations/").status_code == 200
    assert client.get(f"/api/v1/participants/{own_participant.pk}/interests/").status_code == 200
    assert _as(api, personas.funder).get(f"/api/v1/participants/{own_participant.pk}/recommendations/"
                                         ).status_code == 404


def test_schema_and_docs(client, personas):
    client.force_login(personas.caseworker)
    schema = client.get(reverse("api:schema"), {"format": "json"})
    assert schema.status_code == 200
    assert "/api/v1/match/occupations" in schema.json()["paths"]
    assert client.get(reverse("api:docs")).status_code == 200


@pytest.mark.parametrize("bad_id", ["0", "-5", "99999999999999999999999"])
def test_out_of_range_ids_are_404_not_500(api, personas, bad_id):
    client = _as(api, personas.caseworker)
    for suffix in ("", "competences/", "recommendations/", "interests/"):
        assert client.get(f"/api/v1/participants/{bad_id}/{suffix}").status_code == 404


def test_lone_surrogates_are_refused(api, personas, own_participant):
    body = '{"version": 1, "phone": "\\udad0"}'
    response = _as(api, personas.caseworker).patch(f"/api/v1/participants/{own_participant.pk}/", body,
                                                   content_type="application/json")
    assert response.status_code == 400


def test_unknown_api_path_is_json_404(api, personas):
    response = _as(api, personas.caseworker).get("/api/v1/participants/a.b/competences/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
