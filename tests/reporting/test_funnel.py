"""Funnel numbers on the hand-built dataset; protected versions; services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wegweiser.audit.models import AuditEvent
from wegweiser.reporting import report, selectors, services
from wegweiser.reporting.models import FollowUp, Outcome

pytestmark = pytest.mark.django_db


def test_every_stage_counted_once_at_the_furthest_point(world, personas):
    found = selectors.breakdowns(personas.admin, selectors.Filters(), ["gender", "module"])
    assert found["module"].labels == ["CORE"]
    assert found["module"].rows == [[1, 1, 1, 1, 1, 1]]
    assert selectors.funnel(found["module"].stage_totals) == [6, 5, 4, 3, 2, 1]
    assert found["gender"].labels == ["männlich", "weiblich"]
    assert found["gender"].rows == [[0, 1, 0, 1, 0, 1], [1, 0, 1, 0, 1, 0]]


def test_headline_counts_persons_and_attendance(world, personas):
    head = selectors.headline(personas.admin, selectors.Filters(programme_id=world.programme.pk))
    assert head["persons"] == 6 and head["enrolments"] == 6
    assert head["attendance_recorded"] == 5 and head["attendance_rate"] == 1.0


def test_caseworker_of_another_team_sees_nothing(world, personas):
    found = selectors.breakdowns(personas.other_team_caseworker, selectors.Filters(), ["module"])
    assert found["module"].rows == []


def test_funder_sees_only_funded_programmes(world, personas):
    assert selectors.funnel(selectors.breakdowns(personas.funder, selectors.Filters(), ["module"])["module"]
                            .stage_totals) == [6, 5, 4, 3, 2, 1]
    world.funding.delete()
    assert selectors.breakdowns(personas.funder, selectors.Filters(), ["module"])["module"].rows == []


def test_protected_report_merges_small_stages_and_hides_small_counts(world, personas):
    built = report.build(personas.funder, selectors.Filters(), protected=True, k=5)
    # every stage has one enrolment: stages are merged until each group has ≥ 5 → one group of all six
    assert built.funnel == [6]
    assert built.headline["completions"] is None and built.headline["transitions"] is None
    assert built.headline["persons"] == 6
    for table in built.tables:
        assert table.withheld or all(v is None or v == 0 or v >= 5 for row in table.cells for v in row)
    assert "Primärsperrung" in built.method


def test_protected_report_withholds_everything_below_k(world, personas):
    built = report.build(personas.funder, selectors.Filters(), protected=True, k=10)
    assert built.headline["persons"] is None and built.funnel == [None]
    assert all(t.withheld for t in built.tables)


def test_outcome_record_creates_followups_and_audits(world, personas, own_participant):
    before = AuditEvent.objects.count()
    day = world.today - dt.timedelta(days=10)
    outcome = services.outcome_record(actor=personas.caseworker, participant=own_participant, kind="job", date=day,
                                      employer="Nettetal Metallbau", occupation="Helfer", hours_per_week=30)
    assert sorted(outcome.followups.values_list("months", flat=True)) == [6, 12]
    assert outcome.followups.get(months=6).due_on == services.add_months(day, 6)
    assert AuditEvent.objects.count() == before + 1


def test_outcome_record_refuses_bad_input_and_strangers(world, personas, own_participant):
    with pytest.raises(ValidationError):
        services.outcome_record(actor=personas.caseworker, participant=own_participant, kind="job",
                                date=world.today, employer="", occupation="")
    with pytest.raises(ValidationError):
        services.outcome_record(actor=personas.caseworker, participant=own_participant, kind="joined",
                                date=world.today + dt.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        services.outcome_record(actor=personas.funder, participant=own_participant, kind="joined", date=world.today)
    assert Outcome.objects.filter(participant=own_participant).count() == 0
    assert FollowUp.objects.filter(outcome__participant=own_participant).count() == 0


def test_followups_due_for_the_caseworker(world, personas):
    due = list(selectors.followups_due(personas.caseworker))
    assert [f.outcome.participant_id for f in due] == [world.people[3].pk]  # 6 months open; 12 not yet due
    assert selectors.followups_due(personas.funder).count() == 0
    services.followup_answer(actor=personas.caseworker, followup=due[0], status="no")
    assert selectors.followups_due(personas.caseworker).count() == len(due) - 1


def test_add_months_clamps_to_month_end():
    assert services.add_months(dt.date(2024, 8, 31), 6) == dt.date(2025, 2, 28)
    assert services.add_months(dt.date(2024, 1, 15), 12) == dt.date(2025, 1, 15)


def test_monthly_reports_once_per_period(world, personas):
    made = services.monthly_reports_generate(today=world.today)
    assert len(made) == 1 and made[0].pdf and made[0].xlsx
    assert services.monthly_reports_generate(today=world.today) == []


def test_generate_funder_reports_command(world):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("generate_funder_reports", today=world.today, stdout=out)
    assert "1 report(s) generated" in out.getvalue()
    call_command("generate_funder_reports", today=world.today, stdout=out)
    assert "0 report(s) generated" in out.getvalue()


def test_monthly_task_enqueues_and_runs(world):
    from wegweiser.reporting.tasks import monthly_funder_reports

    result = monthly_funder_reports.enqueue()
    assert result.return_value == 1
