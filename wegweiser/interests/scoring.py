"""RIASEC scoring of the O*NET Interest Profiler Short Form (pure: no Django, no database).

Rules:
- Answers are 1–5 (1 = "not at all", 5 = "very much"); as on O*NET's own profiler each answer counts
  0–4 points, so a scale of 10 items scores 0–40.
- A scale needs at least MIN_ANSWERS_PER_SCALE = 8 of its 10 items answered (skipped items are not
  answers; "don't know" is an answer worth 2 points). With 8 or 9 answers the points are prorated to 10
  items (score = points × 10 / answered, one decimal); with fewer the scale has no score.
- A profile is complete when all six scales have a score. Only a complete profile gets a Holland code.
- The Holland code is the three scales with the highest scores, highest first. Equal scores are ordered
  R, I, A, S, E, C (the order of the hexagon) — and the tie is reported: `ties` names the tied letters,
  `alternatives` lists the other codes the tie allows. A flat profile (all six scores equal) has no code.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

DIMENSIONS: tuple[str, ...] = ("R", "I", "A", "S", "E", "C")
ITEMS_PER_SCALE = 10
MIN_ANSWERS_PER_SCALE = 8
MAX_SCALE_SCORE = 40
ANSWER_VALUES = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class ScaleScore:
    dimension: str
    answered: int
    points: int  # sum of 0–4 points over the answered items
    score: float | None  # 0–40, prorated to 10 items; None with fewer than MIN_ANSWERS_PER_SCALE answers


@dataclass(frozen=True)
class InterestProfile:
    scales: tuple[ScaleScore, ...]  # in RIASEC order
    code: str | None
    ties: tuple[str, ...] = ()  # groups of tied letters that affect the code, e.g. ("EC",)
    alternatives: tuple[str, ...] = ()  # other codes the ties allow

    @property
    def complete(self) -> bool:
        return all(scale.score is not None for scale in self.scales)

    @property
    def flat(self) -> bool:
        return self.complete and len({scale.score for scale in self.scales}) == 1

    @property
    def missing(self) -> tuple[str, ...]:
        """Scales without enough answers."""
        return tuple(scale.dimension for scale in self.scales if scale.score is None)

    def score(self, dimension: str) -> float | None:
        return self.scales[DIMENSIONS.index(dimension)].score

    def vector(self) -> tuple[float, ...] | None:
        """The six scores (R…C) if the profile is complete, for fit computations."""
        if not self.complete:
            return None
        return tuple(float(scale.score) for scale in self.scales if scale.score is not None)

    def as_dict(self) -> dict[str, float | None]:
        return {scale.dimension: scale.score for scale in self.scales}


def holland_code(scores: Mapping[str, float]) -> tuple[str | None, tuple[str, ...], tuple[str, ...]]:
    """(code, ties, alternatives) for six scores; see the module docstring for the tie rule."""
    if set(scores) != set(DIMENSIONS):
        raise ValueError(f"need scores for exactly {DIMENSIONS}, got {sorted(scores)}")
    if len(set(scores.values())) == 1:
        return None, (), ()
    ordered = sorted(DIMENSIONS, key=lambda d: (-scores[d], DIMENSIONS.index(d)))
    code = "".join(ordered[:3])
    groups: list[list[str]] = []
    for dimension in ordered:
        if groups and scores[groups[-1][0]] == scores[dimension]:
            groups[-1].append(dimension)
        else:
            groups.append([dimension])
    slots = 3
    choices: list[list[tuple[str, ...]]] = []
    ties: list[str] = []
    for group in groups:
        take = min(len(group), slots)
        choices.append(list(itertools.permutations(group, take)))
        if len(group) > 1:
            ties.append("".join(group))
        slots -= take
        if slots == 0:
            break
    codes = {"".join("".join(part) for part in combo) for combo in itertools.product(*choices)}
    codes.discard(code)
    return code, tuple(ties), tuple(sorted(codes, key=lambda c: [DIMENSIONS.index(ch) for ch in c]))


def score_answers(
    answers: Mapping[str, int],
    item_dimensions: Mapping[str, str],
    *,
    min_answers: int = MIN_ANSWERS_PER_SCALE,
) -> InterestProfile:
    """Score answers (item id → 1–5). Items not in `item_dimensions` are ignored; bad values raise."""
    points: dict[str, int] = dict.fromkeys(DIMENSIONS, 0)
    answered: dict[str, int] = dict.fromkeys(DIMENSIONS, 0)
    for item_id, value in answers.items():
        dimension = item_dimensions.get(item_id)
        if dimension is None:
            continue
        if value not in ANSWER_VALUES or isinstance(value, bool):
            raise ValueError(f"answer to {item_id} must be 1–5, got {value!r}")
        points[dimension] += value - 1
        answered[dimension] += 1
    scales = []
    for dimension in DIMENSIONS:
        n = answered[dimension]
        if n >= min_answers and n > 0:
            score: float | None = round(points[dimension] * ITEMS_PER_SCALE / n, 1)
        else:
            score = None
        scales.append(ScaleScore(dimension, n, points[dimension], score))
    profile = InterestProfile(tuple(scales), None)
    vector = profile.vector()
    if vector is None:
        return profile
    code, ties, alternatives = holland_code(dict(zip(DIMENSIONS, vector, strict=True)))
    return InterestProfile(tuple(scales), code, ties, alternatives)
