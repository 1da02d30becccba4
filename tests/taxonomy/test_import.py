"""import_taxonomy: idempotent, versioned, atomic, with errors that name file and line."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from tests.taxonomy import fixtures as fx
from wegweiser.taxonomy import models as m
from wegweiser.taxonomy import services
from wegweiser.taxonomy.pack import build_pack
from wegweiser.taxonomy.sources import read_sources

TABLES = (m.TaxonomyVersion, m.Occupation, m.OccupationLabel, m.Skill, m.SkillLabel, m.OccupationSkill,
          m.KldbClass, m.EscoKldbMapping, m.IscoGroup, m.SkillGroup, m.BroaderRelation, m.OnetOccupation,
          m.RiasecProfile, m.EscoOnetCrosswalk)  # fmt: skip


def table_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TABLES}


def run(*args: str, **options: object) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_taxonomy", *args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


@pytest.fixture
def sources(tmp_path):
    return fx.write_sources(tmp_path / "v1")


@pytest.mark.django_db
def test_import_from_sources(sources):
    output = run("--source", str(sources))
    assert "Imported taxonomy esco-1.1.1+kldb-2020 from sources: 3 occupations, 3 skills" in output
    electrician = m.Occupation.objects.get(uri=fx.ELECTRICIAN)
    assert (electrician.isco, electrician.kldb, electrician.preferred_de) == (
        "7411",
        "26212",
        "Elektriker/Elektrikerin",
    )
    assert electrician.labels.filter(lang="ar", kind="preferred").get().text == "كهربائي"
    cook = m.Occupation.objects.get(uri=fx.COOK)
    assert set(cook.skill_links.values_list("skill__uri", "relation")) == {
        (fx.SKILL_MEALS, "essential"),
        (fx.SKILL_HYGIENE, "optional"),
    }
    officers = m.KldbClass.objects.get(code="01104")
    assert officers.parent is not None and officers.parent.code == "0110" and officers.parent.parent.code == "011"
    assert m.KldbClass.objects.get(code="0").parent is None
    profile = m.RiasecProfile.objects.get(onet__code="47-2111.00")
    assert profile.values[0] == 6.5 and (profile.high_point_1, profile.high_point_2) == (1, 6)
    link = m.EscoOnetCrosswalk.objects.get()
    assert (link.occupation, link.match_type) == (electrician, "exactMatch")
    assert m.EscoKldbMapping.objects.filter(occupation=cook, kldb="").count() == 1  # the "BE 5120" ISCO row
    version = m.TaxonomyVersion.objects.get()
    assert version.source == "sources" and version.counts["Occupation"] == 3


@pytest.mark.django_db
def test_reimport_of_the_same_version_changes_nothing(sources):
    run("--source", str(sources))
    before = table_counts()
    pks = dict(m.Occupation.objects.values_list("uri", "pk"))
    assert "already imported" in run("--source", str(sources))
    assert table_counts() == before
    assert dict(m.Occupation.objects.values_list("uri", "pk")) == pks


@pytest.mark.django_db
def test_pack_and_sources_are_the_same_version(sources, tmp_path):
    build_pack(read_sources(sources), tmp_path / "pack")
    assert "Imported" in run("--pack", str(tmp_path / "pack"))
    assert m.TaxonomyVersion.objects.get().source == "pack"
    assert "already imported" in run("--source", str(sources))


@pytest.mark.django_db
def test_without_shared_data_the_pack_is_imported(sources, tmp_path, settings):
    build_pack(read_sources(sources), tmp_path / "pack")
    settings.WEGWEISER_SHARED_DATA = tmp_path / "absent"
    settings.WEGWEISER_TAXONOMY_PACK = tmp_path / "pack"
    assert "from pack" in run()
    settings.WEGWEISER_SHARED_DATA = sources
    assert "already imported" in run()


@pytest.mark.django_db
def test_new_version_keeps_old_uris_and_confirmed_codes(sources, tmp_path):
    run("--source", str(sources))
    v1 = m.TaxonomyVersion.objects.get()
    pks = dict(m.Occupation.objects.values_list("uri", "pk"))

    # v2: the soldier is gone, a nurse is new, the electrician got a new English alternative label.
    occupations = [
        fx.occupation_row(fx.ELECTRICIAN, "7411", "electrician", "wireman\nelectrical fitter", "7411.1"),
        fx.occupation_row(fx.COOK, "5120", "cook", "chef de partie", "5120.1"),
        fx.occupation_row(fx.NURSE, "2221", "nurse", "", "2221.1"),
    ]
    v2_dir = fx.write_sources(tmp_path / "v2", occupations=occupations)
    output = run("--source", str(v2_dir))
    assert "Imported" in output
    v2 = m.TaxonomyVersion.objects.latest()
    assert v2 != v1

    for uri in (fx.ELECTRICIAN, fx.COOK, fx.SOLDIER):
        assert m.Occupation.objects.get(uri=uri).pk == pks[uri]  # stable keys: confirmed codes still resolve
    soldier = m.Occupation.objects.get(uri=fx.SOLDIER)
    assert (soldier.first_version, soldier.last_version) == (v1, v1)
    assert soldier.labels.filter(version=v1, lang="en", kind="preferred").exists()
    nurse = m.Occupation.objects.get(uri=fx.NURSE)
    assert (nurse.first_version, nurse.last_version) == (v2, v2)
    electrician = m.Occupation.objects.get(uri=fx.ELECTRICIAN)
    assert (electrician.first_version, electrician.last_version) == (v1, v2)
    assert electrician.labels.filter(version=v2, text="electrical fitter").exists()
    assert not electrician.labels.filter(version=v2, text="electrical installer").exists()
    assert electrician.labels.filter(version=v1, text="electrical installer").exists()  # history kept


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        ("corrupt_zip", r"esco-v1.1.1-classification-en-csv.zip: not a readable zip archive"),
        ("missing_column", r"occupations_en.csv, line 1: missing column\(s\): iscoGroup"),
        ("duplicate_uri", r"occupations_en.csv, line 6: duplicate URI"),
        ("malformed_row", r"occupations_en.csv, line 6: expected 14 fields, found 3"),
        ("bad_relation", r"occupationSkillRelations.csv, line 3: unknown relationType 'sometimes'"),
    ],
)
def test_broken_sources_stop_with_file_and_line_and_leave_the_database_alone(sources, tmp_path, breakage, message):
    run("--source", str(sources))
    before = table_counts()
    broken = tmp_path / "broken"
    if breakage == "corrupt_zip":
        fx.write_sources(broken, occupations=[*fx.DEFAULT_OCCUPATIONS, fx.occupation_row(fx.NURSE, "2221", "nurse")])
        fx.corrupt_zip(broken)
    elif breakage == "missing_column":
        header = [col for col in fx.OCCUPATION_HEADER if col != "iscoGroup"]
        fx.write_sources(broken, occupation_header=header, occupations=[r[:2] + r[3:] for r in fx.DEFAULT_OCCUPATIONS])
    elif breakage == "duplicate_uri":
        fx.write_sources(broken, occupations=[*fx.DEFAULT_OCCUPATIONS, fx.occupation_row(fx.COOK, "5120", "cook")])
    elif breakage == "malformed_row":
        fx.write_sources(broken, occupations=[*fx.DEFAULT_OCCUPATIONS, ["Occupation", fx.NURSE, "2221"]])
    else:
        fx.write_sources(broken, relations=[[fx.COOK, "essential", "", fx.SKILL_MEALS],
                                            [fx.COOK, "sometimes", "", fx.SKILL_HYGIENE]])  # fmt: skip
    with pytest.raises(CommandError, match=message) as excinfo:
        run("--source", str(broken))
    assert "database unchanged" in str(excinfo.value)
    assert table_counts() == before


@pytest.mark.django_db
def test_a_database_failure_midway_rolls_everything_back(sources, monkeypatch):
    original = services._Writer.insert

    def failing_insert(self, model, rows):
        if model is m.OccupationSkill:
            raise RuntimeError("disk full")
        return original(self, model, rows)

    monkeypatch.setattr(services._Writer, "insert", failing_insert)
    with pytest.raises(RuntimeError, match="disk full"):
        run("--source", str(sources))
    assert all(count == 0 for count in table_counts().values())


@pytest.mark.django_db
def test_progress_reaches_the_announced_total(sources):
    bundle = read_sources(sources)
    seen: list[int] = []
    services.taxonomy_import(bundle, source="sources", progress=seen.append)
    assert sum(seen) == services.import_row_count(bundle)
