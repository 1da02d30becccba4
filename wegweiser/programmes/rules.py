"""Pure rules of programme operations (no ORM): CEFR comparison, attendance rate, absence rule,
certification validity. Unit-tested with hand-computed cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from wegweiser.participants.german import CEFR_RANK

ATTENDED = frozenset({"present", "late"})


def level_at_least(have: str, need: str) -> bool:
    if not need:
        return True
    return CEFR_RANK.get(have, 0) >= CEFR_RANK[need]


def attendance_rate(statuses: Sequence[str]) -> float | None:
    """Share of recorded sessions attended (present or late). Excused absences count as not attended."""
    if not statuses:
        return None
    return sum(1 for s in statuses if s in ATTENDED) / len(statuses)


@dataclass(frozen=True)
class AbsenceRule:
    max_unexcused: int = 3
    min_rate: float = 0.8
    min_sessions_for_rate: int = 5

    def breach(self, statuses: Sequence[str]) -> str | None:
        """Why the absences need a caseworker's attention, or None."""
        unexcused = sum(1 for s in statuses if s == "unexcused")
        if self.max_unexcused and unexcused >= self.max_unexcused:
            return f"{unexcused} unentschuldigte Fehltermine"
        rate = attendance_rate(statuses)
        if rate is not None and len(statuses) >= self.min_sessions_for_rate and rate < self.min_rate:
            return f"Anwesenheitsquote {round(rate * 100)} % unter {round(self.min_rate * 100)} %"
        return None


def certification_covers(valid_until: dt.date, certified_on: dt.date, start: dt.date, end: dt.date) -> bool:
    """A certification qualifies a trainer for a course if it is valid from the start to the end."""
    return certified_on <= start and valid_until >= end


def initials(given_name: str, family_name: str) -> str:
    """'Amina Haddad' → 'A. H.' (first letter of the first given name and of the family name)."""
    parts = [p for p in (given_name.split()[:1] + family_name.split()[:1]) if p]
    return " ".join(f"{p[0].upper()}." for p in parts)
