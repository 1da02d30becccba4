"""Reads for retention: the periods, legal holds, and the plain facts the planner needs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Exists, Min, OuterRef, Q, QuerySet
from django.utils import timezone

from wegweiser.audit.models import AuditEvent
from wegweiser.interests.models import AnswerSet, SkillCard, WorkPreferences
from wegweiser.participants.models import ContactNote, Participant
from wegweiser.partners.models import Consent
from wegweiser.privacy.guard import active_restrictions, is_restricted
from wegweiser.selfservice.models import Invitation

from .models import LegalHold
from .planning import PARTICIPANT_ORDER, ParticipantFacts, RetentionPeriods

PARTICIPANT_OBJECT_TYPE = "participants.participant"
ANON_PREFIX = "ANON-"


def anon_customer_number(participant_id: int) -> str:
    return f"{ANON_PREFIX}{participant_id}"


def is_anonymised(participant: Participant) -> bool:
    return participant.customer_number == anon_customer_number(participant.pk)


def retention_periods() -> RetentionPeriods:
    try:
        return RetentionPeriods(
            case_file=settings.WEGWEISER_RETENTION_CASE_FILE_DAYS,
            contact_notes=settings.WEGWEISER_RETENTION_CONTACT_NOTES_DAYS,
            selfservice=settings.WEGWEISER_RETENTION_SELFSERVICE_DAYS,
            documents=settings.WEGWEISER_RETENTION_DOCUMENTS_DAYS,
            audit_log=settings.WEGWEISER_RETENTION_AUDIT_LOG_DAYS,
        )
    except ValueError as exc:
        raise ImproperlyConfigured(f"WEGWEISER_RETENTION_*: {exc}") from exc


def held_participant_ids(*, today: dt.date) -> set[int]:
    """Participants exempt from retention: an active legal hold or an active restriction of processing (a person
    may ask for restriction instead of erasure, Art. 18(1)(b) GDPR; the file is then only stored)."""
    holds = set(LegalHold.objects.active_on(today).values_list("participant_id", flat=True))
    return holds | set(active_restrictions().values_list("participant_id", flat=True))


def is_held(participant_id: int, *, today: dt.date) -> bool:
    """`held_participant_ids` for one participant (two index probes instead of two whole sets)."""
    return LegalHold.objects.active_on(today).filter(participant_id=participant_id).exists() or is_restricted(
        participant_id)


def legal_holds_for_org(*, organisation_id: int) -> QuerySet[LegalHold]:
    return LegalHold.objects.filter(participant__organisation_id=organisation_id).select_related(
        "participant", "set_by", "lifted_by")


def selfservice_querysets(participant_id: int, before: dt.datetime | None = None) -> list[QuerySet[Any]]:
    """Self-service and questionnaire data of one participant (optionally only rows older than `before`)."""
    sets: list[tuple[QuerySet[Any], str]] = [
        (AnswerSet.objects.filter(participant_id=participant_id), "started_at"),
        (WorkPreferences.objects.filter(participant_id=participant_id), "updated_at"),
        (SkillCard.objects.filter(participant_id=participant_id), "selected_at"),
        (Invitation.objects.filter(participant_id=participant_id), "created_at"),
    ]
    return [qs.filter(**{f"{stamp}__lt": before}) if before else qs for qs, stamp in sets]


def documents_queryset(participant_id: int) -> QuerySet[Consent]:
    """Uploaded documents of a participant: the signed consent forms."""
    return Consent.objects.filter(participant_id=participant_id).exclude(form_file="")


def participant_facts(*, today: dt.date, periods: RetentionPeriods) -> list[ParticipantFacts]:
    """Facts of every exited participant whose earliest retention date has come (others cannot be due)."""
    earliest = min(periods.effective_days(category) for category in PARTICIPANT_ORDER)
    held = held_participant_ids(today=today)
    participant = OuterRef("pk")
    rows = (
        Participant.objects.filter(exit_date__isnull=False, exit_date__lte=today - dt.timedelta(days=earliest))
        .annotate(
            has_notes=Exists(ContactNote.objects.filter(participant=participant)),
            has_answers=Exists(AnswerSet.objects.filter(participant=participant)),
            has_prefs=Exists(WorkPreferences.objects.filter(participant=participant)),
            has_cards=Exists(SkillCard.objects.filter(participant=participant)),
            has_invitations=Exists(Invitation.objects.filter(participant=participant)),
            has_documents=Exists(Consent.objects.filter(participant=participant).exclude(form_file="")),
        )
        .values_list("pk", "exit_date", "customer_number", "has_notes", "has_answers", "has_prefs", "has_cards",
                     "has_invitations", "has_documents")
        .order_by("pk")
    )
    return [
        ParticipantFacts(
            participant_id=pk, exit_date=exit_date, on_hold=pk in held,
            anonymised=customer_number == anon_customer_number(pk), has_contact_notes=notes,
            has_selfservice_data=answers or prefs or cards or invitations, has_documents=documents,
        )
        for pk, exit_date, customer_number, notes, answers, prefs, cards, invitations, documents in rows
    ]


def audit_events_deletable(*, before: dt.datetime, keep_participant_ids: set[int]) -> QuerySet[AuditEvent]:
    """Audit rows older than `before`, without the rows about the kept (held) participants and their holds."""
    qs = AuditEvent.objects.filter(at__lt=before)
    if keep_participant_ids:
        holds = LegalHold.objects.filter(participant_id__in=keep_participant_ids).values_list("pk", flat=True)
        qs = qs.exclude(Q(object_type=PARTICIPANT_OBJECT_TYPE)
                        & Q(object_id__in=[str(pk) for pk in sorted(keep_participant_ids)]))
        qs = qs.exclude(Q(object_type=LegalHold._meta.label_lower) & Q(object_id__in=[str(pk) for pk in holds]))
    return qs


def oldest_audit_day(*, keep_participant_ids: set[int]) -> dt.date | None:
    far_future = timezone.now() + dt.timedelta(days=365 * 1000)
    oldest = audit_events_deletable(before=far_future, keep_participant_ids=keep_participant_ids).aggregate(
        oldest=Min("at"))["oldest"]
    return timezone.localdate(oldest) if oldest else None
