"""The pure readers of shared/data, on the miniature fixture with the real files' quirks."""

from __future__ import annotations

import pytest

from tests.taxonomy import fixtures as fx
from wegweiser.taxonomy.snapshot import Label
from wegweiser.taxonomy.sources import SourceError, read_sources, snapshot_from_sources, sources_checksum


@pytest.fixture
def sources(tmp_path):
    return fx.write_sources(tmp_path / "data")


def test_occupations_carry_labels_in_every_available_language(sources):
    snapshot = snapshot_from_sources(sources)
    electrician = snapshot.occupations[fx.ELECTRICIAN]
    assert electrician.isco == "7411"
    assert electrician.code == "7411.1"
    assert electrician.preferred("en") == "electrician"
    assert Label("wireman", "en", "alternative") in electrician.labels
    # German preferred label = the BA mapping's column-1 label; the other German labels are alternative.
    assert electrician.preferred("de") == "Elektriker/Elektrikerin"
    assert Label("Elektrikerin", "de", "alternative") in electrician.labels
    assert Label("Elektriker/Elektrikerin", "de", "alternative") not in electrician.labels
    assert electrician.preferred("ar") == "كهربائي"
    assert Label("Elektroinstallateur/in", "de", "berufenet") in electrician.labels
    assert Label("Berufe in der Bauelektrik – fachlich ausgerichtete Tätigkeiten", "de", "kldb") in electrician.labels


def test_isco_fallback_rows_of_the_ba_mapping_are_not_job_titles(sources):
    cook = snapshot_from_sources(sources).occupations[fx.COOK]
    assert Label("Köche", "de", "berufenet") not in cook.labels
    assert Label("Beikoch/Beiköchin", "de", "berufenet") in cook.labels


def test_german_preferred_label_without_mapping_is_the_gender_pair(sources):
    soldier = snapshot_from_sources(sources).occupations[fx.SOLDIER]
    assert soldier.preferred("de") == "Soldat/Soldatin"


@pytest.mark.parametrize(
    ("uri", "kldb", "why"),
    [
        (fx.ELECTRICIAN, "26212", "exact match in the BA mapping wins over the narrow one"),
        (fx.COOK, "29302", "no exact/close match: most frequent 5-digit prefix of the BERUFENET ids"),
        (fx.SOLDIER, "01104", "unmapped: ISCO 0110 → Schwerpunkt KldB, zero-padded"),
    ],
)
def test_best_kldb_code(sources, uri, kldb, why):
    assert snapshot_from_sources(sources).occupations[uri].kldb == kldb, why


def test_skills_relations_and_cp1252_german_labels(sources):
    snapshot = snapshot_from_sources(sources)
    assert snapshot.occupations[fx.COOK].essential_skills == (fx.SKILL_MEALS,)
    assert snapshot.occupations[fx.COOK].optional_skills == (fx.SKILL_HYGIENE,)
    hygiene = snapshot.skills[fx.SKILL_HYGIENE]
    assert hygiene.skill_type == "knowledge"
    assert hygiene.preferred("de") == "Lebensmittelhygiene äöü"
    assert Label("wire buildings", "en", "alternative") in snapshot.skills[fx.SKILL_WIRING].labels


def test_kldb_codes_are_zero_padded_to_their_level(sources):
    bundle = read_sources(sources)
    codes = {c.code: c.level for c in bundle.kldb_classes}
    assert codes["0"] == 1 and codes["01"] == 2 and codes["011"] == 3 and codes["0110"] == 4
    assert codes["01104"] == 5
    assert bundle.snapshot.kldb_titles["01104"] == "Offiziere – komplexe Tätigkeiten"


