"""A miniature copy of shared/data, written file by file, with the quirks of the real files:
ESCO zips with multi-line quoted altLabels, BA mapping with a 16-line preamble, cp1252 + CRLF
German skill labels, KldB CSV with BOM, ';' and lost leading zeros, O*NET tab files.

`write_sources(root, **overrides)` writes it; overrides replace whole files' rows to build the
broken variants the importer must reject.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

ESCO = "http://data.europa.eu/esco"
ELECTRICIAN = f"{ESCO}/occupation/0000-electrician"
COOK = f"{ESCO}/occupation/0000-cook"
SOLDIER = f"{ESCO}/occupation/0000-soldier"
NURSE = f"{ESCO}/occupation/0000-nurse"  # only in the "new version" fixture
SKILL_WIRING = f"{ESCO}/skill/0000-wiring"
SKILL_MEALS = f"{ESCO}/skill/0000-meals"
SKILL_HYGIENE = f"{ESCO}/skill/0000-hygiene"
SKILL_CARE = f"{ESCO}/skill/0000-care"  # only in the "new version" fixture
GROUP_S = f"{ESCO}/skill/0000-group-s"
ISCO_7 = f"{ESCO}/isco/C7"
ISCO_7411 = f"{ESCO}/isco/C7411"

OCCUPATION_HEADER = [
    "conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels", "status",
    "modifiedDate", "regulatedProfessionNote", "scopeNote", "definition", "inScheme", "description", "code",
]  # fmt: skip
SKILL_HEADER = [
    "conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "hiddenLabels",
    "status", "modifiedDate", "scopeNote", "definition", "inScheme", "description",
]  # fmt: skip
UNREGULATED = f"{ESCO}/regulated-professions/unregulated"
REGULATED = f"{ESCO}/regulated-professions/regulated"


def occupation_row(
    uri: str, isco: str, label: str, alt: str = "", code: str = "", regulated: bool = False
) -> list[str]:
    return [
        "Occupation", uri, isco, label, alt, "", "released", "2022-01-01", REGULATED if regulated else UNREGULATED,
        "", "", "", "A long description that the pack must not keep.", code or f"{isco}.1",
    ]  # fmt: skip


def skill_row(uri: str, label: str, alt: str = "", skill_type: str = "skill/competence") -> list[str]:
    return ["KnowledgeSkillCompetence", uri, skill_type, "sector-specific", label, alt, "", "released", "", "", "",
            "", "Description."]  # fmt: skip


DEFAULT_OCCUPATIONS = [
    occupation_row(ELECTRICIAN, "7411", "electrician", "wireman\nelectrical installer", "7411.1"),
    occupation_row(COOK, "5120", "cook", "chef de partie", "5120.1"),
    occupation_row(SOLDIER, "0110", "soldier", "", "0110.1", regulated=True),
]
DEFAULT_SKILLS = [
    skill_row(SKILL_WIRING, "install electrical wiring", "wire buildings"),
    skill_row(SKILL_MEALS, "prepare meals"),
    skill_row(SKILL_HYGIENE, "food hygiene", skill_type="knowledge"),
]
DEFAULT_RELATIONS = [
    [ELECTRICIAN, "essential", "skill/competence", SKILL_WIRING],
    [COOK, "essential", "skill/competence", SKILL_MEALS],
    [COOK, "optional", "knowledge", SKILL_HYGIENE],
    [f"{ESCO}/occupation/not-in-occupations", "essential", "knowledge", SKILL_HYGIENE],  # the real file's quirk
]
# German skill labels, line-aligned with DEFAULT_SKILLS; "Lebensmittelhygiene ä" checks cp1252.
DEFAULT_SKILLS_DE = ["Elektroleitungen verlegen", "Mahlzeiten zubereiten", "Lebensmittelhygiene äöü"]
DEFAULT_MAPPING = [
    [ELECTRICIAN, "Elektriker/Elektrikerin", "B 26212-100", "Elektroinstallateur/in", "skos:exactMatch", ""],
    [ELECTRICIAN, "Elektriker/Elektrikerin", "B 26213-101", "Elektroniker/in Gebäudetechnik", "skos:narrowMatch", ""],
    [COOK, "Koch/Köchin", "B 29302-100", "Koch/Köchin", "skos:narrowMatch", ""],
    [COOK, "Koch/Köchin", "B 29302-101", "Beikoch/Beiköchin", "skos:narrowMatch", ""],
    [COOK, "Koch/Köchin", "B 29301-100", "Küchenhilfe", "skos:broadMatch", ""],
    [COOK, "Koch/Köchin", "BE 5120", "Köche", "skos:broadMatch", "Alternativmapping über ISCO-2008"],
]  # fmt: skip


def _csv(rows: list[list[str]], delimiter: str = ",", newline: str = "\n") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue()


def _zip(path: Path, members: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in members.items():
            # a fixed timestamp: the same members give the same bytes, whenever they are written
            # (writestr with a bare name stamps the current time, 2 s resolution)
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text)


def _preamble(project: str, lines: int = 16) -> list[list[str]]:
    rows = [["Mapping project name", project, "", "", "", ""], ["Mapping project author", "Test", "", "", "", ""]]
    while len(rows) < lines:
        rows.append(["", "", "", "", "", ""])
    return rows


def write_sources(
    root: Path,
    *,
    occupations: list[list[str]] | None = None,
    occupation_header: list[str] | None = None,
    skills: list[list[str]] | None = None,
    skills_de: list[str] | None = None,
    relations: list[list[str]] | None = None,
    mapping: list[list[str]] | None = None,
    extra_skill_hierarchy: list[list[str]] | None = None,
    with_optional: bool = True,
) -> Path:
    """Write the miniature shared/data under `root` and return `root`."""
    occupations = DEFAULT_OCCUPATIONS if occupations is None else occupations
    skills = DEFAULT_SKILLS if skills is None else skills
    skills_de = DEFAULT_SKILLS_DE if skills_de is None else skills_de
    relations = DEFAULT_RELATIONS if relations is None else relations
    mapping = DEFAULT_MAPPING if mapping is None else mapping
    _zip(
        root / "esco" / "esco-v1.1.1-classification-en-csv.zip",
        {
            "occupations_en.csv": _csv([occupation_header or OCCUPATION_HEADER, *occupations]),
            "skills_en.csv": _csv([SKILL_HEADER, *skills]),
            "ISCOGroups_en.csv": _csv(
                [
                    [
                        "conceptType",
                        "conceptUri",
                        "code",
                        "preferredLabel",
                        "status",
                        "altLabels",
                        "inScheme",
                        "description",
                    ],
                    ["ISCOGroup", ISCO_7, "7", "Craft and related trades workers", "released", "", "", ""],
                    ["ISCOGroup", ISCO_7411, "7411", "Building and related electricians", "released", "", "", ""],
                ]
            ),
            "skillGroups_en.csv": _csv(
                [
                    [
                        "conceptType",
                        "conceptUri",
                        "preferredLabel",
                        "altLabels",
                        "hiddenLabels",
                        "status",
                        "modifiedDate",
                        "scopeNote",
                        "inScheme",
                        "description",
                        "code",
                    ],
                    ["SkillGroup", GROUP_S, "skills", "", "", "released", "", "", "", "", "S"],
                ]
            ),
        },
    )
    skill_broader = [["KnowledgeSkillCompetence", row[1], "SkillGroup", GROUP_S] for row in skills]
    _zip(
        root / "esco" / "esco-v1.1.1-relations-csv.zip",
        {
            "occupationSkillRelations.csv": _csv(
                [["occupationUri", "relationType", "skillType", "skillUri"], *relations]
            ),
            "broaderRelationsOccPillar.csv": _csv(
                [
                    ["conceptType", "conceptUri", "broaderType", "broaderUri"],
                    ["ISCOGroup", ISCO_7411, "ISCOGroup", ISCO_7],
                    ["Occupation", ELECTRICIAN, "ISCOGroup", ISCO_7411],
                ]
            ),
            "broaderRelationsSkillPillar.csv": _csv(
                [
                    ["conceptType", "conceptUri", "broaderType", "broaderUri"],
                    *skill_broader,
                    *(extra_skill_hierarchy or []),
                ]
            ),
            "skillSkillRelations.csv": _csv(
                [["originalSkillUri", "originalSkillType", "relationType", "relatedSkillType", "relatedSkillUri"]]
            ),
        },
    )
    if not with_optional:
        return root
    de = root / "de"
    de.mkdir(parents=True, exist_ok=True)
    header = ["Classification 1 URI", "Classification 1 PrefLabel", "Classification 2 ID",
              "Classification 2 PrefLabel", "Mapping relation", "Editorial note"]  # fmt: skip
    (de / "DE_mapping_18.05.22.csv").write_text(
        _csv([*_preamble("ESCO - Klassifikation der Berufe 2010"), header, *mapping]), "utf-8"
    )
    (de / "esco_occupation_labels_de.tsv").write_text(
        "conceptUri\tlabel_de\n"
        f"{ELECTRICIAN}\tElektriker\n{ELECTRICIAN}\tElektriker/Elektrikerin\n{ELECTRICIAN}\tElektrikerin\n"
        f"{COOK}\tKoch\n{COOK}\tKoch/Köchin\n{COOK}\tKöchin\n"
        f"{SOLDIER}\tSoldat\n{SOLDIER}\tSoldat/Soldatin\n{SOLDIER}\tSoldatin\n"
        f"{ISCO_7411}\tBauelektriker und verwandte Berufe\n",
        "utf-8",
    )
    (de / "esco_skills_de.txt").write_bytes(("\r\n".join(["preferredLabel", *skills_de]) + "\r\n").encode("cp1252"))
    ar = root / "ar"
    ar.mkdir(parents=True, exist_ok=True)
    ar_header = OCCUPATION_HEADER[:-1]
    (ar / "occupations_ar.csv").write_text(
        _csv([ar_header, ["Occupation", ELECTRICIAN, "7411", "كهربائي", "", "", "released", "", "", "", "", "", ""]]),
        "utf-8",
    )
    kldb = root / "kldb"
    kldb.mkdir(parents=True, exist_ok=True)
    kldb_rows = [
        ["Schlüssel KldB 2010, V. 2020", "Ebene", "Titel", "Kurztitel", "Allgemeine Bemerkungen", "Einschlüsse",
         "Umfasst ferner", "Ausschlüsse", ""],
        ["0", "1", "Militär", "Militär", "", "", "", "", ""],
        ["1", "2", "Angehörige der regulären Streitkräfte", "Streitkräfte", "", "", "", "", ""],
        ["11", "3", "Offiziere", "Offiziere", "", "", "", "", ""],
        ["110", "4", "Offiziere", "Offiziere", "", "", "", "", ""],
        ["1104", "5", "Offiziere – komplexe Tätigkeiten", "Offiziere", "", "", "", "", ""],
        ["2", "1", "Rohstoffgewinnung, Produktion und Fertigung", "Produktion", "", "", "", "", ""],
        ["26", "2", "Mechatronik-, Energie- und Elektroberufe", "Elektro", "", "", "", "", ""],
        ["262", "3", "Energietechnik", "Energietechnik", "", "", "", "", ""],
        ["2621", "4", "Berufe in der Bauelektrik", "Bauelektrik", "", "", "", "", ""],
        ["26212", "5", "Berufe in der Bauelektrik – fachlich ausgerichtete Tätigkeiten", "Bauelektrik", "Lang",
         "", "", "", ""],
        ["29302", "5", "Berufe in der Küche – fachlich ausgerichtete Tätigkeiten", "Köche", "", "", "", "", ""],
    ]  # fmt: skip
    (kldb / "KldB_2010_V2020-DE-2025-02-03-Gliederung_mit_Erlaeuterung.csv").write_bytes(
        ("\ufeff" + _csv(kldb_rows, delimiter=";", newline="\r\n")).encode("utf-8")
    )
    (kldb / "kldb-data.json").write_text(
        json.dumps(
            {
                "source": {},
                "kldbClasses": [],
                "kldbToIsco": [
                    {"kldb5d": "01104", "isco4d": "0110", "schwerpunkt": True, "eindeutig": True},
                    {"kldb5d": "26212", "isco4d": "7411", "schwerpunkt": True, "eindeutig": False},
                ],
            }
        ),
        "utf-8",
    )
    onet = root / "onet"
    onet.mkdir(parents=True, exist_ok=True)
    elements = ["Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional",
                "First Interest High-Point", "Second Interest High-Point", "Third Interest High-Point"]  # fmt: skip
    values = ["6.50", "3.00", "1.20", "2.00", "2.50", "4.10", "1.00", "6.00", "0.00"]
    interest_rows = [
        ["O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Data Value", "Date", "Domain Source"]
    ]
    for element, value in zip(elements, values, strict=True):
        scale = "IH" if "High-Point" in element else "OI"
        interest_rows.append(["47-2111.00", "1.B.1", element, scale, value, "02/2026", "Machine Learning"])
    (onet / "Interests.txt").write_text(_csv(interest_rows, delimiter="\t", newline="\r\n"), "ascii")
    (onet / "Occupation_Data.txt").write_text(
        _csv([["O*NET-SOC Code", "Title", "Description"], ["47-2111.00", "Electricians", "Install wiring."]],
             delimiter="\t", newline="\r\n"),
        "ascii",
    )  # fmt: skip
    crosswalk = [
        *[[cell, "", "", "", "", "", ""] for cell in ("Mapping project name", "", "", "", "", "", "", "", "", "", "",
                                                      "", "", "", "", "")],
        ["O*NET Id", "O*NET Title", "O*NET Description", "ESCO or ISCO URI", "ESCO or ISCO Title",
         "ESCO or ISCO Description", "Type of Match"],
        ["47-2111.00", "Electricians", "Install wiring.", ELECTRICIAN, "electrician", "Long.", "exactMatch"],
    ]  # fmt: skip
    (onet / "crosswalk_esco_onet.csv").write_bytes(("\ufeff" + _csv(crosswalk)).encode("utf-8"))
    return root


def corrupt_zip(root: Path) -> None:
    """Truncate the classification zip in the middle (as an interrupted download would)."""
    path = root / "esco" / "esco-v1.1.1-classification-en-csv.zip"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
