"""auskunft.pdf: the access report in German and the participant's language (WeasyPrint).

Reuses the Kooperationsplan's PDF set-up (wegweiser.plans.pdf): the embedded Noto fonts from
WEGWEISER_PDF_FONT_DIR and the list of right-to-left languages. Headings and the introduction are printed
in German and, side by side, in the person's language (texts.py); the records themselves are printed once,
with German field names, as stored. data.json in the same ZIP holds every value in full.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone

from wegweiser.plans.pdf import LANGUAGES, RTL, font_face_css

from . import texts

CSS_PATH = Path(__file__).parent / "static" / "privacy" / "auskunft_pdf.css"
# Technical or redundant columns left out of the printed report (still in data.json).
HIDDEN_IN_PRINT = frozenset({"id", "participant", "participant_id", "search_text", "name_key", "version"})
LONG_VALUE = 600


def _verbose(model: Any, name: str) -> str:
    if model is None:
        return name
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


ISO_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _show(value: Any) -> str:
    if isinstance(value, str):
        if match := ISO_DATETIME.match(value):
            year, month, day, hour, minute = match.groups()
            return f"{day}.{month}.{year} {hour}:{minute}"
        if match := ISO_DATE.match(value):
            year, month, day = match.groups()
            return f"{day}.{month}.{year}"
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if value is True:
        return "ja"
    if value is False:
        return "nein"
    text = json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, list | dict) else str(value)
    if len(text) > LONG_VALUE:
        text = text[:LONG_VALUE] + " … (vollständig in data.json)"
    return text


def _rows(model: Any, item: dict[str, Any]) -> list[tuple[str, str]]:
    rows = []
    for attname, value in item["fields"].items():
        name = attname[:-3] if attname.endswith("_id") and attname[:-3] in item["labels"] else attname
        if name in HIDDEN_IN_PRINT or attname in HIDDEN_IN_PRINT:
            continue
        shown = item["labels"].get(name)
        rows.append((_verbose(model, name), _show(shown if shown else value)))
    return rows


def _line(text: str, rows: list[tuple[str, str]]) -> str:
    """One record as one line of plain text (one paragraph per record keeps a long history fast to lay out)."""
    return " · ".join([text, *(f"{label}: {value}" for label, value in rows if value != "—")])


def _audit_row(event: dict[str, Any]) -> dict[str, str]:
    who = ", ".join(part for part in (event["role_label"], event["organisation"]) if part)
    what = event["action_label"] + (f" ({', '.join(event['fields'])})" if event["fields"] else "")
    return {"at_display": _show(event["at"]), "who": f"{event['actor']} ({who})" if who else event["actor"],
            "what": f"{what} · {event['object_type']} {event['object_id']}"}


def _heading(language: str, key: str) -> dict[str, str]:
    other = language if language != "de" else ""
    return {"de": texts.text("de", key), "other": texts.text(other, key) if other else ""}


def context(data: dict[str, Any], language: str) -> dict[str, Any]:
    language = language if language in LANGUAGES else "de"
    groups: dict[str, dict[str, Any]] = {}
    for label, section in data["records"].items():
        if not section["items"]:
            continue
        app_label = label.split(".", 1)[0]
        key = app_label if app_label in texts.TEXTS["de"] else "other"
        try:
            model = apps.get_model(label)
        except LookupError:
            model = None
        group = groups.setdefault(key, {"heading": _heading(language, key), "sections": []})
        group["sections"].append({
            "name": section["name"],
            "items": [{"line": _line(item["text"], _rows(model, item))} for item in section["items"]],
        })
    person_model = apps.get_model("participants.participant")
    return {
        "language": language,
        "dir": "rtl" if language in RTL else "ltr",
        "bilingual": language != "de",
        "title": _heading(language, "title"),
        "intro": _heading(language, "intro"),
        "person_heading": _heading(language, "person"),
        "audit_heading": _heading(language, "audit"),
        "generated": _heading(language, "generated"),
        "none": _heading(language, "none"),
        "person": _rows(person_model, data["participant"]),
        "person_name": data["participant"]["text"],
        "merged": [_line(m["text"], _rows(person_model, m)) for m in data.get("merged_from", [])],
        "customer_number": data["participant"]["fields"].get("customer_number", ""),
        "controller": data["controller"],
        "generated_at": timezone.localtime().strftime("%d.%m.%Y %H:%M"),
        "groups": list(groups.values()),
        "audit": [_audit_row(event) for event in data["audit_trail"]],
        "withheld": data.get("withheld", []),
    }


def render_pdf(data: dict[str, Any], language: str) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("privacy/auskunft_pdf.html", context(data, language))
    stylesheets = [CSS(string=font_face_css()), CSS(filename=str(CSS_PATH))]
    return HTML(string=html, base_url=str(CSS_PATH.parent)).write_pdf(stylesheets=stylesheets) or b""
