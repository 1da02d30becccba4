"""The daily task: it runs retention and queues itself for the next day; db_worker really picks it up."""

from __future__ import annotations

import datetime as dt
import io
import signal

import pytest
import time_machine
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from tests.retention.conftest import at_local, exit_day
from wegweiser.interests.models import AnswerSet
from wegweiser.retention.tasks import daily_retention, next_run_at, retention_schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def db_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def run_worker():
    """db_worker --batch in this process; its SIGINT/SIGTERM/SIGQUIT handlers are put back afterwards."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO(),
                     stderr=io.StringIO())

    yield run
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def ready():
    return list(DBTaskResult.objects.filter(task_path=daily_retention.module_path, status="READY")
                .order_by("run_after").values_list("run_after", flat=True))


@pytest.mark.parametrize(("now", "expected"), [
    (at_local(dt.date(2027, 5, 4), 2), at_local(dt.date(2027, 5, 4), 3)),
    (at_local(dt.date(2027, 5, 4), 3), at_local(dt.date(2027, 5, 5), 3)),
    (at_local(dt.date(2027, 12, 31), 23), at_local(dt.date(2028, 1, 1), 3)),
    # Night of the switch to summer time (02:00 → 03:00): 03:00 still exists and comes once.
    (at_local(dt.date(2027, 3, 27), 12), at_local(dt.date(2027, 3, 28), 3)),
])
def test_next_run_is_the_next_three_oclock_local(now, expected):
    assert next_run_at(now) == expected


def test_immediate_backend_cannot_defer_so_nothing_is_queued():
    assert retention_schedule() is None


def test_schedule_queues_once(db_backend):
    with time_machine.travel(at_local(dt.date(2027, 5, 4), 14), tick=False):
        assert retention_schedule() == at_local(dt.date(2027, 5, 5), 3)
        assert retention_schedule() is None
        out = io.StringIO()
        call_command("run_retention", "--schedule", stdout=out)
        assert "already queued" in out.getvalue()
    assert ready() == [at_local(dt.date(2027, 5, 5), 3)]


@pytest.mark.django_db(transaction=True)  # db_worker closes the connection between tasks (PostgreSQL)
def test_db_worker_runs_the_task_which_queues_the_next_day(db_backend, exited, run_worker):
    due_day = exit_day() + dt.timedelta(days=365)  # the self-service data is due that day
    with time_machine.travel(at_local(due_day - dt.timedelta(days=1), 12), tick=False):
        retention_schedule()
    assert ready() == [at_local(due_day, 3)]

    with time_machine.travel(at_local(due_day, 2), tick=False):  # not yet: the worker leaves it waiting
        run_worker()
    assert AnswerSet.objects.filter(participant=exited.participant).exists()

    with time_machine.travel(at_local(due_day, 3) + dt.timedelta(seconds=5)):
        run_worker()
    assert not AnswerSet.objects.filter(participant=exited.participant).exists()
    done = DBTaskResult.objects.get(task_path=daily_retention.module_path, status="SUCCESSFUL")
    assert done.return_value == {"today": due_day.isoformat(), "done": 1, "skipped": 0, "errors": 0}
    assert ready() == [at_local(due_day + dt.timedelta(days=1), 3)]
