"""Login throttling: five failures per username and address lock that pair for 15 minutes (django-axes)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.accounts.helpers import password_login
from wegweiser.audit.models import AuditEvent


def _fail(client, username="cw", times=5, **extra):
    return [password_login(client, username, "falsches-passwort", **extra) for _ in range(times)]


def test_defaults_five_failures_fifteen_minutes():
    assert settings.WEGWEISER_LOGIN_FAILURE_LIMIT == 5
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_fifth_failure_locks_with_a_german_429_page(client, personas):
    responses = _fail(client)
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    html = responses[-1].content.decode()
    assert "Anmeldung vorübergehend gesperrt" in html
    assert "Bitte versuchen Sie es in 15 Minuten erneut." in html
    assert "Traceback" not in html
    assert responses[-1]["Retry-After"] == "900"
    assert responses[-1]["Content-Security-Policy"]


def test_every_failure_and_the_lockout_are_audited(client, personas):
    _fail(client)
    failed = AuditEvent.objects.filter(action="login_failed", object_id=str(personas.caseworker.pk))
    assert failed.count() == 5
    lockout = AuditEvent.objects.get(action="lockout")
    assert lockout.object_type == "accounts.user"
    assert lockout.object_id == str(personas.caseworker.pk)
    assert lockout.detail == "username=cw"
    assert lockout.organisation_id == personas.caseworker.organisation_id
    assert lockout.ip == "127.0.0.1"


def test_locked_out_user_cannot_log_in_even_with_the_right_password(client, personas):
    _fail(client)
    response = password_login(client, "cw")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/participants/").status_code == 302
    # Refused attempts are audited too, and do not extend the lockout.
    assert AuditEvent.objects.filter(action="lockout").count() == 2
    assert AccessAttempt.objects.get(username="cw").failures_since_start == 5


def test_lockout_is_per_username_and_address(client, personas):
    _fail(client)
    assert password_login(client, "cw", REMOTE_ADDR="10.0.0.2").status_code == 302
    client.post(reverse("accounts:logout"))
    assert password_login(client, "cw-team").status_code == 302


def test_lockout_ends_after_fifteen_minutes(client, personas):
    _fail(client)
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16))
    assert password_login(client, "cw").status_code == 302


def test_success_resets_the_counter(client, personas):
    _fail(client, times=4)
    assert password_login(client, "cw").status_code == 302
    client.post(reverse("accounts:logout"))
    assert [r.status_code for r in _fail(client, times=4)] == [200, 200, 200, 200]


def test_unknown_usernames_are_throttled_too(client, personas):
    responses = _fail(client, username="gibt-es-nicht")
    assert responses[-1].status_code == 429
    lockout = AuditEvent.objects.get(action="lockout")
    assert lockout.object_id == "" and lockout.detail == "username=gibt-es-nicht"


@pytest.mark.parametrize(("role", "expected"), [
    ("admin", 302), ("caseworker", 403), ("trainer", 403), ("partner", 403), ("funder", 403),
    ("other_org_admin", 404),
])
def test_admin_unlocks_per_role(client, personas, role, expected):
    _fail(client, username="cw-team")
    client.force_login(getattr(personas, role))
    response = client.post(reverse("accounts:user_unlock", args=[personas.teammate.pk]))
    assert response.status_code == expected
    assert AccessAttempt.objects.filter(username="cw-team").exists() is (expected != 302)
    assert AuditEvent.objects.filter(action="unlock").count() == (1 if expected == 302 else 0)
    if expected == 302:
        assert response["Location"] == reverse("accounts:users")


def test_unlock_anonymous_and_get(client, personas):
    url = reverse("accounts:user_unlock", args=[personas.teammate.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"
    client.force_login(personas.admin)
    assert client.get(url).status_code == 405


def test_user_list_shows_lockout_and_unlock_lets_the_user_in(client, personas):
    _fail(client, username="cw-team")
    admin = Client()
    admin.force_login(personas.admin)
    html = admin.get(reverse("accounts:users")).content.decode()
    assert "Anmeldung gesperrt" in html
    unlock = reverse("accounts:user_unlock", args=[personas.teammate.pk])
    assert unlock in html
    assert reverse("accounts:user_unlock", args=[personas.caseworker.pk]) not in html
    admin.post(unlock)
    event = AuditEvent.objects.get(action="unlock")
    assert event.actor == personas.admin and event.object_id == str(personas.teammate.pk)
    assert "Anmeldung gesperrt" not in admin.get(reverse("accounts:users")).content.decode()
    assert password_login(client, "cw-team").status_code == 302



def test_counter_keeps_no_password_or_csrf_token(client, personas):
    form = {"username": "cw", "password": "geheim-falsch", "csrfmiddlewaretoken": "Xq7Zc9"}
    client.post(reverse("accounts:login"), form)
    attempt = AccessAttempt.objects.get(username="cw")
    assert "geheim-falsch" not in attempt.post_data
    assert "Xq7Zc9" not in attempt.post_data
    assert "password=********************" in attempt.post_data
