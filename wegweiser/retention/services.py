"""Writes of the retention app: legal holds, the retention run, re-applying erasures after a restore.

Every erasure is audited in the database AND appended to the erasure log outside it (erasure_log.py).
The log line is written inside the participant's transaction just before it commits (write-ahead): a
committed erasure is always in the log; if the commit then fails, the line names an erasure that was due
anyway and `reapply_erasures` carries it out.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.audit.models import AuditEvent
from wegweiser.audit.services import audit_record
from wegweiser.participants.models import ContactNote, EducationEntry, Participant, WorkHistoryEntry
from wegweiser.partners.models import Consent, FollowUpTask, Referral
from wegweiser.programmes.models import CaseworkerTask, Enrolment
from wegweiser.reporting.models import Outcome

from . import dbcopy, erasure_log, mediacopy, selectors
from .dbcopy import BackupError
from .erasure_log import ErasureEntry
from .models import LegalHold
from .planning import Action, Category, DueAction, plan_retention

logger = logging.getLogger(__name__)

SYSTEM_ACTOR = "system:retention"
REAPPLY_ACTOR = "system:reapply_erasures"
ANON_GIVEN_NAME = "Anonymisiert"

# Participant fields anonymisation empties or coarsens. Kept for funder statistics: gender, first
# nationality, birth year, municipality, language, residence status, phase, exit reason and date,
# team and caseworker; enrolments, attendance, outcomes (kind, date, retention) stay as they are.
ANONYMISED_FIELDS = sorted([
    "customer_number", "given_name", "family_name", "given_name_original", "family_name_original", "name_key",
    "search_text", "birth_date", "birth_date_precision", "nationalities", "phone", "residence_valid_until",
    "driving_licence", "health_restrictions",
])


# --- legal holds ---------------------------------------------------------------------------------


def _require_admin_of(actor: Any, participant: Participant) -> None:
    if getattr(actor, "role", None) != "admin" or actor.organisation_id != participant.organisation_id:
        raise PermissionDenied


def legal_hold_set(*, actor: Any, participant: Participant, reason: str, until: dt.date | None = None) -> LegalHold:
    """Exempt `participant` from every retention action until the hold is lifted (or `until` has passed)."""
    _require_admin_of(actor, participant)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte einen Grund für die Sperre angeben.")})
    if until is not None and until < timezone.localdate():
        raise ValidationError({"until": _("Das Datum liegt in der Vergangenheit.")})
    with transaction.atomic():
        # Serialises with a retention run working on the same participant.
        Participant.objects.select_for_update().filter(pk=participant.pk).first()
        hold = LegalHold.objects.create(participant=participant, reason=reason[:300], set_by=actor, until=until)
        audit_record(actor=actor, action="create", obj=hold, fields=["participant", "reason", "until"],
                     detail=f"Aufbewahrungssperre gesetzt für participant={participant.pk}",
                     organisation_id=participant.organisation_id)
        audit_record(actor=actor, action="update", obj=participant, fields=["legal_hold"],
                     detail=f"Aufbewahrungssperre {hold.pk} gesetzt", organisation_id=participant.organisation_id)
    return hold


def legal_hold_lift(*, actor: Any, hold: LegalHold, reason: str = "") -> LegalHold:
    _require_admin_of(actor, hold.participant)
    with transaction.atomic():
        updated = LegalHold.objects.filter(pk=hold.pk, lifted_at__isnull=True).update(
            lifted_at=timezone.now(), lifted_by=actor, lift_reason=(reason or "").strip()[:300])
        if not updated:
            raise ValidationError(_("Diese Sperre ist bereits aufgehoben."))
        audit_record(actor=actor, action="update", obj=hold, fields=["lifted_at", "lifted_by", "lift_reason"],
                     detail=f"Aufbewahrungssperre aufgehoben für participant={hold.participant_id}",
                     organisation_id=hold.participant.organisation_id)
        audit_record(actor=actor, action="update", obj=hold.participant, fields=["legal_hold"],
                     detail=f"Aufbewahrungssperre {hold.pk} aufgehoben",
                     organisation_id=hold.participant.organisation_id)
    return LegalHold.objects.get(pk=hold.pk)


# --- the erasures themselves ---------------------------------------------------------------------


def _anonymise_case_file(participant: Participant) -> int:
    """Empty or coarsen the identifying fields of the case file and its free texts. Returns rows touched."""
    pk = participant.pk
    birth = participant.birth_date
    rows = Participant.objects.filter(pk=pk).update(
        customer_number=selectors.anon_customer_number(pk), given_name=ANON_GIVEN_NAME, family_name=f"#{pk}",
        given_name_original="", family_name_original="", name_key="", search_text="",
        birth_date=dt.date(birth.year, 1, 1) if birth else None,
        birth_date_precision=Participant.BirthDatePrecision.YEAR if birth else participant.birth_date_precision,
        nationalities=list(participant.nationalities or [])[:1], phone="", residence_valid_until=None,
        driving_licence="", health_restrictions="", version=F("version") + 1, updated_at=timezone.now(),
        updated_by=None,
    )
    rows += WorkHistoryEntry.objects.filter(participant_id=pk).update(tasks="")
    rows += EducationEntry.objects.filter(participant_id=pk).update(degree_original="", recognition_body="")
    rows += Outcome.objects.filter(participant_id=pk).update(employer="", note="")
    rows += Referral.objects.filter(participant_id=pk).update(note="", decline_reason="")
    rows += Enrolment.objects.filter(participant_id=pk).update(withdrawal_note="")
    rows += CaseworkerTask.objects.filter(participant_id=pk).delete()[0]
    rows += FollowUpTask.objects.filter(participant_id=pk).delete()[0]
    return rows


def _delete_contact_notes(participant_id: int, before: dt.datetime | None) -> int:
    qs = ContactNote.objects.filter(participant_id=participant_id)
    if before is not None:
        qs = qs.filter(created_at__lt=before)
    return qs.delete()[0]


def _delete_selfservice(participant_id: int, before: dt.datetime | None) -> int:
    return sum(qs.delete()[0] for qs in selectors.selfservice_querysets(participant_id, before))


def _delete_documents(participant_id: int) -> int:
    rows = 0
    for consent in selectors.documents_queryset(participant_id):
        name = consent.form_file.name or ""
        storage = consent.form_file.storage
        rows += Consent.objects.filter(pk=consent.pk).update(form_file="")
        # The file goes only once the row no longer points to it; a missing file (restored row) is fine.
        transaction.on_commit(partial(storage.delete, name))
    return rows


def _delete_audit_events(*, before: dt.datetime, keep_participant_ids: set[int]) -> int:
    """The one place that deletes audit rows. On PostgreSQL the append-only trigger lets a DELETE through
    only while `wegweiser.retention` is 'on' in this transaction (retention migration 0002)."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit rows may only be deleted inside a transaction")
    ids = selectors.audit_events_deletable(before=before, keep_participant_ids=keep_participant_ids)
    sql, params = ids.order_by().values("pk").query.sql_with_params()
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute("SELECT set_config('wegweiser.retention', 'on', true)")
        try:
            cursor.execute(f"DELETE FROM {table} WHERE id IN ({sql})", params)  # noqa: S608  # nosec B608
            rows = cursor.rowcount
        finally:
            if postgres:
                cursor.execute("SELECT set_config('wegweiser.retention', 'off', true)")
    return max(rows, 0)


