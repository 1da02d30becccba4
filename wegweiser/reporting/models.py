"""Outcomes per participant, follow-ups, programme funding and stored funder reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Organisation
from wegweiser.participants.models import Participant
from wegweiser.programmes.models import Course, Programme


class ProgrammeFunding(models.Model):
    """A funder organisation finances a programme; its users see aggregate reports of it, nothing else."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="fundings")
    funder = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="fundings",
                               limit_choices_to={"kind": Organisation.Kind.FUNDER}, verbose_name=_("Förderer"))
    since = models.DateField(_("Förderung seit"))
    until = models.DateField(_("Förderung bis"), null=True, blank=True)

    class Meta:
        verbose_name = _("Programmförderung")
        verbose_name_plural = _("Programmförderungen")
        constraints = [models.UniqueConstraint(fields=["programme", "funder"], name="funding_once_per_funder")]

    def __str__(self) -> str:
        return f"{self.funder} → {self.programme}"


class Outcome(models.Model):
    class Kind(models.TextChoices):
        JOINED = "joined", _("Programm begonnen")
        COMPLETED = "completed", _("Modul abgeschlossen")
        TRAINING = "training", _("Ausbildung / Weiterbildung begonnen")
        JOB = "job", _("Arbeit aufgenommen")

    TRANSITIONS = (Kind.TRAINING, Kind.JOB)

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("Datum"))
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name=_("Programm"))
    course = models.ForeignKey(Course, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("Kurs"))
    employer = models.CharField(_("Arbeitgeber / Bildungsträger"), max_length=200, blank=True)
    occupation = models.CharField(_("Beruf / Tätigkeit"), max_length=200, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("Wochenstunden"), null=True, blank=True)
    note = models.CharField(_("Bemerkung"), max_length=300, blank=True)
    # Longest follow-up answered "still employed" (0, 6 or 12), kept by `followup_answer`: the funnel then
    # needs one index probe per enrolment instead of three.
    retained_months = models.PositiveSmallIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Ergebnis")
        verbose_name_plural = _("Ergebnisse")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["participant", "kind", "date"]), models.Index(fields=["kind", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y}"


class FollowUp(models.Model):
    """Is the person still employed / in training 6 or 12 months after the transition?"""

    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        YES = "yes", _("weiterhin beschäftigt")
        NO = "no", _("nicht mehr beschäftigt")
        UNKNOWN = "unknown", _("nicht erreichbar")

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="followups")
    months = models.PositiveSmallIntegerField(_("Monate"), choices=[(6, "6"), (12, "12")])
    due_on = models.DateField(_("Fällig am"))
    status = models.CharField(_("Ergebnis"), max_length=8, choices=Status.choices, default=Status.OPEN)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")

    class Meta:
        verbose_name = _("Nachbefragung")
        verbose_name_plural = _("Nachbefragungen")
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["outcome", "months"], name="followup_once_per_interval")]
        indexes = [models.Index(fields=["status", "due_on"]), models.Index(fields=["months", "status"])]

    def __str__(self) -> str:
        return f"{self.months} Monate: {self.get_status_display()}"


class FunderReport(models.Model):
    """A generated, stored report for one funded programme and period (aggregates only)."""

    funding = models.ForeignKey(ProgrammeFunding, on_delete=models.PROTECT, related_name="reports")
    period_start = models.DateField(_("Zeitraum von"))
    period_end = models.DateField(_("Zeitraum bis"))
    k = models.PositiveSmallIntegerField(default=5)
    data = models.JSONField(default=dict)
    pdf = models.BinaryField()
    xlsx = models.BinaryField()
    generated_at = models.DateTimeField(auto_now_add=True)
    generated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")

    class Meta:
        verbose_name = _("Förderbericht")
        verbose_name_plural = _("Förderberichte")
        ordering = ["-period_start", "-generated_at"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="report_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.funding.programme} {self.period_start:%m/%Y}–{self.period_end:%m/%Y}"