def test_reference_tables(sources):
    bundle = read_sources(sources)
    assert bundle.snapshot.occupations[fx.SOLDIER].regulated is True
    assert bundle.riasec["47-2111.00"].values == (6.5, 3.0, 1.2, 2.0, 2.5, 4.1)
    assert bundle.riasec["47-2111.00"].high_points == (1, 6, 0)
    assert [(r.esco_uri, r.onet_code, r.match) for r in bundle.esco_onet] == [
        (fx.ELECTRICIAN, "47-2111.00", "exactMatch")
    ]
    assert (fx.ELECTRICIAN, fx.ISCO_7411) in bundle.broader
    assert {g.code for g in bundle.isco_groups} == {"7", "7411"}
    assert any("unknown occupation" in note for note in bundle.notes)
    assert any("DE_Mapping_ESCO_Kompetenzen" in note for note in bundle.notes)


def test_optional_files_may_be_absent(tmp_path):
    snapshot = snapshot_from_sources(fx.write_sources(tmp_path, with_optional=False))
    assert snapshot.occupations[fx.ELECTRICIAN].kldb is None
    assert snapshot.occupations[fx.ELECTRICIAN].preferred("de") == "electrician"  # falls back to English


def test_checksum_changes_with_content(tmp_path):
    first = sources_checksum(fx.write_sources(tmp_path / "a"))
    assert first == sources_checksum(fx.write_sources(tmp_path / "b"))
    changed = fx.write_sources(tmp_path / "c", skills_de=["x", "y", "z"])
    assert sources_checksum(changed) != first


def test_corrupt_zip_names_the_file(tmp_path):
    root = fx.write_sources(tmp_path)
    fx.corrupt_zip(root)
    with pytest.raises(SourceError, match=r"esco-v1\.1\.1-classification-en-csv\.zip"):
        read_sources(root)


def test_missing_column_names_file_and_column(tmp_path):
    header = [col for col in fx.OCCUPATION_HEADER if col != "iscoGroup"]
    rows = [row[:2] + row[3:] for row in fx.DEFAULT_OCCUPATIONS]
    root = fx.write_sources(tmp_path, occupation_header=header, occupations=rows)
    with pytest.raises(SourceError, match=r"occupations_en.csv, line 1: missing column\(s\): iscoGroup"):
        read_sources(root)


def test_duplicate_uri_names_both_lines(tmp_path):
    rows = [*fx.DEFAULT_OCCUPATIONS, fx.occupation_row(fx.COOK, "5120", "cook again")]
    root = fx.write_sources(tmp_path, occupations=rows)
    # electrician's altLabels span two physical lines, so the cook starts on line 4
    with pytest.raises(SourceError, match=r"occupations_en.csv, line 6: duplicate URI .*first on line 4"):
        read_sources(root)


def test_malformed_row_names_the_line(tmp_path):
    rows = [*fx.DEFAULT_OCCUPATIONS, fx.occupation_row(fx.NURSE, "nurse", "nurse")]
    with pytest.raises(SourceError, match=r"occupations_en.csv, line 6: ISCO group 'nurse'"):
        read_sources(fx.write_sources(tmp_path, occupations=rows))


def test_short_row_names_the_line(tmp_path):
    rows = [*fx.DEFAULT_OCCUPATIONS, ["Occupation", fx.NURSE, "2221"]]
    with pytest.raises(SourceError, match=r"line 6: expected 14 fields, found 3"):
        read_sources(fx.write_sources(tmp_path, occupations=rows))


def test_malformed_mapping_row(tmp_path):
    mapping = [*fx.DEFAULT_MAPPING, [fx.COOK, "Koch/Köchin", "X 1", "?", "skos:exactMatch", ""]]
    with pytest.raises(SourceError, match=r"DE_mapping_18.05.22.csv, line 24: BA id 'X 1'"):
        read_sources(fx.write_sources(tmp_path, mapping=mapping))


def test_german_skill_labels_must_align_with_skills(tmp_path):
    with pytest.raises(SourceError, match=r"esco_skills_de\.txt.*2 labels but skills_en\.csv has 3"):
        read_sources(fx.write_sources(tmp_path, skills_de=["a", "b"]))


def test_interest_profile_per_esco_occupation(sources):
    from wegweiser.taxonomy.sources import interest_profiles_by_occupation

    profiles = interest_profiles_by_occupation(read_sources(sources))
    assert profiles == {fx.ELECTRICIAN: (6.5, 3.0, 1.2, 2.0, 2.5, 4.1)}
