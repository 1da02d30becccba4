"""Kooperationsplan (§ 15 SGB II): one plan per participant, a chain of versions, steps per version.

A version is a draft until the caseworker signs it. From then on it is frozen: its goal, review date
and steps never change again (enforced here in `save`/`delete` and in the services). The only changes
a frozen version still accepts are its own state transitions: awaiting the participant's
acknowledgement → agreed (with how and when the participant acknowledged) or → withdrawn.
Changes to an agreed plan are made in a new draft version copied from it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wegweiser.accounts.models import Organisation
from wegweiser.participants.models import Participant


class FrozenVersion(ValidationError):
    """Raised on any attempt to change a signed (frozen) version or its steps."""

    def __init__(self) -> None:
        super().__init__(_("Diese Version ist vereinbart und kann nicht mehr geändert werden. "
                           "Änderungen bitte in einer neuen Entwurfsversion."), code="frozen")


class Plan(models.Model):
    participant = models.OneToOneField(Participant, on_delete=models.PROTECT, related_name="plan")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Kooperationsplan {self.participant_id}"


class PlanVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        AWAITING = "awaiting", _("unterschrieben, Bestätigung der Person steht aus")
        AGREED = "agreed", _("vereinbart")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    class GoalKind(models.TextChoices):
        OCCUPATION = "occupation", _("Zielberuf")
        FREE = "free", _("freies Ziel")

    class Acknowledgement(models.TextChoices):
        NONE = "", _("noch nicht")
        SELFSERVICE = "selfservice", _("in der Selbstauskunft bestätigt")
        PAPER = "paper", _("auf Papier unterschrieben")

    # Fields a frozen version may still change, and only through its state transitions.
    TRANSITION_FIELDS = frozenset({"status", "participant_ack", "participant_ack_at", "participant_ack_recorded_by",
                                   "agreed_on", "withdrawn_at", "lock"})

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("Version"))
    status = models.CharField(_("Stand"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    goal_kind = models.CharField(_("Art des Ziels"), max_length=10, choices=GoalKind.choices, default=GoalKind.FREE)
    goal_occupation_uri = models.CharField(_("Zielberuf (ESCO-URI)"), max_length=200, blank=True)
    goal_label = models.CharField(_("Integrationsziel"), max_length=300, blank=True)
    goal_translation = models.CharField(_("Ziel in der Sprache der Person"), max_length=300, blank=True)
    review_on = models.DateField(_("Überprüfung am"), null=True, blank=True)
    source_recommendation_uri = models.CharField(max_length=200, blank=True)
    based_on = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Caseworker's signature (freezes the version).
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    signed_at = models.DateTimeField(null=True, blank=True)
    # Participant's acknowledgement.
    participant_ack = models.CharField(_("Bestätigung der Person"), max_length=12, choices=Acknowledgement.choices,
                                       blank=True, default="")
    participant_ack_at = models.DateTimeField(null=True, blank=True)
    participant_ack_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                                    blank=True, related_name="+")
    agreed_on = models.DateField(_("vereinbart am"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    lock = models.PositiveIntegerField(default=1, editable=False)  # optimistic locking of drafts

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_once"),
            models.UniqueConstraint(fields=["plan"], condition=models.Q(status__in=["draft", "awaiting"]),
                                    name="plan_one_open_version"),
        ]
        indexes = [models.Index(fields=["status", "review_on"])]

    def __str__(self) -> str:
        return f"Kooperationsplan {self.plan_id} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = PlanVersion.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored is not None and stored != self.Status.DRAFT:
                fields = kwargs.get("update_fields")
                if fields is None or not set(fields) <= self.TRANSITION_FIELDS:
                    raise FrozenVersion()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if PlanVersion.objects.filter(pk=self.pk).exclude(status=self.Status.DRAFT).exists():
            raise FrozenVersion()
        return super().delete(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class StepQuerySet(models.QuerySet["Step"]):
    def update(self, **kwargs: Any) -> int:
        if self.exclude(version__status=PlanVersion.Status.DRAFT).exists():
            raise FrozenVersion()
        return super().update(**kwargs)

    def delete(self) -> Any:
        if self.exclude(version__status=PlanVersion.Status.DRAFT).exists():
            raise FrozenVersion()
        return super().delete()


class Step(models.Model):
    class Kind(models.TextChoices):
        LANGUAGE = "language", _("Deutsch lernen")
        COURSE = "course", _("Kurs / Qualifizierung")
        APPLICATION = "application", _("Bewerbung")
        APPOINTMENT = "appointment", _("Termin")
        DOCUMENTS = "documents", _("Unterlagen / Anerkennung")
        WORK = "work", _("Praktikum / Arbeit")
        OTHER = "other", _("Sonstiges")

    class Responsible(models.TextChoices):
        PARTICIPANT = "participant", _("Teilnehmende Person")
        JOBCENTER = "jobcenter", _("Jobcenter")
        PARTNER = "partner", _("Partnerorganisation")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("plan step", "offen")
        DONE = "done", _("erledigt")
        MISSED = "missed", _("versäumt")
        DROPPED = "dropped", _("entfallen")

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="steps")
    # Stable across versions: a step copied into a new version keeps its key, so the diff can pair them.
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("Art"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    what = models.CharField(_("Was"), max_length=300)
    what_translation = models.CharField(_("Was, in der Sprache der Person"), max_length=300, blank=True)
    responsible = models.CharField(_("Wer"), max_length=12, choices=Responsible.choices,
                                   default=Responsible.PARTICIPANT)
    partner_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                             related_name="+", verbose_name=_("Partnerorganisation"))
    partner_name = models.CharField(_("Name der Partnerorganisation"), max_length=200, blank=True)
    due_on = models.DateField(_("Bis wann"), null=True, blank=True)
    status = models.CharField(_("Stand"), max_length=8, choices=Status.choices, default=Status.OPEN)
    drop_reason = models.CharField(_("Grund für das Entfallen"), max_length=300, blank=True)
    module = models.ForeignKey("programmes.Module", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("Kurs aus dem Katalog"))
    enrolment = models.ForeignKey("programmes.Enrolment", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("Kursanmeldung"))
    recommendation_uri = models.CharField(_("Empfehlung (ESCO-URI)"), max_length=200, blank=True)
    referral = models.ForeignKey("partners.Referral", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=pgettext_lazy("referral", "Vermittlung"))

    objects = StepQuerySet.as_manager()

    class Meta:
        ordering = ["version", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="plan_step_key_once_per_version"),
        ]

    def __str__(self) -> str:
        return self.what

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.is_frozen():
            raise FrozenVersion()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.is_frozen():
            raise FrozenVersion()
        return super().delete(*args, **kwargs)

    def is_frozen(self) -> bool:
        return PlanVersion.objects.filter(pk=self.version_id).exclude(status=PlanVersion.Status.DRAFT).exists()

    def effective_status(self, today: dt.date | None = None) -> str:
        """Open and past due counts as missed (derived on read; nothing is written)."""
        today = today or timezone.localdate()
        if self.status == self.Status.OPEN and self.due_on is not None and self.due_on < today:
            return self.Status.MISSED
        return self.status

    @property
    def shown_status(self) -> str:
        return self.effective_status()

    @property
    def shown_status_label(self) -> Any:
        return self.Status(self.shown_status).label

    @property
    def responsible_text(self) -> str:
        if self.responsible == self.Responsible.PARTNER:
            return self.partner_name or (self.partner_organisation.name if self.partner_organisation else "")
        return str(self.Responsible(self.responsible).label)
