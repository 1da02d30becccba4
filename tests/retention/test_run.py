"""retention_run against the database, with a frozen clock (time-machine)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from tests.retention.conftest import at_local, exit_day, exited_participant, fill_every_category
from wegweiser.audit.models import AuditEvent
from wegweiser.audit.services import audit_record
from wegweiser.interests.models import AnswerSet, SkillCard, WorkPreferences
from wegweiser.participants.models import ContactNote, EducationEntry, Participant, Phase, WorkHistoryEntry
from wegweiser.partners.models import Consent
from wegweiser.reporting import selectors as reporting
from wegweiser.retention import erasure_log, services
from wegweiser.retention.models import LegalHold
from wegweiser.retention.services import legal_hold_lift, legal_hold_set, retention_run
from wegweiser.selfservice.models import Invitation

pytestmark = pytest.mark.django_db


def run_on(day, **kwargs):
    with time_machine.travel(at_local(day), tick=False):
        return retention_run(**kwargs)


def selfservice_rows(participant):
    return sum(m.objects.filter(participant=participant).count()
               for m in (AnswerSet, WorkPreferences, SkillCard, Invitation))


def test_nothing_due_the_day_before(exited):
    report = run_on(exit_day() + dt.timedelta(days=364))
    assert report.planned == [] and report.done == []
    assert selfservice_rows(exited.participant) == 4
    assert not erasure_log.log_path().exists()


def test_selfservice_data_deleted_on_the_day_nothing_else(exited):
    report = run_on(exit_day() + dt.timedelta(days=365))
    assert [(r.action.category, r.rows) for r in report.done] == [("selfservice", 4)]
    assert selfservice_rows(exited.participant) == 0
    assert ContactNote.objects.filter(participant=exited.participant).count() == 2
    assert Participant.objects.get(pk=exited.participant.pk).family_name == exited.participant.family_name


def test_contact_notes_deleted_after_two_years(exited):
    run_on(exit_day() + dt.timedelta(days=729))
    assert ContactNote.objects.filter(participant=exited.participant).count() == 2
    run_on(exit_day() + dt.timedelta(days=730))
    assert ContactNote.objects.filter(participant=exited.participant).count() == 0


def test_documents_deleted_with_their_files(exited, django_capture_on_commit_callbacks):
    name = exited.consent.form_file.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        run_on(exit_day() + dt.timedelta(days=1094))
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        run_on(exit_day() + dt.timedelta(days=1095))
    consent = Consent.objects.get(pk=exited.consent.pk)
    assert consent.form_file.name == "" and consent.status == "given"  # the consent itself stays on record
    assert not default_storage.exists(name)


def test_case_file_anonymised_on_the_day_and_identifying_fields_really_gone(exited):
    before = Participant.objects.get(pk=exited.participant.pk)
    run_on(exit_day() + dt.timedelta(days=1825))
    assert Participant.objects.get(pk=before.pk).customer_number == before.customer_number

    run_on(exit_day() + dt.timedelta(days=1826))
    after = Participant.objects.get(pk=before.pk)
    assert after.customer_number == f"ANON-{after.pk}"
    assert (after.given_name, after.family_name) == ("Anonymisiert", f"#{after.pk}")
    assert after.given_name_original == after.family_name_original == ""
    assert after.name_key == after.search_text == after.phone == after.health_restrictions == ""
    assert after.driving_licence == "" and after.residence_valid_until is None
    assert after.birth_date == dt.date(1990, 1, 1) and after.birth_date_precision == "year"
    assert after.nationalities == ["SY"]
    # What the funder statistics need stays.
    assert (after.gender, after.municipality, after.phase, after.exit_date) == (
        before.gender, before.municipality, Phase.EXITED, before.exit_date)
    # No trace of the identifying values anywhere in the row.
    row = json.dumps(next(iter(Participant.objects.filter(pk=before.pk).values())), default=str, ensure_ascii=False)
    for secret in (before.given_name, before.family_name, before.customer_number, "سارة", "0151 2345678",
                   "Rückenleiden", "1990-06-15"):
        assert secret not in row
    assert WorkHistoryEntry.objects.get(participant=after).tasks == ""
    assert EducationEntry.objects.get(participant=after).degree_original == ""
    assert ContactNote.objects.filter(participant=after).count() == 0
    assert selfservice_rows(after) == 0


def test_every_action_is_audited_and_logged_outside_the_database(exited):
    original_number = exited.participant.customer_number
    report = run_on(exit_day() + dt.timedelta(days=1826))
    assert len(report.done) == 4
    events = AuditEvent.objects.filter(actor_name="system:retention", object_id=str(exited.participant.pk))
    assert sorted(e.action for e in events) == ["delete", "delete", "delete", "update"]
    entries = erasure_log.read()
    assert [(e.category, e.action) for e in entries] == [
        ("contact_notes", "delete"), ("selfservice", "delete"), ("documents", "delete"), ("case_file", "anonymise")]
    assert {e.participant_id for e in entries} == {exited.participant.pk}
    assert {e.customer_hash for e in entries} == {
        erasure_log.customer_hash(exited.participant.organisation_id, original_number)}
    text = erasure_log.log_path().read_text()
    assert original_number not in text and exited.participant.family_name not in text


def test_second_run_changes_nothing(exited):
    day = exit_day() + dt.timedelta(days=1826)
    run_on(day)
    audit_rows, log_lines = AuditEvent.objects.count(), len(erasure_log.read())
    again = run_on(day + dt.timedelta(days=1))
    assert again.done == [] and AuditEvent.objects.count() == audit_rows and len(erasure_log.read()) == log_lines


def test_dry_run_plans_but_changes_nothing(exited):
    audit_rows = AuditEvent.objects.count()
    report = run_on(exit_day() + dt.timedelta(days=1826), dry_run=True)
    assert [a.category for a in report.planned] == ["contact_notes", "selfservice", "documents", "case_file"]
    assert report.done == [] and AuditEvent.objects.count() == audit_rows
    assert Participant.objects.get(pk=exited.participant.pk).given_name == exited.participant.given_name
    assert not erasure_log.log_path().exists()


def test_legal_hold_exempts_until_lifted(exited, personas):
    hold = legal_hold_set(actor=personas.admin, participant=exited.participant, reason="Klage SG Koblenz S 12 AS 3/25")
    far = exit_day() + dt.timedelta(days=4000)
    assert run_on(far).done == []
    assert ContactNote.objects.filter(participant=exited.participant).count() == 2
    legal_hold_lift(actor=personas.admin, hold=hold, reason="Verfahren beendet")
    assert [r.action.category for r in run_on(far).done] == [
        "contact_notes", "selfservice", "documents", "case_file", "audit_log"]
    assert Participant.objects.get(pk=exited.participant.pk).given_name == "Anonymisiert"


def test_restriction_of_processing_exempts_until_lifted(exited, personas):
    from wegweiser.privacy.services import restriction_lift, restriction_set

    restriction_set(actor=personas.admin, participant=exited.participant,
                    reason="Person verlangt Einschränkung statt Löschung")
    far = exit_day() + dt.timedelta(days=4000)
    assert run_on(far).done == []
    assert ContactNote.objects.filter(participant=exited.participant).count() == 2
    restriction_lift(actor=personas.admin, participant=exited.participant)
    assert "case_file" in [r.action.category for r in run_on(far).done]
    assert Participant.objects.get(pk=exited.participant.pk).given_name == "Anonymisiert"


def test_expired_hold_no_longer_exempts(exited, personas):
    LegalHold.objects.create(participant=exited.participant, reason="befristet", set_by=personas.admin,
                             until=exit_day() + dt.timedelta(days=400))
    assert run_on(exit_day() + dt.timedelta(days=400)).done == []
    assert [r.action.category for r in run_on(exit_day() + dt.timedelta(days=401)).done] == ["selfservice"]


def test_failure_in_one_case_file_rolls_back_only_that_one(exited, personas, jobcenter, monkeypatch):
    second = exited_participant(jobcenter, personas.caseworker)
    fill_every_category(second, personas.caseworker)
    real = services._anonymise_case_file

    def broken(participant):
        if participant.pk == exited.participant.pk:
            raise RuntimeError("disk full")
        return real(participant)

    monkeypatch.setattr(services, "_anonymise_case_file", broken)
    report = run_on(exit_day() + dt.timedelta(days=1826))
    assert report.errors == [f"participant {exited.participant.pk}: disk full"]
    assert ContactNote.objects.filter(participant=exited.participant).count() == 2  # rolled back
    assert Participant.objects.get(pk=second.pk).given_name == "Anonymisiert"


def test_reports_count_the_same_after_anonymisation(world, personas):
    exit_on = exit_day()
    Participant.objects.filter(pk__in=[p.pk for p in world.people]).update(
        phase=Phase.EXITED, exit_reason="job", exit_date=exit_on)
    filters = reporting.Filters(programme_id=world.programme.pk, end=world.today)
    dims = ["gender", "nationality", "municipality", "module", "course"]

    def figures():
        tables = reporting.breakdowns(personas.admin, filters, dims)
        return (reporting.headline(personas.admin, filters),
                {d: (b.labels, b.rows) for d, b in tables.items()})

    before = figures()
    report = run_on(exit_on + dt.timedelta(days=1826))
    assert sum(r.action.category == "case_file" for r in report.done) == len(world.people)
    assert figures() == before
    assert before[0]["persons"] == 6


def test_audit_rows_deleted_after_their_period_except_about_held_people(exited, personas, jobcenter):
    other = exited_participant(jobcenter, personas.caseworker)
    legal_hold_set(actor=personas.admin, participant=other, reason="Prüfung Rechnungshof")
    audit_record(actor=personas.caseworker, action="view", obj=exited.participant)
    audit_record(actor=personas.caseworker, action="view", obj=other)
    kept_about_other = AuditEvent.objects.filter(object_type="participants.participant", object_id=str(other.pk))
    count_other = kept_about_other.count()
    today = timezone.localdate()  # every audit row of this test was written today

    run_on(today + dt.timedelta(days=1094))
    assert AuditEvent.objects.filter(action="view", object_id=str(exited.participant.pk)).exists()
    run_on(today + dt.timedelta(days=1095))
    assert not AuditEvent.objects.filter(action="view", object_id=str(exited.participant.pk)).exists()
    assert count_other == 2 and kept_about_other.count() == count_other
    [entry] = [e for e in erasure_log.read() if e.category == "audit_log"]
    assert entry.rows > 0 and other.pk in entry.keep_participant_ids
    assert AuditEvent.objects.filter(actor_name="system:retention", object_type="audit.auditevent").count() == 1


def test_command_dry_run_with_today(exited):
    out = io.StringIO()
    day = exit_day() + dt.timedelta(days=730)
    call_command("run_retention", "--dry-run", "--today", day.isoformat(), stdout=out)
    text = out.getvalue()
    assert f"due: contact_notes delete participant {exited.participant.pk}" in text
    assert "2 action(s) due (dry run, nothing changed)" in text
    assert ContactNote.objects.filter(participant=exited.participant).count() == 2
    call_command("run_retention", "--today", day.isoformat(), stdout=out)
    assert ContactNote.objects.filter(participant=exited.participant).count() == 0


def test_hold_or_restriction_set_after_planning_still_protects_the_file(exited, personas, monkeypatch):
    """Between the plan and the per-participant transaction someone sets a restriction: nothing is erased."""
    from wegweiser.privacy.services import restriction_set

    real_plan = services.retention_plan

    def plan_then_restrict(*, today):
        planned = real_plan(today=today)
        restriction_set(actor=personas.admin, participant=exited.participant, reason="Antrag während des Laufs")
        return planned

    monkeypatch.setattr(services, "retention_plan", plan_then_restrict)
    report = run_on(exit_day() + dt.timedelta(days=4000))
    assert report.planned and report.done == []
    assert any("restriction set meanwhile" in s for s in report.skipped)
    assert ContactNote.objects.filter(participant=exited.participant).count() == 2
