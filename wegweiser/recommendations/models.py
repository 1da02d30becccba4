"""Cached recommendations per participant, caseworker feedback on them, and local demand."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Organisation
from wegweiser.participants.models import Participant


class OccupationDemand(models.Model):
    """How much an occupation is in demand locally (0 none … 1 high); maintained by the org admin."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    occupation_uri = models.CharField(max_length=200)
    label = models.CharField(_("Beruf"), max_length=300)
    demand = models.FloatField(_("Nachfrage (0–1)"), validators=[MinValueValidator(0), MaxValueValidator(1)])
    note = models.CharField(_("Quelle / Notiz"), max_length=300, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "occupation_uri"], name="demand_once_per_occupation")
        ]
        ordering = ["label"]

    def __str__(self) -> str:
        return f"{self.label}: {self.demand:.0%}"


class RecommendationSet(models.Model):
    """The last computed advice for one participant, valid only for the inputs it was computed from."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="recommendation_set")
    inputs_digest = models.CharField(max_length=64)
    computed_at = models.DateTimeField(auto_now=True)
    results = models.JSONField(default=list)
    ict_track = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"Empfehlungen für {self.participant_id}"


class RecommendationFeedback(models.Model):
    class Action(models.TextChoices):
        ACCEPTED = "accepted", _("übernommen")
        DISMISSED = "dismissed", _("verworfen")
        PINNED = "pinned", _("vorgemerkt")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="recommendation_feedback")
    occupation_uri = models.CharField(max_length=200)
    label = models.CharField(max_length=300)
    action = models.CharField(max_length=10, choices=Action.choices)
    reason = models.CharField(_("Begründung"), max_length=300, blank=True)
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["participant", "occupation_uri", "-at"])]

    def __str__(self) -> str:
        return f"{self.label}: {self.get_action_display()}"
