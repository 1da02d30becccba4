"""Writes of programme operations: one function per action, each checked, atomic and audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import Role, User
from wegweiser.audit.services import audit_record
from wegweiser.participants import policy as participant_policy
from wegweiser.participants.german import german_level
from wegweiser.participants.models import LanguageCertificate, LanguageSkill, Participant
from wegweiser.privacy.guard import ensure_not_restricted

from . import policy, rules
from .models import (
    Attendance,
    CaseworkerTask,
    Certification,
    Course,
    Enrolment,
    Kit,
    KitLoan,
    Module,
    ParticipationCertificate,
    Programme,
    Session,
    TrainerProfile,
)


def absence_rule() -> rules.AbsenceRule:
    return rules.AbsenceRule(
        max_unexcused=getattr(settings, "WEGWEISER_ABSENCE_MAX_UNEXCUSED", 3),
        min_rate=getattr(settings, "WEGWEISER_ABSENCE_MIN_RATE", 0.8),
        min_sessions_for_rate=getattr(settings, "WEGWEISER_ABSENCE_MIN_SESSIONS", 5),
    )


def _org_id(actor: User) -> int:
    if actor.organisation_id is None:
        raise PermissionDenied
    return actor.organisation_id


def _audit(actor: Any, action: str, obj: Any, organisation_id: int, fields: list[str] | None = None,
           detail: str = "") -> None:
    audit_record(actor=actor, action=action, obj=obj, fields=fields or [], detail=detail,
                 organisation_id=organisation_id)


# --- catalogue ---------------------------------------------------------------------------------

def programme_create(*, actor: User, code: str, name: str, description: str = "") -> Programme:
    policy.require_admin(actor)
    programme = Programme(organisation_id=_org_id(actor), code=code, name=name, description=description)
    programme.full_clean()
    with transaction.atomic():
        programme.save()
        _audit(actor, "create", programme, programme.organisation_id, ["code", "name"])
    return programme


MODULE_FIELDS = ("programme", "code", "title", "description", "provider", "skill_uris", "entry_german_level",
                 "prerequisites_note", "hours", "duration_weeks", "location", "funding_route",
                 "requires_certification", "active")


def module_create(*, actor: User, prerequisites: Any = (), **data: Any) -> Module:
    policy.require_admin(actor)
    unknown = set(data) - set(MODULE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown module fields: {sorted(unknown)}")
    module = Module(organisation_id=_org_id(actor), **data)
    if module.programme_id and module.programme.organisation_id != actor.organisation_id:  # type: ignore[union-attr]
        raise PermissionDenied
    module.full_clean()
    with transaction.atomic():
        module.save()
        module.prerequisites.set([m for m in prerequisites if m.organisation_id == actor.organisation_id])
        _audit(actor, "create", module, module.organisation_id, sorted(data))
    return module


def module_update(*, actor: User, module: Module, prerequisites: Any = None, **changes: Any) -> Module:
    policy.require_admin(actor)
    policy.require_same_org(actor, module.organisation_id)
    unknown = set(changes) - set(MODULE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown module fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(module, name, value)
    module.full_clean()
    with transaction.atomic():
        module.save()
        fields = sorted(changes)
        if prerequisites is not None:
            module.prerequisites.set([m for m in prerequisites
                                      if m.organisation_id == actor.organisation_id and m.pk != module.pk])
            fields.append("prerequisites")
        _audit(actor, "update", module, module.organisation_id, fields)
    return module


def course_create(*, actor: User, module: Module, code: str, title: str, start_date: dt.date, end_date: dt.date,
                  location: str, capacity: int, language_of_instruction: str = "de") -> Course:
    policy.require_admin(actor)
    policy.require_same_org(actor, module.organisation_id)
    course = Course(module=module, organisation_id=module.organisation_id, code=code, title=title,
                    start_date=start_date, end_date=end_date, location=location, capacity=capacity,
                    language_of_instruction=language_of_instruction)
    course.full_clean()
    if end_date < start_date:
        raise ValidationError({"end_date": _("Das Ende liegt vor dem Beginn.")})
    with transaction.atomic():
        course.save()
        _audit(actor, "create", course, course.organisation_id, ["code", "title", "start_date", "end_date",
                                                                  "capacity"])
    return course


def trainer_is_qualified(trainer: User, course: Course) -> bool:
    if not course.module.requires_certification:
        return True
    return Certification.objects.filter(
        trainer__user=trainer, trainer__organisation_id=course.organisation_id, module_id=course.module_id,
        certified_on__lte=course.start_date, valid_until__gte=course.end_date,
    ).exists()


def course_trainer_assign(*, actor: User, course: Course, trainer: User) -> None:
    """Only trainers with a profile in the course's organisation; certified ones where the module needs it."""
    policy.require_admin(actor)
    policy.require_same_org(actor, course.organisation_id)
    if not TrainerProfile.objects.filter(organisation_id=course.organisation_id, user=trainer).exists():
        raise ValidationError(_("%(name)s hat kein Trainerprofil in dieser Organisation.") % {"name": trainer})
    if not trainer_is_qualified(trainer, course):
        raise ValidationError(
            _("%(name)s ist für „%(module)s“ nicht für den ganzen Kurszeitraum (%(start)s–%(end)s) zertifiziert. "
              "Dieses Modul darf nur von zertifizierten Trainer/innen unterrichtet werden.")
            % {"name": trainer, "module": course.module.title, "start": f"{course.start_date:%d.%m.%Y}",
               "end": f"{course.end_date:%d.%m.%Y}"}
        )
    with transaction.atomic():
        course.trainers.add(trainer)
        _audit(actor, "update", course, course.organisation_id, ["trainers"], detail=f"assigned user {trainer.pk}")


