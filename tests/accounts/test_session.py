"""Session handling around login: a new key after the password, again after the second factor; logout flushes."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.accounts.helpers import password_login, session_key


def test_password_login_issues_a_new_session_key(client, personas):
    anonymous = client.session
    anonymous["probe"] = "vor der Anmeldung"
    anonymous.save()
    before = session_key(client)
    assert password_login(client, "cw").status_code == 302
    after = session_key(client)
    assert after and after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert client.session["probe"] == "vor der Anmeldung"  # data carried over, key not


def test_logout_flushes_the_session(client, personas):
    password_login(client, "cw")
    key = session_key(client)
    assert Session.objects.filter(session_key=key).exists()
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=key).exists()
    assert "_auth_user_id" not in client.session
    assert client.get("/participants/").status_code == 302
