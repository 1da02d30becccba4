"""A hand-made miniature taxonomy for engine tests (no database, no shared data)."""

from __future__ import annotations

from wegweiser.taxonomy.snapshot import Label, Occupation, Skill, TaxonomySnapshot

ESCO = "http://data.europa.eu/esco"
ELECTRICIAN = f"{ESCO}/occupation/test-electrician"
CARPENTER = f"{ESCO}/occupation/test-carpenter"
COOK = f"{ESCO}/occupation/test-cook"
DRIVER = f"{ESCO}/occupation/test-truck-driver"
NURSE = f"{ESCO}/occupation/test-nurse"
SALES = f"{ESCO}/occupation/test-retail-sales"
WAREHOUSE = f"{ESCO}/occupation/test-warehouse-worker"
TAILOR = f"{ESCO}/occupation/test-tailor"

SKILL_WIRING = f"{ESCO}/skill/test-install-wiring"
SKILL_WOOD = f"{ESCO}/skill/test-cut-wood"
SKILL_COOKING = f"{ESCO}/skill/test-prepare-meals"
SKILL_DRIVING = f"{ESCO}/skill/test-drive-trucks"
SKILL_CARE = f"{ESCO}/skill/test-patient-care"
SKILL_CASH = f"{ESCO}/skill/test-operate-cash-register"
SKILL_FORKLIFT = f"{ESCO}/skill/test-forklift"
SKILL_SEWING = f"{ESCO}/skill/test-sew"


def _labels(*items: tuple[str, str, str]) -> tuple[Label, ...]:
    return tuple(Label(text=text, lang=lang, kind=kind) for text, lang, kind in items)


def _occ(uri: str, isco: str, kldb: str | None, labels: tuple[Label, ...], skills: tuple[str, ...]) -> Occupation:
    return Occupation(uri=uri, isco=isco, code=f"{isco}.1", kldb=kldb, labels=labels, essential_skills=skills)


def fixture_snapshot() -> TaxonomySnapshot:
    occupations = [
        _occ(
            ELECTRICIAN,
            "7411",
            "26212",
            _labels(
                ("electrician", "en", "preferred"),
                ("building electrician", "en", "alternative"),
                ("Elektriker/Elektrikerin", "de", "preferred"),
                ("Elektroinstallateur/in", "de", "berufenet"),
                ("كهربائي", "ar", "preferred"),
            ),
            (SKILL_WIRING,),
        ),
        _occ(
            CARPENTER,
            "7115",
            "22342",
            _labels(
                ("carpenter", "en", "preferred"),
                ("joiner", "en", "alternative"),
                ("Zimmerer/Zimmerin", "de", "preferred"),
                ("Tischler/in", "de", "berufenet"),
                ("نجار", "ar", "preferred"),
            ),
            (SKILL_WOOD,),
        ),
        _occ(
            COOK,
            "5120",
            "29302",
            _labels(
                ("cook", "en", "preferred"),
                ("chef", "en", "alternative"),
                ("Koch/Köchin", "de", "preferred"),
                ("طباخ", "ar", "preferred"),
            ),
            (SKILL_COOKING,),
        ),
        _occ(
            DRIVER,
            "8332",
            "52122",
            _labels(
                ("lorry driver", "en", "preferred"),
                ("truck driver", "en", "alternative"),
                ("Berufskraftfahrer/Berufskraftfahrerin", "de", "preferred"),
                ("سائق شاحنة", "ar", "preferred"),
            ),
            (SKILL_DRIVING,),
        ),
        _occ(
            NURSE,
            "3221",
            "81302",
            _labels(
                ("nurse assistant", "en", "preferred"),
                ("Pflegehelfer/Pflegehelferin", "de", "preferred"),
                ("Altenpflegehelfer/in", "de", "berufenet"),
            ),
            (SKILL_CARE,),
        ),
        _occ(
            SALES,
            "5223",
            "62102",
            _labels(
                ("shop assistant", "en", "preferred"),
                ("Verkäufer/Verkäuferin", "de", "preferred"),
                ("Kaufmann/Kauffrau im Einzelhandel", "de", "alternative"),
            ),
            (SKILL_CASH,),
        ),
        _occ(
            WAREHOUSE,
            "9333",
            "51311",
            _labels(
                ("warehouse worker", "en", "preferred"),
                ("Lagerarbeiter/Lagerarbeiterin", "de", "preferred"),
                ("Helfer/in - Lagerwirtschaft", "de", "berufenet"),
            ),
            (SKILL_FORKLIFT,),
        ),
        _occ(
            TAILOR,
            "7531",
            None,
            _labels(
                ("tailor", "en", "preferred"),
                ("Schneider/Schneiderin", "de", "preferred"),
                ("خياط", "ar", "preferred"),
            ),
            (SKILL_SEWING,),
        ),
    ]
    skills = [
        Skill(
            SKILL_WIRING,
            "skill/competence",
            _labels(
                ("install electrical wiring", "en", "preferred"), ("elektrische Leitungen verlegen", "de", "preferred")
            ),
        ),
        Skill(
            SKILL_WOOD,
            "skill/competence",
            _labels(("cut wood", "en", "preferred"), ("Holz zuschneiden", "de", "preferred")),
        ),
        Skill(
            SKILL_COOKING,
            "skill/competence",
            _labels(("prepare meals", "en", "preferred"), ("Mahlzeiten zubereiten", "de", "preferred")),
        ),
        Skill(
            SKILL_DRIVING,
            "skill/competence",
            _labels(("drive trucks", "en", "preferred"), ("Lkw fahren", "de", "preferred")),
        ),
        Skill(
            SKILL_CARE,
            "skill/competence",
            _labels(
                ("care for elderly patients", "en", "preferred"),
            ),
        ),
        Skill(
            SKILL_CASH,
            "skill/competence",
            _labels(("operate cash register", "en", "preferred"), ("Registrierkasse bedienen", "de", "preferred")),
        ),
        Skill(
            SKILL_FORKLIFT,
            "skill/competence",
            _labels(("operate forklift", "en", "preferred"), ("Gabelstapler fahren", "de", "preferred")),
        ),
        Skill(
            SKILL_SEWING,
            "skill/competence",
            _labels(
                ("sew garments", "en", "preferred"),
            ),
        ),
    ]
    return TaxonomySnapshot(
        version="fixture-1",
        occupations={o.uri: o for o in occupations},
        skills={s.uri: s for s in skills},
        kldb_titles={"26212": "Berufe in der Elektrotechnik"},
    )


# A tiny curated list in the same format as wegweiser/matching/data/curated_occupations.tsv,
# so tests do not depend on the real curated file.
CURATED_TSV = "\n".join(
    [
        "# test curated titles",
        "uri\tlang\tlabel",
        f"{ELECTRICIAN}\tuk\tелектрик|електромонтажник",
        f"{ELECTRICIAN}\tfa\tبرقکار|برق‌کار",
        f"{CARPENTER}\tfa\tنجار|درودگر",
        f"{CARPENTER}\tuk\tтесля|столяр",
        f"{COOK}\tfa\tآشپز",
        f"{COOK}\tuk\tкухар",
        f"{TAILOR}\tfa\tخیاط",
        f"{TAILOR}\tti\tሰፋይ",
        f"{DRIVER}\tti\tመራሕ ማኪና",
        "",
    ]
)