def course_trainer_remove(*, actor: User, course: Course, trainer: User) -> None:
    policy.require_admin(actor)
    policy.require_same_org(actor, course.organisation_id)
    with transaction.atomic():
        course.trainers.remove(trainer)
        _audit(actor, "update", course, course.organisation_id, ["trainers"], detail=f"removed user {trainer.pk}")


def session_create(*, actor: User, course: Course, date: dt.date, start_time: dt.time, end_time: dt.time,
                   topic: str, room: str = "") -> Session:
    policy.require_admin(actor)
    policy.require_same_org(actor, course.organisation_id)
    session = Session(course=course, date=date, start_time=start_time, end_time=end_time, topic=topic, room=room)
    session.full_clean()
    if end_time <= start_time:
        raise ValidationError({"end_time": _("Das Ende liegt vor dem Beginn.")})
    with transaction.atomic():
        session.save()
        _audit(actor, "create", session, course.organisation_id, ["date", "start_time", "end_time", "topic"])
    return session


# --- enrolment ---------------------------------------------------------------------------------

class EnrolmentRefused(ValidationError):
    """A prerequisite is not met; the message says which and what is recorded."""


def _german_level(participant: Participant) -> tuple[str, list[str]]:
    skills: list[str] = []
    for row in LanguageSkill.objects.filter(participant=participant, language="de").values(
            "listening", "reading", "speaking", "writing"):
        skills += [row["listening"], row["reading"], row["speaking"], row["writing"]]
    certs = list(LanguageCertificate.objects.filter(participant=participant).values_list("level", flat=True))
    return german_level(skills, certs), skills


