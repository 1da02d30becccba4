from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand

from wegweiser.reporting.services import monthly_reports_generate


class Command(BaseCommand):
    help = "Generate last month's funder report (PDF + XLSX) for every active programme funding."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                            help="Pretend today is this date (YYYY-MM-DD); the report covers the month before.")

    def handle(self, *args: Any, **options: Any) -> None:
        made = monthly_reports_generate(today=options["today"])
        for report in made:
            self.stdout.write(f"{report.funding}: {report.period_start:%Y-%m} ({len(bytes(report.pdf)):,} bytes PDF)")
        self.stdout.write(f"{len(made)} report(s) generated")
