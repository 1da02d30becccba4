"""Benchmark the recommender on synthetic participants with a hidden "true" occupation.

    .venv/bin/python bench/recommendations.py [--people 500] [--seed 7]

Each synthetic person is drawn from one ESCO occupation of the committed taxonomy pack: a random
share of its essential and optional skills (noise: some skills of other occupations added, some
dropped), a RIASEC answer profile near the occupation's O*NET profile (or none: missing data), and a
German level. The recommender must find the hidden occupation. Prints hit@1/5/10 and MRR for the
hybrid recommender and two baselines (skills only, interests only) and latency per person.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wegweiser.recommendations.scoring import (  # noqa: E402
    OccupationProfile,
    PersonProfile,
    Weights,
    recommend,
    skill_index,
)
from wegweiser.taxonomy.pack import load_pack  # noqa: E402
from wegweiser.taxonomy.sources import interest_profiles_by_occupation  # noqa: E402

LEVELS = ["A1", "A2", "B1", "B2", "C1"]


def occupations_from_pack(pack_dir: Path) -> tuple[dict[str, OccupationProfile], dict[str, str]]:
    bundle = load_pack(pack_dir)
    riasec = interest_profiles_by_occupation(bundle)
    rng = random.Random(3)
    occupations = {
        uri: OccupationProfile(
            uri=uri, label=occ.preferred("de"), kldb=occ.kldb or "", isco=occ.isco,
            essential=frozenset(occ.essential_skills), optional=frozenset(occ.optional_skills),
            riasec=riasec.get(uri), regulated=occ.regulated, demand=round(rng.uniform(0.2, 0.9), 2),
        )
        for uri, occ in bundle.snapshot.occupations.items()
        if occ.essential_skills
    }
    labels = {uri: skill.preferred("de") for uri, skill in bundle.snapshot.skills.items()}
    return occupations, labels


def synthetic_person(rng: random.Random, occ: OccupationProfile, all_skills: list[str]) -> PersonProfile:
    essential = sorted(occ.essential)
    optional = sorted(occ.optional)
    keep = rng.uniform(0.2, 0.7)
    skills = {s for s in essential if rng.random() < keep} | {s for s in optional if rng.random() < keep / 2}
    skills |= set(rng.sample(all_skills, rng.randint(0, 4)))  # noise: skills from elsewhere
    riasec = None
    if occ.riasec and rng.random() < 0.7:  # 30 % never answered the questionnaire
        riasec = tuple(max(1.0, min(7.0, v + rng.gauss(0, 1.2))) for v in occ.riasec)
    return PersonProfile(skills=frozenset(skills), riasec=riasec, german=rng.choice(LEVELS),
                         has_recognition=rng.random() < 0.3, driving_licence=rng.random() < 0.5)


def evaluate(name: str, people, occupations, index, weights: Weights) -> None:
    ranks: list[int | None] = []
    times: list[float] = []
    for truth, person in people:
        t0 = time.perf_counter()
        recs = recommend(person, occupations, top=10, weights=weights, index=index)
        times.append((time.perf_counter() - t0) * 1000)
        uris = [r.uri for r in recs]
        ranks.append(uris.index(truth) + 1 if truth in uris else None)
    n = len(ranks)
    hit = {k: sum(1 for r in ranks if r is not None and r <= k) / n for k in (1, 5, 10)}
    mrr = sum(1 / r for r in ranks if r is not None) / n
    p95 = statistics.quantiles(times, n=20)[18]
    print(f"| {name} | {n} | {mrr:.3f} | {hit[1]:.3f} | {hit[5]:.3f} | {hit[10]:.3f} | "
          f"{statistics.median(times):.1f} | {p95:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pack", type=Path, default=ROOT / "data" / "taxonomy-pack")
    args = parser.parse_args()
    occupations, _labels = occupations_from_pack(args.pack)
    index = skill_index(occupations)
    all_skills = sorted(index)
    rng = random.Random(args.seed)
    truths = rng.sample(sorted(occupations), args.people)
    people = [(uri, synthetic_person(rng, occupations[uri], all_skills)) for uri in truths]
    print(f"machine: {platform.machine()}, Python {platform.python_version()}; {len(occupations)} occupations")
    print("| recommender | n | MRR | hit@1 | hit@5 | hit@10 | p50 ms | p95 ms |")
    print("|---|---|---|---|---|---|---|---|")
    evaluate("hybrid (default weights)", people, occupations, index, Weights())
    evaluate("skills only", people, occupations, index, Weights(skills=1, interests=0, feasibility=0, demand=0))
    evaluate("interests only", people, occupations, index, Weights(skills=0, interests=1, feasibility=0, demand=0))


if __name__ == "__main__":
    main()
