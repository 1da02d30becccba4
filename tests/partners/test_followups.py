"""No answer after the configured days: one follow-up task for the caseworker (daily command)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import timezone

from tests.partners.conftest import give
from wegweiser.partners import services
from wegweiser.partners.models import FollowUpTask

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def sent(personas, participant, ngo):
    with time_machine.travel(START, tick=False):
        give(personas.caseworker, participant, ngo)
        return services.referral_create(actor=personas.caseworker, participant=participant, organisation=ngo,
                                        shared_fields=[])


def test_task_after_seven_days_once(sent, personas):
    with time_machine.travel(START + dt.timedelta(days=6, hours=23), tick=False):
        call_command("partner_followups")
        assert not FollowUpTask.objects.exists()
    with time_machine.travel(START + dt.timedelta(days=7, hours=1), tick=False):
        call_command("partner_followups")
        call_command("partner_followups")  # daily runs do not duplicate
    task = FollowUpTask.objects.get()
    assert task.assignee == personas.caseworker and task.referral == sent
    assert "Hilfsorganisation Test" in task.detail and "7 Tagen" in task.detail


def test_configurable_days(sent, settings):
    settings.WEGWEISER_REFERRAL_FOLLOWUP_DAYS = 3
    with time_machine.travel(START + dt.timedelta(days=3, hours=1), tick=False):
        assert services.followups_create() == 1


def test_answered_referral_gets_no_task_and_answer_closes_task(sent, personas):
    with time_machine.travel(START + dt.timedelta(days=8), tick=False):
        services.followups_create()
        services.referral_answer(actor=personas.partner, referral_id=sent.pk, status="accepted")
        assert not FollowUpTask.objects.filter(done_at__isnull=True).exists()
    with time_machine.travel(START + dt.timedelta(days=30), tick=False):
        assert services.followups_create() == 0


def test_done_task_comes_back_after_another_period(sent, personas):
    with time_machine.travel(START + dt.timedelta(days=8), tick=False):
        services.followups_create()
        services.followup_done(actor=personas.caseworker, task=FollowUpTask.objects.get())
        assert services.followups_create() == 0
    with time_machine.travel(START + dt.timedelta(days=16), tick=False):
        assert services.followups_create() == 1


def test_dashboard_include_lists_open_tasks_for_the_user(client, sent, personas):
    with time_machine.travel(START + dt.timedelta(days=8), tick=False):
        services.followups_create()
    html = render_to_string("partners/_dashboard_followups.html", {"user": personas.caseworker})
    assert str(sent.participant) in html and "erledigt" in html
    assert render_to_string("partners/_dashboard_followups.html", {"user": personas.teammate}).strip() == ""
    assert timezone.now()  # time machine left
