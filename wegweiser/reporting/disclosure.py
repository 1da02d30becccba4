"""Statistical disclosure control for published count tables. Pure functions, no Django.

Rules (also printed in every funder report, see `METHOD_TEXT`):

* **Primary suppression.** A cell with 1 … k−1 persons is never shown.
* **Zeros are published.** A true zero says "nobody in this group", which identifies no individual;
  suppressing zeros would also tell the reader nothing extra once the totals are known. Zeros may be
  used as complementary suppressions only as a last resort (full suppression): a suppressed zero can
  block the alternating cycles that hide a small cell (see below), so the heuristic never relies on one.
* **Totals are always published** (row, column, grand), so a table is protected only when no
  suppressed small cell can be worked out exactly from the published cells, the totals and the fact
  that counts are non-negative.
* **Secondary suppression.** While some small cell is still derivable, the cheapest rectangle
  (two rows × two columns) through it is suppressed, preferring cells already hidden and small values;
  when no rectangle helps, every cell is suppressed.

Why the check is exact: the unknown (suppressed) cells form a bipartite graph between rows and
columns. The totals fix the sum of unknowns per row and per column; changing the unknowns without
changing any total means adding a circulation on that graph, and every circulation decomposes into
simple alternating cycles with consistent signs. So a small cell x can take another value iff some
simple cycle through x alternates +/− such that every cell that would *decrease* is positive. That is
two breadth-first searches per cell (`derivable_cells`). The transportation polytope has integral
vertices, so a non-degenerate interval always contains a second integer value.

Protection is impossible when a total itself is 1 … k−1 (e.g. a one-row table: each column total *is*
the cell). Callers therefore collapse small categories first (`collapse_small_rows`,
`merge_small_columns`) so that every published total is 0 or ≥ k.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

Table = list[list[int]]
Published = list[list[int | None]]

METHOD_TEXT = (
    "Zellen mit 1 bis {k_minus} Personen werden nicht ausgewiesen (Primärsperrung, Mindestfallzahl k = {k}). "
    "Zeilen-, Spalten- und Gesamtsummen werden immer genau veröffentlicht; damit keine gesperrte Zelle aus "
    "ihnen zurückgerechnet werden kann, werden weitere Zellen gesperrt (Sekundärsperrung), bis jede kleine "
    "Zelle auf einem Kreis gesperrter Zellen liegt, auf dem sie verändert werden kann, ohne eine Summe zu "
    "ändern. Nullen werden veröffentlicht. Kategorien mit weniger als k Teilnahmen werden zu „Sonstige“ "
    "zusammengefasst, seltene Stufen mit der vorherigen Stufe. Alle Tabellen eines Berichts sind "
    "Randverteilungen derselben Grundtabelle (Teilnahmen × Stufe) und haben nur die Stufensummen gemeinsam, "
    "die selbst veröffentlicht sind; daher lässt sich keine gesperrte Zelle über eine andere Tabelle "
    "erschließen. Gesperrte Zellen sind mit „•“ markiert."
)


def _check(table: Sequence[Sequence[int]], k: int) -> None:
    if k < 1:
        raise ValueError("k must be at least 1")
    widths = {len(row) for row in table}
    if len(widths) > 1:
        raise ValueError("all rows must have the same length")
    for row in table:
        for value in row:
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"cells must be non-negative integers, got {value!r}")


def _can_change(table: Sequence[Sequence[int]], hidden: set[tuple[int, int]], cell: tuple[int, int],
                decrease_own_class: bool) -> bool:
    """Is there an alternating cycle through `cell` along which it can move without breaking a total?

    The cycle starts at `cell` (row r → column c), continues column → row, row → column, … and returns to
    row r. Cells reached column → row are in the opposite class of `cell`, cells reached row → column in
    its own class. The class that decreases must contain only positive cells.
    """
    r0, c0 = cell
    by_col: dict[int, list[int]] = {}
    by_row: dict[int, list[int]] = {}
    for (r, c) in hidden:
        if (r, c) == cell:
            continue
        by_col.setdefault(c, []).append(r)
        by_row.setdefault(r, []).append(c)
    # breadth-first over columns (start) and rows; we look for a path from column c0 to row r0.
    seen_cols = {c0}
    seen_rows: set[int] = set()
    queue: deque[tuple[str, int]] = deque([("c", c0)])
    while queue:
        kind, node = queue.popleft()
        if kind == "c":
            for r in by_col.get(node, []):
                # column → row: opposite class; it decreases unless our own class decreases
                if not decrease_own_class and table[r][node] <= 0:
                    continue
                if r == r0:
                    return True
                if r not in seen_rows:
                    seen_rows.add(r)
                    queue.append(("r", r))
        else:
            for c in by_row.get(node, []):
                if decrease_own_class and table[node][c] <= 0:
                    continue
                if c not in seen_cols:
                    seen_cols.add(c)
                    queue.append(("c", c))
    return False


def derivable_cells(table: Sequence[Sequence[int]], hidden: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Hidden cells whose value follows exactly from the visible cells, all totals and non-negativity."""
    result = set()
    for cell in hidden:
        r, c = cell
        up = _can_change(table, hidden, cell, decrease_own_class=False)
        down = table[r][c] > 0 and _can_change(table, hidden, cell, decrease_own_class=True)
        if not (up or down):
            result.add(cell)
    return result


