"""The one German level used by course entry, vacancy fit and recommendations (hand-computed cases)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wegweiser.participants.german import CEFR_RANK, german_level

LEVELS = st.sampled_from(["", "A1", "A2", "B1", "B2", "C1", "C2", "native"])


def test_german_level_is_the_weakest_recorded_skill():
    assert german_level(["B1", "A2", "B1", ""]) == "A2"
    assert german_level(["C1", "B2", "native", "B2"]) == "B2"
    assert german_level(["", "", "", ""]) == ""
    assert german_level([]) == ""


def test_a_higher_certificate_lifts_the_level():
    assert german_level(["A2", "A2", "A2", "A1"], ["B1"]) == "B1"
    assert german_level(["B2", "B2", "B2", "B2"], ["A2"]) == "B2"
    assert german_level([], ["A2"]) == "A2"
    assert german_level(["A1"], ["A2", "B2", ""]) == "B2"


def test_unknown_values_are_ignored():
    assert german_level(["B1", "gut", "A2"], ["Zertifikat"]) == "A2"


@given(st.lists(LEVELS, max_size=8), st.lists(LEVELS, max_size=3))
def test_never_below_a_certificate_nor_above_every_skill(skills, certificates):
    level = german_level(skills, certificates)
    recorded = [CEFR_RANK[s] for s in skills if s]
    certified = [CEFR_RANK[c] for c in certificates if c]
    assert CEFR_RANK[level] >= max(certified, default=0)
    if recorded and CEFR_RANK[level] > min(recorded):
        assert CEFR_RANK[level] == max(certified)
    assert bool(level) == bool(recorded or certified)