def enrolment_check(participant: Participant, course: Course) -> list[str]:
    """Unmet prerequisites as clear sentences (empty: may be enrolled)."""
    problems: list[str] = []
    module = course.module
    need = module.entry_german_level
    if need:
        have, _skills = _german_level(participant)
        if not rules.level_at_least(have, need):
            problems.append(
                _("Für „%(module)s“ ist Deutsch mindestens %(need)s nötig; in der Akte erfasst ist %(have)s "
                  "(schwächste Teilfertigkeit bzw. bestes Zertifikat).")
                % {"module": module.title, "need": need, "have": have or _("kein Deutschniveau")}
            )
    completed = Enrolment.objects.filter(participant=participant, status=Enrolment.Status.COMPLETED).values(
        "course__module_id")
    missing = module.prerequisites.exclude(pk__in=completed)
    for prerequisite in missing:
        problems.append(_("Für „%(module)s“ muss zuerst „%(pre)s“ abgeschlossen sein.")
                        % {"module": module.title, "pre": prerequisite.title})
    if course.end_date < timezone.localdate():
        problems.append(_("Der Kurs ist bereits beendet."))
    return problems


def enrolment_create(*, actor: User, course: Course, participant: Participant) -> Enrolment:
    """Give the person a place if one is free, else put them at the end of the waiting list."""
    participant = participant_policy.get_participant(actor, participant.pk, "change")
    ensure_not_restricted(participant)
    if not policy.can_course(actor, "enrol", course):
        raise PermissionDenied
    if participant.organisation_id != course.organisation_id:
        raise PermissionDenied
    problems = enrolment_check(participant, course)
    if problems:
        raise EnrolmentRefused(problems)
    with transaction.atomic():
        locked = Course.objects.select_for_update().get(pk=course.pk)
        if Enrolment.objects.filter(course=locked, participant=participant,
                                    status__in=(*Enrolment.ACTIVE, Enrolment.Status.COMPLETED)).exists():
            raise EnrolmentRefused(_("Die Person ist für diesen Kurs bereits angemeldet oder auf der Warteliste."))
        taken = Enrolment.objects.filter(course=locked, status=Enrolment.Status.ENROLLED).count()
        now = timezone.now()
        has_place = taken < locked.capacity
        enrolment = Enrolment.objects.create(
            course=locked, participant=participant, requested_at=now, created_by=actor,
            status=Enrolment.Status.ENROLLED if has_place else Enrolment.Status.WAITING,
            enrolled_at=now if has_place else None,
        )
        _audit(actor, "create", enrolment, course.organisation_id, ["status"], detail=enrolment.status)
    return enrolment


def _can_change_enrolment(actor: User, enrolment: Enrolment) -> bool:
    if actor.role == Role.ADMIN and actor.organisation_id == enrolment.course.organisation_id:
        return True
    try:
        participant_policy.get_participant(actor, enrolment.participant_id, "change")
    except (PermissionDenied, Http404):
        return False
    return True


def enrolment_withdraw(*, actor: User, enrolment: Enrolment, reason: str, note: str = "") -> Enrolment | None:
    """Withdraw with a reason; a freed place goes to the first person on the waiting list (returned)."""
    if not _can_change_enrolment(actor, enrolment):
        raise PermissionDenied
    if reason not in Enrolment.WithdrawalReason.values:
        raise ValidationError({"reason": _("Bitte einen Abmeldegrund wählen.")})
    moved_up: Enrolment | None = None
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=enrolment.course_id)
        current = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if current.status not in Enrolment.ACTIVE:
            raise ValidationError(_("Diese Anmeldung ist nicht mehr aktiv."))
        had_place = current.status == Enrolment.Status.ENROLLED
        now = timezone.now()
        current.status = Enrolment.Status.WITHDRAWN
        current.withdrawn_at = now
        current.withdrawal_reason = reason
        current.withdrawal_note = note[:300]
        current.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "withdrawal_note"])
        _audit(actor, "update", current, course.organisation_id, ["status", "withdrawal_reason"], detail=reason)
        if had_place:
            moved_up = _fill_places(actor, course, now)
    enrolment.refresh_from_db()
    return moved_up


