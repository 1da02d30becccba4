"""Privacy views per role with exact status codes: admin and the file's caseworkers (own/team) download the
Art. 15 ZIP; admin and the responsible caseworker set and lift a restriction; trainer/partner/funder 403,
other organisation 404, anonymous 302 to the login."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from wegweiser.audit.models import AuditEvent
from wegweiser.privacy import guard, services
from wegweiser.privacy.models import ProcessingRestriction

pytestmark = pytest.mark.django_db

EXPORT_CODES = {"admin": 200, "caseworker": 200, "teammate": 200, "other_team_caseworker": 403, "trainer": 403,
                "partner": 403, "funder": 403, "other_org_caseworker": 404, "other_org_admin": 404}
RESTRICT_CODES = {"admin": 200, "caseworker": 200, "teammate": 403, "other_team_caseworker": 403, "trainer": 403,
                  "partner": 403, "funder": 403, "other_org_caseworker": 404, "other_org_admin": 404}


def _url(name, participant):
    return reverse(f"privacy:{name}", args=[participant.pk])


@pytest.mark.parametrize("persona,code", EXPORT_CODES.items())
def test_access_export_roles(client, personas, own_participant, trainer_scope, persona, code):
    client.force_login(getattr(personas, persona))
    response = client.post(_url("access_export", own_participant))
    assert response.status_code == code
    exported = AuditEvent.objects.filter(action="access_export").count()
    assert exported == (1 if code == 200 else 0)


def test_access_export_anonymous_goes_to_login(client, own_participant):
    response = client.post(_url("access_export", own_participant))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_access_export_get_is_refused(client, personas, own_participant):
    client.force_login(personas.caseworker)
    assert client.get(_url("access_export", own_participant)).status_code == 405


def test_access_export_downloads_zip(client, personas, own_participant):
    client.force_login(personas.caseworker)
    response = client.post(_url("access_export", own_participant))
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="auskunft-{own_participant.customer_number}-')
    assert response["Cache-Control"] == "no-store"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert set(archive.namelist()) == {"data.json", "auskunft.pdf"}
    event = AuditEvent.objects.get(action="access_export")
    assert (event.actor_name, event.object_type, event.object_id) == (
        "cw", "participants.participant", str(own_participant.pk))


@pytest.mark.parametrize("persona,code", RESTRICT_CODES.items())
def test_restriction_page_roles(client, personas, own_participant, trainer_scope, persona, code):
    client.force_login(getattr(personas, persona))
    assert client.get(_url("restriction", own_participant)).status_code == code


@pytest.mark.parametrize("persona,code", RESTRICT_CODES.items())
def test_restriction_set_roles(client, personas, own_participant, trainer_scope, persona, code):
    client.force_login(getattr(personas, persona))
    response = client.post(_url("restriction", own_participant), {"reason": "Antrag nach Art. 18"})
    assert response.status_code == (302 if code == 200 else code)
    assert guard.is_restricted(own_participant) == (code == 200)


@pytest.mark.parametrize("persona,code", RESTRICT_CODES.items())
def test_restriction_lift_roles(client, personas, own_participant, trainer_scope, persona, code):
    services.restriction_set(actor=personas.admin, participant=own_participant, reason="Widerspruch")
    client.force_login(getattr(personas, persona))
    response = client.post(_url("restriction_lift", own_participant))
    assert response.status_code == (302 if code == 200 else code)
    assert guard.is_restricted(own_participant) == (code != 200)


@pytest.mark.parametrize("name", ["restriction", "restriction_lift"])
def test_restriction_views_anonymous_go_to_login(client, own_participant, name):
    response = client.post(_url(name, own_participant), {"reason": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_restriction_form_needs_a_reason(client, personas, own_participant):
    client.force_login(personas.caseworker)
    response = client.post(_url("restriction", own_participant), {"reason": ""})
    assert response.status_code == 200
    assert not ProcessingRestriction.objects.exists()


def test_restriction_set_via_view_redirects_to_case_file_with_banner(client, personas, own_participant):
    client.force_login(personas.caseworker)
    response = client.post(_url("restriction", own_participant), {"reason": "Richtigkeit bestritten"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("participants:detail", args=[own_participant.pk])
    body = response.content.decode()
    assert "Verarbeitung eingeschränkt seit" in body and "Richtigkeit bestritten" in body
    page = client.get(_url("restriction", own_participant)).content.decode()
    assert "Richtigkeit bestritten" in page and "eingeschränkt" in page


def test_lift_of_unrestricted_file_says_so(client, personas, own_participant):
    client.force_login(personas.caseworker)
    response = client.post(_url("restriction_lift", own_participant), follow=True)
    assert "nicht eingeschränkt" in response.content.decode()


def test_teammate_sees_export_button_but_not_restriction_buttons(client, personas, own_participant):
    client.force_login(personas.teammate)
    body = client.get(reverse("participants:detail", args=[own_participant.pk])).content.decode()
    assert _url("access_export", own_participant) in body
    assert _url("restriction", own_participant) not in body
