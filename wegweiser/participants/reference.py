"""Reference lists for the case file: countries (ISO 3166-1), languages, CEFR levels."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from django.utils.translation import get_language

# Languages a caseload in a German district commonly brings; ISO 639-1 where it exists, else 639-3.
LANGUAGE_CHOICES: list[tuple[str, str]] = [
    ("de", "Deutsch"),
    ("en", "Englisch"),
    ("ar", "Arabisch"),
    ("fa", "Persisch (Farsi)"),
    ("prs", "Dari"),
    ("ps", "Paschtu"),
    ("uk", "Ukrainisch"),
    ("ru", "Russisch"),
    ("tr", "Türkisch"),
    ("ku", "Kurdisch (Kurmandschi)"),
    ("ckb", "Kurdisch (Sorani)"),
    ("ti", "Tigrinya"),
    ("so", "Somali"),
    ("am", "Amharisch"),
    ("fr", "Französisch"),
    ("ur", "Urdu"),
    ("sq", "Albanisch"),
    ("sr", "Serbisch"),
    ("ro", "Rumänisch"),
    ("pl", "Polnisch"),
    ("es", "Spanisch"),
    ("it", "Italienisch"),
]
LANGUAGE_CODES = {code for code, _ in LANGUAGE_CHOICES}

CEFR_CHOICES: list[tuple[str, str]] = [
    ("", "—"),
    ("A1", "A1"),
    ("A2", "A2"),
    ("B1", "B1"),
    ("B2", "B2"),
    ("C1", "C1"),
    ("C2", "C2"),
    ("native", "Muttersprache"),
]
CEFR_ORDER = {code: rank for rank, (code, _) in enumerate(CEFR_CHOICES)}


def country_codes() -> set[str]:
    return {c.alpha_2 for c in pycountry.countries}


@cache
def _country_translation(lang: str) -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return gettext.NullTranslations()


def country_name(code: str, lang: str | None = None) -> str:
    country = pycountry.countries.get(alpha_2=code.upper()) if code else None
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name
    return _country_translation((lang or get_language() or "de")[:2]).gettext(name)


@cache
def country_choices(lang: str = "de") -> list[tuple[str, str]]:
    return sorted(((c.alpha_2, country_name(c.alpha_2, lang)) for c in pycountry.countries), key=lambda x: x[1])


def language_name(code: str) -> str:
    return dict(LANGUAGE_CHOICES).get(code, code)
