"""Tables as CSV and XLSX (typed cells, a bold header row, frozen panes). A table is a title, headers and
rows of str / int / float / None; None is written as the suppression mark "•"."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

SUPPRESSED = "•"


@dataclass
class ExportTable:
    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    note: str = ""


def to_csv(table: ExportTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([SUPPRESSED if v is None else v for v in row])
    if table.note:
        writer.writerow([])
        writer.writerow([table.note])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly


def _sheet_title(title: str, used: set[str]) -> str:
    base = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28] or "Tabelle"
    name, n = base, 2
    while name in used:
        name = f"{base[:25]} {n}"
        n += 1
    used.add(name)
    return name


def to_xlsx(tables: list[ExportTable]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        sheet.append(table.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([SUPPRESSED if v is None else v for v in row])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, float):
                    cell.number_format = "0.0%" if 0 <= cell.value <= 1 else "0.0"
        if table.note:
            sheet.append([])
            sheet.append([table.note])
        sheet.freeze_panes = "B2"
        for i, header in enumerate(table.headers, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = max(12, min(40, len(str(header)) + 4))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
