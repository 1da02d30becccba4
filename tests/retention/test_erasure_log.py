"""The erasure log outside the database, and re-applying it."""

from __future__ import annotations

import datetime as dt
import io
import os

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import ContactNoteFactory
from tests.retention.conftest import exit_day
from wegweiser.audit.models import AuditEvent
from wegweiser.participants.models import ContactNote, Participant
from wegweiser.retention import erasure_log
from wegweiser.retention.erasure_log import ErasureEntry
from wegweiser.retention.services import erasures_reapply, retention_run

NOW = dt.datetime(2031, 3, 9, 2, 0, tzinfo=dt.UTC)


def entry(**kwargs):
    values = dict(at=NOW, category="contact_notes", action="delete", participant_id=7, customer_hash="ab",
                  organisation_id=1, rows=2, before=NOW)
    values.update(kwargs)
    return ErasureEntry(**values)


def test_entries_round_trip_and_are_fsynced(settings, monkeypatch):
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    erasure_log.append(entry())
    erasure_log.append(entry(category="audit_log", participant_id=None, keep_participant_ids=(3, 4)))
    assert len(synced) >= 3  # both lines, and the directory once the file was new
    assert erasure_log.read() == [entry(), entry(category="audit_log", participant_id=None,
                                                 keep_participant_ids=(3, 4))]
    assert erasure_log.log_path().read_text().endswith("\n")


def test_torn_last_line_is_ignored_a_broken_middle_line_is_not(settings):
    erasure_log.append(entry())
    with erasure_log.log_path().open("a") as handle:
        handle.write('{"at": "2031-')
    assert erasure_log.read() == [entry()]
    with erasure_log.log_path().open("a") as handle:
        handle.write("\n" + entry().to_json() + "\n")
    with pytest.raises(ValueError, match="unreadable erasure log entry"):
        erasure_log.read()


def test_customer_hash_is_keyed_and_per_organisation(settings):
    plain = erasure_log.customer_hash(1, "312D000001")
    assert plain != erasure_log.customer_hash(2, "312D000001")
    settings.SECRET_KEY = "another-key-entirely-for-this-test"
    assert plain != erasure_log.customer_hash(1, "312D000001")


@pytest.mark.django_db
def test_reapply_on_a_database_that_reflects_everything_changes_nothing(exited):
    retention_run(today=exit_day() + dt.timedelta(days=1826))
    audit_rows = AuditEvent.objects.count()
    report = erasures_reapply()
    assert report.entries == 4 and report.applied == [] and report.already == 4
    assert AuditEvent.objects.count() == audit_rows


@pytest.mark.django_db
def test_reapply_erases_again_what_came_back(exited, personas):
    participant = exited.participant
    original_number = participant.customer_number
    retention_run(today=exit_day() + dt.timedelta(days=1826))
    # What a restored older backup would hold again: the old identity and a contact note.
    Participant.objects.filter(pk=participant.pk).update(customer_number=original_number, given_name="Sara")
    restored_note = ContactNoteFactory(participant=participant, author=personas.caseworker)
    ContactNote.objects.filter(pk=restored_note.pk).update(created_at=timezone.now() - dt.timedelta(days=3))
    later_note = ContactNoteFactory(participant=participant, author=personas.caseworker)
    ContactNote.objects.filter(pk=later_note.pk).update(created_at=timezone.now() + dt.timedelta(days=3))

    report = erasures_reapply()
    assert sorted(report.applied) == [f"participant {participant.pk}: case_file (3)",
                                      f"participant {participant.pk}: contact_notes (1)"]
    assert Participant.objects.get(pk=participant.pk).given_name == "Anonymisiert"
    # Only notes older than the logged erasure go; one written after it is not the log's business.
    assert list(ContactNote.objects.filter(participant=participant)) == [later_note]
    assert AuditEvent.objects.filter(actor_name="system:reapply_erasures",
                                     detail__startswith="Nach Wiederherstellung").count() == 2
    assert erasures_reapply().applied == []


@pytest.mark.django_db
def test_reapply_skips_an_id_that_now_means_someone_else(exited, settings):
    erasure_log.append(entry(category="case_file", action="anonymise", participant_id=exited.participant.pk,
                             customer_hash="0" * 64))
    report = erasures_reapply()
    assert report.skipped == [f"participant {exited.participant.pk}: customer number does not match the log, skipped"]
    assert Participant.objects.get(pk=exited.participant.pk).given_name == exited.participant.given_name


@pytest.mark.django_db
def test_reapply_command_reports(exited):
    retention_run(today=exit_day() + dt.timedelta(days=400))
    out = io.StringIO()
    call_command("reapply_erasures", stdout=out)
    assert "1 log entries in" in out.getvalue() and "0 re-applied, 1 already reflected, 0 skipped" in out.getvalue()
