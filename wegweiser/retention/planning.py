"""What retention work is due on a given day: plain data in, a list of actions out. No Django, no ORM.

Rules (periods in days, counted from the participant's exit date; the audit log from each event's date):
- a category is due ON the day exit_date + period, not the day before;
- the other participant categories are never kept longer than the case file itself: once the case file is
  anonymised, contact notes, self-service data and documents go with it (effective period = min of both);
- a participant under an active legal hold gets no action at all, and neither do the audit rows about them;
- an action is only planned if there is something left to do (idempotent: a second run plans nothing).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    CASE_FILE = "case_file"
    CONTACT_NOTES = "contact_notes"
    SELFSERVICE = "selfservice"
    DOCUMENTS = "documents"
    AUDIT_LOG = "audit_log"


class Action(StrEnum):
    ANONYMISE = "anonymise"
    DELETE = "delete"


ACTION_OF = {
    Category.CASE_FILE: Action.ANONYMISE,
    Category.CONTACT_NOTES: Action.DELETE,
    Category.SELFSERVICE: Action.DELETE,
    Category.DOCUMENTS: Action.DELETE,
    Category.AUDIT_LOG: Action.DELETE,
}
# Per participant, the parts go first and the case file last (its anonymisation is the final step).
PARTICIPANT_ORDER = (Category.CONTACT_NOTES, Category.SELFSERVICE, Category.DOCUMENTS, Category.CASE_FILE)


@dataclass(frozen=True)
class RetentionPeriods:
    case_file: int
    contact_notes: int
    selfservice: int
    documents: int
    audit_log: int

    def __post_init__(self) -> None:
        for category in Category:
            days = self.days(category)
            if not isinstance(days, int) or days < 1:
                raise ValueError(f"retention period for {category} must be a whole number of days >= 1, got {days!r}")

    def days(self, category: Category) -> int:
        value: int = getattr(self, str(category))
        return value

    def effective_days(self, category: Category) -> int:
        if category == Category.AUDIT_LOG:
            return self.audit_log
        return min(self.days(category), self.case_file)


@dataclass(frozen=True)
class ParticipantFacts:
    participant_id: int
    exit_date: dt.date | None
    on_hold: bool = False
    anonymised: bool = False
    has_contact_notes: bool = False
    has_selfservice_data: bool = False
    has_documents: bool = False

    def has(self, category: Category) -> bool:
        return {
            Category.CASE_FILE: not self.anonymised,
            Category.CONTACT_NOTES: self.has_contact_notes,
            Category.SELFSERVICE: self.has_selfservice_data,
            Category.DOCUMENTS: self.has_documents,
        }[category]


@dataclass(frozen=True)
class DueAction:
    category: Category
    action: Action
    due_on: dt.date
    participant_id: int | None = None
    # Audit log only: events strictly before local midnight of this day are deleted ...
    before: dt.date | None = None
    # ... except the ones about participants under a legal hold.
    keep_participant_ids: tuple[int, ...] = ()


def due_date(start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=days)


def plan_retention(
    *,
    today: dt.date,
    periods: RetentionPeriods,
    participants: Iterable[ParticipantFacts],
    oldest_audit_day: dt.date | None = None,
    held_participant_ids: Iterable[int] = (),
) -> list[DueAction]:
    """Everything due on `today`, participant by participant (ascending id), the audit log last.

    `oldest_audit_day` is the local date of the oldest audit event that is not about a held participant
    (None: no such event)."""
    actions: list[DueAction] = []
    for facts in sorted(participants, key=lambda f: f.participant_id):
        if facts.on_hold or facts.exit_date is None:
            continue
        for category in PARTICIPANT_ORDER:
            due_on = due_date(facts.exit_date, periods.effective_days(category))
            if today >= due_on and facts.has(category):
                actions.append(DueAction(category, ACTION_OF[category], due_on, participant_id=facts.participant_id))
    if oldest_audit_day is not None:
        due_on = due_date(oldest_audit_day, periods.audit_log)
        if today >= due_on:
            # An event of day D is deleted from day D + period on: everything before (today - period + 1).
            before = today - dt.timedelta(days=periods.audit_log - 1)
            actions.append(DueAction(Category.AUDIT_LOG, Action.DELETE, due_on, before=before,
                                     keep_participant_ids=tuple(sorted(set(held_participant_ids)))))
    return actions
