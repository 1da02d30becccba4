"""Suppression: hand-computed cases, and hypothesis properties checked against brute force."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wegweiser.reporting.disclosure import collapse_small_rows, derivable_cells, merge_small_columns, suppress


def hidden_of(published):
    return {(r, c) for r, row in enumerate(published) for c, v in enumerate(row) if v is None}


def feasible_values(table, published):
    """Every value each suppressed cell can take: enumerate (with backtracking on the remaining row and
    column sums) all non-negative integer tables that agree with the published cells and the totals."""
    rows = [sum(r) - sum(v for v in p if v is not None) for r, p in zip(table, published, strict=True)]
    cols = [sum(c) for c in zip(*table, strict=True)]
    for p in published:
        for c, v in enumerate(p):
            if v is not None:
                cols[c] -= v
    cells = sorted(hidden_of(published))
    values: dict[tuple[int, int], set[int]] = {cell: set() for cell in cells}
    last_in_row = {r: max(c for rr, c in cells if rr == r) for r, _ in cells}
    last_in_col = {c: max(r for r, cc in cells if cc == c) for _, c in cells}
    chosen: list[int] = []

    def walk(i):
        if i == len(cells):
            if all(v == 0 for v in rows) and all(v == 0 for v in cols):
                for cell, v in zip(cells, chosen, strict=True):
                    values[cell].add(v)
            return
        r, c = cells[i]
        options = range(min(rows[r], cols[c]) + 1)
        if last_in_row[r] == c:
            options = [rows[r]] if rows[r] <= cols[c] else []
        if last_in_col[c] == r:
            options = [v for v in options if v == cols[c]]
        for v in options:
            rows[r] -= v
            cols[c] -= v
            chosen.append(v)
            walk(i + 1)
            chosen.pop()
            rows[r] += v
            cols[c] += v

    walk(0)
    return values


def test_single_small_cell_gets_a_rectangle_of_complements():
    table = [[3, 10, 12], [20, 25, 30], [40, 8, 9]]
    published = suppress(table)
    assert published[0][0] is None
    hidden = hidden_of(published)
    # every row and column that has a suppressed cell has at least two
    for r in range(3):
        assert sum(1 for c in range(3) if (r, c) in hidden) in (0, 2, 3)
    for c in range(3):
        assert sum(1 for r in range(3) if (r, c) in hidden) in (0, 2, 3)
    assert len(feasible_values(table, published)[(0, 0)]) > 1


def test_zeros_and_large_cells_are_published():
    assert suppress([[0, 10], [7, 0]]) == [[0, 10], [7, 0]]


def test_cheapest_complements_are_chosen():
    published = suppress([[2, 100, 6], [50, 100, 7], [100, 100, 100]])
    assert published == [[None, 100, None], [None, 100, None], [100, 100, 100]]


def test_a_row_with_one_small_cell_and_zeros_elsewhere_is_protected_through_other_rows():
    table = [[3, 0, 0], [10, 6, 9], [11, 7, 8]]
    published = suppress(table)
    assert len(feasible_values(table, published)[(0, 0)]) > 1


def test_derivable_cells_detects_a_lonely_suppressed_cell():
    table = [[3, 10], [20, 25]]
    assert derivable_cells(table, {(0, 0)}) == {(0, 0)}
    assert derivable_cells(table, {(0, 0), (0, 1)}) == {(0, 0), (0, 1)}
    assert derivable_cells(table, {(0, 0), (0, 1), (1, 0), (1, 1)}) == set()


def test_zero_blocked_cycle_is_derivable():
    # x=3 on a 4-cycle whose other cells are 0, 0, 5: moving x up needs (0,1) and (1,0) > 0 (they are 0),
    # moving it down needs (1,1) > 0 … it is 5, so x can move down. With (1,1) = 0 as well x is fixed.
    assert derivable_cells([[3, 0], [0, 5]], {(0, 0), (0, 1), (1, 0), (1, 1)}) == set()
    assert (0, 0) in derivable_cells([[3, 0, 9], [0, 0, 9], [9, 9, 9]], {(0, 0), (0, 1), (1, 0), (1, 1)})


def test_invalid_input_is_refused():
    with pytest.raises(ValueError):
        suppress([[1, -1]])
    with pytest.raises(ValueError):
        suppress([[1, 2], [3]])
    with pytest.raises(ValueError):
        suppress([[1.5]])  # type: ignore[list-item]


def test_merge_small_columns_and_collapse_rows():
    assert merge_small_columns(["a", "b", "c", "d"], [20, 3, 10, 0]) == [[0, 1], [2], [3]]
    assert merge_small_columns(["a", "b"], [2, 10]) == [[0, 1]]
    labels, rows = collapse_small_rows(["SY", "AF", "UA", "ER"], [[5, 5], [2, 2], [0, 0], [1, 0]])
    assert labels == ["SY", "Sonstige"] and rows == [[5, 5], [3, 2]]
    labels, rows = collapse_small_rows(["SY", "AF", "ER"], [[5, 5], [6, 0], [1, 0]])
    assert labels == ["SY", "Sonstige"] and rows == [[5, 5], [7, 0]]
    labels, rows = collapse_small_rows(["SY", "AF", "ER"], [[5, 5], [6, 0], [1, 1]])
    assert labels == ["SY", "Sonstige"] and rows == [[5, 5], [7, 1]]


small_tables = st.integers(2, 3).flatmap(
    lambda nrows: st.integers(2, 3).flatmap(
        lambda ncols: st.lists(st.lists(st.integers(0, 9), min_size=ncols, max_size=ncols),
                               min_size=nrows, max_size=nrows)))


def margins_ok(table, k=5):
    rows = [sum(r) for r in table]
    cols = [sum(c) for c in zip(*table, strict=True)]
    return all(t == 0 or t >= k for t in rows + cols)


@settings(max_examples=150, deadline=None)
@given(small_tables)
def test_property_no_small_cell_is_derivable_brute_force(table):
    published = suppress(table)
    assert len(published) == len(table) and all(len(a) == len(b) for a, b in zip(published, table, strict=True))
    for r, row in enumerate(table):
        for c, v in enumerate(row):
            if 0 < v < 5:
                assert published[r][c] is None
            elif published[r][c] is not None:
                assert published[r][c] == v
    if not margins_ok(table):
        return
    values = feasible_values(table, published)
    for (r, c), possible in values.items():
        assert table[r][c] in possible
        if 0 < table[r][c] < 5:
            assert len(possible) > 1, (table, published, (r, c))
    # the fast check agrees with brute force on every suppressed cell
    assert derivable_cells(table, hidden_of(published)) == {cell for cell, p in values.items() if len(p) == 1}


big_tables = st.integers(2, 8).flatmap(
    lambda nrows: st.integers(2, 7).flatmap(
        lambda ncols: st.lists(st.lists(st.integers(0, 40), min_size=ncols, max_size=ncols),
                               min_size=nrows, max_size=nrows)))


@settings(max_examples=200, deadline=None)
@given(big_tables, st.integers(3, 10))
def test_property_larger_tables_protected_when_totals_allow(table, k):
    if not margins_ok(table, k):
        return
    published = suppress(table, k=k)
    exposed = derivable_cells(table, hidden_of(published))
    assert not any(0 < table[r][c] < k for r, c in exposed)


@settings(max_examples=100, deadline=None)
@given(small_tables)
def test_property_fast_check_matches_brute_force_for_any_hidden_set(table):
    cells = [(r, c) for r in range(len(table)) for c in range(len(table[0]))]
    hidden = {cell for i, cell in enumerate(cells) if (sum(table[cell[0]]) + i) % 2 == 0}
    published = [[None if (r, c) in hidden else v for c, v in enumerate(row)] for r, row in enumerate(table)]
    values = feasible_values(table, published)
    assert derivable_cells(table, hidden) == {cell for cell, p in values.items() if len(p) == 1}
