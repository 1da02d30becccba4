from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wegweiser.interests.fit import fit_level, interest_fit, pearson, rank_occupations
from wegweiser.interests.profiles import build_occupation_profiles


def test_pearson_hand_computed():
    # x mean 3.5, y mean 3.5 after reversing → perfect negative
    assert pearson([1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]) == pytest.approx(-1.0)
    # deviations (-2.5,-1.5,-.5,.5,1.5,2.5) and (-1.5,-2.5,.5,-.5,2.5,1.5): Σdxdy = 14.5, Σdx² = Σdy² = 17.5
    assert pearson([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5]) == pytest.approx(14.5 / 17.5)


def test_fit_is_scale_invariant_and_none_for_flat_profiles():
    person = (30, 10, 5, 20, 15, 25)
    assert interest_fit(person, tuple(v / 40 * 6 + 1 for v in person)) == pytest.approx(1.0)
    assert interest_fit(person, (4, 4, 4, 4, 4, 4)) is None
    assert interest_fit((20,) * 6, (1, 2, 3, 4, 5, 6)) is None
    with pytest.raises(ValueError):
        interest_fit((1, 2, 3), (1, 2, 3))


def test_fit_levels():
    assert [fit_level(r) for r in (0.9, 0.5, 0.2, 0.19, -1.0, None)] == [
        "strong", "strong", "some", "weak", "weak", "unknown"]


def test_rank_occupations_orders_by_fit_then_key():
    person = (40, 0, 0, 0, 0, 0)
    profiles = {"b": (7, 1, 1, 1, 1, 1), "a": (7, 1, 1, 1, 1, 1), "c": (1, 7, 1, 1, 1, 1), "flat": (3,) * 6}
    ranked = rank_occupations(person, profiles, top=3)
    assert [k for k, _ in ranked] == ["a", "b", "c"]
    assert ranked[0][1] == pytest.approx(1.0)


@given(st.lists(st.floats(0, 40), min_size=6, max_size=6), st.lists(st.floats(1, 7), min_size=6, max_size=6))
def test_fit_range_and_symmetry(a, b):
    r = interest_fit(a, b)
    if r is not None:
        assert -1.0 <= r <= 1.0
        s = interest_fit(b, a)
        assert s is not None and math.isclose(r, s, abs_tol=1e-9)


def test_profile_sources_and_isco_fallback():
    isco = {"x1": "7411", "x2": "7411", "x3": "7411", "y1": "7412", "z1": "9999", "w1": "2654"}
    crosswalk = {"x1": (6.0, 2.0, 1.0, 2.0, 2.0, 3.0), "x2": (4.0, 2.0, 1.0, 2.0, 2.0, 3.0),
                 "w1": (1.0, 2.0, 7.0, 2.0, 2.0, 1.0)}
    links = [("x1", "47-2111.00", "exactMatch"), ("x2", "47-2111.00", "broadMatch"),
             ("x2", "49-9071.00", "narrowMatch"), ("w1", "27-1011.00", "closeMatch")]
    profiles = build_occupation_profiles(isco, crosswalk, links)
    assert profiles["x1"].source == "crosswalk" and profiles["x1"].basis == 1
    assert profiles["x2"].source == "crosswalk_related" and profiles["x2"].basis == 2
    assert profiles["x3"].source == "isco_unit_group"
    assert profiles["x3"].values == (5.0, 2.0, 1.0, 2.0, 2.0, 3.0) and profiles["x3"].basis == 2
    assert profiles["y1"].source == "isco_minor_group" and profiles["y1"].values == (5.0, 2.0, 1.0, 2.0, 2.0, 3.0)
    assert "z1" not in profiles