def _fill_places(actor: User, course: Course, now: dt.datetime) -> Enrolment | None:
    """Move people up from the waiting list, in the order they asked, while places are free."""
    first: Enrolment | None = None
    taken = Enrolment.objects.filter(course=course, status=Enrolment.Status.ENROLLED).count()
    while taken < course.capacity:
        nxt = Enrolment.objects.filter(course=course, status=Enrolment.Status.WAITING).order_by(
            "requested_at", "id").first()
        if nxt is None:
            break
        nxt.status = Enrolment.Status.ENROLLED
        nxt.enrolled_at = now
        nxt.save(update_fields=["status", "enrolled_at"])
        _audit(actor, "update", nxt, course.organisation_id, ["status"], detail="moved up from waiting list")
        first = first or nxt
        taken += 1
    return first


def enrolment_complete(*, actor: User, enrolment: Enrolment) -> Enrolment:
    course = enrolment.course
    if not (policy.can_course(actor, "certify", course)):
        raise PermissionDenied
    ensure_not_restricted(enrolment.participant_id)
    if enrolment.status != Enrolment.Status.ENROLLED:
        raise ValidationError(_("Nur angemeldete Personen können den Kurs abschließen."))
    with transaction.atomic():
        Enrolment.objects.filter(pk=enrolment.pk).update(status=Enrolment.Status.COMPLETED)
        _audit(actor, "update", enrolment, course.organisation_id, ["status"], detail="completed")
    enrolment.refresh_from_db()
    return enrolment


# --- attendance --------------------------------------------------------------------------------

def attendance_record(*, actor: User, session: Session, enrolment: Enrolment, status: str) -> Attendance:
    """One tap: set (or correct) one person's attendance for one session; may raise an absence task.

    Refused while the person's file is restricted, like completing the course and issuing a certificate:
    each records or uses personal data beyond storing it (Art. 18(2) GDPR). Withdrawing stays possible.
    """
    course = session.course
    if not policy.can_course(actor, "attendance", course):
        raise PermissionDenied
    if enrolment.course_id != course.pk or enrolment.status not in Enrolment.TAUGHT:
        raise ValidationError(_("Die Person ist in diesem Kurs nicht angemeldet."))
    ensure_not_restricted(enrolment.participant_id)
    if status not in Attendance.Status.values:
        raise ValidationError({"status": _("Unbekannter Anwesenheitsstatus.")})
    with transaction.atomic():
        attendance, created = Attendance.objects.update_or_create(
            session=session, enrolment=enrolment, defaults={"status": status, "recorded_by": actor},
        )
        _audit(actor, "create" if created else "update", attendance, course.organisation_id, ["status"],
               detail=status)
        if status not in Attendance.ATTENDED:
            absence_rule_apply(enrolment)
    return attendance


def absence_rule_apply(enrolment: Enrolment) -> CaseworkerTask | None:
    """Raise a task for the responsible caseworker when the absence rule is breached and none is open."""
    course = enrolment.course
    statuses = list(Attendance.objects.filter(enrolment=enrolment).values_list("status", flat=True))
    reason = absence_rule().breach(statuses)
    if reason is None:
        return None
    if CaseworkerTask.objects.filter(kind=CaseworkerTask.Kind.ABSENCE, participant_id=enrolment.participant_id,
                                     course=course, done_at__isnull=True).exists():
        return None
    participant = Participant.objects.only("id", "organisation_id", "caseworker_id").get(pk=enrolment.participant_id)
    due_days = getattr(settings, "WEGWEISER_ABSENCE_TASK_DUE_DAYS", 3)
    task = CaseworkerTask.objects.create(
        organisation_id=participant.organisation_id, kind=CaseworkerTask.Kind.ABSENCE, participant=participant,
        course=course, assignee_id=participant.caseworker_id, detail=f"{course.title}: {reason}",
        due_on=timezone.localdate() + dt.timedelta(days=due_days),
    )
    audit_record(actor="absence rule", action="create", obj=task, fields=["kind", "assignee"], detail=reason,
                 organisation_id=participant.organisation_id)
    return task