def _erase_participant_category(category: Category, participant: Participant, before: dt.datetime | None) -> int:
    if category == Category.CASE_FILE:
        return _anonymise_case_file(participant)
    if category == Category.CONTACT_NOTES:
        return _delete_contact_notes(participant.pk, before)
    if category == Category.SELFSERVICE:
        return _delete_selfservice(participant.pk, before)
    if category == Category.DOCUMENTS:
        return _delete_documents(participant.pk)
    raise ValueError(f"not a participant category: {category}")


DETAIL = {
    Category.CASE_FILE: "Aufbewahrung: Fallakte anonymisiert",
    Category.CONTACT_NOTES: "Aufbewahrung: Beratungskontakte gelöscht",
    Category.SELFSERVICE: "Aufbewahrung: Selbstauskunft und Fragebögen gelöscht",
    Category.DOCUMENTS: "Aufbewahrung: hochgeladene Dokumente gelöscht",
    Category.AUDIT_LOG: "Aufbewahrung: Protokolleinträge gelöscht",
}


def _audit_participant_erasure(*, actor: Any, category: Category, participant: Participant, rows: int,
                               prefix: str = "") -> None:
    action = "update" if category == Category.CASE_FILE else "delete"
    fields = ANONYMISED_FIELDS if category == Category.CASE_FILE else []
    audit_record(actor=actor, action=action, obj=participant, fields=fields,
                 detail=f"{prefix}{DETAIL[category]} ({rows} Zeilen)", organisation_id=participant.organisation_id)


