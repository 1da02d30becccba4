"""The fast scoring paths give the same answers as the plain computations they replace."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wegweiser.matching import engine
from wegweiser.matching.engine import MatchingIndex, build_index, match_occupations, match_skills
from wegweiser.matching.index import segment_max
from wegweiser.matching.normalise import split_pieces

from .fixtures import CURATED_TSV, fixture_snapshot

FREE_TEXT = (
    "Ich habe zehn Jahre als Elektriker gearbeitet und Leitungen verlegt. "
    "Danach war ich Koch in einem Restaurant; ich habe Essen zubereitet."
)


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> MatchingIndex:
    curated: Path = tmp_path_factory.mktemp("curated") / "curated.tsv"
    curated.write_text(CURATED_TSV, encoding="utf-8")
    return build_index(fixture_snapshot(), cache_dir=tmp_path_factory.mktemp("cache"), curated_path=curated)


@settings(max_examples=60, deadline=None)
@given(
    lengths=st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=12),
    uniform=st.booleans(),
    pieces=st.integers(min_value=1, max_value=4),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_segment_max_equals_reduceat(lengths, uniform, pieces, seed):
    if uniform:
        lengths = [lengths[0]] * len(lengths)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    values = np.random.default_rng(seed).random((pieces, sum(lengths)), dtype=np.float32)
    expected = np.maximum.reduceat(values, starts, axis=1)
    assert np.array_equal(segment_max(values, starts), expected)


def test_per_owner_max_gives_each_owner_its_best_row_and_minus_one_without_rows(index):
    side = index.occupations
    rng = np.random.default_rng(7)
    scores = rng.random(len(side.rows), dtype=np.float32)
    best = side.per_owner_max(scores)
    for owner in range(len(side.uris)):
        rows = side.rows_of(owner)
        expected = scores[rows.start : rows.stop].max() if len(rows) else -1.0
        assert best[owner] == pytest.approx(expected)


def test_piece_of_is_the_piece_with_the_owners_best_score(index):
    pieces, qvecs = engine._prepare(index, FREE_TEXT)
    assert len(pieces) > 2
    weights = replace(index.weights, multi_label=0.0)
    scores = engine._score_side(index.occupations, pieces, qvecs, weights)
    per_piece = np.stack([index.occupations.per_owner_max(row) for row in scores.row_fused])
    for owner in range(len(index.occupations.uris)):
        assert scores.piece_of(owner) == int(np.argmax(per_piece[:, owner]))
        assert scores.best[owner] == pytest.approx(per_piece[:, owner].max())


def test_second_label_bonus_sets_score_and_piece_of_the_leading_owners(index):
    pieces, qvecs = engine._prepare(index, FREE_TEXT)
    plain = engine._score_side(index.occupations, pieces, qvecs, replace(index.weights, multi_label=0.0))
    bonus = engine._score_side(index.occupations, pieces, qvecs, replace(index.weights, multi_label=0.5))
    leader = int(np.argmax(plain.best))
    rows = index.occupations.rows_of(leader)
    block = plain.row_fused[:, rows.start : rows.stop]
    ordered = np.sort(block, axis=1)
    second = ordered[:, -2] if block.shape[1] > 1 else np.zeros(len(pieces), np.float32)
    per_piece = ordered[:, -1] + 0.5 * np.minimum(np.maximum(second, 0.0), ordered[:, -1])
    assert bonus.best[leader] == pytest.approx(per_piece.max(), abs=1e-6)
    assert bonus.piece_of(leader) == int(np.argmax(per_piece))


def test_skill_side_on_the_worker_thread_gives_the_sequential_result(index, monkeypatch):
    threaded = match_occupations(index, FREE_TEXT, top=5)

    class InlineWorker:
        """Runs each job at once in the calling thread (the sequential computation)."""

        def submit(self, fn, *args):
            from concurrent.futures import Future

            future: Future = Future()
            future.set_result(fn(*args))
            return future

    monkeypatch.setattr(engine, "_side_worker", InlineWorker)
    sequential = match_occupations(index, FREE_TEXT, top=5)
    assert [m.uri for m in threaded] == [m.uri for m in sequential]
    assert [m.score for m in threaded] == [m.score for m in sequential]
    assert [m.evidence for m in threaded] == [m.evidence for m in sequential]
    assert any(e.method == "skill" for m in threaded for e in m.evidence)


def test_a_failure_on_the_worker_reaches_the_caller(index, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("skill side failed")

    monkeypatch.setattr(engine, "_lexical_rows", broken)
    with pytest.raises(RuntimeError, match="skill side failed"):
        match_occupations(index, FREE_TEXT)


def test_the_worker_is_made_anew_in_a_forked_process(monkeypatch):
    first = engine._side_worker()
    assert engine._side_worker() is first
    monkeypatch.setattr(engine.os, "getpid", lambda: -1)
    assert engine._side_worker() is not first


def test_match_skills_still_finds_skills_of_every_sentence(index):
    uris = {m.uri for m in match_skills(index, FREE_TEXT, top=10)}
    assert len(uris) >= 2


class RecordingEncoder:
    """Wraps the real encoder and remembers every text it was asked to encode."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        return self.inner.encode(texts)


def test_the_whole_of_a_text_of_several_sentences_is_the_mean_of_its_parts(index):
    recorder = RecordingEncoder(index.encoder)
    recording = replace(index, encoder=recorder)
    pieces, qvecs = engine._prepare(recording, FREE_TEXT)
    assert recorder.seen == [engine.query_embedding_text(p) for p in pieces[1:]]  # not the whole text
    mean = qvecs[1:].mean(axis=0)
    np.testing.assert_allclose(qvecs[0], mean / np.linalg.norm(mean), rtol=1e-5, atol=1e-6)
    assert np.isclose(np.linalg.norm(qvecs[0]), 1.0, atol=1e-5)


@pytest.mark.parametrize(
    "text",
    [
        "heating, ventilation and air conditioning technician",  # a title with commas and "and"
        "Ich habe Holz zugeschnitten, Möbel gebaut und Türen eingesetzt",  # one sentence
    ],
)
def test_a_title_or_one_sentence_is_encoded_as_a_whole(index, text):
    recorder = RecordingEncoder(index.encoder)
    pieces, qvecs = engine._prepare(replace(index, encoder=recorder), text)
    assert len(pieces) >= 3
    assert len(recorder.seen) == len(pieces)
    np.testing.assert_allclose(qvecs[0], index.encoder.encode([engine.query_embedding_text(pieces[0])])[0], atol=1e-6)


def test_sentences_make_a_text_composite_commas_and_und_do_not():
    for text in ("Holz zuschneiden; Lkw fahren", "Ich war Koch. Ich habe gekocht.", "Tischler\nKoch"):
        assert engine._composite(text, split_pieces(text)), text
        assert engine._skill_pieces(text, split_pieces(text)) == 1
    for text in ("Holz zuschneiden, Mahlzeiten zubereiten, Lkw fahren", "Koch", "Maler und Lackierer"):
        assert not engine._composite(text, split_pieces(text)), text
        assert engine._skill_pieces(text, split_pieces(text)) == 0
