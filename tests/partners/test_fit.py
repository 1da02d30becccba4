"""Matching both ways with explanations (pure core hand-computed; selectors against the database)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import LanguageSkillFactory, ParticipantFactory, WorkHistoryEntryFactory
from tests.matching.fixtures import ELECTRICIAN, SKILL_WIRING
from tests.partners.conftest import give
from wegweiser.participants.models import Suggestion
from wegweiser.partners import fit, geo
from wegweiser.partners.models import Purpose, Vacancy

MAYEN, ANDERNACH, BERLIN = geo.coordinates("Mayen"), geo.coordinates("Andernach"), geo.coordinates("Berlin")


def test_coordinates_lookup_is_forgiving_and_distance_plausible():
    assert geo.coordinates("weissenthurm") == geo.coordinates("Weißenthurm")
    assert geo.coordinates("Stadt Mayen") == MAYEN
    assert geo.coordinates("Atlantis") is None
    assert 15 < geo.haversine_km(MAYEN, ANDERNACH) < 20  # about 18 km as the crow flies
    assert geo.haversine_km(MAYEN, MAYEN) == 0


def test_hand_computed_fit():
    job = fit.JobFacts(id=1, occupation_uri=ELECTRICIAN, kldb="26212", skill_uris=("a", "b"), german_level="B1",
                       coords=MAYEN, employer_id=7)
    person = fit.PersonFacts(id=2, occupation_uris=frozenset({ELECTRICIAN}), skill_uris=frozenset({"a"}),
                             german="A2", coords=ANDERNACH, consent_employers=frozenset({7}))
    f = fit.fit(person, job, limit_km=30, require_consent=True)
    km = geo.haversine_km(ANDERNACH, MAYEN)
    assert f.score == pytest.approx(40 + 15 + 7 + round(15 * (1 - km / 30), 1), abs=0.11)
    kinds = {x.kind: x for x in f.factors}
    assert kinds["skills"].data == {"have": ["a"], "missing": ["b"]}
    assert kinds["german"].data["gap"] == 1 and not f.excluded


def test_kldb_group_counts_less_than_same_occupation():
    job = fit.JobFacts(id=1, occupation_uri="x", kldb="26212")
    same_group = fit.PersonFacts(id=2, occupation_kldb=frozenset({"26213"}))
    assert {f.kind: f.points for f in fit.fit(same_group, job, limit_km=30, require_consent=False).factors}[
        "occupation"] == 25


@pytest.mark.parametrize("person, reason", [
    (fit.PersonFacts(id=2, coords=BERLIN), "distance"),
    (fit.PersonFacts(id=2, coords=MAYEN, work_permission="no"), "no_work_permission"),
    (fit.PersonFacts(id=2, coords=MAYEN, working_time="no_shifts"), "no_shifts"),
    (fit.PersonFacts(id=2, coords=MAYEN, consent_employers=frozenset()), "consent"),
])
def test_hard_limits_exclude(person, reason):
    job = fit.JobFacts(id=1, coords=MAYEN, shift_work=True, employer_id=7)
    result = fit.fit(person, job, limit_km=30, require_consent=True)
    assert result.excluded
    assert fit.rank_people(job, [person], limit_km=30) == []


def test_missing_consent_does_not_hide_vacancies_from_the_participant_side():
    job = fit.JobFacts(id=1, coords=MAYEN, employer_id=7)
    person = fit.PersonFacts(id=2, coords=MAYEN)
    assert [f.job_id for f in fit.rank_jobs(person, [job], limit_km=30)] == [1]


cefr = st.sampled_from(list(fit.CEFR_RANK))


@given(have=cefr, need=cefr, km_limit=st.floats(min_value=1, max_value=200))
def test_score_bounded_and_higher_german_never_hurts(have, need, km_limit):
    job = fit.JobFacts(id=1, german_level=need, coords=MAYEN)
    low = fit.fit(fit.PersonFacts(id=2, german=have, coords=ANDERNACH), job, limit_km=km_limit,
                  require_consent=False)
    high = fit.fit(fit.PersonFacts(id=2, german="native", coords=ANDERNACH), job, limit_km=km_limit,
                   require_consent=False)
    assert 0 <= low.score <= 100 and high.score >= low.score


@pytest.mark.django_db
def test_vacancy_page_ranks_people_with_explanations(client, personas, jobcenter, team_north, employer):
    vacancy = Vacancy.objects.create(employer=employer, employer_name=employer.name, title="Elektriker",
                                     occupation_uri=ELECTRICIAN, kldb="26212", skill_uris=[SKILL_WIRING],
                                     german_level="B1", municipality="Mayen", latitude=MAYEN[0], longitude=MAYEN[1])
    good = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north,
                              family_name="Passtgut", municipality="Andernach")
    LanguageSkillFactory(participant=good, language="de", listening="B1", reading="B1", speaking="B2", writing="B1")
    entry = WorkHistoryEntryFactory(participant=good)
    for kind, uri in (("occupation", ELECTRICIAN), ("skill", SKILL_WIRING)):
        Suggestion.objects.create(participant=good, work_entry=entry, kind=kind, uri=uri,
                                  kldb="26212" if kind == "occupation" else "", label=uri, score=0.9, rank=1,
                                  source_digest="x", status="confirmed")
    weak = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north,
                              family_name="Wenigerpassend", municipality="Polch")
    no_consent = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north,
                                    family_name="Ohneeinwilligung", municipality="Mayen")
    far = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north,
                             family_name="Weitweg", municipality="Berlin")
    for p in (good, weak, far):
        give(personas.caseworker, p, employer, Purpose.JOB_PLACEMENT)
    client.force_login(personas.caseworker)
    body = client.get(reverse("partners:vacancy_detail", args=[vacancy.pk])).content.decode()
    assert body.index("Passtgut") < body.index("Wenigerpassend")
    assert "Ohneeinwilligung" not in body and "Weitweg" not in body
    assert "Beruf bestätigt" in body and "Deutsch B1 erfüllt B1" in body and "km Luftlinie" in body
    assert "Luftlinie zwischen Wohnort und Arbeitsort, höchstens 30 km" in body
    assert no_consent.pk


@pytest.mark.django_db
def test_participant_page_ranks_vacancies(client, personas, participant, employer):
    near = Vacancy.objects.create(employer_name="A", title="Nah", municipality="Andernach",
                                  latitude=ANDERNACH[0], longitude=ANDERNACH[1], german_level="A2")
    Vacancy.objects.create(employer_name="B", title="Mittel", municipality="Mayen", latitude=MAYEN[0],
                           longitude=MAYEN[1], german_level="C1")
    Vacancy.objects.create(employer_name="C", title="Fern", municipality="Berlin", latitude=BERLIN[0],
                           longitude=BERLIN[1])
    Vacancy.objects.create(employer_name="D", title="Veraltet", municipality="Andernach", stale=True,
                           latitude=ANDERNACH[0], longitude=ANDERNACH[1])
    client.force_login(personas.caseworker)
    body = client.get(reverse("partners:participant_vacancies", args=[participant.pk])).content.decode()
    assert body.index("Nah") < body.index("Mittel")
    assert "Fern" not in body and "Veraltet" not in body
    assert "verlangt C1" in body and near.pk
