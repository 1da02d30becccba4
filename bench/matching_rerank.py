"""Fit the occupation re-ranker (wegweiser/matching/data/reranker.json) on the train split only.

Run: .venv/bin/python bench/matching_rerank.py [--folds 4] [--write]

Training queries are the benchmark's label sets (BA BERUFENET titles, hard German and English
alternative labels, masked essential skills) built from the **train** split of
bench/matching.py's hash split. The train labels are cut into folds; for each fold its labels
are hidden from the index and its queries are run, so no training query ever finds itself.
Candidates and features come from `engine.occupation_candidates` (the hybrid engine's top
candidates). The model is a linear scorer fitted with a softmax (listwise) loss over each query's
candidates; the L2 strength is chosen by MRR on the **dev** split (dev labels hidden, as in
`bench/matching.py --split dev`). The test split and the cross-lingual set are never read here.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402
from matching import (  # type: ignore[import-not-found]  # noqa: E402
    EvalSet,
    build_sets,
    cache_dir,
    exclusion,
    fold_of,
    shared_data_dir,
    split_of,
)

from wegweiser.matching.engine import build_index, occupation_candidates, rerank_tables  # noqa: E402
from wegweiser.matching.rerank import FEATURES, RERANKER_PATH, Reranker  # noqa: E402

CANDIDATES = 30
Sample = tuple[str, np.ndarray, np.ndarray]  # (set name, features (k, F), positives (k,))


def collect(snapshot, sets: list[EvalSet], hidden: set[tuple[str, str]]) -> list[Sample]:
    index = build_index(snapshot, cache_dir=cache_dir(), exclude_labels=exclusion(hidden), reranker_path=None)
    index.rerank_tables = rerank_tables(snapshot, index.occupations)
    out: list[Sample] = []
    for s in sets:
        t0 = time.perf_counter()
        for q in s.queries:
            cands, feats = occupation_candidates(index, q.text)
            if not cands:
                continue
            pos = np.asarray([index.occupations.uris[c] in q.expected for c in cands], dtype=bool)
            out.append((s.name, feats, pos))
        print(f"  {s.name}: {len(s.queries)} queries in {time.perf_counter() - t0:.0f} s", flush=True)
    return out


def fit(samples: list[Sample], l2: float, iters: int = 400) -> Reranker:
    """Linear softmax ranker: maximise log P(acceptable candidates) per query, Adam on full batch."""
    usable = [(f, p) for _, f, p in samples if p.any()]
    allf = np.concatenate([f for f, _ in usable])
    mean = allf.mean(axis=0)
    scale = allf.std(axis=0)
    scale[scale < 1e-9] = 1.0
    lengths = np.asarray([len(f) for f, _ in usable])
    seg = np.repeat(np.arange(len(usable)), lengths)
    x = (allf - mean) / scale
    pos = np.concatenate([p for _, p in usable]).astype(np.float64)
    w = np.zeros(x.shape[1])
    w[FEATURES.index("hybrid")] = 1.0
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t in range(1, iters + 1):
        z = x @ w
        zmax = np.maximum.reduceat(z, np.r_[0, np.cumsum(lengths)[:-1]])[seg]
        e = np.exp(z - zmax)
        denom = np.bincount(seg, e)[seg]
        prob = e / denom
        epos = e * pos
        pos_mass = np.bincount(seg, epos)[seg]
        target = epos / pos_mass  # distribution over the acceptable candidates
        grad = x.T @ (prob - target) / len(usable) + l2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= 0.05 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return Reranker(features=FEATURES, mean=mean, scale=scale, coef=w, candidates=CANDIDATES)


def mrr_by_set(model: Reranker | None, samples: list[Sample]) -> dict[str, float]:
    """MRR within the top 10 after re-ranking (None: the fused order)."""
    ranks: dict[str, list[float]] = {}
    for name, feats, pos in samples:
        order = np.arange(len(pos)) if model is None else np.lexsort((np.arange(len(pos)), -model.score(feats)))
        hit = np.flatnonzero(pos[order][:10])
        ranks.setdefault(name, []).append(1.0 / (hit[0] + 1) if len(hit) else 0.0)
    return {name: float(np.mean(r)) for name, r in ranks.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--sample", type=int, default=2400, help="train queries per label set (over all folds)")
    parser.add_argument("--dev-sample", type=int, default=500)
    parser.add_argument("--write", action="store_true", help=f"write the model to {RERANKER_PATH}")
    parser.add_argument("--features-cache", type=Path, default=None, help="npz with collected features (reuse)")
    args = parser.parse_args()

    from wegweiser.taxonomy.sources import snapshot_from_sources

    snapshot = snapshot_from_sources(shared_data_dir())
    cache = args.features_cache
    if cache is not None and cache.exists():
        data = np.load(cache, allow_pickle=True)
        train, dev = list(data["train"]), list(data["dev"])
    else:
        train = []
        for fold in range(args.folds):

            def member(text: str, fold: int = fold) -> bool:
                return split_of(text) == "train" and fold_of(text, args.folds) == fold

            sets, hidden = build_sets(
                snapshot,
                "train",
                args.sample // args.folds,
                member=member,
                skill_sample=60 // args.folds * 2,
                paragraphs=False,
            )
            print(f"fold {fold}: {sum(len(s.queries) for s in sets)} queries, {len(hidden)} hidden labels", flush=True)
            train += collect(snapshot, sets, hidden)
        sets, hidden = build_sets(snapshot, "dev", args.dev_sample, skill_sample=args.dev_sample // 5, paragraphs=False)
        print(f"dev: {sum(len(s.queries) for s in sets)} queries", flush=True)
        dev = collect(snapshot, sets, hidden)
        if cache is not None:
            np.savez(cache, train=np.asarray(train, dtype=object), dev=np.asarray(dev, dtype=object))

    print("fused order   dev " + " ".join(f"{k}={v:.3f}" for k, v in mrr_by_set(None, dev).items()))
    best: tuple[float, float, Reranker] | None = None
    for l2 in (0.0, 0.001, 0.01, 0.1):
        model = fit(train, l2)
        tr, dv = mrr_by_set(model, train), mrr_by_set(model, dev)
        score = statistics.mean(dv.values())
        print(
            f"l2={l2:<6} train "
            + " ".join(f"{k}={v:.3f}" for k, v in tr.items())
            + " | dev "
            + " ".join(f"{k}={v:.3f}" for k, v in dv.items())
            + f" | mean {score:.3f}",
            flush=True,
        )
        if best is None or score > best[0]:
            best = (score, l2, model)
    assert best is not None
    score, l2, model = best
    print(f"chosen l2={l2} (dev mean MRR {score:.3f})")
    for name, coef in sorted(zip(FEATURES, model.coef, strict=True), key=lambda t: -abs(t[1])):
        print(f"  {name:12s} {coef:+.3f}")
    if args.write:
        note = (
            f"bench/matching_rerank.py --folds {args.folds} --sample {args.sample}: {len(train)} train-split "
            f"queries ({args.folds} folds, query labels hidden), l2={l2} chosen on {len(dev)} dev queries "
            f"(dev mean MRR {score:.3f}); {time.strftime('%Y-%m-%d')}"
        )
        model = Reranker(model.features, model.mean, model.scale, model.coef, model.candidates, note)
        RERANKER_PATH.write_text(model.to_json() + "\n", encoding="utf-8")
        print(f"wrote {RERANKER_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
