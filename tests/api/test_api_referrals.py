"""Referrals: staff through participants.policy and partners.services.referral_create (consent checked, 422
without it, nothing stored); partners see only referrals addressed to them, with the shared fields only."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import SENSITIVE, as_, give, more_participants
from tests.factories import UserFactory
from wegweiser.accounts.models import Role
from wegweiser.audit.models import AuditEvent
from wegweiser.partners import services
from wegweiser.partners.models import Purpose, Referral

# The partner persona has the referred person in scope (limited fields) but no need-to-know for the case file.
READ = [("admin", 200), ("caseworker", 200), ("teammate", 200), ("other_team_caseworker", 403), ("trainer", 404),
        ("partner", 403), ("funder", 404), ("other_org_caseworker", 404)]


@pytest.mark.parametrize(("role", "expected"), READ)
def test_participant_referrals_per_role(api, personas, own_participant, referred, role, expected):
    before = AuditEvent.objects.filter(action="view").count()
    response = as_(api, getattr(personas, role)).get(f"/api/v1/participants/{own_participant.pk}/referrals/")
    assert response.status_code == expected
    assert AuditEvent.objects.filter(action="view").count() == before + (1 if expected == 200 else 0)
    if expected == 200:
        assert [r["id"] for r in response.json()] == [referred.pk]
        assert response.json()[0]["shared_fields"] == ["name", "languages"]


@pytest.mark.parametrize(("role", "expected", "count"), [
    ("admin", 200, 1), ("caseworker", 200, 1), ("teammate", 200, 1), ("other_team_caseworker", 200, 0),
    ("trainer", 403, 0), ("partner", 403, 0), ("funder", 403, 0), ("other_org_caseworker", 200, 0),
])
def test_referral_list_per_role(api, personas, referred, role, expected, count):
    response = as_(api, getattr(personas, role)).get("/api/v1/referrals/")
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["count"] == count


def test_referral_list_query_count(api, personas, jobcenter, team_north, ngo, referred, django_assert_max_num_queries):
    for person in more_participants(jobcenter, personas.caseworker, team_north, 8):
        give(personas.caseworker, person, ngo)
        services.referral_create(actor=personas.caseworker, participant=person, organisation=ngo,
                                 shared_fields=["name"])
    with django_assert_max_num_queries(6):
        response = as_(api, personas.caseworker).get("/api/v1/referrals/")
    assert response.json()["count"] == 9


def test_anonymous(api, own_participant, referred):
    assert api.get("/api/v1/referrals/").status_code in {401, 403}
    assert api.get("/api/v1/portal/referrals/").status_code in {401, 403}
    assert api.post(f"/api/v1/participants/{own_participant.pk}/referrals/", {}, format="json").status_code in {
        401, 403}


CREATE = [("admin", 201), ("caseworker", 201), ("teammate", 201), ("other_team_caseworker", 403), ("trainer", 404),
          ("partner", 404), ("funder", 404), ("other_org_caseworker", 404)]


@pytest.mark.parametrize(("role", "expected"), CREATE)
def test_create_per_role(api, personas, own_participant, ngo, role, expected):
    give(personas.caseworker, own_participant, ngo)
    response = as_(api, getattr(personas, role)).post(f"/api/v1/participants/{own_participant.pk}/referrals/",
                                                      {"organisation": ngo.pk, "note": "Bitte melden"},
                                                      format="json")
    assert response.status_code == expected
    assert Referral.objects.count() == (1 if expected == 201 else 0)
    if expected == 201:
        referral = Referral.objects.get()
        assert response.json()["id"] == referral.pk and referral.shared_fields == ["name", "languages"]
        assert AuditEvent.objects.filter(action="create", object_type="partners.referral",
                                         object_id=str(referral.pk)).exists()


def test_create_without_consent_is_422_and_stores_nothing(api, personas, own_participant, ngo):
    client = as_(api, personas.caseworker)
    url = f"/api/v1/participants/{own_participant.pk}/referrals/"
    response = client.post(url, {"organisation": ngo.pk}, format="json")
    assert response.status_code == 422
    assert response.json()["code"] == "consent_missing" and "Einwilligung" in response.json()["detail"]
    give(personas.caseworker, own_participant, ngo)
    beyond = client.post(url, {"organisation": ngo.pk, "shared_fields": ["name", "phone"]}, format="json")
    assert beyond.status_code == 422 and beyond.json()["code"] == "consent_missing"
    assert not Referral.objects.exists()
    assert not AuditEvent.objects.filter(action="create", object_type="partners.referral").exists()


def test_create_bad_input(api, personas, own_participant, ngo, jobcenter):
    give(personas.caseworker, own_participant, ngo)
    client = as_(api, personas.caseworker)
    url = f"/api/v1/participants/{own_participant.pk}/referrals/"
    assert client.post(url, {}, format="json").status_code == 400  # no target
    assert client.post(url, {"organisation": jobcenter.pk}, format="json").status_code == 400  # not a partner
    assert client.post(url, {"organisation": ngo.pk, "shared_fields": ["health"]}, format="json").status_code == 400
    assert client.post(url, {"organisation": 2**70}, format="json").status_code == 400
    body = '{"organisation": ' + str(ngo.pk) + ', "note": "\\udad0"}'
    assert client.post(url, body, content_type="application/json").status_code == 400
    client.post(url, {"organisation": ngo.pk}, format="json")
    again = client.post(url, {"organisation": ngo.pk}, format="json")
    assert again.status_code == 400 and again.json()["code"] != "consent_missing"
    assert Referral.objects.count() == 1


# --- partner portal ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("role", "expected"), [
    ("admin", 403), ("caseworker", 403), ("trainer", 403), ("partner", 200), ("funder", 403),
    ("other_org_caseworker", 403),
])
def test_portal_list_per_role(api, personas, referred, role, expected):
    response = as_(api, getattr(personas, role)).get("/api/v1/portal/referrals/")
    assert response.status_code == expected


def test_portal_shows_only_shared_fields_and_audits(api, personas, own_participant, referred,
                                                    django_assert_max_num_queries):
    client = as_(api, personas.partner)
    before = AuditEvent.objects.filter(action="view", object_type="participants.participant").count()
    with django_assert_max_num_queries(10):
        rows = client.get("/api/v1/portal/referrals/").json()
    assert [r["id"] for r in rows] == [referred.pk]
    assert set(rows[0]["person"]) == {"name", "languages"}
    assert "participant" not in rows[0] and not SENSITIVE & set(rows[0]["person"])
    detail = client.get(f"/api/v1/portal/referrals/{referred.pk}/").json()
    assert set(detail["person"]) == {"name", "languages"} and "Arabisch" in detail["person"]["languages"]
    assert own_participant.family_name in detail["person"]["name"]
    after = AuditEvent.objects.filter(action="view", object_type="participants.participant").count()
    assert after == before + 2


def test_portal_other_partner_and_withdrawn_consent_are_404(api, personas, own_participant, referred, ngo):
    from tests.factories import OrganisationFactory
    from wegweiser.accounts.models import Organisation

    stranger = UserFactory(username="p2", organisation=OrganisationFactory(kind=Organisation.Kind.PARTNER),
                           role=Role.PARTNER)
    assert as_(APIClient(), stranger).get(f"/api/v1/portal/referrals/{referred.pk}/").status_code == 404
    assert as_(APIClient(), stranger).get("/api/v1/portal/referrals/").json() == []
    consent = own_participant.partner_consents.get(organisation=ngo, purpose=Purpose.REFERRAL)
    services.consent_withdraw(actor=personas.caseworker, consent=consent)
    assert as_(api, personas.partner).get(f"/api/v1/portal/referrals/{referred.pk}/").status_code == 404
    assert as_(api, personas.caseworker).get(f"/api/v1/portal/referrals/{referred.pk}/").status_code == 403


def test_participant_referrals_query_count(api, personas, own_participant, referred, ngo,
                                           django_assert_max_num_queries):
    for _ in range(5):
        Referral.objects.create(participant=own_participant, organisation=ngo, referring_organisation=ngo,
                                purpose=Purpose.REFERRAL, status=Referral.Status.COMPLETED,
                                created_by=personas.caseworker)
    with django_assert_max_num_queries(8):
        rows = as_(api, personas.caseworker).get(f"/api/v1/participants/{own_participant.pk}/referrals/").json()
    assert len(rows) == 6
