"""Report screens may reuse their aggregates for a short, configured time; stored reports never do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from wegweiser.reporting import selectors
from wegweiser.reporting.report import build_for_screen

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _persons(user):
    built, _ = build_for_screen(user, selectors.Filters(), protected=False, k=5, seconds=60, dimensions=["gender"])
    return built.headline["persons"]


def test_second_read_within_the_window_costs_no_query(world, personas, django_assert_num_queries):
    first = _persons(personas.admin)
    with django_assert_num_queries(0):
        assert _persons(personas.admin) == first


def test_users_do_not_share_cached_figures(world, personas, team_south):
    admin_persons = _persons(personas.admin)
    other_team = _persons(personas.other_team_caseworker)
    assert admin_persons > 0 and other_team == 0  # team Süd sees none of team Nord's people


def test_zero_seconds_is_always_fresh(world, personas):
    from wegweiser.participants.models import Participant

    built, _ = build_for_screen(personas.admin, selectors.Filters(), protected=False, k=5, seconds=0,
                                dimensions=["gender"])
    before = built.headline["persons"]
    Participant.objects.filter(pk=world.people[0].pk).update(gender="diverse")
    built, _ = build_for_screen(personas.admin, selectors.Filters(), protected=False, k=5, seconds=0,
                                dimensions=["gender"])
    assert built.headline["persons"] == before
    assert any(label == "divers" or "div" in label.lower() for label in built.tables[0].labels)


@override_settings(WEGWEISER_REPORT_SCREEN_CACHE_SECONDS=120)
def test_dashboard_shows_how_old_the_figures_are(client, world, personas, django_assert_max_num_queries):
    client.force_login(personas.admin)
    first = client.get(reverse("reporting:dashboard") + "?dimension=gender")
    assert first.status_code == 200 and "Stand:" in first.content.decode()
    with django_assert_max_num_queries(12):  # session, user, filter form, caseload, acceptance: no aggregates
        again = client.get(reverse("reporting:dashboard") + "?dimension=gender")
    assert again.status_code == 200
    assert first.context["as_of"] == again.context["as_of"]
    assert isinstance(first.context["as_of"], dt.datetime)