def task_complete(*, actor: User, task: CaseworkerTask) -> CaseworkerTask:
    participant_policy.get_participant(actor, task.participant_id, "change")
    with transaction.atomic():
        updated = CaseworkerTask.objects.filter(pk=task.pk, done_at__isnull=True).update(
            done_at=timezone.now(), done_by=actor)
        if updated:
            _audit(actor, "update", task, task.organisation_id, ["done_at"])
    task.refresh_from_db()
    return task


# --- trainers ----------------------------------------------------------------------------------

def trainer_profile_create(*, actor: User, user: User, kind: str, qualifications: str = "") -> TrainerProfile:
    policy.require_admin(actor)
    profile = TrainerProfile(organisation_id=_org_id(actor), user=user, kind=kind,
                             qualifications=qualifications)
    profile.full_clean()
    with transaction.atomic():
        profile.save()
        _audit(actor, "create", profile, profile.organisation_id, ["user", "kind", "qualifications"])
    return profile


def certification_create(*, actor: User, trainer: TrainerProfile, module: Module, trained_by: str,
                         certified_on: dt.date, valid_until: dt.date) -> Certification:
    policy.require_admin(actor)
    policy.require_same_org(actor, trainer.organisation_id)
    policy.require_same_org(actor, module.organisation_id)
    if valid_until < certified_on:
        raise ValidationError({"valid_until": _("„Gültig bis“ liegt vor dem Schulungsdatum.")})
    certification = Certification(trainer=trainer, module=module, trained_by=trained_by,
                                  certified_on=certified_on, valid_until=valid_until)
    certification.full_clean()
    with transaction.atomic():
        certification.save()
        _audit(actor, "create", certification, trainer.organisation_id,
               ["module", "trained_by", "certified_on", "valid_until"])
    return certification


# --- kits --------------------------------------------------------------------------------------

def kit_create(*, actor: User, identifier: str, kind: str, location: str, condition: str = Kit.Condition.GOOD,
               description: str = "") -> Kit:
    policy.require_admin(actor)
    kit = Kit(organisation_id=_org_id(actor), identifier=identifier, kind=kind, location=location,
              condition=condition, description=description)
    kit.full_clean()
    with transaction.atomic():
        kit.save()
        _audit(actor, "create", kit, kit.organisation_id, ["identifier", "kind", "condition", "location"])
    return kit


def kit_loan_create(*, actor: User, kit: Kit, due_on: dt.date, course: Course | None = None,
                    trainer: User | None = None, participant: Participant | None = None,
                    note: str = "") -> KitLoan:
    policy.require_admin(actor)
    policy.require_same_org(actor, kit.organisation_id)
    if sum(x is not None for x in (course, trainer, participant)) != 1:
        raise ValidationError(_("Bitte genau einen Empfänger wählen: Kurs, Trainer/in oder Teilnehmende Person."))
    if course is not None:
        policy.require_same_org(actor, course.organisation_id)
    if participant is not None:
        participant_policy.get_participant(actor, participant.pk, "view")
    if trainer is not None and not TrainerProfile.objects.filter(organisation_id=kit.organisation_id,
                                                                 user=trainer).exists():
        raise ValidationError(_("%(name)s hat kein Trainerprofil in dieser Organisation.") % {"name": trainer})
    today = timezone.localdate()
    if due_on < today:
        raise ValidationError({"due_on": _("Das Rückgabedatum liegt in der Vergangenheit.")})
    with transaction.atomic():
        locked = Kit.objects.select_for_update().get(pk=kit.pk)
        if locked.status != Kit.Status.AVAILABLE:
            raise ValidationError(_("%(kit)s ist nicht verfügbar (%(status)s).")
                                  % {"kit": locked, "status": locked.get_status_display()})
        loan = KitLoan.objects.create(kit=locked, course=course, trainer=trainer, participant=participant,
                                      lent_on=today, due_on=due_on, lent_by=actor, note=note[:300])
        locked.status = Kit.Status.ON_LOAN
        locked.save(update_fields=["status"])
        _audit(actor, "create", loan, kit.organisation_id, ["kit", "due_on"], detail=loan.borrower_label[:100])
    kit.refresh_from_db()
    return loan


