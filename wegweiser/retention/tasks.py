"""Background job (django-tasks): the daily retention run, which schedules its own next run.

Start the chain once with `manage.py run_retention --schedule` (idempotent; `make run` and deployments can
call it at every start). `manage.py db_worker` then runs `daily_retention` every day at
WEGWEISER_RETENTION_HOUR local time; each run enqueues the next one with `run_after` before it starts
working, so a failing run does not break the chain. Backends that cannot defer tasks (the immediate
backend of the tests) get no follow-up run.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .services import retention_run

logger = logging.getLogger(__name__)


def next_run_at(now: dt.datetime) -> dt.datetime:
    """The next WEGWEISER_RETENTION_HOUR:00 local time strictly after `now`."""
    local = timezone.localtime(now)
    candidate = timezone.make_aware(dt.datetime.combine(local.date(), dt.time(settings.WEGWEISER_RETENTION_HOUR)))
    if candidate <= local:
        candidate = timezone.make_aware(
            dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(settings.WEGWEISER_RETENTION_HOUR)))
    return candidate


def _already_scheduled(now: dt.datetime) -> bool:
    backend = daily_retention.get_backend()
    if type(backend).__module__.split(".")[0] != "django_tasks_db":
        return False
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=daily_retention.module_path, status="READY",
                                       run_after__gt=now).exists()


def retention_schedule(*, now: dt.datetime | None = None) -> dt.datetime | None:
    """Enqueue the next daily run unless one is already waiting; returns its time (None: nothing queued)."""
    now = now or timezone.now()
    if not daily_retention.get_backend().supports_defer or _already_scheduled(now):
        return None
    run_after = next_run_at(now)
    daily_retention.using(run_after=run_after).enqueue()
    return run_after


@task()
def daily_retention() -> dict[str, Any]:
    """Run retention for today, after queueing tomorrow's run. Returns a summary of what was done."""
    retention_schedule()
    report = retention_run()
    for error in report.errors:
        logger.error("retention: %s", error)
    return {"today": report.today.isoformat(), "done": len(report.done), "skipped": len(report.skipped),
            "errors": len(report.errors)}
