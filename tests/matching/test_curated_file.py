"""The shipped curated title list (wegweiser/matching/data/curated_occupations.tsv) is well-formed and
points at occupations of the committed taxonomy pack."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from wegweiser.matching.engine import CURATED_PATH, load_curated
from wegweiser.taxonomy.pack import load_snapshot

REPO_PACK = Path(__file__).resolve().parents[2] / "data" / "taxonomy-pack"
LANGUAGES = {"ar", "fa", "uk", "ru", "tr", "ti"}


@pytest.fixture(scope="module")
def rows() -> list[list[str]]:
    with CURATED_PATH.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        return [row for row in csv.reader(lines, delimiter="\t") if row[0] != "uri"]


def test_rows_have_four_columns_a_known_language_and_no_empty_title(rows):
    for row in rows:
        assert len(row) == 4, row
        assert row[1] in LANGUAGES, row
        titles = row[2].split("|")
        assert all(t.strip() == t and t for t in titles), row
        assert len(set(titles)) == len(titles), row


def test_every_occupation_has_each_language_once(rows):
    per_uri = Counter(row[0] for row in rows)
    assert set(per_uri.values()) == {len(LANGUAGES)}
    assert len({(row[0], row[1]) for row in rows}) == len(rows)


def test_every_uri_is_an_occupation_of_the_committed_pack(rows):
    occupations = load_snapshot(REPO_PACK).occupations
    unknown = sorted({row[0] for row in rows} - set(occupations))
    assert unknown == []
    # the English column is the occupation's ESCO label, for readers of the file
    for row in rows:
        assert row[3] == occupations[row[0]].preferred("en"), row


def test_loader_reads_every_title(rows):
    curated = load_curated()
    assert sum(len(v) for v in curated.values()) == sum(len(row[2].split("|")) for row in rows)


BENCH_DATA = Path(__file__).resolve().parents[2] / "bench" / "data"


@pytest.mark.parametrize("name", ["crosslingual.tsv", "crosslingual_dev.tsv"])
def test_cross_lingual_sets_are_well_formed_and_point_at_pack_occupations(name):
    occupations = load_snapshot(REPO_PACK).occupations
    lines = [line.rstrip("\n") for line in (BENCH_DATA / name).open(encoding="utf-8")
             if line.strip() and not line.startswith("#") and not line.startswith("lang\t")]
    queries = []
    for line in lines:
        lang, kind, text, uris, _labels = line.split("\t")
        assert kind in {"title", "sentence"} and text.strip() == text and text
        assert uris.split() and set(uris.split()) <= set(occupations), line
        queries.append((lang, text))
    assert len(set(queries)) == len(queries)


def test_dev_and_test_cross_lingual_sets_share_no_query():
    def texts(name: str) -> set[str]:
        return {line.split("\t")[2] for line in (BENCH_DATA / name).open(encoding="utf-8")
                if line.strip() and not line.startswith("#") and not line.startswith("lang\t")}

    assert texts("crosslingual.tsv").isdisjoint(texts("crosslingual_dev.tsv"))
