"""End to end in headless Chromium with 2FA required: password, enrol an authenticator from the secret on
the page, see the recovery codes once, then log in again with a recovery code."""

from __future__ import annotations

import base64
import re

import pytest
from django.test import override_settings
from django_otp.oath import totp

from tests.browser.a11y import assert_accessible
from tests.factories import PASSWORD
from wegweiser.audit.models import AuditEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, base):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Benutzername").fill("cw")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()


def _log_in_again_with(page, base, code):
    page.get_by_role("button", name="Abmelden").first.click()
    page.wait_for_url("**/accounts/login/**")
    _login(page, base)
    page.wait_for_url(re.compile(r".*/accounts/2fa/(\?.*)?$"))
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Bestätigen").click()


@override_settings(WEGWEISER_REQUIRE_2FA=True)
def test_enrol_authenticator_then_log_in_with_a_recovery_code(page, live_server, personas):
    _login(page, live_server.url)
    page.wait_for_url("**/accounts/2fa/setup/**")
    assert page.get_by_role("img", name="QR-Code zum Einrichten der Authenticator-App").is_visible()
    assert_accessible(page)
    # What a person types from the authenticator app: the code for the secret shown on the page.
    secret = page.locator("code").first.inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Erster Code aus der App").fill(f"{totp(key, step=30, digits=6, t0=0):06d}")
    page.get_by_role("button", name="Einrichten").click()

    page.get_by_role("heading", name="Wiederherstellungscodes").wait_for()
    codes = [c.strip() for c in page.locator("ol.recovery-codes code").all_inner_texts()]
    assert len(codes) == 10 and len(set(codes)) == 10
    page.get_by_role("link", name="Weiter").click()
    page.wait_for_url(f"{live_server.url}/")
    assert AuditEvent.objects.filter(action="2fa_enrolled", actor=personas.caseworker).count() == 1

    _log_in_again_with(page, live_server.url, codes[0])
    page.wait_for_url(f"{live_server.url}/")
    assert AuditEvent.objects.filter(action="recovery_used", actor=personas.caseworker).count() == 1

    # The same recovery code does not work twice.
    _log_in_again_with(page, live_server.url, codes[0])
    page.get_by_text("Der Code ist falsch oder abgelaufen").wait_for()
    assert "/accounts/2fa/" in page.url
    assert AuditEvent.objects.filter(action="2fa_failed", actor=personas.caseworker).count() == 1
