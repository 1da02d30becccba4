"""Background job (django-tasks): the monthly funder reports. Schedule it on the 1st of each month
(e.g. cron → `manage.py generate_funder_reports`, or enqueue `monthly_funder_reports`)."""

from __future__ import annotations

from django_tasks import task

from .services import monthly_reports_generate


@task()
def monthly_funder_reports() -> int:
    """Generate last month's report for every active programme funding; returns how many were made."""
    return len(monthly_reports_generate())
