"""The one write path for consents, referrals, follow-up tasks and vacancies. Every write is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import Organisation
from wegweiser.audit.services import audit_record
from wegweiser.participants import policy as participant_policy
from wegweiser.participants.models import Participant
from wegweiser.privacy.guard import ensure_not_restricted

from . import policy
from .models import Consent, ConsentText, FollowUpTask, Purpose, Referral, Vacancy

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
_SIGNATURES = {b"%PDF-": "pdf", b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}


def followup_days() -> int:
    return int(getattr(settings, "WEGWEISER_REFERRAL_FOLLOWUP_DAYS", 7))


def _who(participant: Participant) -> str:
    return f"participant:{participant.pk}"


# --- consent texts -----------------------------------------------------------------------------

def consent_texts_ensure() -> int:
    """Create the texts of the current version where missing (the data migration does the same)."""
    from . import consent_texts

    created = 0
    for purpose, language, text in consent_texts.all_texts():
        _obj, new = ConsentText.objects.get_or_create(purpose=purpose, language=language,
                                                      version=consent_texts.VERSION,
                                                      defaults={"text": text, "reviewed": False})
        created += new
    return created


def consent_text_current(purpose: str, language: str) -> ConsentText:
    """The newest text version for the purpose in the language, German if there is none."""
    for lang in (language, "de"):
        text = ConsentText.objects.filter(purpose=purpose, language=lang).order_by("-version").first()
        if text is not None:
            return text
    raise ValidationError(_("Für diesen Zweck ist kein Einwilligungstext hinterlegt."))


# --- consent -----------------------------------------------------------------------------------

def validate_form_file(upload: UploadedFile | None) -> None:
    if upload is None:
        raise ValidationError(_("Bitte das unterschriebene Formular hochladen."))
    if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Die Datei ist zu groß (höchstens 5 MB)."))
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in _SIGNATURES):
        raise ValidationError(_("Nur PDF, PNG oder JPEG sind erlaubt."))


def _require_change(actor: Any, participant: Participant) -> None:
    participant_policy.get_participant(actor, participant.pk, "change")


def _require_partner_org(organisation: Organisation) -> None:
    if organisation.kind not in policy.PARTNER_KINDS:
        raise ValidationError(_("Einwilligungen gelten nur für Partnerorganisationen."))


def consent_record(*, actor: Any, participant: Participant, organisation: Organisation, purpose: str,
                   method: str, language: str, form_file: UploadedFile | None = None) -> Consent:
    """A caseworker records a consent given on paper or in person, with the text version shown."""
    _require_change(actor, participant)
    _require_partner_org(organisation)
    if method not in (Consent.Method.SIGNED_FORM, Consent.Method.IN_PERSON):
        raise ValidationError(_("Unbekannte Art der Einwilligung."))
    if method == Consent.Method.SIGNED_FORM:
        validate_form_file(form_file)
    text = consent_text_current(purpose, language)
    now = timezone.now()
    with transaction.atomic():
        open_ = (Consent.objects.select_for_update()
                 .filter(participant=participant, organisation=organisation, purpose=purpose,
                         status__in=[Consent.Status.REQUESTED, Consent.Status.GIVEN]).first())
        if open_ is not None and open_.status == Consent.Status.GIVEN:
            raise ValidationError(_("Diese Einwilligung liegt bereits vor."))
        consent = open_ or Consent(participant=participant, organisation=organisation, purpose=purpose)
        consent.status = Consent.Status.GIVEN
        consent.method = method
        consent.text = text
        consent.text_shown = text.render(organisation)
        consent.given_by = actor
        consent.given_at = now
        if form_file is not None and method == Consent.Method.SIGNED_FORM:
            consent.form_file.save(f"consent-{participant.pk}-{now:%Y%m%d%H%M%S}.{_ext(form_file)}", form_file,
                                   save=False)
        consent.save()
        audit_record(actor=actor, action="create", obj=consent, fields=["status", "method", "text"],
                     detail=f"{_who(participant)} consent {purpose} → org:{organisation.pk} v{text.version}")
    return consent


def _ext(upload: UploadedFile) -> str:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    return next(ext for sig, ext in _SIGNATURES.items() if head.startswith(sig))


def consent_request(*, actor: Any, participant: Participant, organisation: Organisation, purpose: str) -> Consent:
    """Ask the participant in self-service; nothing flows until they agree.

    Refused while the file is restricted: a request prepares a referral, and referrals are blocked
    then. A consent the person gives on paper may still be recorded (`consent_record`): it is their
    own declaration, and Art. 18(2) GDPR allows processing with consent.
    """
    _require_change(actor, participant)
    ensure_not_restricted(participant)
    _require_partner_org(organisation)
    text = consent_text_current(purpose, participant.preferred_language)
    with transaction.atomic():
        if Consent.objects.filter(participant=participant, organisation=organisation, purpose=purpose,
                                  status__in=[Consent.Status.REQUESTED, Consent.Status.GIVEN]).exists():
            raise ValidationError(_("Diese Einwilligung ist bereits angefragt oder liegt vor."))
        consent = Consent.objects.create(
            participant=participant, organisation=organisation, purpose=purpose, status=Consent.Status.REQUESTED,
            text=text, text_shown=text.render(organisation), requested_by=actor, requested_at=timezone.now(),
        )
        audit_record(actor=actor, action="create", obj=consent, fields=["status"],
                     detail=f"{_who(participant)} consent requested {purpose} → org:{organisation.pk}")
    return consent


def consent_answer_self_service(*, participant: Participant, consent: Consent, agree: bool,
                                language: str) -> Consent:
    """The participant clicks yes or no on a requested consent; the text in their language is recorded."""
    text = consent_text_current(consent.purpose, language)
    with transaction.atomic():
        locked = Consent.objects.select_for_update().get(pk=consent.pk, participant=participant)
        if locked.status != Consent.Status.REQUESTED:
            raise ValidationError(_("Diese Anfrage ist schon beantwortet."))
        locked.text = text
        locked.text_shown = text.render(locked.organisation)
        if agree:
            locked.status, locked.method, locked.given_at = Consent.Status.GIVEN, Consent.Method.SELF_SERVICE, \
                timezone.now()
        else:
            locked.status = Consent.Status.DECLINED
        locked.save()
        audit_record(actor=None, action="update", obj=locked, fields=["status"],
                     organisation_id=participant.organisation_id,
                     detail=f"{_who(participant)} self-service consent {locked.status} {locked.purpose} "
                            f"→ org:{locked.organisation_id} {text.language} v{text.version}")
    return locked


def consent_withdraw(*, consent: Consent, actor: Any = None, participant: Participant | None = None) -> int:
    """Withdraw at once. Referrals relying on it stop; returns how many were stopped.

    `actor` is the caseworker; `participant` is set instead when the person withdraws in self-service.
    """
    if participant is not None:
        if consent.participant_id != participant.pk:
            raise PermissionDenied
    else:
        _require_change(actor, consent.participant)
    now = timezone.now()
    with transaction.atomic():
        locked = Consent.objects.select_for_update().get(pk=consent.pk)
        if locked.status not in (Consent.Status.GIVEN, Consent.Status.REQUESTED):
            raise ValidationError(_("Diese Einwilligung ist nicht mehr aktiv."))
        locked.status = Consent.Status.WITHDRAWN
        locked.withdrawn_at = now
        locked.withdrawn_by = actor if participant is None else None
        locked.withdrawn_in_self_service = participant is not None
        locked.save()
        stopped = 0
        if locked.purpose in (Purpose.REFERRAL, Purpose.JOB_PLACEMENT):
            stopped = Referral.objects.filter(
                participant_id=locked.participant_id, organisation_id=locked.organisation_id,
                purpose=locked.purpose, status__in=Referral.ACTIVE,
            ).update(status=Referral.Status.STOPPED, stopped_at=now, version=F("version") + 1)
            FollowUpTask.objects.filter(referral__participant_id=locked.participant_id,
                                        referral__organisation_id=locked.organisation_id,
                                        referral__status=Referral.Status.STOPPED,
                                        done_at__isnull=True).update(done_at=now)
        audit_record(actor=actor, action="update", obj=locked, fields=["status"],
                     organisation_id=locked.participant.organisation_id,
                     detail=f"{_who(locked.participant)} consent withdrawn{' in self-service' if participant else ''}"
                            f" {locked.purpose} → org:{locked.organisation_id}; {stopped} referrals stopped")
    return stopped


def plan_partner_allowed(participant: Participant, organisation: Organisation | str) -> bool:
    """For plans.hooks.partner_allowed: a Kooperationsplan step may name a partner organisation of the
    network only with an active consent to referral or profile sharing for it; a partner outside the
    system (given by name) receives nothing through Wegweiser and is allowed."""
    if isinstance(organisation, str):
        found = Organisation.objects.filter(name=organisation).first()
        if found is None:
            return True
        organisation = found
    if organisation.kind not in policy.PARTNER_KINDS:
        return True
    return Consent.objects.filter(participant=participant, organisation=organisation,
                                  purpose__in=[Purpose.REFERRAL, Purpose.PROFILE_SHARING],
                                  status=Consent.Status.GIVEN).exists()


def has_consent(participant: Participant, organisation_id: int, purpose: str) -> bool:
    return Consent.objects.filter(participant=participant, organisation_id=organisation_id, purpose=purpose,
                                  status=Consent.Status.GIVEN).exists()


# --- referrals ---------------------------------------------------------------------------------

def referral_create(*, actor: Any, participant: Participant, shared_fields: list[str], note: str = "",
                    organisation: Organisation | None = None, course: Any = None,
                    vacancy: Vacancy | None = None) -> Referral:
    _require_change(actor, participant)
    ensure_not_restricted(participant)
    if sum(x is not None for x in (organisation, course, vacancy)) != 1:
        raise ValidationError(_("Bitte genau ein Ziel wählen: Organisation, Kurs oder Stelle."))
    if course is not None:
        target = Referral.Target.COURSE
        if course.organisation_id != actor.organisation_id:
            raise ValidationError(_("Dieser Kurs gehört nicht zu Ihrer Organisation."))
        organisation = course.module.provider
        if organisation is None:
            raise ValidationError(_("Der Kurs hat keinen Träger im Partnernetz; eine Vermittlung ist nicht nötig."))
    elif vacancy is not None:
        target = Referral.Target.VACANCY
        organisation = vacancy.employer
        if organisation is None:
            raise ValidationError(_("Diese Stelle gehört zu keinem Arbeitgeber im Partnernetz. Bitte die Person "
                                    "direkt auf die Stelle hinweisen."))
    else:
        target = Referral.Target.ORGANISATION
    assert organisation is not None
    _require_partner_org(organisation)
    forbidden = sorted(set(shared_fields) & policy.NEVER_SHARED)
    if forbidden:
        raise ValidationError(_("Gesundheitsdaten und andere besonders geschützte Angaben werden nie weitergegeben."))
    unknown = sorted(set(shared_fields) - set(policy.SHAREABLE_FIELDS))
    if unknown:
        raise ValidationError(_("Unbekannte Angaben: %(f)s") % {"f": ", ".join(unknown)})
    fields = [f for f in policy.SHAREABLE_FIELDS if f in shared_fields] or list(policy.MINIMAL_FIELDS)
    purpose = policy.required_purpose(target)
    with transaction.atomic():
        if not has_consent(participant, organisation.pk, purpose):
            raise ValidationError(
                _("Vermittlung nicht möglich: Es fehlt die Einwilligung „%(purpose)s“ für %(org)s. "
                  "Bitte zuerst die Einwilligung einholen.")
                % {"purpose": Purpose(purpose).label, "org": organisation.name})
        beyond = [f for f in fields if f not in policy.MINIMAL_FIELDS]
        if beyond and not has_consent(participant, organisation.pk, Purpose.PROFILE_SHARING):
            raise ValidationError(
                _("Mehr als Name und Sprachen nur mit der Einwilligung „Weitergabe des Profils“ für %(org)s.")
                % {"org": organisation.name})
        if Referral.objects.filter(participant=participant, organisation=organisation, course=course,
                                   vacancy=vacancy, status__in=Referral.ACTIVE).exists():
            raise ValidationError(_("Es gibt bereits eine laufende Vermittlung zu diesem Ziel."))
        referral = Referral.objects.create(
            participant=participant, organisation=organisation, referring_organisation_id=actor.organisation_id,
            target=target, course=course, vacancy=vacancy, purpose=purpose, shared_fields=fields, note=note,
            created_by=actor,
        )
        audit_record(actor=actor, action="create", obj=referral, fields=fields,
                     detail=f"{_who(participant)} referred → org:{organisation.pk} ({target})")
    return referral


ANSWERS: dict[str, tuple[str, ...]] = {
    Referral.Status.PENDING: (Referral.Status.ACCEPTED, Referral.Status.DECLINED),
    Referral.Status.ACCEPTED: (Referral.Status.STARTED, Referral.Status.DECLINED, Referral.Status.COMPLETED),
    Referral.Status.STARTED: (Referral.Status.COMPLETED, Referral.Status.DECLINED),
}


def referral_answer(*, actor: Any, referral_id: int, status: str, reason: str = "") -> Referral:
    """The partner answers; only its own referrals that are still active and covered by consent."""
    with transaction.atomic():
        referral = policy.get_partner_referral(actor, referral_id)
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        if status not in ANSWERS.get(referral.status, ()):
            raise ValidationError(_("Diese Antwort passt nicht zum aktuellen Stand."))
        reason = reason.strip()
        if status == Referral.Status.DECLINED and not reason:
            raise ValidationError(_("Bitte einen Grund für die Ablehnung angeben."))
        referral.status = status
        referral.decline_reason = reason if status == Referral.Status.DECLINED else ""
        referral.answered_at = timezone.now()
        referral.answered_by = actor
        referral.version += 1
        referral.save()
        FollowUpTask.objects.filter(referral=referral, done_at__isnull=True).update(done_at=timezone.now())
        audit_record(actor=actor, action="update", obj=referral, fields=["status"],
                     organisation_id=actor.organisation_id,
                     detail=f"{_who(referral.participant)} referral answered {status}")
    return referral


def referral_cancel(*, actor: Any, referral: Referral) -> Referral:
    _require_change(actor, referral.participant)
    with transaction.atomic():
        updated = Referral.objects.filter(pk=referral.pk, status__in=Referral.ACTIVE).update(
            status=Referral.Status.CANCELLED, stopped_at=timezone.now(), version=F("version") + 1)
        if not updated:
            raise ValidationError(_("Diese Vermittlung läuft nicht mehr."))
        FollowUpTask.objects.filter(referral=referral, done_at__isnull=True).update(done_at=timezone.now())
        audit_record(actor=actor, action="update", obj=referral, fields=["status"],
                     detail=f"{_who(referral.participant)} referral cancelled")
    referral.refresh_from_db()
    return referral


# --- follow-up ---------------------------------------------------------------------------------

def followups_create(*, now: dt.datetime | None = None) -> int:
    """Unanswered referrals older than the follow-up period get one open task for the caseworker."""
    now = now or timezone.now()
    days = followup_days()
    cutoff = now - dt.timedelta(days=days)
    tasks = FollowUpTask.objects.filter(referral_id=OuterRef("pk"))
    due = (Referral.objects.filter(status=Referral.Status.PENDING, created_at__lte=cutoff)
           .exclude(Exists(tasks.filter(done_at__isnull=True)))
           .exclude(Exists(tasks.filter(done_at__gt=cutoff)))
           .select_related("participant", "organisation"))
    created = 0
    with transaction.atomic():
        for referral in due:
            task = FollowUpTask.objects.create(
                referral=referral, participant=referral.participant,
                assignee_id=referral.participant.caseworker_id or referral.created_by_id,
                detail=_("%(org)s hat seit %(days)s Tagen nicht auf die Vermittlung geantwortet.")
                % {"org": referral.organisation.name, "days": days},
                due_on=timezone.localdate(now),
            )
            audit_record(actor="partner_followups", action="create", obj=task,
                         organisation_id=referral.referring_organisation_id,
                         detail=f"{_who(referral.participant)} follow-up for referral {referral.pk}")
            created += 1
    return created


def followup_done(*, actor: Any, task: FollowUpTask) -> None:
    _require_change(actor, task.participant)
    with transaction.atomic():
        if not FollowUpTask.objects.filter(pk=task.pk, done_at__isnull=True).update(done_at=timezone.now(),
                                                                                  done_by=actor):
            raise ValidationError(_("Diese Aufgabe ist schon erledigt."))
        audit_record(actor=actor, action="update", obj=task, fields=["done_at"])


# --- vacancies ---------------------------------------------------------------------------------

VACANCY_FIELDS = ("employer", "employer_name", "title", "description", "municipality", "hours_per_week",
                  "shift_work", "start_date", "german_level", "skill_uris", "contact_name", "contact_email",
                  "contact_phone")


def map_title(title: str, index: Any = None) -> dict[str, str]:
    """Map a job title to ESCO/KldB with the matching engine (best match); empty when nothing fits."""
    from wegweiser.matching import runtime
    from wegweiser.matching.engine import match_occupations

    index = index or runtime.get_index()
    matches = match_occupations(index, title, top=1, lang="de")
    if not matches:
        return {"occupation_uri": "", "occupation_label": "", "kldb": ""}
    best = matches[0]
    return {"occupation_uri": best.uri, "occupation_label": best.label, "kldb": best.kldb or ""}


def _vacancy_coords(vacancy: Vacancy) -> None:
    from .geo import coordinates

    coords = coordinates(vacancy.municipality)
    if coords is not None:
        vacancy.latitude, vacancy.longitude = coords


def vacancy_save(*, actor: Any, vacancy: Vacancy | None = None, **data: Any) -> Vacancy:
    """Create (vacancy None) or update a manually entered vacancy; the title is mapped to ESCO/KldB."""
    if not policy.can_edit_vacancy(actor, vacancy):
        raise PermissionDenied
    if policy.is_partner(actor):
        data["employer"] = actor.organisation
    employer = data.get("employer")
    if employer is not None and employer.kind != Organisation.Kind.EMPLOYER:
        raise ValidationError(_("Als Arbeitgeber nur Organisationen der Art „Arbeitgeber“."))
    if employer is not None and not data.get("employer_name"):
        data["employer_name"] = employer.name
    creating = vacancy is None
    with transaction.atomic():
        if vacancy is None:
            vacancy = Vacancy(created_by=actor, source=Vacancy.Source.MANUAL)
        title_changed = creating or data.get("title") != vacancy.title
        for name in VACANCY_FIELDS:
            if name in data:
                setattr(vacancy, name, data[name])
        if title_changed:
            for key, value in map_title(vacancy.title).items():
                setattr(vacancy, key, value)
        _vacancy_coords(vacancy)
        if not creating:
            vacancy.version += 1
        vacancy.full_clean()
        vacancy.save()
        audit_record(actor=actor, action="create" if creating else "update", obj=vacancy,
                     fields=sorted(k for k in data if k in VACANCY_FIELDS))
    return vacancy
