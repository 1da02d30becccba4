"""Pure rules with hand-computed cases."""

from __future__ import annotations

import datetime as dt

from wegweiser.programmes import ical, rules


def test_level_at_least():
    assert rules.level_at_least("B1", "A2")
    assert rules.level_at_least("A2", "A2")
    assert not rules.level_at_least("A1", "A2")
    assert not rules.level_at_least("", "A1")
    assert rules.level_at_least("", "")
    assert rules.level_at_least("native", "C2")


def test_attendance_rate_counts_late_as_attended_and_excused_as_not():
    assert rules.attendance_rate(["present", "late", "excused", "unexcused"]) == 0.5
    assert rules.attendance_rate([]) is None


def test_absence_rule_three_unexcused():
    rule = rules.AbsenceRule(max_unexcused=3, min_rate=0.8, min_sessions_for_rate=5)
    assert rule.breach(["unexcused", "unexcused"]) is None
    assert rule.breach(["unexcused", "unexcused", "unexcused"]) == "3 unentschuldigte Fehltermine"


def test_absence_rule_rate_only_after_enough_sessions():
    rule = rules.AbsenceRule(max_unexcused=3, min_rate=0.8, min_sessions_for_rate=5)
    assert rule.breach(["excused"]) is None  # 0 % of one session says nothing yet
    assert rule.breach(["present", "present", "present", "excused"]) is None
    # 3 of 5 = 60 % < 80 %
    assert rule.breach(["present", "present", "present", "excused", "excused"]) == "Anwesenheitsquote 60 % unter 80 %"
    # 4 of 5 = 80 % is not below
    assert rule.breach(["present", "present", "present", "late", "excused"]) is None


def test_certification_must_cover_the_whole_course():
    on, until = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
    assert rules.certification_covers(until, on, dt.date(2026, 2, 1), dt.date(2026, 6, 30))
    assert not rules.certification_covers(until, on, dt.date(2026, 2, 1), dt.date(2026, 7, 1))
    assert not rules.certification_covers(until, on, dt.date(2025, 12, 1), dt.date(2026, 3, 1))


def test_initials():
    assert rules.initials("Amina Sara", "Haddad") == "A. H."
    assert rules.initials("amina", "al-Khatib") == "A. A."
    assert rules.initials("", "Haddad") == "H."


def test_ical_escapes_and_folds():
    assert ical.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    long = "SUMMARY:" + "ä" * 80
    folded = ical.fold(long)
    for line in folded.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == long


def test_ical_calendar_is_well_formed():
    event = ical.Event(uid="session-1@wegweiser", start=dt.datetime(2026, 3, 2, 9), end=dt.datetime(2026, 3, 2, 12),
                       summary="CORE: Dateien, Ordner", location="Raum 1")
    text = ical.calendar([event], name="Kurse", stamp=dt.datetime(2026, 3, 1, 8, tzinfo=dt.UTC))
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "DTSTART;TZID=Europe/Berlin:20260302T090000" in lines
    assert "SUMMARY:CORE: Dateien\\, Ordner" in lines
    assert "DTSTAMP:20260301T080000Z" in lines
    assert text.count("BEGIN:VEVENT") == 1
