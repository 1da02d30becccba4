"""`match_occupations` / `match_skills`: JSON lines in, JSON lines out, on the fixture taxonomy."""

from __future__ import annotations

import io
import json
import sys
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wegweiser.matching.engine import build_index
from wegweiser.matching.jsonl import InvalidInput, stream_matches
from wegweiser.matching.management.commands import match_occupations as occupations_command

from .fixtures import CARPENTER, COOK, CURATED_TSV, ELECTRICIAN, SKILL_DRIVING, fixture_snapshot


@pytest.fixture(scope="module")
def fixture_index(tmp_path_factory):
    curated = tmp_path_factory.mktemp("curated") / "curated.tsv"
    curated.write_text(CURATED_TSV, encoding="utf-8")
    return build_index(fixture_snapshot(), cache_dir=tmp_path_factory.mktemp("cache"), curated_path=curated)


@pytest.fixture
def use_fixture_index(monkeypatch, fixture_index):
    monkeypatch.setattr(occupations_command, "load_index", lambda: fixture_index)


def run(command: str, stdin: bytes, *args: str) -> list[dict]:
    out = io.StringIO()
    fake_stdin = SimpleNamespace(buffer=io.BytesIO(stdin))
    original = sys.stdin
    sys.stdin = fake_stdin
    try:
        call_command(command, *args, stdout=out)
    finally:
        sys.stdin = original
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_json_object_per_input_line_in_rank_order(use_fixture_index):
    lines = run("match_occupations", "Elektrikerin\nنجار\n\nKoch\n".encode(), "--top", "3")
    assert [line["query"] for line in lines] == ["Elektrikerin", "نجار", "", "Koch"]
    assert lines[0]["results"][0] == {
        "uri": ELECTRICIAN,
        "kldb": "26212",
        "label": "electrician",
        "score": lines[0]["results"][0]["score"],
    }
    assert lines[1]["results"][0]["uri"] == CARPENTER
    assert lines[2]["results"] == []
    assert lines[3]["results"][0]["uri"] == COOK
    assert all(len(line["results"]) <= 3 for line in lines)
    scores = [r["score"] for r in lines[0]["results"]]
    assert scores == sorted(scores, reverse=True)


def test_labels_in_requested_language_and_unescaped_output(use_fixture_index):
    out = io.StringIO()
    original = sys.stdin
    sys.stdin = SimpleNamespace(buffer=io.BytesIO("كهربائي\n".encode()))
    try:
        call_command("match_occupations", "--top", "1", "--lang", "ar", stdout=out)
    finally:
        sys.stdin = original
    assert "كهربائي" in out.getvalue()  # ensure_ascii=False: no \\u escapes
    assert json.loads(out.getvalue())["results"][0]["label"] == "كهربائي"


def test_invalid_utf8_names_the_line(use_fixture_index):
    with pytest.raises(CommandError, match="line 2"):
        run("match_occupations", b"Koch\n\xff\xfeKoch\n")


def test_match_skills_command(use_fixture_index):
    lines = run("match_skills", b"I drove trucks\n", "--top", "2")
    assert lines[0]["query"] == "I drove trucks"
    assert lines[0]["results"][0]["uri"] == SKILL_DRIVING
    assert set(lines[0]["results"][0]) == {"uri", "label", "score"}


def test_stream_matches_handles_crlf_and_bom_and_stops_at_bad_bytes():
    out = io.StringIO()
    seen: list[str] = []

    def match(query: str) -> list[str]:
        seen.append(query)
        return [query.upper()]

    with pytest.raises(InvalidInput) as excinfo:
        stream_matches([b"\xef\xbb\xbfa\r\n", b"b\n", b"\xc3\x28\n"], out, match, lambda m: {"m": m})
    assert excinfo.value.line == 3
    assert seen == ["a", "b"]
    assert [json.loads(line)["results"] for line in out.getvalue().splitlines()] == [[{"m": "A"}], [{"m": "B"}]]
