"""End to end in headless Chromium: duplicate warning at intake, save, edit, find by Arabic name."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import PASSWORD, ParticipantFactory
from wegweiser.participants.models import Participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_caseworker_duplicate_warning_create_edit_and_search(page, live_server, personas, jobcenter, team_north):
    ParticipantFactory(organisation=jobcenter, caseworker=personas.teammate, team=team_north,
                       given_name="Mohammed", family_name="Al-Khatib", given_name_original="محمد",
                       family_name_original="الخطيب", birth_date=dt.date(1985, 7, 14), nationalities=["SY"],
                       customer_number="312D111111")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Benutzername").fill("cw")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/participants/new/")
    page.locator("#id_customer_number").fill("312D222222")
    page.locator("#id_given_name").fill("Muhammad")
    page.locator("#id_family_name").fill("Alkhateeb")
    page.locator("#id_given_name_original").fill("محمد")
    page.locator("#id_family_name_original").fill("الخطيب")
    page.locator("#id_birth_date").fill("1985-07-14")
    page.locator("#id_nationalities").select_option("SY")
    # htmx checks on change and warns before anything is saved.
    page.locator("#duplicate-warning").wait_for()
    assert "312D111111" in page.locator("#duplicate-warning").inner_text()
    page.get_by_role("button", name="Speichern").click()
    page.get_by_label("Ich habe die möglichen Dubletten geprüft").check()
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Akte angelegt.").wait_for()
    created = Participant.objects.get(customer_number="312D222222")

    page.get_by_role("link", name="Stammdaten bearbeiten").click()
    page.locator("#id_municipality").fill("Andernach")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Änderungen gespeichert.").wait_for()
    created.refresh_from_db()
    assert created.municipality == "Andernach"
    assert created.version == 2

    page.goto(f"{live_server.url}/participants/")
    page.get_by_label("Name (jede Schrift) oder Kundennummer").fill("الخطيب")
    page.get_by_role("button", name="Anwenden").click()
    page.wait_for_url("**q=*")
    table = page.locator("#participant-table").inner_text()
    assert "312D222222" in table and "312D111111" in table
