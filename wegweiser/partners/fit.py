"""Vacancy ↔ participant fit with an explanation (pure: plain data in, plain data out; no Django).

Points (0–100): occupation 40 (same ESCO occupation confirmed; 25 for the same KldB 4-digit group),
skills 30 (share of the vacancy's skills among the person's confirmed skills), German 15 (meets the
level; 7 one level below), distance 15 (falls linearly to 0 at the limit). Hard limits exclude:
beyond the distance limit, no work permission, no shift work wanted for a shift job, and (for the
vacancy's list) no consent to job placement with the employer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from wegweiser.participants.german import CEFR_RANK

from .geo import haversine_km

W_OCCUPATION, W_OCCUPATION_GROUP, W_SKILLS, W_GERMAN, W_DISTANCE = 40, 25, 30, 15, 15


@dataclass(frozen=True)
class PersonFacts:
    id: int
    occupation_uris: frozenset[str] = frozenset()
    occupation_kldb: frozenset[str] = frozenset()
    skill_uris: frozenset[str] = frozenset()
    german: str = ""
    coords: tuple[float, float] | None = None
    work_permission: str = "unknown"
    working_time: str = "any"
    consent_employers: frozenset[int] = frozenset()


@dataclass(frozen=True)
class JobFacts:
    id: int
    occupation_uri: str = ""
    kldb: str = ""
    skill_uris: tuple[str, ...] = ()
    german_level: str = ""
    coords: tuple[float, float] | None = None
    hours_per_week: int | None = None
    shift_work: bool = False
    employer_id: int | None = None


@dataclass(frozen=True)
class Factor:
    kind: str  # occupation | skills | german | distance | constraint | consent
    points: float
    ok: bool
    data: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Fit:
    person_id: int
    job_id: int
    score: float
    factors: tuple[Factor, ...]
    excluded: bool


def german_meets(have: str, need: str) -> int:
    """How many CEFR steps `have` is below `need` (0 when it meets the level)."""
    return max(0, CEFR_RANK.get(need, 0) - CEFR_RANK.get(have, 0))


def fit(person: PersonFacts, job: JobFacts, *, limit_km: float, require_consent: bool) -> Fit:
    factors: list[Factor] = []
    excluded = False

    if job.occupation_uri and job.occupation_uri in person.occupation_uris:
        factors.append(Factor("occupation", W_OCCUPATION, True, {"level": "same"}))
    elif job.kldb and any(k[:4] == job.kldb[:4] for k in person.occupation_kldb if k):
        factors.append(Factor("occupation", W_OCCUPATION_GROUP, True, {"level": "group", "kldb": job.kldb[:4]}))
    else:
        factors.append(Factor("occupation", 0, False, {"level": "none" if job.occupation_uri else "unmapped"}))

    if job.skill_uris:
        have = [u for u in job.skill_uris if u in person.skill_uris]
        missing = [u for u in job.skill_uris if u not in person.skill_uris]
        factors.append(Factor("skills", round(W_SKILLS * len(have) / len(job.skill_uris), 1), bool(have),
                              {"have": have, "missing": missing}))

    gap = german_meets(person.german, job.german_level)
    german_points = W_GERMAN if gap == 0 else (W_GERMAN // 2 if gap == 1 else 0)
    factors.append(Factor("german", german_points, gap == 0,
                          {"have": person.german, "need": job.german_level, "gap": gap}))

    if person.coords is None or job.coords is None:
        factors.append(Factor("distance", 0, False, {"km": None, "limit": limit_km}))
    else:
        km = haversine_km(person.coords, job.coords)
        within = km <= limit_km
        points = round(W_DISTANCE * (1 - km / limit_km), 1) if within and limit_km > 0 else 0
        factors.append(Factor("distance", points, within, {"km": round(km, 1), "limit": limit_km}))
        excluded |= not within

    if person.work_permission == "no":
        factors.append(Factor("constraint", 0, False, {"rule": "no_work_permission"}))
        excluded = True
    elif person.work_permission == "approval":
        factors.append(Factor("constraint", 0, True, {"rule": "needs_approval"}))
    if job.shift_work and person.working_time == "no_shifts":
        factors.append(Factor("constraint", 0, False, {"rule": "no_shifts"}))
        excluded = True
    if job.hours_per_week and job.hours_per_week > 30 and person.working_time in ("part", "mornings"):
        factors.append(Factor("constraint", -10, False, {"rule": "part_time", "hours": job.hours_per_week}))

    if job.employer_id is not None:
        consent = job.employer_id in person.consent_employers
        factors.append(Factor("consent", 0, consent, {}))
        excluded |= require_consent and not consent

    score = max(0.0, round(sum(f.points for f in factors), 1))
    return Fit(person.id, job.id, score, tuple(factors), excluded)


def rank_people(job: JobFacts, people: Iterable[PersonFacts], *, limit_km: float, top: int = 20) -> list[Fit]:
    fits = [fit(p, job, limit_km=limit_km, require_consent=True) for p in people]
    return sorted((f for f in fits if not f.excluded), key=lambda f: (-f.score, f.person_id))[:top]


def rank_jobs(person: PersonFacts, jobs: Iterable[JobFacts], *, limit_km: float, top: int = 20) -> list[Fit]:
    fits = [fit(person, j, limit_km=limit_km, require_consent=False) for j in jobs]
    return sorted((f for f in fits if not f.excluded), key=lambda f: (-f.score, f.job_id))[:top]