# --- the retention run ---------------------------------------------------------------------------


@dataclass
class ActionResult:
    action: DueAction
    rows: int


@dataclass
class RetentionReport:
    today: dt.date
    dry_run: bool
    planned: list[DueAction] = field(default_factory=list)
    done: list[ActionResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def retention_plan(*, today: dt.date) -> list[DueAction]:
    periods = selectors.retention_periods()
    held = selectors.held_participant_ids(today=today)
    return plan_retention(
        today=today, periods=periods, participants=selectors.participant_facts(today=today, periods=periods),
        oldest_audit_day=selectors.oldest_audit_day(keep_participant_ids=held), held_participant_ids=held,
    )


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _run_participant(participant_id: int, actions: list[DueAction], today: dt.date, report: RetentionReport) -> None:
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant_id)
        if selectors.is_held(participant_id, today=today):
            report.skipped.append(f"participant {participant_id}: legal hold or restriction set meanwhile")
            return
        digest = erasure_log.customer_hash(participant.organisation_id, participant.customer_number)
        now = timezone.now()
        results = []
        for action in actions:
            rows = _erase_participant_category(action.category, participant, before=None)
            _audit_participant_erasure(actor=SYSTEM_ACTOR, category=action.category, participant=participant,
                                       rows=rows)
            erasure_log.append(ErasureEntry(
                at=now, category=str(action.category), action=str(action.action), participant_id=participant_id,
                customer_hash=digest, organisation_id=participant.organisation_id, rows=rows, before=now,
            ))
            results.append(ActionResult(action, rows))
    report.done.extend(results)


def _run_audit_log(action: DueAction, today: dt.date, started: dt.datetime, report: RetentionReport) -> None:
    if action.before is None:
        raise ValueError("an audit log action needs a cut-off day")
    # Never rows written after the run started (only possible when `today` is set ahead of the clock).
    before = min(_midnight(action.before), started)
    with transaction.atomic():
        keep = set(action.keep_participant_ids) | selectors.held_participant_ids(today=today)
        rows = _delete_audit_events(before=before, keep_participant_ids=keep)
        cutoff = timezone.localtime(before)
        audit_record(actor=SYSTEM_ACTOR, action="delete", object_type=AuditEvent._meta.label_lower,
                     detail=f"{DETAIL[Category.AUDIT_LOG]}: {rows} Einträge vor {cutoff:%d.%m.%Y %H:%M}")
        erasure_log.append(ErasureEntry(
            at=timezone.now(), category=str(Category.AUDIT_LOG), action=str(Action.DELETE), rows=rows,
            before=before, keep_participant_ids=tuple(sorted(keep)),
        ))
    report.done.append(ActionResult(action, rows))


def retention_run(*, today: dt.date | None = None, dry_run: bool = False) -> RetentionReport:
    """Carry out everything due on `today` (default: the local date). One transaction per participant;
    a failure is reported and the run goes on with the next participant."""
    started = timezone.now()
    today = today or timezone.localdate()
    report = RetentionReport(today=today, dry_run=dry_run, planned=retention_plan(today=today))
    if dry_run:
        return report
    per_participant = [a for a in report.planned if a.participant_id is not None]
    for participant_id, group in groupby(per_participant, key=lambda a: a.participant_id or 0):
        try:
            _run_participant(participant_id, list(group), today, report)
        except Exception as exc:  # one broken case file must not stop the others
            logger.exception("retention failed for participant %s", participant_id)
            report.errors.append(f"participant {participant_id}: {exc}")
    for action in report.planned:
        if action.category == Category.AUDIT_LOG:
            try:
                _run_audit_log(action, today, started, report)
            except Exception as exc:
                logger.exception("retention of the audit log failed")
                report.errors.append(f"audit log: {exc}")
    return report


