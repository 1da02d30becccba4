"""Two-factor authentication: enforcement, enrolment, the code step, recovery codes, admin reset."""

from __future__ import annotations

import base64

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from tests.accounts.helpers import RECOVERY, code, enrol, password_login, session_key, shown_codes
from wegweiser.accounts.recovery import code_digest
from wegweiser.audit.models import AuditEvent

ROLES = ["admin", "caseworker", "trainer", "partner", "funder", "other_org_admin"]
VERIFY = reverse("accounts:otp_verify")
ENROL = reverse("accounts:otp_enrol")
CODES = reverse("accounts:otp_recovery_codes")


@pytest.fixture
def require_2fa(settings):
    settings.WEGWEISER_REQUIRE_2FA = True


def test_two_factor_defaults_follow_debug():
    from config import settings as base

    assert base.WEGWEISER_REQUIRE_2FA is (not base.DEBUG)


# --- enforcement -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_staff_role_without_device_is_sent_to_enrolment(client, personas, require_2fa, role):
    client.force_login(getattr(personas, role))
    response = client.get("/participants/?q=x")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/setup/?next=/participants/%3Fq%3Dx"


def test_unverified_staff_with_device_is_sent_to_code_step(client, personas, require_2fa):
    enrol(personas.caseworker)
    client.force_login(personas.caseworker)
    response = client.get(reverse("accounts:users"))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/?next=/accounts/users/"


def test_unverified_session_gets_403_json_from_api(client, personas, require_2fa):
    client.force_login(personas.caseworker)
    response = client.get("/api/v1/participants/")
    assert response.status_code == 403
    assert response.json() == {"detail": "Zwei-Faktor-Anmeldung erforderlich."}


