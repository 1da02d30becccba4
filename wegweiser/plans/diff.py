"""What changed between two versions of a plan. Pure: plain dicts in, plain data out (no Django).

Steps are paired by their `key`, which a step keeps when a new version is copied from an old one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

PLAN_FIELDS = ("goal_kind", "goal_label", "goal_translation", "goal_occupation_uri", "review_on")
STEP_FIELDS = ("kind", "what", "what_translation", "responsible", "partner_name", "due_on", "status",
               "drop_reason", "module", "recommendation_uri", "referral")


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: Any
    new: Any


@dataclass(frozen=True)
class StepChange:
    key: str
    change: str  # "added", "removed", "changed"
    old: Mapping[str, Any] | None
    new: Mapping[str, Any] | None
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class PlanDiff:
    plan: tuple[FieldChange, ...] = ()
    steps: tuple[StepChange, ...] = ()
    unchanged_steps: int = 0

    @property
    def empty(self) -> bool:
        return not self.plan and not self.steps


def _changes(old: Mapping[str, Any], new: Mapping[str, Any], names: Sequence[str]) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(n, old.get(n), new.get(n)) for n in names if old.get(n) != new.get(n))


def diff_versions(old: Mapping[str, Any], new: Mapping[str, Any]) -> PlanDiff:
    """`old`/`new`: {plan fields..., "steps": [{"key": ..., step fields...}, ...]} in display order."""
    old_steps = {str(s["key"]): s for s in old.get("steps", [])}
    new_steps = {str(s["key"]): s for s in new.get("steps", [])}
    changes: list[StepChange] = []
    unchanged = 0
    for key, step in new_steps.items():
        before = old_steps.get(key)
        if before is None:
            changes.append(StepChange(key, "added", None, step))
            continue
        fields = _changes(before, step, STEP_FIELDS)
        if fields:
            changes.append(StepChange(key, "changed", before, step, fields))
        else:
            unchanged += 1
    for key, step in old_steps.items():
        if key not in new_steps:
            changes.append(StepChange(key, "removed", step, None))
    return PlanDiff(plan=_changes(old, new, PLAN_FIELDS), steps=tuple(changes), unchanged_steps=unchanged)