# --- re-applying erasures after a restore --------------------------------------------------------


@dataclass
class ReapplyReport:
    entries: int = 0
    applied: list[str] = field(default_factory=list)
    already: int = 0
    skipped: list[str] = field(default_factory=list)


def _reapply_participant_entry(entry: ErasureEntry, actor: Any, report: ReapplyReport) -> None:
    category = Category(entry.category)
    with transaction.atomic():
        participant = Participant.objects.select_for_update().filter(pk=entry.participant_id or 0).first()
        if participant is None:
            report.already += 1  # the case file is gone altogether
            return
        anonymised = selectors.is_anonymised(participant)
        if not anonymised and entry.customer_hash and entry.customer_hash != erasure_log.customer_hash(
                participant.organisation_id, participant.customer_number):
            report.skipped.append(f"participant {participant.pk}: customer number does not match the log, skipped")
            return
        if category == Category.CASE_FILE:
            if anonymised:
                report.already += 1
                return
            rows = _anonymise_case_file(participant)
        elif category == Category.CONTACT_NOTES:
            rows = _delete_contact_notes(participant.pk, entry.before)
        elif category == Category.SELFSERVICE:
            rows = _delete_selfservice(participant.pk, entry.before)
        else:
            rows = _delete_documents(participant.pk)
        if not rows:
            report.already += 1
            return
        _audit_participant_erasure(actor=actor, category=category, participant=participant, rows=rows,
                                   prefix="Nach Wiederherstellung erneut angewendet – ")
        report.applied.append(f"participant {participant.pk}: {category} ({rows})")


def _reapply_audit_entry(entry: ErasureEntry, actor: Any, report: ReapplyReport) -> None:
    if entry.before is None:
        report.skipped.append(f"audit log entry of {entry.at.isoformat()} has no cut-off, skipped")
        return
    with transaction.atomic():
        keep = set(entry.keep_participant_ids) | selectors.held_participant_ids(today=timezone.localdate())
        rows = _delete_audit_events(before=entry.before, keep_participant_ids=keep)
        if not rows:
            report.already += 1
            return
        audit_record(actor=actor, action="delete", object_type=AuditEvent._meta.label_lower,
                     detail=f"Nach Wiederherstellung erneut angewendet – {DETAIL[Category.AUDIT_LOG]}: {rows} "
                            f"Einträge vor {timezone.localtime(entry.before):%d.%m.%Y %H:%M}")
        report.applied.append(f"audit log: {rows} before {entry.before.isoformat()}")


def erasures_reapply(*, actor: Any = REAPPLY_ACTOR, entries: Iterable[ErasureEntry] | None = None) -> ReapplyReport:
    """Erase again whatever the (restored) database still holds of the logged erasures. Idempotent: on a
    database that reflects all of them it changes nothing and writes no audit row."""
    report = ReapplyReport()
    for entry in erasure_log.read() if entries is None else entries:
        report.entries += 1
        if entry.category == Category.AUDIT_LOG:
            _reapply_audit_entry(entry, actor, report)
        elif entry.category in {c.value for c in Category}:
            _reapply_participant_entry(entry, actor, report)
        else:
            report.skipped.append(f"unknown category {entry.category!r}, skipped")
    return report


# --- backup and restore --------------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    audit_max_id: int
    media_path: Path | None = None
    media_files: int = 0


@dataclass
class RestoreResult:
    path: Path
    carried_over: int
    reapply: ReapplyReport | None
    warnings: list[str] = field(default_factory=list)
    media_restored: int = 0


def _meta_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _media_path(path: Path) -> Path:
    return path.with_name(path.name + ".media.tar")


