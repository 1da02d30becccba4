"""Interest questionnaire answers, working-condition preferences and "I can …" cards of a participant."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegweiser.participants.models import Participant

from . import items
from .neigungen import CARDS, CONDITIONS_BY_KEY


class AnswerSet(models.Model):
    """One run through the questionnaire; saved after every answer so it can be resumed."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="interest_answer_sets")
    item_bank = models.CharField(max_length=40, default=items.ITEM_BANK)
    language = models.CharField(max_length=8, blank=True)
    answers = models.JSONField(default=dict, blank=True)  # item id -> 1..5
    skipped = models.JSONField(default=list, blank=True)  # item ids the person skipped
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Filled on completion by services.answer_set_complete (from scoring.score_answers).
    scores = models.JSONField(default=dict, blank=True)  # "R".."C" -> 0..40 or null
    holland_code = models.CharField(max_length=3, blank=True)
    profile_complete = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["participant", "completed_at"])]
        verbose_name = _("Interessenfragebogen")
        verbose_name_plural = _("Interessenfragebögen")

    def __str__(self) -> str:
        return f"Interessen {self.participant_id} ({self.started_at:%Y-%m-%d})"

    @property
    def answered_count(self) -> int:
        return len(self.answers)

    @property
    def handled(self) -> set[str]:
        return set(self.answers) | set(self.skipped)


def _choices(key: str) -> list[tuple[str, Any]]:
    return [(o.value, o.label) for o in CONDITIONS_BY_KEY[key].options]


class WorkPreferences(models.Model):
    """Preferred working conditions ("Neigungen") and the free text of the "I can …" page."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="work_preferences")
    place = models.CharField(max_length=12, blank=True, choices=_choices("place"))
    focus = models.CharField(max_length=12, blank=True, choices=_choices("focus"))
    physical = models.CharField(max_length=12, blank=True, choices=_choices("physical"))
    shifts = models.CharField(max_length=12, blank=True, choices=_choices("shifts"))
    hours = models.CharField(max_length=12, blank=True, choices=_choices("hours"))
    other_skills = models.TextField(max_length=1000, blank=True)
    language = models.CharField(max_length=8, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Neigungen")
        verbose_name_plural = _("Neigungen")

    def __str__(self) -> str:
        return f"Neigungen {self.participant_id}"


class SkillCard(models.Model):
    """An "I can …" card the participant picked; stands for one ESCO skill."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="skill_cards")
    card = models.CharField(max_length=20, choices=[(c.key, c.label) for c in CARDS])
    esco_skill_uri = models.URLField(max_length=200)
    selected_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["card"]
        constraints = [models.UniqueConstraint(fields=["participant", "card"], name="interests_card_once")]
        verbose_name = _("„Ich kann …“-Karte")
        verbose_name_plural = _("„Ich kann …“-Karten")

    def __str__(self) -> str:
        return f"{self.card} ({self.participant_id})"
