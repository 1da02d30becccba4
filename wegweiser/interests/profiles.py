"""RIASEC profile per ESCO occupation, with the route by which it was found (pure: no Django).

1. "crosswalk": the ESCO–O*NET crosswalk links the occupation to O*NET occupations by exact or close
   match; the profile is the mean of their O*NET interest profiles (taxonomy.interest_profiles_by_occupation).
2. "crosswalk_related": only narrow/broad matches exist; same mean over those.
3. "isco_unit_group": no crosswalk link; the mean of the profiles (from 1–2) of the other ESCO
   occupations in the same ISCO-08 unit group (4 digits).
4. "isco_minor_group": nothing in the unit group either; the mean over the ISCO-08 minor group (3 digits).
Occupations with none of these have no profile. `basis` says how many profiles were averaged in the
fallback (for 1–2: how many O*NET occupations the crosswalk links).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

CROSSWALK = "crosswalk"
CROSSWALK_RELATED = "crosswalk_related"
ISCO_UNIT_GROUP = "isco_unit_group"
ISCO_MINOR_GROUP = "isco_minor_group"
SOURCES = (CROSSWALK, CROSSWALK_RELATED, ISCO_UNIT_GROUP, ISCO_MINOR_GROUP)
_DIRECT = ("exactMatch", "closeMatch")


@dataclass(frozen=True)
class OccupationInterestProfile:
    uri: str
    values: tuple[float, ...]  # R, I, A, S, E, C on O*NET's 1–7 scale
    source: str  # one of SOURCES
    basis: int


def _mean(vectors: Sequence[Sequence[float]]) -> tuple[float, ...]:
    return tuple(round(sum(column) / len(vectors), 3) for column in zip(*vectors, strict=True))


def build_occupation_profiles(
    occupation_isco: Mapping[str, str],
    crosswalk_profiles: Mapping[str, Sequence[float]],
    crosswalk_links: Iterable[tuple[str, str, str]],
) -> dict[str, OccupationInterestProfile]:
    """occupation_isco: ESCO URI → ISCO-08 4-digit code for every occupation;
    crosswalk_profiles: the crosswalk means (taxonomy.interest_profiles_by_occupation);
    crosswalk_links: (ESCO URI, O*NET code, match type) for links whose O*NET code has a profile."""
    direct: dict[str, set[str]] = defaultdict(set)
    related: dict[str, set[str]] = defaultdict(set)
    for uri, onet_code, match in crosswalk_links:
        (direct if match in _DIRECT else related)[uri].add(onet_code)
    result: dict[str, OccupationInterestProfile] = {}
    for uri, values in crosswalk_profiles.items():
        if uri not in occupation_isco:
            continue
        source, basis = (CROSSWALK, len(direct[uri])) if direct.get(uri) else (CROSSWALK_RELATED, len(related[uri]))
        result[uri] = OccupationInterestProfile(uri, tuple(float(v) for v in values), source, basis)

    by_unit: dict[str, list[tuple[float, ...]]] = defaultdict(list)
    by_minor: dict[str, list[tuple[float, ...]]] = defaultdict(list)
    for uri, profile in result.items():
        isco = occupation_isco[uri]
        by_unit[isco].append(profile.values)
        by_minor[isco[:3]].append(profile.values)
    for uri, isco in occupation_isco.items():
        if uri in result or not isco:
            continue
        if by_unit.get(isco):
            result[uri] = OccupationInterestProfile(uri, _mean(by_unit[isco]), ISCO_UNIT_GROUP, len(by_unit[isco]))
        elif len(isco) >= 3 and by_minor.get(isco[:3]):
            group = by_minor[isco[:3]]
            result[uri] = OccupationInterestProfile(uri, _mean(group), ISCO_MINOR_GROUP, len(group))
    return result
