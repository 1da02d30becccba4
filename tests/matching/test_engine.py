"""The engine on a miniature taxonomy: multilingual queries to known answers, with evidence."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from wegweiser.matching.engine import (
    FusionWeights,
    MatchingIndex,
    build_index,
    load_curated,
    match_occupations,
    match_skills,
)
from wegweiser.matching.index import Encoder

from .fixtures import (
    CARPENTER,
    COOK,
    CURATED_TSV,
    DRIVER,
    ELECTRICIAN,
    SALES,
    SKILL_COOKING,
    SKILL_DRIVING,
    SKILL_WIRING,
    TAILOR,
    WAREHOUSE,
    fixture_snapshot,
)


@pytest.fixture(scope="module")
def curated_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("curated") / "curated.tsv"
    path.write_text(CURATED_TSV, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def index(tmp_path_factory, curated_file) -> MatchingIndex:
    cache = tmp_path_factory.mktemp("cache")
    return build_index(fixture_snapshot(), cache_dir=cache, curated_path=curated_file)


def top_uri(index: MatchingIndex, text: str) -> str:
    return match_occupations(index, text, top=1)[0].uri


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Elektrikerin", ELECTRICIAN),
        ("Elektriker/in", ELECTRICIAN),
        ("Köchin", COOK),
        ("Kauffrau im Einzelhandel", SALES),
        ("Lagerhelferin", WAREHOUSE),
        ("truck driver", DRIVER),
        ("كهربائي", ELECTRICIAN),
        ("كنت نجارا في حلب عشر سنوات", CARPENTER),
        ("працював електриком на будівництві", ELECTRICIAN),
        ("آشپز بودم", COOK),
        ("در کابل خیاط بودم", TAILOR),
        ("ሰፋይ", TAILOR),
        ("Koch in einem Restaurant", COOK),
    ],
)
def test_query_in_any_language_finds_the_occupation(index, query, expected):
    assert top_uri(index, query) == expected


def test_match_carries_kldb_essential_skills_and_ui_label(index):
    match = match_occupations(index, "Elektrikerin", top=1, lang="de")[0]
    assert match.kldb == "26212"
    assert match.label == "Elektriker/Elektrikerin"
    assert match.essential_skills == (SKILL_WIRING,)
    assert match_occupations(index, "Elektrikerin", top=1, lang="en")[0].label == "electrician"


def test_ui_label_falls_back_to_curated_then_english(index):
    assert match_occupations(index, "електрик", top=1, lang="uk")[0].label == "електрик"
    assert match_occupations(index, "Lagerarbeiter", top=1, lang="tr")[0].label == "warehouse worker"


def test_evidence_names_the_piece_and_the_matched_label(index):
    text = "Ich komme aus Syrien. Dort war ich Elektriker auf dem Bau."
    match = match_occupations(index, text, top=1)[0]
    assert match.uri == ELECTRICIAN
    methods = {e.method for e in match.evidence}
    assert {"embedding", "lexical"} <= methods
    lexical = next(e for e in match.evidence if e.method == "lexical")
    assert lexical.query_piece == "Dort war ich Elektriker auf dem Bau"
    assert lexical.matched_label == "Elektriker/Elektrikerin"
    assert lexical.label_lang == "de"


def test_curated_label_is_the_evidence_for_a_farsi_query(index):
    match = match_occupations(index, "برقکار", top=1)[0]
    assert match.uri == ELECTRICIAN
    assert any(e.matched_label == "برقکار" and e.label_lang == "fa" for e in match.evidence)


def test_free_text_with_two_jobs_ranks_both_on_top(index):
    matches = match_occupations(index, "Ich bin LKW gefahren und habe danach als Koch gearbeitet.", top=2)
    assert {m.uri for m in matches} == {DRIVER, COOK}


def test_results_are_sorted_unique_and_limited(index):
    matches = match_occupations(index, "carpenter", top=5)
    assert len(matches) == 5
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert len({m.uri for m in matches}) == 5


def test_empty_text_gives_no_matches(index):
    assert match_occupations(index, "   ") == []
    assert match_skills(index, "") == []


def test_skills_are_found_across_the_whole_text(index):
    text = "I drove trucks for a logistics firm. Later I prepared meals in a canteen."
    uris = [m.uri for m in match_skills(index, text, top=2)]
    assert set(uris) == {SKILL_DRIVING, SKILL_COOKING}


def test_skill_evidence_supports_an_occupation(index):
    match = match_occupations(index, "install electrical wiring; other things", top=1)[0]
    assert match.uri == ELECTRICIAN
    assert any(e.method == "skill" and e.matched_label == "install electrical wiring" for e in match.evidence)


def test_skill_match_label_in_requested_language(index):
    match = match_skills(index, "Gabelstapler fahren", top=1, lang="de")[0]
    assert match.label == "Gabelstapler fahren"
    assert match.skill_type == "skill/competence"


def test_excluded_labels_are_not_indexed(curated_file, tmp_path):
    index = build_index(
        fixture_snapshot(),
        cache_dir=tmp_path,
        curated_path=curated_file,
        exclude_labels=lambda uri, label: label.kind == "berufenet",
    )
    texts = {row.text for row in index.occupations.rows}
    assert "Tischler/in" not in texts
    assert "Zimmerer/Zimmerin" in texts


class CountingEncoder(Encoder):
    def __init__(self) -> None:
        super().__init__()
        self.encoded = 0

    def encode(self, texts):
        self.encoded += len(texts)
        return super().encode(texts)


def test_vectors_are_cached_on_disk_and_reused(curated_file, tmp_path):
    first = CountingEncoder()
    build_index(fixture_snapshot(), cache_dir=tmp_path, curated_path=curated_file, encoder=first)
    assert first.encoded > 0
    assert list(tmp_path.glob("occupations-*.npy"))
    second = CountingEncoder()
    started = time.perf_counter()
    index = build_index(fixture_snapshot(), cache_dir=tmp_path, curated_path=curated_file, encoder=second)
    assert second.encoded == 0
    assert time.perf_counter() - started < 2.0
    assert "cache_loaded_s" in index.occupations.timings


def test_changed_labels_get_a_new_cache_entry(curated_file, tmp_path):
    build_index(fixture_snapshot(), cache_dir=tmp_path, curated_path=curated_file)
    snapshot = fixture_snapshot()
    snapshot.version = "fixture-2"
    encoder = CountingEncoder()
    build_index(snapshot, cache_dir=tmp_path, curated_path=curated_file, encoder=encoder)
    assert encoder.encoded > 0
    assert len(list(tmp_path.glob("occupations-*[0-9a-f].npy"))) == 2


def test_baseline_weights_use_one_method_only(index):
    lexical = index.with_weights(FusionWeights.lexical_only())
    match = match_occupations(lexical, "Elektrikerin", top=1)[0]
    assert match.uri == ELECTRICIAN
    assert {e.method for e in match.evidence} == {"lexical"}
    semantic = index.with_weights(FusionWeights.embedding_only())
    assert {e.method for e in match_occupations(semantic, "chef", top=1)[0].evidence} == {"embedding"}


def test_curated_file_parses_variants(curated_file):
    curated = load_curated(curated_file)
    assert ("uk", "електромонтажник") in curated[ELECTRICIAN]
    assert ("ti", "መራሕ ማኪና") in curated[DRIVER]


def test_shipped_curated_file_is_well_formed():
    curated = load_curated()
    assert len(curated) >= 150
    langs = {lang for labels in curated.values() for lang, _ in labels}
    assert {"ar", "fa", "uk", "ru", "tr", "ti"} <= langs
    assert all(uri.startswith("http://data.europa.eu/esco/occupation/") for uri in curated)


def test_scores_are_finite(index):
    for match in match_occupations(index, "x", top=8):
        assert np.isfinite(match.score)


def _snapshot_with_skill_alternatives():
    from dataclasses import replace as dc_replace

    from wegweiser.taxonomy.snapshot import Label

    snapshot = fixture_snapshot()
    driving = snapshot.skills[SKILL_DRIVING]
    extra = tuple(
        Label(text=text, lang="en", kind="alternative")
        for text in ("operate heavy goods vehicles", "lorry driving", "haul freight by road")
    )
    snapshot.skills[SKILL_DRIVING] = dc_replace(driving, labels=driving.labels + extra)
    return snapshot


def test_only_preferred_and_first_alternative_skill_labels_are_encoded(curated_file, tmp_path):
    snapshot = _snapshot_with_skill_alternatives()
    index = build_index(snapshot, cache_dir=tmp_path, curated_path=curated_file, skill_alt_vectors=1)
    side = index.skills
    encoded = {row.text for row, emb in zip(side.rows, side.emb_of_row, strict=True) if emb >= 0}
    assert "drive trucks" in encoded and "Lkw fahren" in encoded
    assert "operate heavy goods vehicles" in encoded  # the first alternative label
    assert "lorry driving" not in encoded and "haul freight by road" not in encoded
    assert len(side.vectors) == len(encoded)
    # every label stays in the lexical index: an alternative label without a vector is still found
    assert match_skills(index, "haul freight by road", top=1)[0].uri == SKILL_DRIVING


def test_label_without_vector_borrows_its_owners_best_embedding_score(curated_file, tmp_path):
    snapshot = _snapshot_with_skill_alternatives()
    index = build_index(snapshot, cache_dir=tmp_path, curated_path=curated_file, skill_alt_vectors=0)
    side = index.skills
    qvecs = index.encoder.encode(["driving a lorry", "cooking"])
    rows = side.row_embedding_scores(np.ascontiguousarray((side.vectors @ qvecs.T).T))
    assert rows.shape == (2, len(side.rows))
    owner = side.uris.index(SKILL_DRIVING)
    span = side.rows_of(owner)
    embedded = [r for r in span if side.emb_of_row[r] >= 0]
    unembedded = [r for r in span if side.emb_of_row[r] < 0]
    assert len(unembedded) == 3
    for piece in range(2):
        best = max(rows[piece, r] for r in embedded)
        assert all(rows[piece, r] == best for r in unembedded)


def test_skill_vector_policy_is_part_of_the_cache_key(curated_file, tmp_path):
    snapshot = _snapshot_with_skill_alternatives()
    build_index(snapshot, cache_dir=tmp_path, curated_path=curated_file, skill_alt_vectors=0)
    encoder = CountingEncoder()
    index = build_index(
        snapshot, cache_dir=tmp_path, curated_path=curated_file, encoder=encoder, skill_alt_vectors=None
    )
    assert encoder.encoded > 0  # the skill side was encoded again, now with every label
    assert (index.skills.emb_of_row >= 0).all()


def test_lexical_scores_match_a_brute_force_tfidf(index):
    from wegweiser.matching.index import ngrams
    from wegweiser.matching.normalise import lexical_key

    lexicon = index.occupations.lexicon
    key = lexical_key("Elektrikerin in Aleppo")
    cos, cov = lexicon.scores(key)
    vocab = lexicon.vocab
    feats = ngrams(key)
    # brute force over the stored postings
    inverse = {gid: gram for gram, gid in vocab.items()}
    for k in range(lexicon.n_keys):
        weights = {}
        for gid in range(len(vocab)):
            lo, hi = lexicon.indptr[gid], lexicon.indptr[gid + 1]
            hits = np.flatnonzero(lexicon.keys_of[lo:hi] == k)
            if len(hits):
                weights[inverse[gid]] = float(lexicon.cos_w[lo + hits[0]])
        assert cov[k] == pytest.approx(sum(weights[g] ** 2 for g in set(feats) if g in weights), abs=1e-5)
        if cos[k] > 0:
            assert any(g in weights for g in feats)


def test_occupation_weights_follow_the_script_of_the_text():
    weights = FusionWeights()
    assert weights.for_occupations_of("Elektriker") is weights
    assert weights.for_occupations_of("електрик") is weights
    tigrinya = weights.for_occupations_of("ኤሌክትሪሻን ነይረ")
    assert (tigrinya.embedding, tigrinya.lexical) == (0.0, 1.0)
    arabic = weights.for_occupations_of("كنت كهربائي")
    assert (arabic.embedding, arabic.lexical) == (0.4, 0.6)
    assert arabic.skills == weights.skills and arabic.rerank == weights.rerank
    # the single-matcher baselines stay what they are
    assert FusionWeights.embedding_only().for_occupations_of("ኤሌክትሪሻን").embedding == 1.0
    assert FusionWeights.lexical_only().for_occupations_of("كهربائي").embedding == 0.0
