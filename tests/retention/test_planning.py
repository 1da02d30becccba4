"""The pure planner: plain facts in, due actions out."""

from __future__ import annotations

import datetime as dt

import pytest

from wegweiser.retention.planning import (
    Action,
    Category,
    ParticipantFacts,
    RetentionPeriods,
    plan_retention,
)

PERIODS = RetentionPeriods(case_file=1826, contact_notes=730, selfservice=365, documents=1095, audit_log=1095)
EXIT = dt.date(2020, 3, 10)


def full(pid=1, **kwargs):
    values = dict(participant_id=pid, exit_date=EXIT, has_contact_notes=True, has_selfservice_data=True,
                  has_documents=True)
    values.update(kwargs)
    return ParticipantFacts(**values)


def due(today, facts, **kwargs):
    return [(a.category, a.action, a.participant_id) for a in
            plan_retention(today=today, periods=PERIODS, participants=facts, **kwargs)]


@pytest.mark.parametrize(("category", "days"), [
    (Category.SELFSERVICE, 365), (Category.CONTACT_NOTES, 730), (Category.DOCUMENTS, 1095),
    (Category.CASE_FILE, 1826),
])
def test_each_category_is_due_on_the_day_not_the_day_before(category, days):
    day = EXIT + dt.timedelta(days=days)
    assert (category, plan_action(category), 1) not in due(day - dt.timedelta(days=1), [full()])
    assert (category, plan_action(category), 1) in due(day, [full()])


def plan_action(category):
    return Action.ANONYMISE if category == Category.CASE_FILE else Action.DELETE


def test_nothing_due_the_day_before_the_first_period_ends():
    assert due(EXIT + dt.timedelta(days=364), [full()]) == []


def test_on_the_case_file_day_everything_goes_parts_first():
    assert due(EXIT + dt.timedelta(days=1826), [full()]) == [
        (Category.CONTACT_NOTES, Action.DELETE, 1), (Category.SELFSERVICE, Action.DELETE, 1),
        (Category.DOCUMENTS, Action.DELETE, 1), (Category.CASE_FILE, Action.ANONYMISE, 1),
    ]


def test_legal_hold_exempts_from_everything():
    assert due(EXIT + dt.timedelta(days=5000), [full(on_hold=True)]) == []


def test_participant_without_exit_is_never_due():
    assert due(dt.date(2100, 1, 1), [full(exit_date=None)]) == []


def test_nothing_left_to_do_plans_nothing():
    done = full(anonymised=True, has_contact_notes=False, has_selfservice_data=False, has_documents=False)
    assert due(dt.date(2100, 1, 1), [done]) == []


def test_parts_never_outlive_the_case_file():
    periods = RetentionPeriods(case_file=100, contact_notes=730, selfservice=365, documents=1095, audit_log=10)
    actions = plan_retention(today=EXIT + dt.timedelta(days=100), periods=periods, participants=[full()])
    assert {a.category for a in actions} == {Category.CASE_FILE, Category.CONTACT_NOTES, Category.SELFSERVICE,
                                            Category.DOCUMENTS}
    assert plan_retention(today=EXIT + dt.timedelta(days=99), periods=periods, participants=[full()]) == []


def test_participants_come_in_id_order():
    actions = due(EXIT + dt.timedelta(days=365), [full(7), full(3)])
    assert [pid for _, _, pid in actions] == [3, 7]


def test_audit_log_due_on_the_day_with_cutoff_after_the_oldest_event():
    oldest = dt.date(2021, 1, 31)
    assert plan_retention(today=oldest + dt.timedelta(days=1094), periods=PERIODS, participants=[],
                          oldest_audit_day=oldest) == []
    [action] = plan_retention(today=oldest + dt.timedelta(days=1095), periods=PERIODS, participants=[],
                              oldest_audit_day=oldest, held_participant_ids=[9, 4, 9])
    assert action.category == Category.AUDIT_LOG and action.action == Action.DELETE
    # Events on the oldest day go (strictly before the next day), the next day's stay one more day.
    assert action.before == oldest + dt.timedelta(days=1)
    assert action.keep_participant_ids == (4, 9)


def test_no_audit_events_no_audit_action():
    assert plan_retention(today=dt.date(2100, 1, 1), periods=PERIODS, participants=[], oldest_audit_day=None) == []


@pytest.mark.parametrize("bad", [0, -1])
def test_periods_must_be_at_least_one_day(bad):
    with pytest.raises(ValueError, match="contact_notes"):
        RetentionPeriods(case_file=10, contact_notes=bad, selfservice=1, documents=1, audit_log=1)
