"""Every case-file view, every role: exact status codes (need-to-know, 404 across organisations)."""

from __future__ import annotations

import pytest
from django.urls import reverse

ROLES = ["anonymous", "admin", "caseworker", "teammate", "other_team_caseworker", "trainer", "partner",
         "funder", "other_org_caseworker", "other_org_admin"]

# view name -> expected status per role, for the participant assigned to `caseworker` (team Nord).
CASE_FILE_VIEWS = {
    "participants:detail": dict(admin=200, caseworker=200, teammate=200, other_team_caseworker=403,
                                trainer=404, partner=404, funder=404, other_org_caseworker=404,
                                other_org_admin=404),
    "participants:edit": dict(admin=200, caseworker=200, teammate=200, other_team_caseworker=403,
                              trainer=404, partner=404, funder=404, other_org_caseworker=404, other_org_admin=404),
    "participants:access_log": dict(admin=200, caseworker=200, teammate=200, other_team_caseworker=403,
                                    trainer=404, partner=404, funder=404, other_org_caseworker=404,
                                    other_org_admin=404),
    "participants:merge": dict(admin=200, caseworker=403, teammate=403, other_team_caseworker=403,
                               trainer=404, partner=404, funder=404, other_org_caseworker=404, other_org_admin=404),
}
ORG_VIEWS = {
    "participants:dashboard": dict(admin=200, caseworker=200, teammate=200, other_team_caseworker=200,
                                   trainer=200, partner=200, funder=200, other_org_caseworker=200,
                                   other_org_admin=200),
    "participants:list": dict(admin=200, caseworker=200, teammate=200, other_team_caseworker=200, trainer=403,
                              partner=403, funder=403, other_org_caseworker=200, other_org_admin=200),
    "participants:create": dict(admin=200, caseworker=200, teammate=200, other_team_caseworker=200,
                                trainer=403, partner=403, funder=403, other_org_caseworker=200,
                                other_org_admin=200),
    "audit:list": dict(admin=200, caseworker=403, teammate=403, other_team_caseworker=403, trainer=403,
                       partner=403, funder=403, other_org_caseworker=403, other_org_admin=200),
    "accounts:users": dict(admin=200, caseworker=403, teammate=403, other_team_caseworker=403, trainer=403,
                           partner=403, funder=403, other_org_caseworker=403, other_org_admin=200),
}


def _login(client, personas, role):
    if role != "anonymous":
        client.force_login(getattr(personas, role))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", sorted(CASE_FILE_VIEWS))
def test_case_file_views_per_role(client, personas, own_participant, view, role):
    _login(client, personas, role)
    response = client.get(reverse(view, args=[own_participant.pk]))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == CASE_FILE_VIEWS[view][role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", sorted(ORG_VIEWS))
def test_org_views_per_role(client, personas, own_participant, view, role):
    _login(client, personas, role)
    response = client.get(reverse(view))
    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == ORG_VIEWS[view][role]


@pytest.mark.parametrize(("section", "role", "expected"), [
    ("work", "caseworker", 200), ("work", "other_team_caseworker", 403), ("work", "other_org_caseworker", 404),
    ("languages", "trainer", 404), ("education", "funder", 404), ("nonsense", "caseworker", 404),
])
def test_entry_add_form_per_role(client, personas, own_participant, section, role, expected):
    _login(client, personas, role)
    response = client.get(reverse("participants:entry_add", args=[own_participant.pk, section]))
    assert response.status_code == expected


@pytest.mark.parametrize(("role", "expected"), [
    ("caseworker", 302), ("admin", 302), ("other_team_caseworker", 403), ("trainer", 404),
    ("funder", 404), ("other_org_caseworker", 404),
])
def test_contact_add_per_role(client, personas, own_participant, role, expected):
    _login(client, personas, role)
    response = client.post(reverse("participants:contact_add", args=[own_participant.pk]),
                           {"contact_on": "2026-01-05", "channel": "phone", "text": "Rückruf wegen Kurs"})
    assert response.status_code == expected
    assert own_participant.contacts.count() == (1 if expected == 302 else 0)


def test_unknown_participant_is_404(client, personas):
    client.force_login(personas.admin)
    assert client.get(reverse("participants:detail", args=[999999])).status_code == 404


def test_health_data_only_for_assigned_caseworker_and_admin(client, personas, own_participant):
    secret = own_participant.health_restrictions
    for role, visible in [("caseworker", True), ("admin", True), ("teammate", False)]:
        client.force_login(getattr(personas, role))
        body = client.get(reverse("participants:detail", args=[own_participant.pk])).content.decode()
        assert (secret in body) is visible, role
        edit = client.get(reverse("participants:edit", args=[own_participant.pk])).content.decode()
        assert ("health_restrictions" in edit) is visible, role


def test_trainer_in_scope_sees_only_limited_fields(client, personas, own_participant, trainer_scope):
    own_participant.languages.create(language="de", speaking="A2", listening="B1")
    client.force_login(personas.trainer)
    response = client.get(reverse("participants:detail", args=[own_participant.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert own_participant.given_name in body
    assert "Deutsch" in body
    assert own_participant.health_restrictions not in body
    assert own_participant.customer_number not in body
    assert "Aufenthalt" not in body
    assert client.get(reverse("participants:edit", args=[own_participant.pk])).status_code == 403