def test_unverified_session_cannot_bypass_with_a_token_header(client, personas, require_2fa):
    token = Token.objects.create(user=personas.caseworker)
    client.force_login(personas.caseworker)
    response = client.get("/api/v1/participants/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 403


def test_token_authenticated_api_is_unaffected(client, personas, require_2fa):
    token = Token.objects.create(user=personas.caseworker)
    response = client.get("/api/v1/participants/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200


def test_login_logout_language_and_static_stay_reachable(client, personas, require_2fa):
    client.force_login(personas.caseworker)
    assert client.get(reverse("accounts:login")).status_code == 302  # already logged in -> onward
    assert client.get(ENROL).status_code == 200
    assert client.post("/i18n/setlang/", {"language": "en", "next": ENROL}).status_code == 302
    assert client.get("/static/css/wegweiser.css").status_code in {200, 404}  # never a 2FA redirect
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_setting_off_means_no_second_step(client, personas):
    enrol(personas.caseworker)
    response = password_login(client, "cw")
    assert response["Location"] == "/"
    assert client.get("/participants/").status_code == 200


# --- enrolment -------------------------------------------------------------------------------------------


def test_login_without_device_leads_to_enrolment_page_with_qr_code(client, personas, require_2fa):
    response = password_login(client, "cw")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/setup/?next=/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=personas.caseworker)
    secret = base64.b32encode(device.bin_key).decode()
    assert device.confirmed is False
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html
    assert "otpauth://totp/Wegweiser%3Acw?secret=" + secret in html
    prefix = '<img src="data:image/svg+xml;base64,'
    assert prefix in html
    encoded = html.split(prefix, 1)[1].split('"', 1)[0]
    svg = base64.b64decode(encoded).decode()
    assert svg.startswith("<?xml") or svg.startswith("<svg")
    assert "<svg" in svg and "<path" in svg
    assert "style=" not in svg and "style=" not in html
    # A reload shows the same secret (the unconfirmed device is reused).
    client.get(ENROL)
    assert TOTPDevice.objects.filter(user=personas.caseworker).count() == 1


def test_enrolment_with_correct_code_confirms_and_shows_recovery_codes_once(client, personas, require_2fa):
    password_login(client, "cw")
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=personas.caseworker)
    before = session_key(client)
    response = client.post(ENROL, {"token": code(device), "next": "/participants/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/recovery-codes/?next=/participants/"
    assert session_key(client) != before
    device.refresh_from_db()
    assert device.confirmed is True
    assert AuditEvent.objects.filter(action="2fa_enrolled", actor=personas.caseworker).count() == 1

    page = client.get(response["Location"]).content.decode()
    codes = shown_codes(page)
    stored = set(StaticToken.objects.filter(device__user=personas.caseworker).values_list("token", flat=True))
    assert len(codes) == len(set(codes)) == 10
    # the database holds keyed digests only: a copy of it does not reveal a usable code
    assert stored == {code_digest(c) for c in codes}
    assert not stored & set(codes)
    assert 'href="/participants/"' in page
    again = client.get(CODES).content.decode()
    assert not any(c in again for c in codes)
    assert "Noch 10 unbenutzte Wiederherstellungscodes." in again
    assert client.get("/participants/").status_code == 200


def test_enrolment_rejects_wrong_code_with_message(client, personas, require_2fa):
    password_login(client, "cw")
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=personas.caseworker)
    wrong = f"{(int(code(device)) + 1) % 1000000:06d}"
    response = client.post(ENROL, {"token": wrong})
    assert response.status_code == 200
    assert "Der Code ist falsch. Bitte den aktuellen Code aus der App eingeben." in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed is False
    assert not StaticDevice.objects.filter(user=personas.caseworker).exists()
    assert AuditEvent.objects.filter(action="2fa_failed", actor=personas.caseworker).count() == 1
    assert client.get("/participants/")["Location"] == "/accounts/2fa/setup/?next=/participants/"


def test_enrolment_page_redirects_once_a_device_is_confirmed(client, personas, require_2fa):
    enrol(personas.caseworker)
    client.force_login(personas.caseworker)
    response = client.get(ENROL)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/?next=/"


# --- the code step ---------------------------------------------------------------------------------------


def test_password_then_code_rotates_the_session_twice(client, personas, require_2fa):
    device = enrol(personas.caseworker)
    anonymous = client.session
    anonymous["probe"] = 1
    anonymous.save()
    first = session_key(client)
    response = password_login(client, "cw")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/?next=/"
    second = session_key(client)
    assert second != first
    assert not Session.objects.filter(session_key=first).exists()
    assert client.get("/").status_code == 302  # password alone is not enough

    response = client.post(VERIFY, {"token": code(device), "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    third = session_key(client)
    assert third not in {first, second}
    assert not Session.objects.filter(session_key=second).exists()
    assert client.get("/participants/").status_code == 200


def test_code_step_rejects_wrong_code_and_audits(client, personas, require_2fa):
    device = enrol(personas.caseworker)
    password_login(client, "cw")
    wrong = f"{(int(code(device)) + 500000) % 1000000:06d}"
    response = client.post(VERIFY, {"token": wrong})
    assert response.status_code == 200
    assert "Der Code ist falsch oder abgelaufen." in response.content.decode()
    assert AuditEvent.objects.filter(action="2fa_failed", actor=personas.caseworker, detail="totp").count() == 1
    assert client.get("/participants/").status_code == 302


def test_a_totp_code_works_only_once(client, personas, require_2fa):
    device = enrol(personas.caseworker)
    token = code(device)
    password_login(client, "cw")
    assert client.post(VERIFY, {"token": token}).status_code == 302
    client.post(reverse("accounts:logout"))
    password_login(client, "cw")
    assert client.post(VERIFY, {"token": token}).status_code == 200


def test_each_recovery_code_works_only_once(client, personas, require_2fa):
    enrol(personas.caseworker)
    password_login(client, "cw")
    response = client.post(VERIFY, {"token": RECOVERY[0].upper(), "next": "/participants/"})
    assert response.status_code == 302
    assert response["Location"] == "/participants/"
    assert AuditEvent.objects.filter(action="recovery_used", actor=personas.caseworker).count() == 1
    page = client.get("/participants/")
    assert page.status_code == 200
    assert "Wiederherstellungscode verwendet. Noch 9 Codes übrig." in page.content.decode()
    client.post(reverse("accounts:logout"))

    password_login(client, "cw")
    response = client.post(VERIFY, {"token": RECOVERY[0]})
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="2fa_failed", actor=personas.caseworker, detail="recovery").count() == 1
    StaticDevice.objects.get(user=personas.caseworker).throttle_reset()  # django-otp delays the next try
    assert client.post(VERIFY, {"token": RECOVERY[1]}).status_code == 302
    assert StaticToken.objects.filter(device__user=personas.caseworker).count() == 8


def test_code_step_without_device_leads_to_enrolment(client, personas, require_2fa):
    client.force_login(personas.caseworker)
    response = client.get(VERIFY)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/setup/?next=/"


def test_code_step_refuses_an_offsite_next(client, personas, require_2fa):
    device = enrol(personas.caseworker)
    password_login(client, "cw")
    response = client.post(VERIFY, {"token": code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


# --- recovery codes: renewal -----------------------------------------------------------------------------


def _verified(client, user):
    device = enrol(user)
    password_login(client, user.username)
    assert client.post(VERIFY, {"token": code(device)}).status_code == 302
    return device


def test_recovery_codes_can_be_renewed_and_old_ones_stop_working(client, personas, require_2fa):
    _verified(client, personas.caseworker)
    response = client.post(CODES)
    assert response.status_code == 302
    assert response["Location"] == CODES
    page = client.get(CODES).content.decode()
    codes = shown_codes(page)
    stored = set(StaticToken.objects.filter(device__user=personas.caseworker).values_list("token", flat=True))
    assert len(codes) == 10
    assert not set(codes) & set(RECOVERY)
    assert stored == {code_digest(c) for c in codes}
    assert AuditEvent.objects.filter(action="recovery_renewed", actor=personas.caseworker).count() == 1


def test_renewal_needs_a_verified_session(client, personas):
    enrol(personas.caseworker)
    client.force_login(personas.caseworker)  # 2FA not enforced, but renewal still needs the second factor
    response = client.post(CODES)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/?next=/accounts/2fa/recovery-codes/"
    assert set(StaticToken.objects.values_list("token", flat=True)) == {code_digest(c) for c in RECOVERY}


# --- role tests for the user's own pages (anyone logged in; anonymous -> login) -------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", [ENROL, VERIFY, CODES])
def test_own_two_factor_pages_per_role(client, personas, role, url):
    client.force_login(getattr(personas, role))
    response = client.get(url)
    if url == ENROL:
        assert response.status_code == 200
    else:  # no device yet -> enrolment
        assert response.status_code == 302
        assert response["Location"].startswith(ENROL + "?next=")


@pytest.mark.parametrize("url", [ENROL, VERIFY, CODES])
def test_own_two_factor_pages_anonymous(client, personas, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_verified_user_sees_code_step_as_done(client, personas, require_2fa):
    _verified(client, personas.caseworker)
    response = client.get(VERIFY + "?next=/participants/")
    assert response.status_code == 302
    assert response["Location"] == "/participants/"
    assert client.get(CODES).status_code == 200


# --- admin reset ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "expected"), [
    ("admin", 302), ("caseworker", 403), ("trainer", 403), ("partner", 403), ("funder", 403),
    ("other_org_admin", 404),
])
def test_admin_resets_two_factor_per_role(client, personas, role, expected):
    enrol(personas.teammate)
    client.force_login(getattr(personas, role))
    response = client.post(reverse("accounts:user_otp_reset", args=[personas.teammate.pk]))
    assert response.status_code == expected
    has_devices = TOTPDevice.objects.filter(user=personas.teammate).exists()
    assert has_devices is (expected != 302)
    assert StaticDevice.objects.filter(user=personas.teammate).exists() is has_devices
    assert AuditEvent.objects.filter(action="2fa_reset", object_id=str(personas.teammate.pk)).count() == (
        1 if expected == 302 else 0
    )
    if expected == 302:
        assert response["Location"] == reverse("accounts:users")


def test_two_factor_reset_anonymous_and_get(client, personas):
    url = reverse("accounts:user_otp_reset", args=[personas.teammate.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"
    client.force_login(personas.admin)
    assert client.get(url).status_code == 405


def test_after_reset_the_user_enrols_again(client, personas, require_2fa):
    enrol(personas.teammate)
    admin_device = enrol(personas.admin)
    password_login(client, "admin")
    client.post(VERIFY, {"token": code(admin_device)})
    client.post(reverse("accounts:user_otp_reset", args=[personas.teammate.pk]))
    event = AuditEvent.objects.get(action="2fa_reset")
    assert event.actor == personas.admin and event.detail == "devices=2"
    client.post(reverse("accounts:logout"))
    assert password_login(client, "cw-team")["Location"] == "/accounts/2fa/setup/?next=/"


def test_user_list_shows_two_factor_state_and_reset_button(client, personas):
    enrol(personas.teammate)
    client.force_login(personas.admin)
    html = client.get(reverse("accounts:users")).content.decode()
    assert reverse("accounts:user_otp_reset", args=[personas.teammate.pk]) in html
    assert reverse("accounts:user_otp_reset", args=[personas.caseworker.pk]) not in html
    assert "eingerichtet" in html and "nicht eingerichtet" in html


def test_enrolment_page_in_english(client, personas, require_2fa):
    client.force_login(personas.caseworker)
    client.post("/i18n/setlang/", {"language": "en", "next": ENROL})
    html = client.get(ENROL).content.decode()
    assert "<h1>Set up two-factor login</h1>" in html
    assert "Secret key" in html
