"""End to end: the caseworker drafts a plan from an accepted recommendation in one click, adds a date and
a review date, and agrees it on paper; the version is then frozen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import PASSWORD
from wegweiser.plans.models import PlanVersion
from wegweiser.programmes.models import FundingRoute, Module
from wegweiser.recommendations.models import RecommendationFeedback, RecommendationSet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CARPENTER = "http://data.europa.eu/esco/occupation/2a22ff9e-de3b-408d-b312-5034896cc4f4"


def test_draft_from_recommendation_and_agree(page, live_server, personas, own_participant, jobcenter):
    module = Module.objects.create(organisation=jobcenter, code="holz", title="Grundlagen Holzbearbeitung",
                                   hours=80, funding_route=FundingRoute.PROJECT)
    RecommendationSet.objects.create(participant=own_participant, inputs_digest="x", results=[{
        "uri": CARPENTER, "label": "Zimmerer/Zimmerin", "score": 0.8, "factors": [], "missing": [],
        "next_steps": [{"module": str(module.pk), "title": module.title, "reason": "Lücke"}]}])
    RecommendationFeedback.objects.create(participant=own_participant, occupation_uri=CARPENTER,
                                          label="Zimmerer/Zimmerin", action="accepted", rank=1, score=0.8,
                                          actor=personas.caseworker)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Benutzername").fill("cw")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/plans/participants/{own_participant.pk}/")
    page.get_by_role("button", name="Entwurf aus dieser Empfehlung").click()
    page.get_by_text("Entwurf aus der Empfehlung erstellt").wait_for()
    assert page.locator("#id_goal_label").input_value() == "Zimmerer/Zimmerin"
    assert "Grundlagen Holzbearbeitung" in page.locator(".plan-steps").inner_text()

    review = (timezone.localdate() + dt.timedelta(days=90)).isoformat()
    page.locator("#id_review_on").fill(review)
    page.get_by_role("button", name="Ziel speichern").click()
    page.get_by_text("Ziel gespeichert").wait_for()

    page.get_by_role("link", name="Vereinbaren und unterschreiben").click()
    page.get_by_label("Sie hat den Ausdruck heute unterschrieben.").check()
    page.get_by_role("button", name="Unterschreiben").click()
    page.get_by_text("Diese Version ist eingefroren.").wait_for()
    assert page.get_by_role("button", name="Schritt hinzufügen").count() == 0

    version = PlanVersion.objects.get()
    assert (version.status, version.participant_ack, version.signed_by_id) == ("agreed", "paper",
                                                                              personas.caseworker.pk)
    assert version.steps.get().module_id == module.pk
