"""Browsable taxonomy pages: any logged-in staff role, no one else; constant query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.taxonomy import fixtures as fx
from wegweiser.taxonomy import services
from wegweiser.taxonomy.models import Occupation, Skill
from wegweiser.taxonomy.sources import read_sources

ROLES = ["admin", "caseworker", "trainer", "partner", "funder"]


@pytest.fixture
def taxonomy(tmp_path, db, settings):
    settings.WEGWEISER_TAXONOMY_SEARCH_ENGINE = False  # keyword search: no index build in tests
    services.taxonomy_import(read_sources(fx.write_sources(tmp_path / "data")), source="sources")
    return Occupation.objects.get(uri=fx.COOK), Skill.objects.get(uri=fx.SKILL_MEALS)


def pages(occupation, skill):
    return [
        reverse("taxonomy:index"),
        reverse("taxonomy:index") + "?q=koch",
        reverse("taxonomy:occupation_detail", args=[occupation.pk]),
        reverse("taxonomy:skill_detail", args=[skill.pk]),
    ]


def test_anonymous_visitors_are_sent_to_login(client, taxonomy):
    for url in pages(*taxonomy):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ROLES)
def test_every_staff_role_may_browse(client, personas, taxonomy, role):
    client.force_login(getattr(personas, role))
    for url in pages(*taxonomy):
        assert client.get(url).status_code == 200, url


def test_unknown_pk_is_404(client, personas, taxonomy):
    client.force_login(personas.caseworker)
    assert client.get(reverse("taxonomy:occupation_detail", args=[999_999])).status_code == 404
    assert client.get(reverse("taxonomy:skill_detail", args=[999_999])).status_code == 404


def test_occupation_page_shows_labels_codes_and_skills(client, personas, taxonomy):
    cook, _meals = taxonomy
    client.force_login(personas.trainer)
    html = client.get(reverse("taxonomy:occupation_detail", args=[cook.pk])).content.decode()
    for text in ("Koch/Köchin", "chef de partie", "5120", "29302", "Berufe in der Küche", "Mahlzeiten zubereiten",
                 "Lebensmittelhygiene äöü", "Beikoch/Beiköchin"):  # fmt: skip
        assert text in html, text


def test_skill_page_lists_the_occupations_that_need_it(client, personas, taxonomy):
    _cook, meals = taxonomy
    client.force_login(personas.funder)
    html = client.get(reverse("taxonomy:skill_detail", args=[meals.pk])).content.decode()
    assert "Wesentlich für (1)" in html and "Koch/Köchin" in html


def test_keyword_search_finds_labels_and_codes(client, personas, taxonomy):
    client.force_login(personas.caseworker)
    assert "Koch/Köchin" in client.get(reverse("taxonomy:index"), {"q": "Beikoch"}).content.decode()
    assert "Elektriker/Elektrikerin" in client.get(reverse("taxonomy:index"), {"q": "26212"}).content.decode()
    html = client.get(reverse("taxonomy:index"), {"q": "hygiene"}).content.decode()
    assert "Lebensmittelhygiene" in html


@pytest.mark.parametrize("query", ["e", "koch", "nothing-matches-this"])
def test_search_page_query_count_does_not_grow_with_results(
    client, personas, taxonomy, django_assert_num_queries, query
):
    client.force_login(personas.caseworker)
    client.get(reverse("taxonomy:index"))  # warm the session
    # session + user + organisation (base.html) + session save (3, SESSION_SAVE_EVERY_REQUEST),
    # then ours: current version, occupations, skills
    with django_assert_num_queries(9):
        assert client.get(reverse("taxonomy:index"), {"q": query}).status_code == 200


def test_detail_pages_query_count_is_constant(client, personas, taxonomy, django_assert_num_queries):
    cook, meals = taxonomy
    client.force_login(personas.caseworker)
    # 6 for session, user, organisation and session save; then the page's own queries
    with django_assert_num_queries(6 + 6):  # occupation, labels, skills, ISCO group, KldB path, BA titles
        client.get(reverse("taxonomy:occupation_detail", args=[cook.pk]))
    with django_assert_num_queries(6 + 3):  # skill, labels, occupations
        client.get(reverse("taxonomy:skill_detail", args=[meals.pk]))


def test_search_uses_the_engine_when_its_index_is_ready(
    client, personas, taxonomy, monkeypatch, django_assert_num_queries
):
    from wegweiser.taxonomy import selectors

    def fake_matches(query, *, lang, top):
        return [(fx.COOK, 0.91, ("طباخ → Koch/Köchin (embedding)",)), ("http://unknown/uri", 0.5, ())]

    monkeypatch.setattr(selectors, "_engine_matches", fake_matches)
    client.force_login(personas.caseworker)
    client.get(reverse("taxonomy:index"))
    with django_assert_num_queries(9):
        html = client.get(reverse("taxonomy:index"), {"q": "طباخ"}).content.decode()
    assert "Koch/Köchin" in html and "0,91" in html  # German decimal comma and "طباخ → Koch/Köchin" in html
