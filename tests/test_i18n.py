"""English UI: the language switch works end to end, and the committed catalogue is complete and compiled."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from wegweiser.accounts.models import Organisation, User

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _unquote(token: str) -> str:
    # PO string literals use C escapes; for the escapes gettext writes (\" \\ \n \t) Python's syntax is the same.
    return ast.literal_eval(token)


def parse_po(path: Path) -> list[dict]:
    """A minimal PO parser: one dict per entry with msgid, msgid_plural, msgstr (index -> text) and flags."""
    entries = []
    for block in re.split(r"\n[ \t]*\n", path.read_text(encoding="utf-8").strip()):
        entry: dict = {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": {}, "flags": set(),
                       "obsolete": False}
        current: tuple[str, int] | None = None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif match := _KEYWORD.match(line):
                keyword, index, token = match.groups()
                if keyword.startswith("msgstr"):
                    current = ("msgstr", int(index or 0))
                    entry["msgstr"][current[1]] = _unquote(token)
                else:
                    current = (keyword, 0)
                    entry[keyword] = _unquote(token)
            elif line.startswith('"') and current is not None:
                if current[0] == "msgstr":
                    entry["msgstr"][current[1]] += _unquote(line)
                else:
                    entry[current[0]] += _unquote(line)
            else:
                raise AssertionError(f"unparseable line in {path.name}: {line!r}")
        entries.append(entry)
    return entries


def _messages() -> list[dict]:
    return [e for e in parse_po(PO_FILE) if not e["obsolete"] and e["msgid"]]


@pytest.fixture
def caseworker(db):
    org = Organisation.objects.create(name="Jobcenter Sprachtest", kind="jobcenter")
    return User.objects.create_user(username="i18n-cw", password="x", role="caseworker",
                                    organisation=org)


@pytest.fixture
def cw_client(client, caseworker):
    client.force_login(caseworker)
    return client


def test_german_is_the_default(cw_client):
    response = cw_client.get("/participants/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de"' in html
    assert "<h1>Teilnehmende</h1>" in html
    assert "Abmelden" in html
    assert "Participants" not in html


def test_switching_to_english_translates_the_participant_list(cw_client):
    response = cw_client.post("/i18n/setlang/", {"language": "en", "next": "/participants/"})
    assert response.status_code == 302
    assert response["Location"] == "/participants/"

    response = cw_client.get("/participants/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "<h1>Participants</h1>" in html
    for english in ("Name (any script) or customer number", "Customer no.", "Date of birth", "Last contact",
                    "No records found.", "Log out", "Skip to content", "Apply", "New record"):
        assert english in html, english
    for german in ("Teilnehmende", "Abmelden", "Kundennummer", "Keine Akten gefunden."):
        assert german not in html, german


def test_switching_back_to_german(cw_client):
    cw_client.post("/i18n/setlang/", {"language": "en", "next": "/participants/"})
    cw_client.post("/i18n/setlang/", {"language": "de", "next": "/participants/"})
    html = cw_client.get("/participants/").content.decode()
    assert '<html lang="de"' in html
    assert "<h1>Teilnehmende</h1>" in html


def test_catalogue_is_active_for_model_labels_and_plurals():
    from wegweiser.participants.models import Participant

    with translation.override("en"):
        assert str(Participant._meta.verbose_name_plural) == "Participants"
        assert translation.ngettext("%(n)s Akte", "%(n)s Akten", 1) % {"n": 1} == "1 record"
        assert translation.ngettext("%(n)s Akte", "%(n)s Akten", 3) % {"n": 3} == "3 records"
    with translation.override("de"):
        assert str(Participant._meta.verbose_name_plural) == "Teilnehmende"


def test_po_header_declares_english_with_two_plural_forms():
    header = next(e for e in parse_po(PO_FILE) if e["msgid"] == "")
    assert "fuzzy" not in header["flags"]
    assert "Language: en\n" in header["msgstr"][0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header["msgstr"][0]


def test_po_has_no_untranslated_or_fuzzy_entries():
    messages = _messages()
    assert len(messages) > 300
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e["flags"]]
    untranslated = []
    for e in messages:
        forms = 2 if e["msgid_plural"] is not None else 1
        if sorted(e["msgstr"]) != list(range(forms)) or not all(e["msgstr"].values()):
            untranslated.append(e["msgid"])
    assert not fuzzy, f"fuzzy entries: {fuzzy}"
    assert not untranslated, f"untranslated entries: {untranslated}"


def test_po_placeholders_match():
    for e in _messages():
        expected = sorted(_PLACEHOLDER.findall(e["msgid"]))
        for text in e["msgstr"].values():
            assert sorted(_PLACEHOLDER.findall(text)) == expected, e["msgid"]


def test_committed_mo_matches_po():
    """The .mo is committed (machines without gettext can't compile it), so it must not be stale."""
    assert MO_FILE.exists()
    with MO_FILE.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = []
    for e in _messages():
        if e["msgctxt"] is not None:
            got = compiled.pgettext(e["msgctxt"], e["msgid"])
            ok = got == e["msgstr"][0]
        elif e["msgid_plural"] is not None:
            ok = (compiled.ngettext(e["msgid"], e["msgid_plural"], 1) == e["msgstr"][0]
                  and compiled.ngettext(e["msgid"], e["msgid_plural"], 2) == e["msgstr"][1])
        else:
            ok = compiled.gettext(e["msgid"]) == e["msgstr"][0]
        if not ok:
            stale.append(e["msgid"])
    assert not stale, f"django.mo is out of date, run compilemessages: {stale}"
