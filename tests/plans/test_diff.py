"""The diff pairs steps by key across versions; hand-built cases plus one through the database."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.plans.conftest import make_agreed
from wegweiser.plans import selectors, services
from wegweiser.plans.diff import diff_versions


def test_added_removed_changed_and_plan_fields():
    old = {"goal_label": "Deutsch B1", "review_on": dt.date(2026, 1, 1),
           "steps": [{"key": "a", "what": "Kurs", "status": "offen"}, {"key": "b", "what": "Termin"}]}
    new = {"goal_label": "Deutsch B2", "review_on": dt.date(2026, 1, 1),
           "steps": [{"key": "a", "what": "Kurs", "status": "erledigt"}, {"key": "c", "what": "Bewerbung"}]}
    d = diff_versions(old, new)
    assert [(c.name, c.old, c.new) for c in d.plan] == [("goal_label", "Deutsch B1", "Deutsch B2")]
    assert [(c.key, c.change) for c in d.steps] == [("a", "changed"), ("c", "added"), ("b", "removed")]
    assert [(f.name, f.old, f.new) for f in d.steps[0].fields] == [("status", "offen", "erledigt")]
    assert d.unchanged_steps == 0 and not d.empty


def test_identical_versions_have_no_diff():
    v = {"goal_label": "x", "steps": [{"key": "a", "what": "Kurs"}]}
    d = diff_versions(v, v)
    assert d.empty and d.unchanged_steps == 1


@pytest.mark.django_db
def test_diff_between_stored_versions(personas, own_participant, today):
    v1 = make_agreed(personas.caseworker, own_participant, steps=(("Kurs A", 10), ("Kurs B", 20)))
    draft = services.plan_draft_create(actor=personas.caseworker, participant=own_participant)
    a, b = draft.steps.order_by("position")
    services.step_update(actor=personas.caseworker, step=a, lock=draft.lock, status="dropped",
                         drop_reason="Kurs fällt aus")
    draft.refresh_from_db()
    services.step_remove(actor=personas.caseworker, step=b, lock=draft.lock)
    draft.refresh_from_db()
    services.step_add(actor=personas.caseworker, version=draft, lock=draft.lock, what="Praktikum",
                      due_on=today + dt.timedelta(days=40))
    d = diff_versions(selectors.snapshot(v1), selectors.snapshot(selectors.version_get(own_participant, 2)))
    summary = sorted((c.change, (c.new or c.old)["what"]) for c in d.steps)
    assert summary == [("added", "Praktikum"), ("changed", "Kurs A"), ("removed", "Kurs B")]
    changed = next(c for c in d.steps if c.change == "changed")
    assert {f.name for f in changed.fields} == {"status", "drop_reason"}
