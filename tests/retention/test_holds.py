"""Legal holds: services and the admin-only page, every role with its exact status code."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from wegweiser.audit.models import AuditEvent
from wegweiser.retention.models import LegalHold
from wegweiser.retention.services import legal_hold_lift, legal_hold_set

pytestmark = pytest.mark.django_db
HOLDS = reverse("retention:holds")


@pytest.fixture
def hold(personas, own_participant):
    return legal_hold_set(actor=personas.admin, participant=own_participant, reason="Klage SG Koblenz")


def test_set_is_audited_on_hold_and_participant(personas, own_participant):
    hold = legal_hold_set(actor=personas.admin, participant=own_participant, reason=" Prüfung ",
                          until=timezone.localdate() + dt.timedelta(days=10))
    assert hold.reason == "Prüfung" and hold.set_by == personas.admin
    assert AuditEvent.objects.filter(object_type="retention.legalhold", object_id=str(hold.pk), action="create",
                                     actor=personas.admin).count() == 1
    assert AuditEvent.objects.filter(object_type="participants.participant", object_id=str(own_participant.pk),
                                     fields=["legal_hold"]).count() == 1


@pytest.mark.parametrize("role", ["caseworker", "trainer", "partner", "funder", "other_org_admin"])
def test_only_an_admin_of_the_participants_organisation_may_set(personas, own_participant, role):
    with pytest.raises(PermissionDenied):
        legal_hold_set(actor=getattr(personas, role), participant=own_participant, reason="x")
    assert not LegalHold.objects.exists()


def test_set_needs_a_reason_and_a_future_end(personas, own_participant):
    with pytest.raises(ValidationError):
        legal_hold_set(actor=personas.admin, participant=own_participant, reason="  ")
    with pytest.raises(ValidationError):
        legal_hold_set(actor=personas.admin, participant=own_participant, reason="x",
                       until=timezone.localdate() - dt.timedelta(days=1))


def test_lift_once_audited(personas, hold):
    lifted = legal_hold_lift(actor=personas.admin, hold=hold, reason="erledigt")
    assert lifted.lifted_by == personas.admin and lifted.lift_reason == "erledigt"
    assert not lifted.is_active_on(timezone.localdate())
    with pytest.raises(ValidationError):
        legal_hold_lift(actor=personas.admin, hold=lifted)
    assert AuditEvent.objects.filter(object_type="retention.legalhold", object_id=str(hold.pk),
                                     action="update").count() == 1


def test_list_anonymous_redirects_to_login(client):
    response = client.get(HOLDS)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(("role", "status"), [
    ("admin", 200), ("caseworker", 403), ("teammate", 403), ("trainer", 403), ("partner", 403), ("funder", 403),
    ("other_org_caseworker", 403), ("other_org_admin", 200),
])
def test_list_per_role(client, personas, hold, role, status):
    client.force_login(getattr(personas, role))
    response = client.get(HOLDS)
    assert response.status_code == status
    if status == 200:
        # An admin sees the holds of the own organisation only.
        assert (hold.reason in response.content.decode()) == (role == "admin")


def test_admin_sets_hold_by_customer_number(client, personas, own_participant):
    client.force_login(personas.admin)
    response = client.post(HOLDS, {"customer_number": own_participant.customer_number, "reason": "Verfahren"})
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.participant, hold.reason, hold.until) == (own_participant, "Verfahren", None)


def test_customer_number_of_another_organisation_is_not_found(client, personas, other_org_participant):
    client.force_login(personas.admin)
    response = client.post(HOLDS, {"customer_number": other_org_participant.customer_number, "reason": "x"})
    assert response.status_code == 400
    assert "Keine teilnehmende Person" in response.content.decode()
    assert not LegalHold.objects.exists()


def test_caseworker_cannot_post_a_hold(client, personas, own_participant):
    client.force_login(personas.caseworker)
    response = client.post(HOLDS, {"customer_number": own_participant.customer_number, "reason": "x"})
    assert response.status_code == 403
    assert not LegalHold.objects.exists()


def test_lift_anonymous_redirects(client, hold):
    response = client.post(reverse("retention:hold_lift", args=[hold.pk]))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(("role", "status"), [
    ("admin", 302), ("caseworker", 403), ("trainer", 403), ("partner", 403), ("funder", 403),
    ("other_org_caseworker", 403), ("other_org_admin", 404),
])
def test_lift_per_role(client, personas, hold, role, status):
    client.force_login(getattr(personas, role))
    response = client.post(reverse("retention:hold_lift", args=[hold.pk]), {"reason": "Ende"})
    assert response.status_code == status
    hold.refresh_from_db()
    assert (hold.lifted_at is not None) == (status == 302)


def test_lift_refuses_get(client, personas, hold):
    client.force_login(personas.admin)
    assert client.get(reverse("retention:hold_lift", args=[hold.pk])).status_code == 405
