"""Learned re-ranking of the hybrid engine's occupation candidates (pure numpy, no Django).

The hybrid score (`engine._score_side`) fuses one embedding and one lexical score per label with
hand-set weights. The re-ranker looks again at the best `candidates` occupations of a query and
scores each with a linear model over features the fusion cannot express: which *kind* of label
matched (BERUFENET title, German or English ESCO label, KldB group title, curated title), whether
the German head noun agrees (the last part of a compound: Antennen*monteur*, Kfz-*Mechatroniker*),
how many other candidates of the same KldB / ISCO group are near the top, and how many BERUFENET
titles an occupation has (occupations without any are rarely the answer to a BA job title).

The weights are fitted by `bench/matching_rerank.py` on the benchmark's **train split only**
(query labels hidden from the index fold by fold) and stored in `data/reranker.json`; the
regularisation is chosen on the dev split. See docs/matching.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "FEATURES",
    "GROUPS",
    "RERANKER_PATH",
    "RerankTables",
    "Reranker",
    "candidate_features",
    "english_head",
    "german_head",
    "head_similarity",
    "row_group",
]

RERANKER_PATH = Path(__file__).parent / "data" / "reranker.json"

# label groups whose best embedding / lexical score is a feature of their own
GROUPS = ("ba", "de", "en", "kldb", "other")
FEATURES: tuple[str, ...] = (
    "hybrid",  # fused score of the occupation (engine)
    "hybrid_gap",  # fused score minus the best candidate's
    "hybrid_rr",  # 1 / (1 + rank) in the fused order
    "emb_max",
    "lex_max",
    *(f"{kind}_{group}" for group in GROUPS for kind in ("emb", "lex")),
    "ba_labels",  # log(1 + number of indexed BERUFENET titles of the occupation)
    "n_labels",  # log(1 + number of indexed labels)
    "kldb_vote",  # other candidates near the top in the same 3-digit KldB group
    "isco_vote",  # ... in the same 3-digit ISCO group
    "skill_bonus",  # essential-skill evidence (free texts)
    "head_de",  # German head noun of the query vs. heads of the occupation's German labels
    "head_en",  # English head (last word) vs. heads of the English labels
    "ba_knn",  # votes of the BERUFENET titles nearest to the query (k nearest neighbours)
)
KNN = 20  # BERUFENET titles that vote
KNN_CANDIDATES = 5  # owners of the nearest titles that join the candidates

# adjective endings (technischer, staatlich, geprufter, zertifizierter, anerkannter, leitender)
_ADJECTIVE = re.compile(r"(?:isch|lich|iert|pruft|kannt|leitend|standig)(?:e|er|es|en|em)?$")
_GERMAN_KINDS = frozenset({"berufenet", "kldb"})


def row_group(lang: str, kind: str) -> int:
    """Index into GROUPS of a label (BERUFENET, German ESCO, English ESCO, KldB title, other)."""
    if kind == "berufenet":
        return 0
    if kind == "kldb":
        return 3
    if kind in ("preferred", "alternative") and lang == "de":
        return 1
    if kind in ("preferred", "alternative") and lang == "en":
        return 2
    return 4


def german_head(key: str) -> str:
    """Head noun of a German job title's lexical key: its first word that is not an adjective.

    German titles put the occupation first and qualifiers after it ("verfahrensmechaniker
    kunststoff ... fachrichtung ..."), adjectives before it ("staatlich gepruft techniker").

    >>> german_head("staatlich gepruft techniker fachrichtung bautechnik")
    'techniker'
    """
    words = key.split()
    for word in words:
        if len(word) >= 3 and not word.isdigit() and not _ADJECTIVE.search(word):
            return word
    return words[0] if words else ""


def english_head(key: str) -> str:
    """Head noun of an English title: its last word ("building electrician" -> "electrician")."""
    words = [w for w in key.split() if not w.isdigit()]
    return words[-1] if words else ""


def head_similarity(query_head: str, label_head: str) -> float:
    """Shared word ending of two head nouns relative to the shorter one (German compounds).

    1.0 when one head ends with the other ("antennenmonteur" / "monteur"), a fraction for a
    partial common ending of at least four letters, 0 otherwise.
    """
    if not query_head or not label_head:
        return 0.0
    n = 0
    for a, b in zip(reversed(query_head), reversed(label_head), strict=False):
        if a != b:
            break
        n += 1
    if n < 4:
        return 0.0
    return n / min(len(query_head), len(label_head))


@dataclass
class RerankTables:
    """Per-occupation data the features need, derived from the indexed (visible) labels."""

    row_group: NDArray[np.int64]  # GROUPS index of every row
    ba_labels: NDArray[np.float32]  # log1p(#BERUFENET rows) per owner
    n_labels: NDArray[np.float32]
    kldb3: NDArray[np.int64]  # 3-digit KldB group id per owner (-1 unknown)
    isco3: NDArray[np.int64]
    heads_de: list[frozenset[str]]  # German head nouns of each owner's German labels
    heads_en: list[frozenset[str]]
    ba_rows: NDArray[np.int64]  # rows holding BERUFENET titles

    @classmethod
    def build(
        cls,
        rows: Sequence[tuple[int, str, str]],  # (owner, lang, kind) per row
        keys: Sequence[str],  # lexical key per row
        n_owners: int,
        kldb: Sequence[str | None],
        isco: Sequence[str],
    ) -> RerankTables:
        groups = np.fromiter((row_group(lang, kind) for _, lang, kind in rows), dtype=np.int64, count=len(rows))
        owners = np.fromiter((owner for owner, _, _ in rows), dtype=np.int64, count=len(rows))
        ba = np.bincount(owners[groups == 0], minlength=n_owners)
        n = np.bincount(owners, minlength=n_owners)
        heads_de: list[set[str]] = [set() for _ in range(n_owners)]
        heads_en: list[set[str]] = [set() for _ in range(n_owners)]
        for (owner, lang, kind), key in zip(rows, keys, strict=True):
            if lang == "de" or kind in _GERMAN_KINDS:
                head = german_head(key)
                if head:
                    heads_de[owner].add(head)
            elif lang == "en":
                head = english_head(key)
                if head:
                    heads_en[owner].add(head)

        def group_ids(codes: Sequence[str | None]) -> NDArray[np.int64]:
            ids: dict[str, int] = {}
            return np.fromiter(
                (ids.setdefault(c[:3], len(ids)) if c and len(c) >= 3 else -1 for c in codes),
                dtype=np.int64,
                count=len(codes),
            )

        return cls(
            row_group=groups,
            ba_labels=np.log1p(ba).astype(np.float32),
            n_labels=np.log1p(n).astype(np.float32),
            kldb3=group_ids(kldb),
            isco3=group_ids(isco),
            heads_de=[frozenset(h) for h in heads_de],
            heads_en=[frozenset(h) for h in heads_en],
            ba_rows=np.flatnonzero(groups == 0),
        )


def ba_neighbours(
    tables: RerankTables, row_owner: NDArray[np.int64], emb_rows: NDArray[np.float32], lex_rows: NDArray[np.float32]
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Owners of the BERUFENET titles nearest to the whole query (piece 0), with their vote weights.

    A BA title maps to one or several ESCO occupations; similar titles tend to map alike
    ("Beamter ... Bundesbank" titles to bank staff), so the nearest titles vote for their owners.
    Returns (owners, votes) sorted by vote, best first.
    """
    rows = tables.ba_rows
    if not len(rows) or not len(emb_rows):
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    sim = emb_rows[0, rows].astype(np.float64) + lex_rows[0, rows]
    k = min(KNN, len(rows))
    top = np.argpartition(-sim, k - 1)[:k]
    weight = np.exp((sim[top] - sim[top].max()) / 0.1)
    owners = row_owner[rows[top]]
    uniq, inverse = np.unique(owners, return_inverse=True)
    votes = np.bincount(inverse, weight).astype(np.float64)
    order = np.argsort(-votes, kind="stable")
    return uniq[order], votes[order]


def _vote(groups: NDArray[np.int64], closeness: NDArray[np.float64]) -> NDArray[np.float64]:
    """Sum of the other candidates' closeness to the top within the same group."""
    same = (groups[:, None] == groups[None, :]) & (groups[:, None] >= 0)
    np.fill_diagonal(same, False)
    return (same * closeness[None, :]).sum(axis=1)


def candidate_features(
    *,
    tables: RerankTables,
    owner_ptr: NDArray[np.int64],
    candidates: NDArray[np.int64],  # owners, best fused first
    hybrid: NDArray[np.float32],  # final fused score per owner (incl. skills)
    fused_best: NDArray[np.float32],  # fused score per owner without skills
    best_piece: NDArray[np.int64],  # winning piece per owner
    emb_rows: NDArray[np.float32],  # (pieces, rows)
    lex_rows: NDArray[np.float32],  # (pieces, rows), lexical score incl. coverage weight
    query_key: str,  # lexical key of the whole query
    knn: tuple[NDArray[np.int64], NDArray[np.float64]] | None = None,  # `ba_neighbours` result
) -> NDArray[np.float64]:
    """Feature matrix (candidates x FEATURES) for the re-ranker."""
    k = len(candidates)
    out = np.zeros((k, len(FEATURES)), dtype=np.float64)
    if k == 0:
        return out
    h = hybrid[candidates].astype(np.float64)
    out[:, 0] = h
    out[:, 1] = h - h.max()
    out[:, 2] = 1.0 / (1.0 + np.arange(k))
    starts, stops = owner_ptr[candidates], owner_ptr[candidates + 1]
    lengths = stops - starts
    seg = np.repeat(np.arange(k), lengths)
    rows = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths) + np.repeat(starts, lengths)
    pieces = np.repeat(best_piece[candidates], lengths)
    emb = emb_rows[pieces, rows].astype(np.float64)
    lex = lex_rows[pieces, rows].astype(np.float64)
    group = tables.row_group[rows]
    n_groups = len(GROUPS)
    emb_g = np.zeros((k, n_groups))
    lex_g = np.zeros((k, n_groups))
    np.maximum.at(emb_g, (seg, group), np.maximum(emb, 0.0))
    np.maximum.at(lex_g, (seg, group), lex)
    out[:, 3] = emb_g.max(axis=1)
    out[:, 4] = lex_g.max(axis=1)
    col = 5
    for g in range(n_groups):
        out[:, col] = emb_g[:, g]
        out[:, col + 1] = lex_g[:, g]
        col += 2
    out[:, col] = tables.ba_labels[candidates]
    out[:, col + 1] = tables.n_labels[candidates]
    closeness = np.exp((h - h.max()) / 0.05)
    out[:, col + 2] = _vote(tables.kldb3[candidates], closeness)
    out[:, col + 3] = _vote(tables.isco3[candidates], closeness)
    out[:, col + 4] = h - fused_best[candidates]
    q_de, q_en = german_head(query_key), english_head(query_key)
    for i, owner in enumerate(candidates):
        heads = tables.heads_de[int(owner)]
        out[i, col + 5] = max((head_similarity(q_de, hd) for hd in heads), default=0.0)
        heads = tables.heads_en[int(owner)]
        out[i, col + 6] = max((head_similarity(q_en, hd) for hd in heads), default=0.0)
    if knn is not None and len(knn[0]):
        vote_of = dict(zip(knn[0].tolist(), knn[1].tolist(), strict=True))
        out[:, col + 7] = [vote_of.get(int(c), 0.0) for c in candidates]
    return out


@dataclass(frozen=True)
class Reranker:
    """Linear model over standardised features; higher score = better candidate."""

    features: tuple[str, ...]
    mean: NDArray[np.float64]
    scale: NDArray[np.float64]
    coef: NDArray[np.float64]
    candidates: int = 30
    note: str = ""

    def score(self, feats: NDArray[np.float64]) -> NDArray[np.float64]:
        return ((feats - self.mean) / self.scale) @ self.coef

    def to_json(self) -> str:
        return json.dumps(
            {
                "features": list(self.features),
                "mean": [round(float(v), 6) for v in self.mean],
                "scale": [round(float(v), 6) for v in self.scale],
                "coef": [round(float(v), 6) for v in self.coef],
                "candidates": self.candidates,
                "note": self.note,
            },
            indent=1,
            ensure_ascii=False,
        )

    @classmethod
    def load(cls, path: Path = RERANKER_PATH) -> Reranker | None:
        """The stored model, or None when there is none or it was trained on other features."""
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            return None
        return cls(
            features=FEATURES,
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            coef=np.asarray(data["coef"], dtype=np.float64),
            candidates=int(data.get("candidates", 30)),
            note=str(data.get("note", "")),
        )
