"""The participant sees only their own agreed version (and one waiting for them), in their language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ParticipantFactory
from tests.plans.conftest import make_agreed
from wegweiser.plans import services
from wegweiser.selfservice import services as ss_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant_client(client, personas, own_participant):
    own_participant.preferred_language = "de"
    own_participant.save()
    _invitation, token = ss_services.invitation_create(actor=personas.caseworker, participant=own_participant)
    assert client.post(f"/me/i/{token}/").status_code == 302
    return client


def test_no_session_and_staff_get_the_friendly_refusal(client, personas):
    assert client.get(reverse("plans:me")).status_code == 403
    client.force_login(personas.caseworker)
    assert client.get(reverse("plans:me")).status_code == 403
    assert client.get(reverse("plans:me_pdf")).status_code == 403


def test_participant_sees_own_agreed_version_not_the_draft(participant_client, personas, own_participant, jobcenter):
    make_agreed(personas.caseworker, own_participant)
    draft = services.plan_draft_create(actor=personas.caseworker, participant=own_participant)
    services.plan_goal_update(actor=personas.caseworker, version=draft, lock=draft.lock, goal_label="Geheimer Entwurf")
    other = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker)
    make_agreed(personas.caseworker, other, steps=(("Fremder Schritt", 5),))
    html = participant_client.get(reverse("plans:me")).content.decode()
    assert "Deutsch B1" in html and "Deutschkurs B1 besuchen" in html
    assert "Geheimer Entwurf" not in html and "Fremder Schritt" not in html
    assert participant_client.get(reverse("plans:me_pdf")).status_code == 200
    # Staff pages stay closed to the participant session.
    response = participant_client.get(reverse("plans:detail", args=[own_participant.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_arabic_page_is_rtl_with_pictograms(participant_client, personas, own_participant):
    own_participant.preferred_language = "ar"
    own_participant.save()
    make_agreed(personas.caseworker, own_participant)
    html = participant_client.get(reverse("plans:me")).content.decode()
    assert 'dir="rtl"' in html and "خطة التعاون" in html and "plans/pictograms/language.svg" in html
    assert "<script>" not in html and "style=" not in html


def test_acknowledge_in_selfservice(participant_client, personas, own_participant):
    signed = make_agreed(personas.caseworker, own_participant, ack="selfservice")
    home = participant_client.get(reverse("selfservice:home")).content.decode()
    assert reverse("plans:me") in home and "Bitte lesen und bestätigen" in home
    html = participant_client.get(reverse("plans:me")).content.decode()
    assert "Ich stimme diesem Plan zu" in html
    response = participant_client.post(reverse("plans:me_acknowledge"), {"number": signed.number})
    assert response.status_code == 302
    signed.refresh_from_db()
    assert signed.status == "agreed" and signed.participant_ack == "selfservice"
    assert participant_client.post(reverse("plans:me_acknowledge"), {"number": signed.number}).status_code == 404


def test_no_plan_no_activity(participant_client):
    home = participant_client.get(reverse("selfservice:home")).content.decode()
    assert reverse("plans:me") not in home
