"""Kooperationsplan API: same policy as the plan pages ("view_full" to read, "change" to write), writes through
plans.services (audited, atomic), frozen versions and stale locks answer 409."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import as_
from wegweiser.audit.models import AuditEvent
from wegweiser.plans.models import PlanVersion, Step

READ = [("admin", 200), ("caseworker", 200), ("teammate", 200), ("other_team_caseworker", 403), ("trainer", 404),
        ("partner", 404), ("funder", 404), ("other_org_caseworker", 404)]


@pytest.mark.parametrize(("role", "expected"), READ)
def test_plan_per_role_with_one_audit_row(api, personas, own_participant, agreed, role, expected):
    before = AuditEvent.objects.filter(action="view").count()
    response = as_(api, getattr(personas, role)).get(f"/api/v1/participants/{own_participant.pk}/plan/")
    assert response.status_code == expected
    assert AuditEvent.objects.filter(action="view").count() == before + (1 if expected == 200 else 0)
    if expected == 200:
        body = response.json()
        assert body["current_version"] == agreed.number and body["open_version"] is None
        assert [s["what"] for s in body["versions"][0]["steps"]] == ["Deutschkurs"]
        assert set(body["versions"][0]["steps"][0]) >= {"status", "effective_status", "due_on"}


def test_trainer_in_scope_still_403(api, personas, own_participant, trainer_scope, agreed):
    assert as_(api, personas.trainer).get(f"/api/v1/participants/{own_participant.pk}/plan/").status_code == 403


def test_anonymous(api, own_participant, agreed):
    assert api.get(f"/api/v1/participants/{own_participant.pk}/plan/").status_code in {401, 403}
    assert api.get(f"/api/v1/participants/{own_participant.pk}/plan/versions/1/").status_code in {401, 403}


def test_plan_query_count_is_flat(api, personas, own_participant, agreed, django_assert_max_num_queries):
    client = as_(api, personas.caseworker)
    for _ in range(3):  # three more versions
        version = client.get(f"/api/v1/participants/{own_participant.pk}/plan/").json()["versions"][0]
        from wegweiser.plans import services
        draft = services.plan_draft_create(actor=personas.caseworker, participant=own_participant)
        services.plan_agree(actor=personas.caseworker, version=draft, lock=draft.lock, acknowledgement="paper")
        assert version
    with django_assert_max_num_queries(12):
        response = client.get(f"/api/v1/participants/{own_participant.pk}/plan/")
    assert len(response.json()["versions"]) == 4


@pytest.mark.parametrize(("role", "expected"), READ)
def test_version_per_role(api, personas, own_participant, agreed, role, expected):
    response = as_(api, getattr(personas, role)).get(f"/api/v1/participants/{own_participant.pk}/plan/versions/1/")
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["status"] == "agreed"


def test_unknown_version_and_ids(api, personas, own_participant, agreed):
    client = as_(api, personas.caseworker)
    assert client.get(f"/api/v1/participants/{own_participant.pk}/plan/versions/9/").status_code == 404
    assert client.get(f"/api/v1/participants/{own_participant.pk}/plan/versions/99999999999/").status_code == 404
    assert client.get("/api/v1/participants/99999999999999999999/plan/").status_code == 404


WRITE = [("admin", 201), ("caseworker", 201), ("teammate", 201), ("other_team_caseworker", 403), ("trainer", 404),
         ("partner", 404), ("funder", 404), ("other_org_caseworker", 404)]


@pytest.mark.parametrize(("role", "expected"), WRITE)
def test_step_create_per_role(api, personas, own_participant, draft, today, role, expected):
    before = Step.objects.count()
    response = as_(api, getattr(personas, role)).post(
        f"/api/v1/participants/{own_participant.pk}/plan/versions/{draft.number}/steps/",
        {"lock": draft.lock, "what": "Bewerbung schreiben", "kind": "application",
         "due_on": str(today + dt.timedelta(days=5))}, format="json")
    assert response.status_code == expected
    assert Step.objects.count() == before + (1 if expected == 201 else 0)
    if expected == 201:
        step = Step.objects.get(pk=response.json()["id"])
        assert AuditEvent.objects.filter(action="create", object_type="plans.step", object_id=str(step.pk)).exists()


def test_step_create_errors_leave_nothing(api, personas, own_participant, draft, today):
    client = as_(api, personas.caseworker)
    url = f"/api/v1/participants/{own_participant.pk}/plan/versions/{draft.number}/steps/"
    before, lock = Step.objects.count(), draft.lock
    assert client.post(url, {"lock": lock}, format="json").status_code == 400  # nothing to do
    past = client.post(url, {"lock": lock, "what": "X", "due_on": str(today - dt.timedelta(days=3))}, format="json")
    assert past.status_code == 400 and past.json()["code"] == "past_due"
    stale = client.post(url, {"lock": lock + 7, "what": "X"}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    assert client.post(url, {"lock": lock, "what": "X", "module": 2**70}, format="json").status_code == 400
    assert Step.objects.count() == before
    assert PlanVersion.objects.get(pk=draft.pk).lock == lock
    ok = client.post(url, {"lock": lock, "what": "X", "due_on": str(today - dt.timedelta(days=3)),
                           "confirm_past_due": True}, format="json")
    assert ok.status_code == 201


def test_partner_step_needs_consent(api, personas, own_participant, draft):
    url = f"/api/v1/participants/{own_participant.pk}/plan/versions/{draft.number}/steps/"
    response = as_(api, personas.caseworker).post(url, {
        "lock": draft.lock, "what": "Beratung", "responsible": "partner",
        "partner_organisation": personas.partner.organisation_id}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "partner_consent"


def test_step_status_update_and_frozen_version(api, personas, own_participant, draft):
    client = as_(api, personas.caseworker)
    step = draft.steps.get()
    url = f"/api/v1/participants/{own_participant.pk}/plan/versions/{draft.number}/steps/{step.pk}/"
    dropped = client.patch(url, {"lock": draft.lock, "status": "dropped"}, format="json")
    assert dropped.status_code == 400 and dropped.json()["code"] == "drop_reason"
    done = client.patch(url, {"lock": draft.lock, "status": "done"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "done"
    assert AuditEvent.objects.filter(action="update", object_type="plans.step", object_id=str(step.pk)).exists()
    assert as_(APIClient(), personas.other_team_caseworker).patch(
        url, {"lock": draft.lock + 1, "status": "open"}, format="json").status_code == 403
    draft.refresh_from_db()
    from wegweiser.plans import services
    services.plan_agree(actor=personas.caseworker, version=draft, lock=draft.lock, acknowledgement="paper")
    frozen = client.patch(url, {"lock": draft.lock + 1, "status": "open"}, format="json")
    assert frozen.status_code == 409 and frozen.json()["code"] == "frozen"
    assert Step.objects.get(pk=step.pk).status == "done"
    assert client.patch(url.replace(f"/{step.pk}/", "/999999/"), {"lock": 1}, format="json").status_code == 404
