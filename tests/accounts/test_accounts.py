from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD
from wegweiser.audit.models import AuditEvent


def test_login_rotates_session_and_redirects_to_dashboard(client, personas):
    client.get(reverse("accounts:login"))
    client.cookies["sessionid"] = "attacker-chosen"
    response = client.post(reverse("accounts:login"), {"username": "cw", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("participants:dashboard")
    assert client.cookies["sessionid"].value != "attacker-chosen"


def test_wrong_password_shows_message(client, personas):
    response = client.post(reverse("accounts:login"), {"username": "cw", "password": "nope"})
    assert response.status_code == 200
    assert "falsch" in response.content.decode()


def test_sessions_expire_after_30_idle_minutes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_logout_requires_post_and_is_audited(client, personas):
    client.force_login(personas.caseworker)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="logout", actor=personas.caseworker).count() == 1
    assert client.get(reverse("participants:list")).status_code == 302


@pytest.mark.parametrize(("role", "expected"), [
    ("admin", 302), ("caseworker", 403), ("trainer", 403), ("funder", 403), ("other_org_admin", 404),
])
def test_deactivate_user_per_role(client, personas, role, expected):
    client.force_login(getattr(personas, role))
    response = client.post(reverse("accounts:user_deactivate", args=[personas.teammate.pk]))
    assert response.status_code == expected
    personas.teammate.refresh_from_db()
    assert personas.teammate.is_active is (expected != 302)


def test_deactivated_user_cannot_log_in_and_admin_can_reactivate(client, personas):
    client.force_login(personas.admin)
    client.post(reverse("accounts:user_deactivate", args=[personas.teammate.pk]))
    client.logout()
    response = client.post(reverse("accounts:login"), {"username": "cw-team", "password": PASSWORD})
    assert response.status_code == 200
    client.force_login(personas.admin)
    assert client.post(reverse("accounts:user_activate", args=[personas.teammate.pk])).status_code == 302
    client.logout()
    response = client.post(reverse("accounts:login"), {"username": "cw-team", "password": PASSWORD})
    assert response.status_code == 302


def test_admin_cannot_deactivate_self(client, personas):
    client.force_login(personas.admin)
    assert client.post(reverse("accounts:user_deactivate", args=[personas.admin.pk])).status_code == 403


def test_deactivate_get_not_allowed(client, personas):
    client.force_login(personas.admin)
    assert client.get(reverse("accounts:user_deactivate", args=[personas.teammate.pk])).status_code == 405


def test_german_by_default_even_for_english_browsers(client, personas):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="de"' in response.content.decode()


def test_language_switch_to_english_sticks(client, personas):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get(reverse("accounts:login"))
    assert '<html lang="en"' in response.content.decode()
