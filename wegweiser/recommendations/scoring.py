"""Explainable occupation recommendations: a score that is the visible sum of weighted factors.

Pure functions over plain data (no Django, no ORM). Every factor value lies in [0, 1]; the score is
sum(weight * value) over the factors, so each factor's contribution can be shown as points.

Factors
- skills: share of the occupation's essential skills the person has (weight 0.8) plus share of
  optional skills (weight 0.2). Adding a matching skill never lowers it (tested with hypothesis).
- interests: fit of the person's RIASEC profile with the occupation's; 0.5 (neutral) when either is
  unknown, and the explanation says so.
- feasibility: 1.0 minus penalties: each CEFR level of German below what the occupation needs
  (derived from the KldB Anforderungsniveau), a regulated profession without recognition, a driving
  licence the occupation needs, working-time constraints against shift-typical work. Problems are
  flagged, never hidden.
- demand: local demand 0..1 that the admin maintains per occupation (vacancies feed it later).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from wegweiser.interests.fit import pearson
from wegweiser.participants.german import CEFR_RANK

RANK_CEFR = {rank: level for level, rank in CEFR_RANK.items()}
# KldB 2010: the fifth digit is the Anforderungsniveau (1 Helfer … 4 Experte).
GERMAN_NEEDED_BY_LEVEL = {"1": "A2", "2": "B1", "3": "B2", "4": "C1"}
# ISCO-08 groups whose jobs usually require a driving licence (drivers, delivery).
DRIVING_ISCO_PREFIXES = ("832", "833", "8341", "9331", "9621")
# ISCO-08 groups where shift or weekend work is typical (care, hospitality, production, security).
SHIFT_ISCO_PREFIXES = ("3221", "5120", "5131", "5132", "5321", "5322", "5414", "81", "82", "9112", "9329")

PENALTY_PER_LANGUAGE_LEVEL = 0.2
PENALTY_REGULATED = 0.3
PENALTY_DRIVING = 0.3
PENALTY_WORKING_TIME = 0.2


@dataclass(frozen=True)
class Weights:
    skills: float = 0.5
    interests: float = 0.2
    feasibility: float = 0.2
    demand: float = 0.1


@dataclass(frozen=True)
class OccupationProfile:
    uri: str
    label: str
    kldb: str = ""
    isco: str = ""
    essential: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    riasec: tuple[float, ...] | None = None
    regulated: bool = False
    demand: float = 0.5


@dataclass(frozen=True)
class PersonProfile:
    skills: frozenset[str] = frozenset()
    riasec: tuple[float, ...] | None = None
    german: str = ""
    has_recognition: bool = False
    driving_licence: bool = False
    working_time: str = "any"  # any | full | part | no_shifts | mornings


@dataclass(frozen=True)
class Factor:
    name: str
    value: float
    weight: float
    text: str

    @property
    def points(self) -> float:
        return self.value * self.weight


@dataclass(frozen=True)
class Recommendation:
    uri: str
    label: str
    kldb: str
    score: float
    factors: tuple[Factor, ...]
    matched_essential: tuple[str, ...]
    missing_essential: tuple[str, ...]
    german_needed: str
    flags: tuple[str, ...] = field(default=())

    @property
    def explanation(self) -> str:
        return "; ".join(f.text for f in self.factors if f.text)


InterestFit = Callable[[tuple[float, ...], tuple[float, ...]], float]


def pearson_fit(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """Interest fit mapped from a correlation in [-1, 1] to [0, 1]; 0.5 (neutral) when undefined."""
    if len(a) != len(b) or len(a) < 2:
        return 0.5
    r = pearson(a, b)
    return 0.5 if r is None else (r + 1) / 2


def german_needed(occupation: OccupationProfile) -> str:
    if len(occupation.kldb) == 5:
        return GERMAN_NEEDED_BY_LEVEL.get(occupation.kldb[4], "B1")
    return "B1"


def _label_list(uris: Iterable[str], labels: Mapping[str, str], limit: int = 5) -> str:
    names = sorted(labels.get(uri, uri) for uri in uris)
    shown = ", ".join(names[:limit])
    return shown + (f" … (+{len(names) - limit})" if len(names) > limit else "")


RIASEC_LETTERS = "RIASEC"


def _top_letters(profile: tuple[float, ...], k: int = 2) -> str:
    order = sorted(range(len(profile)), key=lambda i: (-profile[i], i))[:k]
    return "".join(RIASEC_LETTERS[i] for i in order)


@dataclass(frozen=True)
class Assessment:
    """The numbers behind a recommendation, before any text is written."""

    skill_value: float
    interest_value: float
    feasibility_value: float
    demand_value: float
    matched: frozenset[str]
    missing: frozenset[str]
    optional_matched: frozenset[str]
    german_needed: str
    german_gap: int
    flags: tuple[str, ...]

    def score(self, weights: Weights) -> float:
        return round(
            weights.skills * self.skill_value + weights.interests * self.interest_value
            + weights.feasibility * self.feasibility_value + weights.demand * self.demand_value,
            6,
        )


def assess(person: PersonProfile, occupation: OccupationProfile, *, interest_fit: InterestFit = pearson_fit
           ) -> Assessment:
    matched = occupation.essential & person.skills
    optional_matched = occupation.optional & person.skills
    ess_share = len(matched) / len(occupation.essential) if occupation.essential else 0.0
    opt_share = len(optional_matched) / len(occupation.optional) if occupation.optional else 0.0
    both_known = person.riasec and occupation.riasec
    interest_value = interest_fit(person.riasec, occupation.riasec) if both_known else 0.5  # type: ignore[arg-type]
    flags: list[str] = []
    penalties = 0.0
    need = german_needed(occupation)
    gap = CEFR_RANK[need] - CEFR_RANK.get(person.german, 0)
    if gap > 0:
        penalties += PENALTY_PER_LANGUAGE_LEVEL * gap
        flags.append(f"Deutsch {need} nötig")
    if occupation.regulated and not person.has_recognition:
        penalties += PENALTY_REGULATED
        flags.append("reglementierter Beruf: Anerkennung nötig")
    if occupation.isco.startswith(DRIVING_ISCO_PREFIXES) and not person.driving_licence:
        penalties += PENALTY_DRIVING
        flags.append("Führerschein nötig")
    if person.working_time in {"no_shifts", "mornings", "part"} and occupation.isco.startswith(SHIFT_ISCO_PREFIXES):
        penalties += PENALTY_WORKING_TIME
        flags.append("Schichtarbeit üblich")
    return Assessment(
        skill_value=0.8 * ess_share + 0.2 * opt_share,
        interest_value=interest_value,
        feasibility_value=max(0.0, 1.0 - penalties),
        demand_value=max(0.0, min(1.0, occupation.demand)),
        matched=matched,
        missing=occupation.essential - person.skills,
        optional_matched=optional_matched,
        german_needed=need,
        german_gap=gap,
        flags=tuple(flags),
    )


def explain(
    person: PersonProfile,
    occupation: OccupationProfile,
    a: Assessment,
    *,
    weights: Weights = Weights(),
    labels: Mapping[str, str] | None = None,
) -> Recommendation:
    """Turn an assessment into the recommendation with its factor texts."""
    labels = labels or {}
    skill_text = f"erfüllt {len(a.matched)} von {len(occupation.essential)} Kernkompetenzen"
    if a.matched:
        skill_text += f": {_label_list(a.matched, labels)}"
    if a.optional_matched:
        skill_text += f"; dazu {len(a.optional_matched)} weitere Kompetenzen"
    if person.riasec and occupation.riasec:
        p_code, o_code = _top_letters(person.riasec), _top_letters(occupation.riasec)
        shared = sorted(set(p_code) & set(o_code), key=RIASEC_LETTERS.index)
        if shared:
            interest_text = f"Interessen {' und '.join(shared)} passen (Person {p_code}, Beruf {o_code})"
        else:
            interest_text = f"Interessen passen wenig (Person {p_code}, Beruf {o_code})"
    else:
        interest_text = "kein Interessenprofil" if not person.riasec else "kein Interessenprofil des Berufs"
    language_text = f"braucht Deutsch {a.german_needed}, hat {person.german or 'keine Angabe'}"
    feasibility_text = "; ".join([language_text, *(f for f in a.flags if not f.startswith("Deutsch"))])
    factors = (
        Factor("skills", a.skill_value, weights.skills, skill_text),
        Factor("interests", a.interest_value, weights.interests, interest_text),
        Factor("feasibility", a.feasibility_value, weights.feasibility, feasibility_text),
        Factor("demand", a.demand_value, weights.demand, f"Nachfrage vor Ort {a.demand_value:.0%}"),
    )
    return Recommendation(
        uri=occupation.uri,
        label=occupation.label,
        kldb=occupation.kldb,
        score=a.score(weights),
        factors=factors,
        matched_essential=tuple(sorted(a.matched)),
        missing_essential=tuple(sorted(a.missing)),
        german_needed=a.german_needed,
        flags=a.flags,
    )


def score_occupation(
    person: PersonProfile,
    occupation: OccupationProfile,
    *,
    weights: Weights = Weights(),
    labels: Mapping[str, str] | None = None,
    interest_fit: InterestFit = pearson_fit,
) -> Recommendation:
    return explain(person, occupation, assess(person, occupation, interest_fit=interest_fit),
                   weights=weights, labels=labels)


def skill_index(occupations: Mapping[str, OccupationProfile]) -> dict[str, list[str]]:
    """Inverted index skill URI -> occupation URIs that list it (essential or optional)."""
    index: dict[str, list[str]] = defaultdict(list)
    for uri, occ in occupations.items():
        for skill in occ.essential | occ.optional:
            index[skill].append(uri)
    return dict(index)


def recommend(
    person: PersonProfile,
    occupations: Mapping[str, OccupationProfile],
    *,
    top: int = 10,
    weights: Weights = Weights(),
    labels: Mapping[str, str] | None = None,
    interest_fit: InterestFit = pearson_fit,
    index: Mapping[str, list[str]] | None = None,
    extra_candidates: Iterable[str] = (),
    interest_candidates: int = 30,
    demand: Mapping[str, float] | None = None,
) -> list[Recommendation]:
    """Best `top` occupations. Candidates: occupations sharing a skill with the person, the extra
    ones given (e.g. confirmed occupations) and the best interest fits, so a person without
    confirmed skills still gets interest-led advice."""
    index = index if index is not None else skill_index(occupations)
    candidates: set[str] = {uri for uri in extra_candidates if uri in occupations}
    for skill in person.skills:
        candidates.update(index.get(skill, ()))
    if person.riasec:
        riasec = person.riasec
        by_fit = sorted(
            (uri for uri, occ in occupations.items() if occ.riasec),
            key=lambda uri: (-interest_fit(riasec, occupations[uri].riasec or ()), uri),
        )
        candidates.update(by_fit[:interest_candidates])
    demand = demand or {}
    # Rank on the numbers first; write explanations only for the few that are shown.
    assessed = []
    for uri in candidates:
        occ = replace(occupations[uri], demand=demand[uri]) if uri in demand else occupations[uri]
        a = assess(person, occ, interest_fit=interest_fit)
        assessed.append((a.score(weights), uri, occ, a))
    assessed.sort(key=lambda item: (-item[0], item[1]))
    return [explain(person, occ, a, weights=weights, labels=labels) for _score, _uri, occ, a in assessed[:top]]


@dataclass(frozen=True)
class CourseOffer:
    key: str
    title: str
    skills: frozenset[str] = frozenset()
    entry_german: str = ""  # minimum CEFR level to join
    teaches_german: str = ""  # CEFR level reached (language courses)


@dataclass(frozen=True)
class NextStep:
    course: CourseOffer
    reason: str
    closes: tuple[str, ...]  # skill URIs of the gap this course teaches


def next_steps(
    recommendation: Recommendation,
    person: PersonProfile,
    courses: Iterable[CourseOffer],
    *,
    labels: Mapping[str, str] | None = None,
    limit: int = 4,
) -> list[NextStep]:
    """Courses in a sensible order: first German up to the level needed, then courses that teach
    missing essential skills (most gap closed first) which the person can already join."""
    labels = labels or {}
    steps: list[NextStep] = []
    level = CEFR_RANK.get(person.german, 0)
    need = CEFR_RANK[recommendation.german_needed]
    catalogue = list(courses)
    if level < need:
        language = sorted(
            (c for c in catalogue if c.teaches_german and CEFR_RANK[c.teaches_german] > level
             and CEFR_RANK.get(c.entry_german, 0) <= level + 1),
            key=lambda c: (CEFR_RANK[c.teaches_german], c.key),
        )
        for course in language:
            if level >= need:
                break
            reason = f"Deutsch auf {course.teaches_german} (nötig: {recommendation.german_needed})"
            steps.append(NextStep(course, reason, ()))
            level = CEFR_RANK[course.teaches_german]
    gap = set(recommendation.missing_essential)
    ranked = sorted(
        (c for c in catalogue if c.skills & gap),
        key=lambda c: (-len(c.skills & gap), CEFR_RANK.get(c.entry_german, 0), c.key),
    )
    for course in ranked:
        closes = course.skills & gap
        if not closes:
            continue
        reason = f"vermittelt {len(closes)} fehlende Kernkompetenzen: {_label_list(closes, labels, 3)}"
        if CEFR_RANK.get(course.entry_german, 0) > level:
            reason += f" (Einstieg ab Deutsch {course.entry_german})"
        steps.append(NextStep(course, reason, tuple(sorted(closes))))
        gap -= closes
        if len(steps) >= limit:
            break
    return steps[:limit]
