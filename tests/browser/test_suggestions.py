"""End to end: an Arabic work-history entry gets suggestions; the caseworker confirms one."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD
from tests.matching.fixtures import CARPENTER
from wegweiser.participants.models import Suggestion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_confirm_suggested_occupation_for_arabic_entry(page, live_server, personas, own_participant):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Benutzername").fill("cw")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/participants/{own_participant.pk}/work/add/")
    page.locator("#id_job_title").fill("نجار")
    page.locator("#id_country").select_option("SY")
    page.locator("#id_tasks").fill("كنت نجارا في حلب عشر سنوات، صنعت الأبواب والخزائن")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Gespeichert.").wait_for()

    top = Suggestion.objects.get(participant=own_participant, kind="occupation", rank=1)
    assert top.uri == CARPENTER
    item = page.locator(f"#suggestion-{top.pk}")
    assert top.label in item.inner_text()
    item.get_by_role("button", name="Bestätigen").click()
    page.locator(f"#suggestion-{top.pk} em").wait_for()
    assert "bestätigt" in page.locator(f"#suggestion-{top.pk}").inner_text()
    top.refresh_from_db()
    assert top.status == "confirmed"

    page.reload()
    assert top.label in page.locator("#competences").inner_text()
