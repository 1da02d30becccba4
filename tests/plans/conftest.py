"""Plan fixtures: a catalogue module, an accepted recommendation with next steps, an agreed plan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from wegweiser.plans import services
from wegweiser.programmes.models import FundingRoute, Module
from wegweiser.recommendations.models import RecommendationFeedback, RecommendationSet

CARPENTER = "http://data.europa.eu/esco/occupation/2a22ff9e-de3b-408d-b312-5034896cc4f4"


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def module(jobcenter):
    return Module.objects.create(organisation=jobcenter, code="holz", title="Grundlagen Holzbearbeitung",
                                 hours=80, funding_route=FundingRoute.PROJECT)


@pytest.fixture
def accepted(personas, own_participant, module):
    """`own_participant` has accepted advice "Zimmerer/Zimmerin" whose next step is `module`."""
    RecommendationSet.objects.create(participant=own_participant, inputs_digest="x", results=[{
        "uri": CARPENTER, "label": "Zimmerer/Zimmerin", "kldb": "33222", "score": 0.8, "factors": [],
        "missing": [], "next_steps": [{"module": str(module.pk), "code": module.code, "title": module.title,
                                       "reason": "schließt eine Lücke"}],
    }])
    return RecommendationFeedback.objects.create(
        participant=own_participant, occupation_uri=CARPENTER, label="Zimmerer/Zimmerin", action="accepted",
        rank=1, score=0.8, actor=personas.caseworker)


def make_agreed(actor, participant, *, review_in=30, steps=(("Deutschkurs B1 besuchen", 20),), ack="paper"):
    """A signed plan (paper: agreed at once; selfservice: awaiting the person)."""
    today = timezone.localdate()
    draft = services.plan_draft_create(actor=actor, participant=participant)
    draft = services.plan_goal_update(actor=actor, version=draft, lock=draft.lock, goal_kind="free",
                                      goal_label="Deutsch B1", review_on=today + dt.timedelta(days=review_in))
    for what, days in steps:
        services.step_add(actor=actor, version=draft, lock=draft.lock, what=what, kind="language",
                          responsible="participant", due_on=today + dt.timedelta(days=days))
        draft.refresh_from_db()
    return services.plan_agree(actor=actor, version=draft, lock=draft.lock, acknowledgement=ack)


@pytest.fixture
def agreed(personas, own_participant):
    return make_agreed(personas.caseworker, own_participant)
