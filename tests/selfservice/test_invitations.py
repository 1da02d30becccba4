"""Token security: single use, expiry, revocation, re-invitation, rate limit, stored hashed."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from wegweiser.audit.models import AuditEvent
from wegweiser.selfservice import services, tokens
from wegweiser.selfservice.models import Invitation

pytestmark = pytest.mark.django_db


def test_token_is_stored_only_as_digest(invite):
    invitation, token = invite
    assert invitation.token_hash == tokens.digest(token)
    assert not Invitation.objects.filter(token_hash=token).exists()
    assert invitation.expires_at - invitation.created_at == dt.timedelta(days=7)


def test_landing_page_does_not_use_up_the_link(client, invite, own_participant):
    _invitation, token = invite
    for _ in range(3):  # messenger link previews fetch it too
        response = client.get(f"/me/i/{token}/")
        assert response.status_code == 200
    assert Invitation.objects.get().used_at is None
    assert own_participant.given_name in response.content.decode()


def test_link_works_once(client, invite, own_participant):
    _invitation, token = invite
    response = client.post(f"/me/i/{token}/")
    assert response.status_code == 302 and response["Location"] == "/me/"
    assert client.get("/me/").status_code == 200

    other_browser = client.__class__()
    response = other_browser.get(f"/me/i/{token}/")
    assert response.status_code == 410
    assert "schon benutzt" in response.content.decode()
    assert other_browser.post(f"/me/i/{token}/").status_code == 410
    assert other_browser.get("/me/").status_code == 403


def test_reopening_own_used_link_goes_home(participant_client, invite):
    _invitation, token = invite
    response = participant_client.get(f"/me/i/{token}/")
    assert response.status_code == 302 and response["Location"] == "/me/"


def test_link_expires_after_seven_days(client, personas, own_participant):
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        _invitation, token = services.invitation_create(actor=personas.caseworker, participant=own_participant)
    with time_machine.travel(dt.datetime(2026, 3, 8, 8, 59, tzinfo=dt.UTC), tick=False):
        assert client.get(f"/me/i/{token}/").status_code == 200
    with time_machine.travel(dt.datetime(2026, 3, 8, 9, 0, tzinfo=dt.UTC), tick=False):
        response = client.get(f"/me/i/{token}/")
        assert response.status_code == 410
        assert "abgelaufen" in response.content.decode()
        assert client.post(f"/me/i/{token}/").status_code == 410


@override_settings(WEGWEISER_SELFSERVICE_INVITATION_DAYS=2)
def test_expiry_is_configurable(personas, own_participant):
    invitation, _token = services.invitation_create(actor=personas.caseworker, participant=own_participant)
    assert invitation.expires_at - invitation.created_at == dt.timedelta(days=2)


def test_revoked_link_and_running_session_stop_working(client, personas, own_participant, invite):
    _invitation, token = invite
    client.post(f"/me/i/{token}/")
    assert client.get("/me/").status_code == 200
    assert services.invitation_revoke(actor=personas.caseworker, participant=own_participant) == 1
    assert client.get("/me/").status_code == 403
    response = client.__class__().get(f"/me/i/{token}/")
    assert response.status_code == 410
    assert "gilt nicht mehr" in response.content.decode()


def test_reinvitation_invalidates_older_links(client, personas, own_participant):
    _first, old = services.invitation_create(actor=personas.caseworker, participant=own_participant)
    _second, new = services.invitation_create(actor=personas.caseworker, participant=own_participant)
    assert client.get(f"/me/i/{old}/").status_code == 410
    assert client.post(f"/me/i/{new}/").status_code == 302
    assert Invitation.objects.filter(participant=own_participant, superseded=True).count() == 1


def test_unknown_and_malformed_links_are_404_friendly(client):
    for token in ("abcdefghjkmn", "nonsense", "<script>alert(1)<\\script>"):
        response = client.get(f"/me/i/{token}/")
        assert response.status_code == 404
        html = response.content.decode()
        assert "Dieser Link funktioniert nicht." in html
        assert "<script>alert" not in html


@override_settings(WEGWEISER_SELFSERVICE_GUESS_LIMIT=5, WEGWEISER_SELFSERVICE_GUESS_WINDOW=60)
def test_link_guessing_is_rate_limited_per_ip(client, invite):
    _invitation, token = invite
    for i in range(5):
        assert client.get(f"/me/i/{'abcdefghjk' + 'm' + 'npqrstuvwx'[i]}/").status_code == 404
    response = client.get("/me/i/abcdefghjkmz/")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Zu viele Versuche" in response.content.decode()
    # even the right token waits: the limit must not tell a guesser that it hit
    assert client.get(f"/me/i/{token}/").status_code == 429
    # another address is not affected
    assert client.get(f"/me/i/{token}/", REMOTE_ADDR="10.0.0.9").status_code == 200


@override_settings(WEGWEISER_SELFSERVICE_GUESS_LIMIT=2, WEGWEISER_SELFSERVICE_GUESS_WINDOW=60)
def test_rate_limit_window_expires(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get("/me/i/abcdefghjkmn/")
        client.get("/me/i/abcdefghjkmp/")
        assert client.get("/me/i/abcdefghjkmq/").status_code == 429
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        assert client.get("/me/i/abcdefghjkmq/").status_code == 404


@override_settings(SESSION_COOKIE_AGE=7 * 24 * 3600)  # idle timeout out of the way: this is about the cap
def test_participant_session_ends_after_configured_hours(client, invite):
    _invitation, token = invite
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.post(f"/me/i/{token}/")
    with time_machine.travel(start + dt.timedelta(hours=11, minutes=59), tick=False):
        assert client.get("/me/").status_code == 200
    with time_machine.travel(start + dt.timedelta(hours=12, minutes=1), tick=False):
        assert client.get("/me/").status_code == 403


def test_redeem_and_revoke_are_audited(client, personas, own_participant, invite):
    _invitation, token = invite
    client.post(f"/me/i/{token}/")
    services.invitation_revoke(actor=personas.caseworker, participant=own_participant)
    rows = list(AuditEvent.objects.order_by("id").values_list("action", "actor_id", "detail"))
    assert ("login", None, f"participant:{own_participant.pk} Selbstauskunft gestartet") in rows
    assert rows[0][0] == "create" and rows[0][1] == personas.caseworker.pk
    assert rows[-1][0] == "update"


def test_code_entry_redirects_to_link(client):
    response = client.get("/me/code/", {"code": "ABCD-EFGH-JKMN"})
    assert response.status_code == 302 and response["Location"] == "/me/i/abcdefghjkmn/"
    assert client.get("/me/code/").status_code == 200
