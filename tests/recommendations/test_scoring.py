"""Hand-computed scoring cases and properties of the pure recommender."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wegweiser.recommendations.scoring import (
    CourseOffer,
    OccupationProfile,
    PersonProfile,
    Weights,
    next_steps,
    pearson_fit,
    recommend,
    score_occupation,
)

CARPENTER = OccupationProfile(
    uri="occ:carpenter", label="Tischler/in", kldb="22302", isco="7115",
    essential=frozenset({"s:saw", "s:measure", "s:assemble", "s:sand"}), optional=frozenset({"s:cad", "s:quote"}),
    riasec=(7.0, 3.0, 4.0, 2.0, 2.0, 3.0), demand=0.8,
)
NURSE = OccupationProfile(
    uri="occ:nurse", label="Pflegefachkraft", kldb="81302", isco="3221", regulated=True,
    essential=frozenset({"s:care", "s:hygiene", "s:medication"}), riasec=(3.0, 4.0, 2.0, 7.0, 3.0, 4.0), demand=1.0,
)
DRIVER = OccupationProfile(uri="occ:driver", label="Berufskraftfahrer/in", kldb="52122", isco="8332",
                           essential=frozenset({"s:drive", "s:load"}), demand=0.6)
LABELS = {"s:saw": "Holz sägen", "s:measure": "Maß nehmen", "s:assemble": "Möbel montieren", "s:sand": "schleifen",
          "s:care": "pflegen", "s:hygiene": "Hygiene", "s:medication": "Medikamente"}


def test_hand_computed_carpenter_score():
    person = PersonProfile(skills=frozenset({"s:saw", "s:measure", "s:cad"}), riasec=(7.0, 3.0, 4.0, 2.0, 2.0, 3.0),
                           german="A2")
    rec = score_occupation(person, CARPENTER, labels=LABELS)
    factors = {f.name: f for f in rec.factors}
    # skills: 0.8 * 2/4 + 0.2 * 1/2 = 0.5
    assert factors["skills"].value == pytest.approx(0.5)
    # identical profiles correlate perfectly: (1 + 1) / 2 = 1
    assert factors["interests"].value == pytest.approx(1.0)
    # Fachkraft (5th KldB digit 2) needs B1; A2 is one level short: 1 - 0.2
    assert factors["feasibility"].value == pytest.approx(0.8)
    assert factors["demand"].value == pytest.approx(0.8)
    # 0.5*0.5 + 0.2*1.0 + 0.2*0.8 + 0.1*0.8 = 0.69
    assert rec.score == pytest.approx(0.69)
    assert rec.missing_essential == ("s:assemble", "s:sand")
    assert "erfüllt 2 von 4 Kernkompetenzen: Holz sägen, Maß nehmen" in rec.explanation
    assert "braucht Deutsch B1, hat A2" in rec.explanation
    assert "Interessen R und A passen" in rec.explanation


def test_explanation_lists_exactly_the_skills_used():
    person = PersonProfile(skills=frozenset({"s:care", "s:hygiene", "s:unrelated"}))
    rec = score_occupation(person, NURSE, labels=LABELS)
    skills_text = rec.factors[0].text
    assert "Hygiene" in skills_text and "pflegen" in skills_text
    assert "Medikamente" not in skills_text and "s:unrelated" not in skills_text


def test_regulated_profession_without_recognition_is_flagged_not_hidden():
    person = PersonProfile(skills=frozenset(NURSE.essential), german="B2")
    without = recommend(person, {NURSE.uri: NURSE}, top=5)
    assert [r.uri for r in without] == [NURSE.uri]
    assert "reglementierter Beruf: Anerkennung nötig" in without[0].flags
    with_recognition = score_occupation(PersonProfile(skills=frozenset(NURSE.essential), german="B2",
                                                      has_recognition=True), NURSE)
    assert with_recognition.score > without[0].score
    assert not with_recognition.flags


def test_driving_licence_and_shift_constraints():
    rec = score_occupation(PersonProfile(skills=frozenset({"s:drive"}), german="B1"), DRIVER)
    assert "Führerschein nötig" in rec.flags
    nurse = score_occupation(PersonProfile(german="C1", has_recognition=True, working_time="no_shifts"), NURSE)
    assert "Schichtarbeit üblich" in nurse.flags


def test_weights_are_configurable():
    person = PersonProfile(skills=frozenset({"s:saw"}))
    only_demand = score_occupation(person, CARPENTER, weights=Weights(skills=0, interests=0, feasibility=0, demand=1))
    assert only_demand.score == pytest.approx(0.8)


def test_recommend_without_skills_uses_interest_candidates():
    person = PersonProfile(riasec=(2.0, 4.0, 2.0, 7.0, 3.0, 4.0), german="B2")
    recs = recommend(person, {o.uri: o for o in (CARPENTER, NURSE, DRIVER)}, top=2)
    assert recs[0].uri == NURSE.uri


def test_next_steps_german_first_then_gap_courses():
    person = PersonProfile(skills=frozenset({"s:saw"}), german="A1")
    rec = score_occupation(person, CARPENTER, labels=LABELS)
    courses = [
        CourseOffer("bsk-b1", "Berufssprachkurs B1", teaches_german="B1", entry_german="A2"),
        CourseOffer("ik", "Integrationskurs", teaches_german="A2", entry_german=""),
        CourseOffer("wood", "Holzwerkstatt", skills=frozenset({"s:assemble", "s:sand", "s:measure"}),
                    entry_german="A2"),
        CourseOffer("core", "CORE", skills=frozenset({"s:it"})),
    ]
    steps = next_steps(rec, person, courses, labels=LABELS)
    assert [s.course.key for s in steps] == ["ik", "bsk-b1", "wood"]
    assert steps[2].closes == ("s:assemble", "s:measure", "s:sand")


def test_pearson_fit_bounds_and_neutral():
    assert pearson_fit((1, 2, 3, 4, 5, 6), (1, 2, 3, 4, 5, 6)) == pytest.approx(1.0)
    assert pearson_fit((1, 2, 3, 4, 5, 6), (6, 5, 4, 3, 2, 1)) == pytest.approx(0.0)
    assert pearson_fit((3, 3, 3, 3, 3, 3), (1, 2, 3, 4, 5, 6)) == 0.5


SKILLS = [f"s:{i}" for i in range(12)]


@given(
    essential=st.sets(st.sampled_from(SKILLS), min_size=1),
    optional=st.sets(st.sampled_from(SKILLS)),
    have=st.sets(st.sampled_from(SKILLS)),
    extra=st.sampled_from(SKILLS),
    german=st.sampled_from(["", "A1", "A2", "B1", "B2", "C1"]),
    demand=st.floats(0, 1),
)
def test_more_matching_skills_never_lower_the_score(essential, optional, have, extra, german, demand):
    occ = OccupationProfile(uri="o", label="o", kldb="12342", essential=frozenset(essential),
                            optional=frozenset(optional - essential), demand=demand)
    before = score_occupation(PersonProfile(skills=frozenset(have), german=german), occ)
    after = score_occupation(PersonProfile(skills=frozenset(have | {extra}), german=german), occ)
    assert after.score >= before.score
    assert 0.0 <= before.score <= 1.0


@given(st.lists(st.floats(1, 7), min_size=6, max_size=6), st.lists(st.floats(1, 7), min_size=6, max_size=6))
def test_pearson_fit_in_unit_interval_and_symmetric(a, b):
    assert 0.0 <= pearson_fit(tuple(a), tuple(b)) <= 1.0
    assert pearson_fit(tuple(a), tuple(b)) == pytest.approx(pearson_fit(tuple(b), tuple(a)))