def default_backup_path() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    suffix = "dump" if connection.vendor == "postgresql" else "sqlite3"
    return Path(settings.WEGWEISER_BACKUP_DIR) / f"wegweiser-{stamp}.{suffix}"


def database_backup(*, actor: Any, output: Path | None = None) -> BackupResult:
    """Copy the whole database to `output` and the uploaded files to `<output>.media.tar`. The audit row
    for the backup is written first, so the copy contains it; a small `<output>.json` beside the copy
    records the last audit id it holds and the file archive."""
    path = Path(output) if output else default_backup_path()
    if path.exists():
        raise BackupError(f"{path} exists already; choose another --output")
    event = audit_record(actor=actor, action="export", object_type="database",
                         detail=f"Datensicherung nach {path}"[:300])
    dbcopy.dump(path)
    media = _media_path(path)
    try:
        media_files = mediacopy.dump(Path(settings.MEDIA_ROOT), media)
    except OSError as exc:
        path.unlink(missing_ok=True)  # no database copy without its files
        raise BackupError(f"uploaded files could not be archived to {media}: {exc}") from exc
    meta = {"created_at": timezone.now().isoformat(), "vendor": connection.vendor, "audit_max_id": event.pk,
            "file": path.name, "media": media.name, "media_files": media_files}
    _meta_path(path).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return BackupResult(path=path, audit_max_id=event.pk, media_path=media, media_files=media_files)


def _audit_rows_after(audit_max_id: int) -> list[dict[str, Any]]:
    return [dict(row) for row in AuditEvent.objects.filter(pk__gt=audit_max_id).order_by("pk").values()]


def _carry_over(rows: list[dict[str, Any]]) -> int:
    """Put the audit rows written after the backup back, with their own ids and times (append only)."""
    if not rows:
        return 0
    User = get_user_model()
    existing_users = set(User.objects.filter(pk__in={r["actor_id"] for r in rows if r["actor_id"]})
                         .values_list("pk", flat=True))
    # Raw INSERT: the model's auto_now_add would stamp the rows with the time of the restore.
    fields = AuditEvent._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column or f.attname) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    values = []
    for row in rows:
        if row["actor_id"] not in existing_users:
            row = {**row, "actor_id": None}  # the account came after the backup; actor_name still names it
        values.append([f.get_db_prep_save(row[f.attname], connection) for f in fields])
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", values)  # noqa: S608  # nosec B608
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [AuditEvent]):
                cursor.execute(sql)
    return len(values)


def database_restore(*, actor: Any, path: Path, reapply: bool = True) -> RestoreResult:
    """Replace the database with the backup in `path`, keep the audit trail written since the backup,
    audit the restore, then re-apply every logged erasure the backup does not reflect."""
    path = Path(path)
    warnings: list[str] = []
    rows: list[dict[str, Any]] = []
    meta: dict[str, Any] = {}
    meta_path = _meta_path(path)
    if meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        rows = _audit_rows_after(int(meta["audit_max_id"]))
    else:
        warnings.append(f"{meta_path} missing: audit rows written since the backup could not be carried over")
    media = path.with_name(meta["media"]) if meta.get("media") else None
    if media is None:
        warnings.append("the backup has no file archive: uploaded files were not restored")
    else:
        mediacopy.check(media, Path(settings.MEDIA_ROOT))  # a bad archive stops here, before any change
    dbcopy.load(path)
    carried = _carry_over(rows)
    # before the erasures are re-applied, so that they delete the files of erased persons again
    restored = mediacopy.load(media, Path(settings.MEDIA_ROOT)) if media is not None else 0
    audit_record(actor=actor, action="update", object_type="database",
                 detail=(f"Wiederherstellung aus {path.name}; {carried} Protokolleinträge seit der Sicherung "
                         f"übernommen; {restored} Dateien zurückgelegt")[:300])
    report = erasures_reapply(actor=REAPPLY_ACTOR) if reapply else None
    return RestoreResult(path=path, carried_over=carried, reapply=report, warnings=warnings, media_restored=restored)
