"""Known answer sets → exact scores and codes; incomplete sets; ties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wegweiser.interests import items
from wegweiser.interests.scoring import MIN_ANSWERS_PER_SCALE, holland_code, score_answers

DIMS = "RIASEC"


def answers_for(per_scale: dict[str, list[int]]) -> dict[str, int]:
    """{"R": [5, 5, ...]} → item answers in item order; fewer values leave the rest unanswered."""
    out = {}
    for dim, values in per_scale.items():
        for n, value in enumerate(values, start=1):
            out[f"ip-{dim.lower()}-{n:02d}"] = value
    return out


def test_minimum_is_eight_of_ten():
    assert MIN_ANSWERS_PER_SCALE == 8


def test_known_full_set_gives_exact_scores_and_code():
    answers = answers_for({
        "R": [5] * 10,                         # 10 × 4 = 40
        "I": [1] * 10,                         # 0
        "A": [3] * 10,                         # 10 × 2 = 20
        "S": [4] * 10,                         # 10 × 3 = 30
        "E": [2] * 10,                         # 10
        "C": [5, 5, 5, 5, 5, 1, 1, 1, 1, 1],   # 20
    })
    profile = score_answers(answers, items.ITEM_DIMENSIONS)
    assert profile.as_dict() == {"R": 40, "I": 0, "A": 20, "S": 30, "E": 10, "C": 20}
    assert profile.complete
    # A and C tie at 20 for third place: RIASEC order puts A first, the tie is reported.
    assert profile.code == "RSA"
    assert profile.ties == ("AC",)
    assert profile.alternatives == ("RSC",)


def test_no_ties_no_alternatives():
    answers = answers_for({"R": [2] * 10, "I": [3] * 10, "A": [4] * 10, "S": [5] * 10, "E": [1] * 10,
                           "C": [2, 2, 2, 2, 2, 2, 2, 2, 2, 3]})
    profile = score_answers(answers, items.ITEM_DIMENSIONS)
    assert profile.as_dict() == {"R": 10, "I": 20, "A": 30, "S": 40, "E": 0, "C": 11}
    assert (profile.code, profile.ties, profile.alternatives) == ("SAI", (), ())


def test_prorating_with_eight_and_nine_answers():
    answers = answers_for({"R": [5] * 8, "I": [4] * 9, "A": [1] * 10, "S": [1] * 10, "E": [1] * 10,
                           "C": [2, 3, 4, 5, 1, 1, 1, 1, 1]})
    profile = score_answers(answers, items.ITEM_DIMENSIONS)
    assert profile.score("R") == 40.0           # 32 points × 10/8
    assert profile.score("I") == 30.0           # 27 × 10/9
    assert profile.score("C") == 11.1           # 10 × 10/9 = 11.11 → 11.1
    assert [s.answered for s in profile.scales] == [8, 9, 10, 10, 10, 9]
    assert profile.code == "RIC"


def test_seven_answers_on_a_scale_make_the_profile_incomplete():
    answers = answers_for({"R": [5] * 7, "I": [4] * 10, "A": [3] * 10, "S": [2] * 10, "E": [1] * 10, "C": [1] * 10})
    profile = score_answers(answers, items.ITEM_DIMENSIONS)
    assert profile.score("R") is None
    assert profile.scales[0].points == 28
    assert not profile.complete
    assert profile.missing == ("R",)
    assert profile.code is None and profile.vector() is None


def test_empty_set():
    profile = score_answers({}, items.ITEM_DIMENSIONS)
    assert profile.missing == tuple(DIMS)
    assert profile.code is None


def test_flat_profile_has_no_code():
    profile = score_answers(answers_for({d: [3] * 10 for d in DIMS}), items.ITEM_DIMENSIONS)
    assert profile.complete and profile.flat
    assert profile.code is None


def test_three_way_tie_at_the_top():
    code, ties, alternatives = holland_code({"R": 30, "I": 5, "A": 30, "S": 30, "E": 1, "C": 0})
    assert code == "RAS"
    assert ties == ("RAS",)
    assert set(alternatives) == {"RSA", "ARS", "ASR", "SRA", "SAR"}


def test_tie_straddling_the_cut():
    code, ties, alternatives = holland_code({"R": 40, "I": 20, "A": 20, "S": 20, "E": 0, "C": 0})
    assert code == "RIA"
    assert ties == ("IAS",)
    assert alternatives == ("RIS", "RAI", "RAS", "RSI", "RSA")


def test_bad_values_and_unknown_items():
    with pytest.raises(ValueError):
        score_answers({"ip-r-01": 6}, items.ITEM_DIMENSIONS)
    with pytest.raises(ValueError):
        score_answers({"ip-r-01": True}, items.ITEM_DIMENSIONS)
    assert score_answers({"nope": 5}, items.ITEM_DIMENSIONS).missing == tuple(DIMS)


@given(st.dictionaries(st.sampled_from(items.ORDER), st.integers(1, 5)))
def test_properties(answers):
    profile = score_answers(answers, items.ITEM_DIMENSIONS)
    for scale in profile.scales:
        assert 0 <= scale.points <= 4 * scale.answered
        if scale.score is not None:
            assert 0 <= scale.score <= 40 and scale.answered >= 8
    if profile.code:
        assert len(set(profile.code)) == 3
        scores = profile.as_dict()
        assert scores[profile.code[0]] == max(scores.values())
        assert profile.code not in profile.alternatives
