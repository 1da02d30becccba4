"""End to end: the caseworker accepts one recommendation and dismisses another with a reason."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD
from wegweiser.participants.models import Suggestion
from wegweiser.recommendations.models import RecommendationFeedback

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CARPENTER = "http://data.europa.eu/esco/occupation/2a22ff9e-de3b-408d-b312-5034896cc4f4"


def test_accept_and_dismiss_recommendations(page, live_server, personas, own_participant):
    entry = own_participant.work_history.create(job_title="نجار", country="SY")
    Suggestion.objects.create(participant=own_participant, work_entry=entry, kind="occupation", uri=CARPENTER,
                              label="Zimmerer/Zimmerin", score=0.9, rank=1, source_digest="x", status="confirmed")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Benutzername").fill("cw")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/participants/{own_participant.pk}/")
    page.get_by_role("link", name="Empfehlungen").click()

    first = page.locator("#rec-1")
    assert "Zimmerer" in first.inner_text()
    first.get_by_role("button", name="Übernehmen").click()
    page.locator("#rec-1 .badge.ok").wait_for()

    second = page.locator("#rec-2")
    second.get_by_role("button", name="Verwerfen").click()
    page.get_by_text("Bitte einen Grund").wait_for()
    page.locator("#reason-2").fill("kein Interesse an Schichtarbeit")
    page.locator("#rec-2").get_by_role("button", name="Verwerfen").click()
    page.locator("#rec-2 .badge.bad").wait_for()

    actions = list(RecommendationFeedback.objects.order_by("id").values_list("rank", "action", "reason"))
    assert actions == [(1, "accepted", ""), (2, "dismissed", "kein Interesse an Schichtarbeit")]
