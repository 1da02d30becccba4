"""Restriction of processing (Art. 18 GDPR, § 84 SGB X).

`ProcessingRestriction` is the current state of one case file (one row per participant, kept after a lift
with `lifted_at`/`lifted_by`). Every set and every lift is also appended to `RestrictionHistory`, so a file
that was restricted, lifted and restricted again keeps all periods.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wegweiser.participants.models import Participant


class ProcessingRestriction(models.Model):
    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="processing_restriction")
    reason = models.TextField(_("Grund"), max_length=2000)
    since = models.DateTimeField(_("eingeschränkt seit"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    lifted_at = models.DateTimeField(_("aufgehoben am"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Einschränkung der Verarbeitung")
        verbose_name_plural = _("Einschränkungen der Verarbeitung")
        indexes = [models.Index(fields=["lifted_at"])]

    def __str__(self) -> str:
        return f"Einschränkung Teilnehmende {self.participant_id} seit {self.since:%d.%m.%Y}"

    @property
    def active(self) -> bool:
        return self.lifted_at is None


class RestrictionHistory(models.Model):
    """Append-only: one row per set or lift."""

    class Action(models.TextChoices):
        SET = "set", _("eingeschränkt")
        LIFT = "lift", _("Einschränkung aufgehoben")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="restriction_history")
    action = models.CharField(max_length=8, choices=Action.choices)
    reason = models.TextField(blank=True, max_length=2000)
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("Verlauf der Einschränkung")
        verbose_name_plural = _("Verlauf der Einschränkungen")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%d.%m.%Y}"
