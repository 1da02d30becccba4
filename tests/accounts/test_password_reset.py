"""Password reset by an admin of the same organisation; the user must choose a new password at next login."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.helpers import code, enrol, password_login
from tests.factories import PASSWORD
from wegweiser.audit.models import AuditEvent

CHANGE = reverse("accounts:password_change")
NEW = "Herbst-Laub-Fluss-2026"


def _reset_url(user):
    return reverse("accounts:user_password_reset", args=[user.pk])


@pytest.mark.parametrize(("role", "expected"), [
    ("admin", 200), ("caseworker", 403), ("trainer", 403), ("partner", 403), ("funder", 403),
    ("other_org_admin", 404),
])
@pytest.mark.parametrize("method", ["get", "post"])
def test_password_reset_per_role(client, personas, role, expected, method):
    client.force_login(getattr(personas, role))
    response = getattr(client, method)(_reset_url(personas.teammate))
    assert response.status_code == expected
    personas.teammate.refresh_from_db()
    assert personas.teammate.check_password(PASSWORD) is (method == "get" or expected != 200)
    assert personas.teammate.must_change_password is (method == "post" and expected == 200)


def test_password_reset_anonymous(client, personas):
    url = _reset_url(personas.teammate)
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_generated_password_is_shown_once_and_works(client, personas):
    client.force_login(personas.admin)
    response = client.post(_reset_url(personas.teammate))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    html = response.content.decode()
    temporary = re.search(r'<code class="temporary-password">([^<]+)</code>', html).group(1)
    assert re.fullmatch(r"[a-z2-9]{4}(-[a-z2-9]{4}){3}", temporary)
    personas.teammate.refresh_from_db()
    assert personas.teammate.check_password(temporary)
    assert personas.teammate.must_change_password is True
    event = AuditEvent.objects.get(action="password_reset")
    assert event.actor == personas.admin
    assert event.object_id == str(personas.teammate.pk)
    assert temporary not in event.detail
    # Never shown again: the form page does not contain it.
    assert temporary not in client.get(_reset_url(personas.teammate)).content.decode()


def test_admin_can_choose_the_temporary_password(client, personas):
    client.force_login(personas.admin)
    response = client.post(_reset_url(personas.teammate), {"password": "Vorlaeufig-Sommer-77"})
    assert response.status_code == 200
    personas.teammate.refresh_from_db()
    assert personas.teammate.check_password("Vorlaeufig-Sommer-77")


def test_weak_temporary_password_is_rejected_with_a_message(client, personas):
    client.force_login(personas.admin)
    response = client.post(_reset_url(personas.teammate), {"password": "12345678"})
    assert response.status_code == 200
    assert 'class="msg error"' in response.content.decode()
    personas.teammate.refresh_from_db()
    assert personas.teammate.check_password(PASSWORD)
    assert personas.teammate.must_change_password is False
    assert not AuditEvent.objects.filter(action="password_reset").exists()


def test_reset_ends_the_users_running_sessions(client, personas):
    client.force_login(personas.teammate)
    assert client.get("/participants/").status_code == 200
    admin = Client()
    admin.force_login(personas.admin)
    admin.post(_reset_url(personas.teammate), {"password": "Vorlaeufig-Sommer-77"})
    assert client.get("/participants/").status_code == 302


def test_user_must_change_temporary_password_before_anything_else(client, personas):
    admin = Client()
    admin.force_login(personas.admin)
    admin.post(_reset_url(personas.teammate), {"password": "Vorlaeufig-Sommer-77"})

    response = password_login(client, "cw-team", "Vorlaeufig-Sommer-77")
    assert response.status_code == 302
    response = client.get("/participants/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/?next=/participants/"
    api = client.get("/api/v1/participants/")
    assert api.status_code == 403
    assert api.json() == {"detail": "Bitte zuerst das Passwort ändern."}
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Ihr Passwort wurde von der Administration zurückgesetzt." in page.content.decode()

    # The new password must pass the validators.
    bad = client.post(CHANGE, {"old_password": "Vorlaeufig-Sommer-77", "new_password1": "kurz",
                               "new_password2": "kurz", "next": "/participants/"})
    assert bad.status_code == 200
    response = client.post(CHANGE, {"old_password": "Vorlaeufig-Sommer-77", "new_password1": NEW,
                                    "new_password2": NEW, "next": "/participants/"})
    assert response.status_code == 302
    assert response["Location"] == "/participants/"
    personas.teammate.refresh_from_db()
    assert personas.teammate.must_change_password is False
    assert personas.teammate.check_password(NEW)
    assert AuditEvent.objects.filter(action="password_change", actor=personas.teammate).count() == 1
    assert client.get("/participants/").status_code == 200  # this session survives the change


def test_second_factor_comes_before_the_password_change(client, personas, settings):
    settings.WEGWEISER_REQUIRE_2FA = True
    device = enrol(personas.teammate)
    personas.teammate.set_password("Vorlaeufig-Sommer-77")
    personas.teammate.must_change_password = True
    personas.teammate.save()
    response = password_login(client, "cw-team", "Vorlaeufig-Sommer-77")
    assert response["Location"] == "/accounts/2fa/?next=/"
    assert client.get(CHANGE)["Location"] == "/accounts/2fa/?next=/accounts/password/"
    response = client.post(reverse("accounts:otp_verify"), {"token": code(device), "next": "/"})
    assert response["Location"] == "/"
    assert client.get("/")["Location"] == "/accounts/password/?next=/"


@pytest.mark.parametrize("role", ["admin", "caseworker", "trainer", "partner", "funder", "other_org_admin"])
def test_own_password_change_page_per_role(client, personas, role):
    client.force_login(getattr(personas, role))
    response = client.get(CHANGE)
    assert response.status_code == 200
    assert "Ihr Passwort wurde von der Administration zurückgesetzt." not in response.content.decode()


def test_own_password_change_anonymous(client, personas):
    response = client.get(CHANGE)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={CHANGE}"


def test_wrong_old_password_changes_nothing(client, personas):
    client.force_login(personas.caseworker)
    response = client.post(CHANGE, {"old_password": "falsch", "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 200
    personas.caseworker.refresh_from_db()
    assert personas.caseworker.check_password(PASSWORD)


def test_user_list_links_password_reset(client, personas):
    client.force_login(personas.admin)
    html = client.get(reverse("accounts:users")).content.decode()
    assert _reset_url(personas.teammate) in html
    assert _reset_url(personas.other_org_caseworker) not in html
