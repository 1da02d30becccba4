"""End to end in headless Chromium: caseworker records consent, refers; the partner logs in and accepts."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD, LanguageSkillFactory
from wegweiser.partners.models import Referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{live_server.url}/**")


def test_referral_end_to_end(page, live_server, personas, own_participant):
    from wegweiser.partners.services import consent_texts_ensure

    consent_texts_ensure()  # the texts come from a data migration, which a transactional test's flush removes
    LanguageSkillFactory(participant=own_participant, language="de", speaking="A2")
    ngo = personas.partner.organisation

    _login(page, live_server, "cw")
    page.goto(f"{live_server.url}/partners/participants/{own_participant.pk}/refer/")
    page.locator("#id_organisation").select_option(str(ngo.pk))
    page.get_by_role("button", name="Vermittlung senden").click()
    page.get_by_text("Es fehlt die Einwilligung").wait_for()

    page.goto(f"{live_server.url}/partners/participants/{own_participant.pk}/")
    page.locator("#id_organisation").select_option(str(ngo.pk))
    page.locator("#id_purpose").select_option("referral")
    page.locator("#id_method").select_option("in_person")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Einwilligung gespeichert.").wait_for()

    page.get_by_role("link", name="Vermitteln").click()
    page.locator("#id_organisation").select_option(str(ngo.pk))
    assert page.get_by_label("Name", exact=True).is_checked()
    page.get_by_label("Nachricht").fill("Bitte Termin zur Beratung anbieten.")
    page.get_by_role("button", name="Vermittlung senden").click()
    page.get_by_text("Vermittlung gesendet.").wait_for()
    page.context.clear_cookies()  # a fresh browser session for the partner

    _login(page, live_server, "partner")
    page.goto(f"{live_server.url}/partners/portal/")
    page.get_by_role("link", name=own_participant.display_name).click()
    assert own_participant.health_restrictions not in page.content()
    assert "Bitte Termin zur Beratung anbieten." in page.content()
    page.locator("#id_status").select_option("accepted")
    page.get_by_role("button", name="Antwort senden").click()
    page.get_by_text("Antwort gespeichert.").wait_for()
    assert Referral.objects.get().status == "accepted"
