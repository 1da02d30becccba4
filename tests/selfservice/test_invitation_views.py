"""The caseworker's invitation screen: exact status codes per role."""

from __future__ import annotations

import pytest

from wegweiser.selfservice.models import Invitation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who,status", [
    ("caseworker", 200), ("teammate", 200), ("admin", 200), ("other_team_caseworker", 403),
    ("trainer", 404), ("partner", 404), ("funder", 404), ("other_org_caseworker", 404), ("other_org_admin", 404),
])
def test_invitation_page_by_role(client, personas, own_participant, who, status):
    client.force_login(getattr(personas, who))
    assert client.get(f"/me/invitations/{own_participant.pk}/").status_code == status
    assert client.post(f"/me/invitations/{own_participant.pk}/").status_code == status
    assert client.post(f"/me/invitations/{own_participant.pk}/revoke/").status_code in (
        {status} if status != 200 else {302})


def test_anonymous_is_sent_to_login(client, own_participant):
    for url in (f"/me/invitations/{own_participant.pk}/", f"/me/invitations/{own_participant.pk}/revoke/"):
        response = client.post(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_create_shows_qr_and_link_once(client, personas, own_participant):
    client.force_login(personas.caseworker)
    response = client.post(f"/me/invitations/{own_participant.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and 'aria-label="QR-Code"' in html
    assert "http://testserver/me/i/" in html
    invitation = Invitation.objects.get(participant=own_participant)
    token = html.split("http://testserver/me/i/")[1].split("/")[0]
    from wegweiser.selfservice import tokens
    assert tokens.digest(token) == invitation.token_hash
    # a later GET never shows the token again
    assert token not in client.get(f"/me/invitations/{own_participant.pk}/").content.decode()


def test_revoke_from_the_screen(client, personas, own_participant):
    client.force_login(personas.caseworker)
    client.post(f"/me/invitations/{own_participant.pk}/")
    response = client.post(f"/me/invitations/{own_participant.pk}/revoke/", follow=True)
    assert "Einladung widerrufen." in response.content.decode()
    assert Invitation.objects.get().status == "revoked"


def test_get_does_not_create(client, personas, own_participant):
    client.force_login(personas.caseworker)
    client.get(f"/me/invitations/{own_participant.pk}/")
    assert not Invitation.objects.exists()
