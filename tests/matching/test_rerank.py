"""The re-ranker's pure parts: head nouns, head similarity, label groups, features, model file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from wegweiser.matching.index import pack_keys, reduce_vectors, unpack_keys
from wegweiser.matching.normalise import lexical_key
from wegweiser.matching.rerank import (
    FEATURES,
    GROUPS,
    RERANKER_PATH,
    Reranker,
    RerankTables,
    candidate_features,
    english_head,
    german_head,
    head_similarity,
    row_group,
)


@pytest.mark.parametrize(
    ("title", "head"),
    [
        ("Verfahrensmechaniker/Verfahrensmechanikerin in der Steine- und Erdenindustrie", "verfahrensmechaniker"),
        ("Staatlich geprüfter Techniker/Staatlich geprüfte Technikerin Fachrichtung Bautechnik", "techniker"),
        ("Medizinischer Fachangestellter", "fachangestellter"),
        ("Zertifizierte Buchhalterin", "buchhalter"),
        ("Gebäudereiniger/in", "gebaudereiniger"),
        ("Buchbinder/in", "buchbinder"),
        ("Kauffrau im Einzelhandel", "kaufmann"),
        ("", ""),
    ],
)
def test_german_head_is_the_first_noun(title: str, head: str) -> None:
    assert german_head(lexical_key(title)) == head


def test_english_head_is_the_last_word() -> None:
    assert english_head(lexical_key("building electrician")) == "electrician"
    assert english_head("") == ""


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("antennenmonteur", "monteur", 1.0),  # compound head: the label's head ends the query word
        ("kfzmechatroniker", "mechatroniker", 1.0),
        ("elektriker", "elektriker", 1.0),
        ("techniker", "mechaniker", 5 / 9),  # shared ending "niker" only
        ("elektroinstallateur", "elektriker", 0.0),  # "er" is no head
        ("", "monteur", 0.0),
    ],
)
def test_head_similarity(a: str, b: str, expected: float) -> None:
    assert head_similarity(a, b) == pytest.approx(expected)


def test_row_groups() -> None:
    assert GROUPS[row_group("de", "berufenet")] == "ba"
    assert GROUPS[row_group("de", "alternative")] == "de"
    assert GROUPS[row_group("en", "preferred")] == "en"
    assert GROUPS[row_group("de", "kldb")] == "kldb"
    assert GROUPS[row_group("uk", "curated")] == "other"
    assert GROUPS[row_group("ar", "preferred")] == "other"


def _tables() -> tuple[RerankTables, np.ndarray]:
    # owner 0: electrician (German ESCO + BA title), owner 1: installer (English only), owner 2: no labels
    rows = [(0, "de", "preferred"), (0, "de", "berufenet"), (1, "en", "preferred")]
    keys = ["elektriker", "elektroinstallateur", "building electrician"]
    tables = RerankTables.build(rows, keys, 3, ["26212", "26213", None], ["7411", "7411", "1111"])
    return tables, np.asarray([0, 2, 3, 3])


def test_tables_count_labels_and_heads() -> None:
    tables, _ = _tables()
    assert tables.ba_labels.tolist() == pytest.approx([np.log(2), 0.0, 0.0])
    assert tables.heads_de[0] == frozenset({"elektriker", "elektroinstallateur"})
    assert tables.heads_en[1] == frozenset({"electrician"})
    assert tables.kldb3[0] == tables.kldb3[1] and tables.kldb3[2] == -1
    assert tables.row_group.tolist() == [1, 0, 2]


def test_candidate_features() -> None:
    tables, owner_ptr = _tables()
    emb = np.asarray([[0.9, 0.5, 0.7]], dtype=np.float32)
    lex = np.asarray([[0.2, 0.8, 0.1]], dtype=np.float32)
    hybrid = np.asarray([0.8, 0.6, -1.0], dtype=np.float32)
    feats = candidate_features(
        tables=tables,
        owner_ptr=owner_ptr,
        candidates=np.asarray([0, 1]),
        hybrid=hybrid,
        fused_best=hybrid,
        best_piece=np.zeros(3, dtype=np.int64),
        emb_rows=emb,
        lex_rows=lex,
        query_key=lexical_key("Antennenelektriker"),
    )
    f = dict(zip(FEATURES, feats.T, strict=True))
    assert feats.shape == (2, len(FEATURES))
    assert f["hybrid_gap"].tolist() == pytest.approx([0.0, -0.2])
    assert f["emb_max"].tolist() == pytest.approx([0.9, 0.7])
    assert f["lex_ba"].tolist() == pytest.approx([0.8, 0.0])
    assert f["emb_de"].tolist() == pytest.approx([0.9, 0.0])
    assert f["emb_en"].tolist() == pytest.approx([0.0, 0.7])
    assert f["head_de"].tolist() == pytest.approx([1.0, 0.0])  # antennenelektriker ends with elektriker
    # each candidate sees the other one in its KldB / ISCO group
    assert f["kldb_vote"][0] == pytest.approx(np.exp(-0.2 / 0.05))
    assert f["isco_vote"][1] == pytest.approx(1.0)


def test_reranker_round_trip(tmp_path: Path) -> None:
    n = len(FEATURES)
    model = Reranker(FEATURES, np.zeros(n), np.ones(n), np.arange(n, dtype=np.float64), candidates=7)
    path = tmp_path / "r.json"
    path.write_text(model.to_json(), encoding="utf-8")
    loaded = Reranker.load(path)
    assert loaded is not None and loaded.candidates == 7
    feats = np.eye(n)
    assert loaded.score(feats).tolist() == pytest.approx(list(range(n)))
    assert Reranker.load(tmp_path / "missing.json") is None


def test_reranker_trained_on_other_features_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text('{"features": ["x"], "mean": [0], "scale": [1], "coef": [1]}', encoding="utf-8")
    assert Reranker.load(path) is None


def test_shipped_reranker_matches_the_features() -> None:
    if RERANKER_PATH.exists():
        model = Reranker.load(RERANKER_PATH)
        assert model is not None and len(model.coef) == len(FEATURES)
        assert "train" in model.note


def test_reduce_vectors_preserves_dot_products_in_full_dimension() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(50, 8)).astype(np.float32)
    projection, reduced = reduce_vectors(vectors, dims=8)
    q = rng.normal(size=(3, 8)).astype(np.float32)
    assert (q @ projection) @ reduced.T == pytest.approx(q @ vectors.T, abs=1e-4)
    _p, reduced4 = reduce_vectors(vectors, dims=4)
    assert reduced4.shape == (50, 4) and reduced4.flags["C_CONTIGUOUS"]


@pytest.mark.parametrize("keys", [[], [""], ["elektriker", "", "koch kuchenhelfer", "نجار"]])
def test_lexical_keys_pack_round_trip(keys: list[str]) -> None:
    assert unpack_keys(pack_keys(keys)) == keys


def test_reranker_applies_to_german_and_english_looking_texts_only() -> None:
    from wegweiser.matching.engine import reranks

    assert reranks("Elektroniker für Betriebstechnik")
    assert reranks("Straßenbauer, Köchin, Müller")
    assert reranks("I worked as an electrician")
    # Turkish is Latin script, but its own letters show it is not what the model was trained on
    assert not reranks("elektrikçi")
    assert not reranks("Şoför olarak çalıştım")
    assert not reranks("İnşaat işçisi")
    assert reranks("Depo sorumlusu")  # Turkish without its letters is not recognised
    assert not reranks("كهربائي")
    assert not reranks("برقکار")
    assert not reranks("електрик")
    assert not reranks("ኤሌክትሪሻን")
