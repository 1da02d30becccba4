"""Turn aggregates into published tables (raw for staff, disclosure-controlled for funders and visitors),
and render them as PDF (WeasyPrint) and XLSX.

Protection of a report (see disclosure.py for a single table):
1. every table is `dimension × furthest stage` over the same set of enrolments, so all tables share
   exactly one margin, the stage totals;
2. stages whose total is 1 … k−1 are merged into the previous stage — the same grouping in every table;
3. per table, categories with fewer than k enrolments are folded into "Sonstige";
4. `suppress()` hides small cells and complements; totals are printed;
5. headline figures are either those stage totals (and their cumulative sums) or counts of ≥ k.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import charts, disclosure, selectors
from .exports import ExportTable, to_xlsx

CSS_PATH = Path(__file__).parent / "static" / "reporting" / "report_pdf.css"
REPORT_DIMENSIONS = ["module", "course", "gender", "age", "nationality", "municipality", "month"]


@dataclass
class PublishedTable:
    dimension: str
    title: str
    stage_labels: list[str]
    labels: list[str]
    cells: list[list[int | None]]
    row_totals: list[int | None]
    col_totals: list[int | None]
    grand_total: int | None
    withheld: bool = False

    @property
    def rows_zipped(self) -> list[tuple[str, list[int | None], int | None]]:
        return list(zip(self.labels, self.cells, self.row_totals, strict=True))

    def export(self) -> ExportTable:
        rows: list[list[Any]] = [[label, *cells, total] for label, cells, total
                                 in zip(self.labels, self.cells, self.row_totals, strict=True)]
        rows.append(["Summe", *self.col_totals, self.grand_total])
        return ExportTable(self.title, [self.title, *self.stage_labels, "Summe"], rows)


@dataclass
class Report:
    title: str
    period_start: dt.date | None
    period_end: dt.date | None
    protected: bool
    k: int
    stage_labels: list[str]
    funnel: list[int | None]
    headline: dict[str, Any]
    tables: list[PublishedTable] = field(default_factory=list)
    method: str = ""

    @property
    def funnel_pairs(self) -> list[tuple[str, int | None]]:
        return list(zip(self.stage_labels, self.funnel, strict=True))

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["period_start"] = self.period_start.isoformat() if self.period_start else None
        data["period_end"] = self.period_end.isoformat() if self.period_end else None
        return data

    def exports(self) -> list[ExportTable]:
        stages = ExportTable("Stufen", ["Stufe", "mindestens erreicht (Teilnahmen)"],
                             [[label, value] for label, value in zip(self.stage_labels, self.funnel, strict=True)])
        head = ExportTable("Kennzahlen", ["Kennzahl", "Wert"],
                           [[str(HEADLINE_LABELS.get(key, key)), value] for key, value in self.headline.items()],
                           note=self.method)
        return [head, stages, *[t.export() for t in self.tables]]


HEADLINE_LABELS = {
    "persons": "Erreichte Personen",
    "enrolments": "Teilnahmen",
    "completions": "Abschlüsse (mind. abgeschlossen)",
    "transitions": "Übergänge in Arbeit oder Ausbildung",
    "retained_6": "Nach 6 Monaten beschäftigt",
    "retained_12": "Nach 12 Monaten beschäftigt",
    "attendance_rate": "Anwesenheitsquote",
    "trainers_certified": "Zertifizierte Trainer/innen",
    "kits_in_use": "Kits im Einsatz",
}


def _raw_table(b: selectors.Breakdown) -> PublishedTable:
    stage_labels = [str(label) for _, label in selectors.STAGES]
    cols = b.stage_totals
    return PublishedTable(b.dimension, str(selectors.DIMENSIONS[b.dimension]), stage_labels, b.labels,
                          [list(map(int, row)) for row in b.rows], [sum(r) for r in b.rows], list(cols), sum(cols))


def _protected_table(b: selectors.Breakdown, groups: list[list[int]], k: int) -> PublishedTable:
    base = [str(label) for _, label in selectors.STAGES]
    stage_labels = [" / ".join(base[i] for i in g) for g in groups]
    merged = [[sum(row[i] for i in g) for g in groups] for row in b.rows]
    labels, rows = disclosure.collapse_small_rows(b.labels, merged, k=k)
    title = str(selectors.DIMENSIONS[b.dimension])
    total = sum(sum(r) for r in rows)
    if 0 < total < k or (rows and len(rows) < 2 and any(0 < v < k for v in rows[0])):
        return PublishedTable(b.dimension, title, stage_labels, [], [], [], [None] * len(groups), None, True)
    cells = disclosure.suppress(rows, k=k) if rows else []
    cols = [sum(col) for col in zip(*rows, strict=True)] if rows else [0] * len(groups)
    return PublishedTable(b.dimension, title, stage_labels, labels, cells, [sum(r) for r in rows], cols, total)


def _at_least(funnel: list[int], groups: list[list[int]], stage: int) -> int | None:
    """'Reached at least `stage`' is published only if a stage group starts exactly there."""
    for gi, g in enumerate(groups):
        if g[0] == stage:
            return funnel[gi]
    return None


def build(user: Any, filters: selectors.Filters, *, protected: bool, k: int = 5,
          dimensions: list[str] | None = None, title: str = "") -> Report:
    dims = dimensions or REPORT_DIMENSIONS
    found = selectors.breakdowns(user, filters, dims)
    head = selectors.headline(user, filters)
    totals = next(iter(found.values())).stage_totals if found else [0] * len(selectors.STAGES)
    if protected:
        groups = disclosure.merge_small_columns([str(s) for s, _ in selectors.STAGES], totals, k=k)
        tables = [_protected_table(found[d], groups, k) for d in dims]
    else:
        groups = [[s] for s, _ in selectors.STAGES]
        tables = [_raw_table(found[d]) for d in dims]
    grouped = [sum(totals[i] for i in g) for g in groups]
    cumulative = selectors.funnel(grouped)
    base = [str(label) for _, label in selectors.STAGES]
    stage_labels = [" / ".join(base[i] for i in g) for g in groups]
    enrolments = sum(totals)
    headline: dict[str, Any] = {
        "persons": head["persons"], "enrolments": enrolments,
        "completions": _at_least(cumulative, groups, 2), "transitions": _at_least(cumulative, groups, 3),
        "retained_6": _at_least(cumulative, groups, 4), "retained_12": _at_least(cumulative, groups, 5),
        "attendance_rate": round(head["attendance_rate"], 3) if head["attendance_rate"] is not None else None,
    }
    funnel_values: list[int | None] = list(cumulative)
    if protected:
        if 0 < head["persons"] < k:
            headline["persons"] = None
        if 0 < enrolments < k:  # nothing is published about fewer than k enrolments
            headline.update(enrolments=None, completions=None, transitions=None, retained_6=None,
                            retained_12=None, attendance_rate=None)
            funnel_values = [None] * len(groups)
    if filters.programme_id:
        headline.update(selectors.programme_resources([filters.programme_id], filters.start, filters.end))
    method = disclosure.METHOD_TEXT.format(k=k, k_minus=k - 1) if protected else ""
    return Report(title, filters.start, filters.end, protected, k, stage_labels, funnel_values, headline,
                  tables, method)


def build_for_screen(user: Any, filters: selectors.Filters, *, protected: bool, k: int, seconds: int,
                     dimensions: list[str] | None = None) -> tuple[Report, dt.datetime]:
    """`build` for the report screens, with the figures kept for `seconds` (per user, filters and language).

    The same aggregates over ~100k enrolments are asked for again and again while someone browses the
    dashboard or a funder page; figures a minute or two old are fine there, and the screens say how old
    ("Stand"). Stored funder reports and downloads always call `build` directly.
    """
    if seconds <= 0:
        return build(user, filters, protected=protected, k=k, dimensions=dimensions), timezone.now()
    scope = (getattr(user, "role", None), getattr(user, "organisation_id", None), getattr(user, "pk", None),
             getattr(user, "team_id", None))
    raw = repr((scope, filters, protected, k, dimensions, translation.get_language()))
    key = "reporting:screen:" + hashlib.sha256(raw.encode()).hexdigest()
    hit = cache.get(key)
    if hit is not None:
        return hit
    value = (build(user, filters, protected=protected, k=k, dimensions=dimensions), timezone.now())
    cache.set(key, value, seconds)
    return value


def funnel_chart(report: Report) -> Any:
    return charts.bar_chart("Teilnahmen je Stufe (mindestens erreicht)", report.stage_labels, report.funnel)


def render_pdf(report: Report, *, programme: str, funder: str) -> bytes:
    from weasyprint import CSS, HTML

    charts_by_table = {
        t.dimension: charts.bar_chart(f"{t.title}: Teilnahmen", t.labels, t.row_totals)
        for t in report.tables if not t.withheld
    }
    html = render_to_string("reporting/report_pdf.html", {
        "report": report, "programme": programme, "funder": funder, "funnel_chart": funnel_chart(report),
        "charts": charts_by_table, "labels": HEADLINE_LABELS, "printed": timezone.localdate(),
    })
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(CSS_PATH))]) or b""


def render_xlsx(report: Report) -> bytes:
    return to_xlsx(report.exports())