def _rectangle_choice(table: Table, hidden: set[tuple[int, int]], cell: tuple[int, int]
                      ) -> list[tuple[int, int]] | None:
    """The cheapest set of cells to hide so that `cell` lies on a 4-cycle along which it can move."""
    r0, c0 = cell
    best: tuple[tuple[int, int, int], list[tuple[int, int]]] | None = None
    for r in range(len(table)):
        if r == r0:
            continue
        for c in range(len(table[0])):
            if c == c0:
                continue
            corners = [(r0, c), (r, c0), (r, c)]
            # cell moves up: (r0,c) and (r,c0) decrease → must be positive; down: (r,c) must be positive.
            ok = (table[r0][c] > 0 and table[r][c0] > 0) or table[r][c] > 0
            if not ok:
                continue
            new = [p for p in corners if p not in hidden]
            # prefer: no new zero complements, then the least information hidden, then the fewest cells
            uses_zero = int(any(table[p[0]][p[1]] == 0 for p in new))
            cost = (uses_zero, sum(table[p[0]][p[1]] for p in new), len(new))
            if best is None or cost < best[0]:
                best = (cost, new)
    return None if best is None else best[1]


def suppress(table: Sequence[Sequence[int]], *, k: int = 5) -> Published:
    """Return `table` with None for every cell that must not be published.

    Every cell with 1 … k−1 is suppressed, and further cells until no suppressed small cell can be
    worked out exactly from the published cells plus the row, column and grand totals (see module doc).
    Zeros and cells ≥ k are kept unless needed as complements. Deterministic.
    """
    _check(table, k)
    grid: Table = [list(row) for row in table]
    if not grid or not grid[0]:
        return [list(row) for row in grid]
    primary = {(r, c) for r, row in enumerate(grid) for c, v in enumerate(row) if 0 < v < k}
    hidden = set(primary)
    all_cells = {(r, c) for r in range(len(grid)) for c in range(len(grid[0]))}
    while True:
        exposed = sorted(derivable_cells(grid, hidden) & primary)
        if not exposed:
            break
        choice = _rectangle_choice(grid, hidden, exposed[0])
        if not choice:
            hidden = set(all_cells)  # last resort; protects whenever all totals are 0 or ≥ k
            break
        hidden.update(choice)
    return [[None if (r, c) in hidden else v for c, v in enumerate(row)] for r, row in enumerate(grid)]


# --- preparing tables so that every published total is 0 or ≥ k ---------------------------------


def merge_small_columns(columns: list[str], totals: list[int], *, k: int = 5) -> list[list[int]]:
    """Group ordered columns (e.g. funnel stages) so that every group's total is 0 or ≥ k.

    Returns a list of groups (indices into `columns`); a small column joins its predecessor (the first
    one joins its successor). Zero columns stay on their own.
    """
    groups: list[list[int]] = [[i] for i in range(len(columns))]
    while True:
        sums = [sum(totals[i] for i in g) for g in groups]
        small = [i for i, s in enumerate(sums) if 0 < s < k]
        if not small or len(groups) == 1:
            return groups
        i = small[-1]
        j = i - 1 if i > 0 else i + 1
        lo, hi = min(i, j), max(i, j)
        groups[lo:hi + 1] = [groups[lo] + groups[hi]]


def collapse_small_rows(labels: list[str], rows: list[list[int]], *, k: int = 5, other: str = "Sonstige"
                        ) -> tuple[list[str], list[list[int]]]:
    """Fold rows whose total is 1 … k−1 into one `other` row; if that row is still small, also fold the
    smallest remaining row into it. Zero rows are dropped (they carry no persons)."""
    width = len(rows[0]) if rows else 0
    keep_labels: list[str] = []
    keep_rows: list[list[int]] = []
    rest = [0] * width
    folded = False
    for label, row in zip(labels, rows, strict=True):
        total = sum(row)
        if total == 0:
            continue
        if total < k or label == other:
            rest = [a + b for a, b in zip(rest, row, strict=True)]
            folded = True
        else:
            keep_labels.append(label)
            keep_rows.append(list(row))
    while folded and 0 < sum(rest) < k and keep_rows:
        smallest = min(range(len(keep_rows)), key=lambda i: (sum(keep_rows[i]), keep_labels[i]))
        rest = [a + b for a, b in zip(rest, keep_rows.pop(smallest), strict=True)]
        keep_labels.pop(smallest)
    if folded and sum(rest) > 0:
        keep_labels.append(other)
        keep_rows.append(rest)
    return keep_labels, keep_rows
