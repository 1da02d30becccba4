"""Restore drill: back up, change and erase, restore the older backup, erasures come back into force.

Runs against the test database itself through the service functions (the same ones the commands call):
SQLite through the sqlite3 backup API, PostgreSQL through pg_dump/pg_restore (that variant only when
DATABASE_URL points at PostgreSQL). `transaction=True`: a restore cannot run inside the test's transaction
(pytest-django runs these after the rolled-back tests and empties the tables afterwards; no
`serialized_rollback`: it collides with the content types another transactional test's flush recreates).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tests.factories import ContactNoteFactory
from tests.retention.conftest import exit_day, exited_participant, fill_every_category
from wegweiser.audit.models import AuditEvent
from wegweiser.interests.models import AnswerSet
from wegweiser.participants.models import ContactNote, Participant
from wegweiser.partners.models import Consent
from wegweiser.reporting import selectors as reporting
from wegweiser.retention import erasure_log
from wegweiser.retention.dbcopy import BackupError
from wegweiser.retention.services import database_backup, database_restore, erasures_reapply, retention_run

pytestmark = pytest.mark.django_db(transaction=True)


def media_file(consent) -> Path:
    return Path(settings.MEDIA_ROOT) / consent.form_file.name


def report_figures(world, user):
    filters = reporting.Filters(programme_id=world.programme.pk, end=world.today)
    tables = reporting.breakdowns(user, filters, ["gender", "nationality", "municipality", "module"])
    return reporting.headline(user, filters), {d: (b.labels, b.rows) for d, b in tables.items()}


def drill(tmp_path, world, personas, jobcenter):
    leaving = exited_participant(jobcenter, personas.caseworker)
    leavers_form = media_file(fill_every_category(leaving, personas.caseworker).consent)
    staying = world.people[0]
    stayers_form = media_file(fill_every_category(staying, personas.caseworker).consent)
    figures = report_figures(world, personas.admin)

    backup = database_backup(actor=personas.admin, output=tmp_path / "before.backup")
    assert backup.path.exists() and (tmp_path / "before.backup.json").exists()
    assert backup.media_files == 2 and backup.media_path == tmp_path / "before.backup.media.tar"
    stayers_form.unlink()  # a lost disk: the form must come back with the restore

    # After the backup: ordinary work, then the retention run five years on erases the leaver and, the
    # clock being that far ahead, every audit row older than three years (all of them, so far).
    ContactNoteFactory(participant=staying, author=personas.caseworker, text="nach der Sicherung")
    done = retention_run(today=exit_day() + dt.timedelta(days=1826))
    assert [r.action.category for r in done.done] == [
        "contact_notes", "selfservice", "documents", "case_file", "audit_log"]
    assert done.errors == []
    assert not AuditEvent.objects.filter(pk__lte=backup.audit_max_id).exists()
    audit_before_restore = list(AuditEvent.objects.order_by("id").values_list("id", "at", "action", "detail"))
    assert Participant.objects.get(pk=leaving.pk).given_name == "Anonymisiert"

    assert not leavers_form.exists()  # erased with the leaver's documents
    result = database_restore(actor="drill", path=backup.path)
    assert result.warnings == []
    # the uploaded files came back with the database, but the leaver's erased form is gone again
    assert stayers_form.read_bytes() == b"%PDF-1.4 signed"
    assert not leavers_form.exists()
    assert result.media_restored == 2

    # The erasures are in force again, without anyone running anything by hand.
    after = Participant.objects.get(pk=leaving.pk)
    assert after.given_name == "Anonymisiert" and after.customer_number == f"ANON-{leaving.pk}"
    assert ContactNote.objects.filter(participant=leaving).count() == 0
    assert AnswerSet.objects.filter(participant=leaving).count() == 0
    assert Consent.objects.get(participant=leaving).form_file.name == ""
    assert result.reapply is not None and len(result.reapply.applied) == 5 and result.reapply.skipped == []
    # Work done after the backup is gone (that is what a restore means) ...
    assert not ContactNote.objects.filter(text="nach der Sicherung").exists()
    # ... but the audit trail is not: every row from before the restore is still there, unchanged, with
    # its id, and the restore and the re-applied erasures follow with higher ids and later times.
    audit_after = list(AuditEvent.objects.order_by("id").values_list("id", "at", "action", "detail"))
    assert audit_after[:len(audit_before_restore)] == audit_before_restore
    assert result.carried_over == len([row for row in audit_before_restore if row[0] > backup.audit_max_id])
    new_rows = audit_after[len(audit_before_restore):]
    assert new_rows[0][3].startswith("Wiederherstellung aus before.backup")
    assert [r[3][:33] for r in new_rows[1:]] == ["Nach Wiederherstellung erneut ang"] * 5
    ids = [row[0] for row in audit_after]
    times = [row[1] for row in audit_after]
    assert ids == sorted(set(ids)) and times == sorted(times)
    # New rows keep counting upwards after the carried-over ones.
    assert AuditEvent.objects.create(action="view", actor_name="check").pk > ids[-1]
    # Funder figures are what they were.
    assert report_figures(world, personas.admin) == figures
    # Idempotent: a second pass finds nothing to do.
    assert erasures_reapply().applied == []
    assert len(erasure_log.read()) == 5


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite drill (DATABASE_URL is not SQLite)")
def test_restore_drill_sqlite(tmp_path, world, personas, jobcenter):
    drill(tmp_path, world, personas, jobcenter)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs DATABASE_URL=postgres://…")
@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="needs the PostgreSQL client tools")
def test_restore_drill_postgresql(tmp_path, world, personas, jobcenter):
    drill(tmp_path, world, personas, jobcenter)


def test_backup_and_restore_commands(tmp_path, personas):
    out = io.StringIO()
    target = tmp_path / "cmd.backup"
    call_command("backup", "--output", str(target), stdout=out)
    assert f"backup written to {target}" in out.getvalue()
    assert "0 uploaded files in" in out.getvalue()
    event = AuditEvent.objects.filter(object_type="database", action="export").get()
    assert event.actor_name.startswith("manage.py backup (") and str(target) in event.detail
    with pytest.raises(Exception, match="exists already"):
        call_command("backup", "--output", str(target))
    call_command("restore", str(target), "--yes", stdout=out)
    assert "erasure log: 0 entries" in out.getvalue()
    assert "0 uploaded files put back" in out.getvalue()
    assert AuditEvent.objects.filter(object_type="database", action="update",
                                     actor_name__startswith="manage.py restore (").count() == 1
    assert AuditEvent.objects.filter(object_type="database", action="export").count() == 1


def test_a_damaged_file_archive_stops_the_restore_before_the_database_changes(tmp_path, personas, own_participant):
    backup = database_backup(actor=personas.admin, output=tmp_path / "damaged.backup")
    ContactNoteFactory(participant=own_participant, author=personas.caseworker, text="nach der Sicherung")
    backup.media_path.write_bytes(b"not a tar archive" * 100)
    with pytest.raises(BackupError, match=r"damaged\.backup\.media\.tar"):
        database_restore(actor="drill", path=backup.path)
    assert ContactNote.objects.filter(text="nach der Sicherung").exists()
    backup.media_path.unlink()
    with pytest.raises(BackupError, match="no file archive"):
        database_restore(actor="drill", path=backup.path)
    assert ContactNote.objects.filter(text="nach der Sicherung").exists()


def test_a_backup_from_before_file_archives_restores_with_a_warning(tmp_path, personas):
    backup = database_backup(actor=personas.admin, output=tmp_path / "old.backup")
    meta_path = tmp_path / "old.backup.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    del meta["media"], meta["media_files"]
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    result = database_restore(actor="drill", path=backup.path)
    assert result.warnings == ["the backup has no file archive: uploaded files were not restored"]
    assert result.media_restored == 0


def test_a_backup_whose_files_cannot_be_archived_leaves_no_database_copy(tmp_path, personas, monkeypatch):
    from wegweiser.retention import mediacopy

    def full_disk(media_root, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(mediacopy, "dump", full_disk)
    with pytest.raises(BackupError, match="No space left"):
        database_backup(actor=personas.admin, output=tmp_path / "full.backup")
    assert not (tmp_path / "full.backup").exists() and not (tmp_path / "full.backup.json").exists()