def kit_loan_return(*, actor: User, loan: KitLoan, condition: str, note: str = "") -> KitLoan:
    policy.require_admin(actor)
    policy.require_same_org(actor, loan.kit.organisation_id)
    if condition not in Kit.Condition.values:
        raise ValidationError({"condition": _("Bitte den Zustand bei Rückgabe angeben.")})
    with transaction.atomic():
        current = KitLoan.objects.select_for_update().select_related("kit").get(pk=loan.pk)
        if current.returned_on is not None:
            raise ValidationError(_("Diese Ausleihe ist bereits zurückgegeben."))
        current.returned_on = timezone.localdate()
        current.return_condition = condition
        if note:
            current.note = note[:300]
        current.save(update_fields=["returned_on", "return_condition", "note"])
        kit = current.kit
        kit.condition = condition
        kit.status = Kit.Status.RETIRED if kit.status == Kit.Status.RETIRED else Kit.Status.AVAILABLE
        kit.save(update_fields=["condition", "status"])
        _audit(actor, "update", current, kit.organisation_id, ["returned_on", "return_condition"], detail=condition)
    return current


def kit_loan_mark_lost(*, actor: User, loan: KitLoan, note: str = "") -> KitLoan:
    policy.require_admin(actor)
    policy.require_same_org(actor, loan.kit.organisation_id)
    with transaction.atomic():
        current = KitLoan.objects.select_for_update().select_related("kit").get(pk=loan.pk)
        if not current.is_open:
            raise ValidationError(_("Diese Ausleihe ist nicht mehr offen."))
        current.lost = True
        if note:
            current.note = note[:300]
        current.save(update_fields=["lost", "note"])
        Kit.objects.filter(pk=current.kit_id).update(status=Kit.Status.MISSING)
        _audit(actor, "update", current, current.kit.organisation_id, ["lost"], detail="reported missing")
    return current


# --- certificates ------------------------------------------------------------------------------

def certificate_issue(*, actor: User, enrolment: Enrolment) -> ParticipationCertificate:
    """Participation certificate with the hours actually attended; needs at least one attended session."""
    course = enrolment.course
    if not policy.can_course(actor, "certify", course):
        raise PermissionDenied
    ensure_not_restricted(enrolment.participant_id)
    if enrolment.status not in Enrolment.TAUGHT:
        raise ValidationError(_("Nur für angemeldete oder abgeschlossene Teilnahmen."))
    attended = list(Session.objects.filter(attendance__enrolment=enrolment,
                                           attendance__status__in=Attendance.ATTENDED))
    if not attended:
        raise ValidationError(_("Ohne besuchte Termine kann keine Teilnahmebescheinigung ausgestellt werden."))
    hours = Decimal(str(round(sum(s.hours for s in attended), 1)))
    with transaction.atomic():
        certificate = ParticipationCertificate.objects.create(
            enrolment=enrolment, issued_on=timezone.localdate(), issued_by=actor, hours_attended=hours,
            sessions_attended=len(attended),
        )
        _audit(actor, "create", certificate, course.organisation_id, ["hours_attended", "sessions_attended"])
    return certificate


def certificate_revoke(*, actor: User, certificate: ParticipationCertificate) -> ParticipationCertificate:
    course = certificate.enrolment.course
    policy.require_admin(actor)
    policy.require_same_org(actor, course.organisation_id)
    with transaction.atomic():
        ParticipationCertificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now())
        _audit(actor, "update", certificate, course.organisation_id, ["revoked_at"])
    certificate.refresh_from_db()
    return certificate
