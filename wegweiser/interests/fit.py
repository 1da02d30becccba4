"""Interest fit between a person and an occupation (pure: no Django). For the recommendations app.

The fit is the Pearson correlation between the person's six RIASEC scale scores (0–40, from
`scoring`) and the occupation's six O*NET Occupational Interest values (1–7), in R, I, A, S, E, C order.
Correlation compares the *shape* of the two profiles (which interests stand out), so the different
scales do not matter and a person who likes everything a little is not penalised against one who
likes everything a lot. Range −1 … +1; None when either profile is flat (no variance, nothing to compare).

    >>> round(interest_fit((30, 10, 5, 20, 15, 25), (6.5, 3.0, 1.5, 4.0, 3.5, 5.5)), 3)
    0.986
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

# Thresholds for the words shown to people; documented in docs/interests.md.
STRONG_FIT = 0.5
SOME_FIT = 0.2


def pearson(x: Sequence[float], y: Sequence[float]) -> float | None:
    if len(x) != len(y) or len(x) < 2:
        raise ValueError("need two sequences of the same length ≥ 2")
    n = len(x)
    mean_x = sum(x) / n
    mean_y = sum(y) / n
    dx = [a - mean_x for a in x]
    dy = [b - mean_y for b in y]
    sxx = sum(a * a for a in dx)
    syy = sum(b * b for b in dy)
    if sxx == 0 or syy == 0:
        return None
    r = sum(a * b for a, b in zip(dx, dy, strict=True)) / math.sqrt(sxx * syy)
    return max(-1.0, min(1.0, r))


def interest_fit(person: Sequence[float], occupation: Sequence[float]) -> float | None:
    """Pearson correlation of two RIASEC 6-vectors (R, I, A, S, E, C)."""
    if len(person) != 6 or len(occupation) != 6:
        raise ValueError("RIASEC profiles have six values")
    return pearson(person, occupation)


def fit_level(r: float | None) -> str:
    """'strong', 'some' or 'weak' (or 'unknown' without a fit)."""
    if r is None:
        return "unknown"
    if r >= STRONG_FIT:
        return "strong"
    if r >= SOME_FIT:
        return "some"
    return "weak"


def rank_occupations(
    person: Sequence[float], profiles: Mapping[str, Sequence[float]], *, top: int | None = 10,
    among: Iterable[str] | None = None,
) -> list[tuple[str, float]]:
    """Occupations by fit, best first (ties by key); occupations without a fit are left out."""
    keys = profiles.keys() if among is None else [k for k in among if k in profiles]
    scored = [(key, r) for key in keys if (r := interest_fit(person, profiles[key])) is not None]
    scored.sort(key=lambda kv: (-kv[1], kv[0]))
    return scored if top is None else scored[:top]
