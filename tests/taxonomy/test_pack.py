"""The committed pack: build → load gives the same data, byte-stable, tamper-evident."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.taxonomy import fixtures as fx
from wegweiser.taxonomy.pack import DATA_FILE, build_pack, load_pack, load_snapshot, read_manifest
from wegweiser.taxonomy.sources import SourceError, read_sources

REPO_PACK = Path(__file__).resolve().parents[2] / "data" / "taxonomy-pack"


@pytest.fixture
def bundle(tmp_path):
    return read_sources(fx.write_sources(tmp_path / "data"))


def test_round_trip_gives_the_same_snapshot_and_tables(bundle, tmp_path):
    build_pack(bundle, tmp_path / "pack")
    loaded = load_pack(tmp_path / "pack")
    assert loaded.snapshot == bundle.snapshot
    assert loaded.checksum == bundle.checksum
    for name in ("skill_reuse", "isco_groups", "skill_groups", "broader", "kldb_classes", "kldb_isco",
                 "esco_kldb", "onet_titles", "riasec", "esco_onet", "notes"):  # fmt: skip
        assert getattr(loaded, name) == getattr(bundle, name), name


def test_pack_is_byte_stable_and_has_no_descriptions(bundle, tmp_path):
    build_pack(bundle, tmp_path / "one")
    build_pack(bundle, tmp_path / "two")
    assert (tmp_path / "one" / DATA_FILE).read_bytes() == (tmp_path / "two" / DATA_FILE).read_bytes()
    import gzip

    text = gzip.decompress((tmp_path / "one" / DATA_FILE).read_bytes()).decode()
    assert "long description" not in text


def test_notice_attributes_every_source(bundle, tmp_path):
    build_pack(bundle, tmp_path / "pack")
    notice = (tmp_path / "pack" / "NOTICE").read_text("utf-8")
    assert "This service uses the ESCO classification of the European Commission." in notice
    assert "© European Union" in notice and "CC BY 4.0" in notice and "MODIFIED" in notice
    assert "Quelle: Bundesagentur für Arbeit" in notice
    assert "O*NET® is a trademark of USDOL/ETA" in notice


def test_tampered_pack_is_rejected(bundle, tmp_path):
    build_pack(bundle, tmp_path / "pack")
    data = tmp_path / "pack" / DATA_FILE
    data.write_bytes(data.read_bytes()[:-10])
    with pytest.raises(SourceError, match="checksum does not match"):
        load_pack(tmp_path / "pack")


def test_committed_pack_matches_its_manifest():
    manifest = read_manifest(REPO_PACK)
    snapshot = load_snapshot(REPO_PACK)
    assert len(snapshot.occupations) == manifest["counts"]["occupation"] > 2900
    assert len(snapshot.skills) == manifest["counts"]["skill"] > 13000
    assert sum(1 for o in snapshot.occupations.values() if o.kldb) > 2900
    assert (REPO_PACK / DATA_FILE).stat().st_size < 8_000_000
    assert json.loads((REPO_PACK / "manifest.json").read_text())["version"].startswith("esco-")
    assert load_snapshot(REPO_PACK) is snapshot  # cached per process
