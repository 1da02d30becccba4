"""Which plans the dashboard reminds of: review date within the window, newest agreed version only."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.template.loader import render_to_string

from tests.factories import ParticipantFactory
from tests.plans.conftest import make_agreed
from wegweiser.plans import selectors, services

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_review_reminder_appears_when_the_date_comes_near(personas, own_participant):
    with time_machine.travel(START, tick=False):
        version = make_agreed(personas.caseworker, own_participant, review_in=30)
        assert list(selectors.reviews_due(personas.caseworker)) == []
    with time_machine.travel(START + dt.timedelta(days=16), tick=False):
        assert list(selectors.reviews_due(personas.caseworker)) == [version]
    with time_machine.travel(START + dt.timedelta(days=45), tick=False):  # overdue stays listed
        due = list(selectors.reviews_due(personas.caseworker))
        assert due == [version] and due[0].missed == 1  # the step due on day 20 is missed by now
        html = render_to_string("plans/_dashboard_reviews.html", {"user": personas.caseworker})
        assert "Deutsch B1" in html and "badge bad" in html


def test_only_the_newest_agreed_version_and_only_own_caseload(personas, own_participant, jobcenter, team_north):
    with time_machine.travel(START, tick=False):
        make_agreed(personas.caseworker, own_participant, review_in=3)
        newer = services.plan_draft_create(actor=personas.caseworker, participant=own_participant)
        newer = services.plan_goal_update(actor=personas.caseworker, version=newer, lock=newer.lock,
                                          review_on=dt.date(2026, 3, 4))
        newer = services.plan_agree(actor=personas.caseworker, version=newer, lock=newer.lock,
                                    acknowledgement="paper")
        teammates = ParticipantFactory(organisation=jobcenter, caseworker=personas.teammate, team=team_north)
        theirs = make_agreed(personas.teammate, teammates, review_in=3)
        assert list(selectors.reviews_due(personas.caseworker)) == [newer]
        assert list(selectors.reviews_due(personas.teammate)) == [theirs]
        assert set(selectors.reviews_due(personas.admin)) == {newer, theirs}
        for persona in ("trainer", "partner", "funder", "other_org_admin"):
            assert list(selectors.reviews_due(getattr(personas, persona))) == []


def test_awaiting_newer_version_silences_the_reminder(personas, own_participant):
    with time_machine.travel(START, tick=False):
        make_agreed(personas.caseworker, own_participant, review_in=3)
        draft = services.plan_draft_create(actor=personas.caseworker, participant=own_participant)
        services.plan_agree(actor=personas.caseworker, version=draft, lock=draft.lock, acknowledgement="selfservice")
        assert list(selectors.reviews_due(personas.caseworker)) == []
