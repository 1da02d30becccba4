"""seed_programmes: the LQA demo on top of seed_demo, idempotent and deterministic."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from wegweiser.accounts.models import User
from wegweiser.participants import demo as participant_demo
from wegweiser.participants import policy as participant_policy
from wegweiser.programmes import demo
from wegweiser.programmes.models import (
    Attendance,
    CaseworkerTask,
    Course,
    Enrolment,
    Kit,
    KitLoan,
    Module,
    Session,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world(db):
    participant_demo.seed_demo(participants=400, seed=1)


def _fingerprint():
    return (
        list(Module.objects.order_by("code").values_list("code", "title", "entry_german_level", "hours")),
        list(Course.objects.order_by("code").values_list("code", "start_date", "end_date", "capacity")),
        list(Enrolment.objects.order_by("course__code", "participant__customer_number").values_list(
            "course__code", "participant__customer_number", "status")),
        list(Attendance.objects.order_by("session__date", "session__start_time",
                                         "enrolment__participant__customer_number")
             .values_list("enrolment__participant__customer_number", "status")),
        sorted(Kit.objects.values_list("identifier", "status", "condition")),
    )


def test_seed_creates_the_lqa_demo_and_is_idempotent(demo_world):
    today = timezone.localdate()
    first = demo.seed_programmes(seed=1, today=today)
    assert first.modules_created == 6 and first.courses_created == 2
    assert set(Module.objects.values_list("code", flat=True)) == {
        "core", "future-skills", "bewerbungstraining", "integrationskurs", "bsk-b1", "bsk-b2"}
    assert Session.objects.count() == 40
    assert Enrolment.objects.filter(status="enrolled").count() == 28
    assert Enrolment.objects.filter(status="waiting").count() == 5
    assert Attendance.objects.count() > 200
    assert CaseworkerTask.objects.filter(kind="absence").exists()
    assert KitLoan.objects.filter(due_on__lt=today, returned_on__isnull=True, lost=False).exists()
    assert Kit.objects.filter(status="missing").exists()
    trainer = User.objects.get(username="demo-trainer")
    assert set(Course.objects.filter(trainers=trainer).values_list("code", flat=True)) == {"core-a", "fs-a"}
    assert participant_policy.scope(trainer).count() == 28
    before = _fingerprint()
    again = demo.seed_programmes(seed=1, today=today)
    assert (again.modules_created, again.courses_created, again.enrolments_created, again.kits_created,
            again.loans_created, again.users_created) == (0, 0, 0, 0, 0, [])
    assert _fingerprint() == before


def test_seed_is_deterministic(demo_world):
    today = timezone.localdate()
    demo.seed_programmes(seed=1, today=today)
    first = _fingerprint()
    for model in (Attendance, CaseworkerTask, KitLoan, Kit, Enrolment, Session):
        model.objects.all().delete()
    Course.objects.all().delete()
    demo.seed_programmes(seed=1, today=today)
    assert _fingerprint() == first


def test_command_reports_and_needs_seed_demo(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="seed_demo"):
        call_command("seed_programmes")


def test_command_output(demo_world):
    out = StringIO()
    call_command("seed_programmes", "--seed", "1", stdout=out)
    assert "2 Kurse" in out.getvalue()
