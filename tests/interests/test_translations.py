"""The participant catalogues (ar, fa, uk, ru, tr, ti): marked unreviewed, complete for every participant
page, placeholders intact, compiled .mo up to date, and actually used by the pages."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from tests.test_i18n import parse_po
from wegweiser.interests import items

LANGS = ["ar", "fa", "uk", "ru", "tr", "ti"]
# Screens only staff see (German/English): their strings need no participant-language translation.
STAFF_ONLY = ("models.py", "_summary_body.html", "_case_file_summary.html", "participant_interests.html",
              "invitation.html", "selfservice/views.py")
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def catalogue(lang: str) -> Path:
    return Path(settings.BASE_DIR) / "locale" / lang / "LC_MESSAGES" / "django.po"


def references(path: Path) -> dict[tuple[str | None, str], list[str]]:
    """Source files per (msgctxt, msgid): the same msgid may appear with and without a context."""
    refs: dict[tuple[str | None, str], list[str]] = {}
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        files = [ref.split(":")[0] for line in block.splitlines() if line.startswith("#: ") for ref in line[3:].split()]
        match = re.search(r'^msgid (".*")$', block, re.M)
        context = re.search(r'^msgctxt (".*")$', block, re.M)
        if match:
            key = (ast.literal_eval(context.group(1)) if context else None, ast.literal_eval(match.group(1)))
            refs[key] = files
    return refs


@pytest.mark.parametrize("lang", LANGS)
def test_header_marks_the_catalogue_unreviewed(lang):
    header = next(e for e in parse_po(catalogue(lang)) if e["msgid"] == "")
    assert f"Language: {lang}\n" in header["msgstr"][0]
    assert "X-Review-Status: unreviewed\n" in header["msgstr"][0]
    assert "fuzzy" not in header["flags"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_participant_string_is_translated_with_its_placeholders(lang):
    path = catalogue(lang)
    refs = references(path)
    missing = []
    for entry in parse_po(path):
        if not entry["msgid"] or entry["obsolete"]:
            continue
        text = entry["msgstr"].get(0, "")
        sources = refs.get((entry["msgctxt"], entry["msgid"]), [])
        staff_only = all(any(f.endswith(s) for s in STAFF_ONLY) for f in sources) and sources
        if not text:
            if not staff_only:
                missing.append(entry["msgid"])
            continue
        assert "fuzzy" not in entry["flags"], entry["msgid"]
        assert sorted(_PLACEHOLDER.findall(text)) == sorted(_PLACEHOLDER.findall(entry["msgid"])), entry["msgid"]
    assert not missing, f"{lang}: untranslated participant strings: {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_mo_matches_po(lang):
    path = catalogue(lang)
    with path.with_suffix(".mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    def lookup(entry: dict) -> str:
        if entry["msgctxt"] is not None:
            return compiled.pgettext(entry["msgctxt"], entry["msgid"])
        return compiled.gettext(entry["msgid"])

    stale = [e["msgid"] for e in parse_po(path) if e["msgid"] and e["msgstr"].get(0) and lookup(e) != e["msgstr"][0]]
    assert not stale, f"{lang}: django.mo is out of date, run compilemessages: {stale[:5]}"


@pytest.mark.parametrize("lang", LANGS)
def test_all_sixty_items_and_answers_are_translated(lang):
    with translation.override(lang):
        for item in items.ITEMS:
            with translation.override("de"):
                german = str(item.text)
            assert str(item.text) != german, (lang, item.id)
        assert str(items.SCALE_LABELS[5]) != "Sehr gern"


def test_docs_list_every_unreviewed_catalogue():
    doc = (Path(settings.BASE_DIR) / "docs" / "translations.md").read_text(encoding="utf-8")
    for lang in LANGS:
        assert f"locale/{lang}/LC_MESSAGES/django.po" in doc
