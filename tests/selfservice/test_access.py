"""The participant session reaches the participant's own pages and nothing else."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

STAFF_URLS = ["/", "/participants/", "/audit/", "/taxonomy/", "/accounts/users/"]


def test_staff_views_keep_redirecting_to_login(participant_client, own_participant):
    for url in [*STAFF_URLS, f"/participants/{own_participant.pk}/", f"/interests/participants/{own_participant.pk}/",
                f"/me/invitations/{own_participant.pk}/"]:
        response = participant_client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


def test_redeeming_logs_out_a_staff_user_on_the_same_browser(client, personas, invite):
    _invitation, token = invite
    client.force_login(personas.caseworker)
    client.post(f"/me/i/{token}/")
    assert client.get("/participants/").status_code == 302
    assert client.get("/me/").status_code == 200


def test_staff_login_is_not_a_participant_session(client, personas):
    client.force_login(personas.caseworker)
    assert client.get("/me/").status_code == 403


def test_home_without_session_is_friendly_403_in_phone_language(client):
    response = client.get("/me/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")
    assert response.status_code == 403
    html = response.content.decode()
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert response["Content-Language"] == "ar"


def test_participant_pages_use_preferred_language(participant_client, own_participant):
    own_participant.preferred_language = "fa"
    own_participant.save()
    response = participant_client.get("/me/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert response["Cache-Control"].startswith("max-age=0")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("code,direction", [("de", "ltr"), ("en", "ltr"), ("ar", "rtl"), ("fa", "rtl"),
                                            ("uk", "ltr"), ("ru", "ltr"), ("tr", "ltr"), ("ti", "ltr")])
def test_participant_can_switch_to_each_language(participant_client, code, direction):
    response = participant_client.post("/me/language/", {"language": code, "next": "/me/"})
    assert response.status_code == 302 and response["Location"] == "/me/"
    html = participant_client.get("/me/").content.decode()
    assert f'<html lang="{code}" dir="{direction}">' in html
    # the staff screens' language cookie is untouched
    assert "django_language" not in participant_client.cookies


def test_language_switch_does_not_redirect_off_site_or_to_staff_pages(participant_client):
    for target in ("https://evil.example/", "//evil.example/", "/participants/"):
        response = participant_client.post("/me/language/", {"language": "tr", "next": target})
        assert response["Location"] == "/me/", target


def test_unknown_language_is_ignored(participant_client, own_participant):
    own_participant.preferred_language = "de"
    own_participant.save()
    participant_client.post("/me/language/", {"language": "xx", "next": "/me/"})
    assert '<html lang="de"' in participant_client.get("/me/").content.decode()


def test_logout_ends_the_session(participant_client):
    response = participant_client.post("/me/logout/")
    assert response.status_code == 200
    assert participant_client.get("/me/").status_code == 403


def test_home_lists_activities_and_escapes_names(client, personas, jobcenter, team_north):
    from tests.factories import ParticipantFactory
    from wegweiser.selfservice import services

    p = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north,
                           given_name="<b>Ali</b>")
    _inv, token = services.invitation_create(actor=personas.caseworker, participant=p)
    client.post(f"/me/i/{token}/")
    html = client.get("/me/").content.decode()
    assert "&lt;b&gt;Ali&lt;/b&gt;" in html and "<b>Ali</b>" not in html
    assert "/interests/me/" in html


@pytest.mark.parametrize("reason,status", [("invalid", 200), ("expired", 200), ("used", 200), ("revoked", 200),
                                           ("session", 200), ("rate_limited", 200), ("bogus", 404)])
def test_problem_pages(client, reason, status):
    assert client.get(f"/me/problem/{reason}/").status_code == status


def test_participant_pages_carry_no_inline_script_or_style(participant_client):
    html = participant_client.get("/me/").content.decode()
    assert "<script>" not in html and " style=" not in html and "<style" not in html
