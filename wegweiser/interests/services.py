"""Writes of the interests app. Participants act for themselves (actor None, "participant:<id>" in the
audit detail); every write goes through one of these functions."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from wegweiser.audit.services import audit_record
from wegweiser.participants.models import Participant

from . import items, scoring
from .models import AnswerSet, SkillCard, WorkPreferences
from .neigungen import CARDS_BY_KEY, CONDITIONS_BY_KEY

MAX_FREE_TEXT = 1000


def _detail(participant: Participant, text: str) -> str:
    return f"participant:{participant.pk} {text}"


def answer_set_open(*, participant: Participant, language: str) -> AnswerSet:
    """The participant's unfinished answer set, or a new one."""
    with transaction.atomic():
        current = (
            AnswerSet.objects.select_for_update().filter(participant=participant, completed_at__isnull=True).first()
        )
        if current is not None:
            return current
        answer_set = AnswerSet.objects.create(participant=participant, language=language)
        audit_record(actor=None, action="create", obj=answer_set, organisation_id=participant.organisation_id,
                     detail=_detail(participant, "Interessenfragebogen begonnen"))
    return answer_set


def answer_record(*, answer_set: AnswerSet, item_id: str, value: int | None) -> AnswerSet:
    """Save one answer (1–5) or a skip (None). Answers to a finished set are refused."""
    if item_id not in items.ITEMS_BY_ID:
        raise ValueError(f"unknown item {item_id}")
    if value is not None and value not in scoring.ANSWER_VALUES:
        raise ValueError(f"answer must be 1–5, got {value!r}")
    with transaction.atomic():
        locked = AnswerSet.objects.select_for_update().get(pk=answer_set.pk)
        if locked.completed_at is not None:
            raise ValueError("answer set is already finished")
        answers = dict(locked.answers)
        skipped = [i for i in locked.skipped if i != item_id]
        if value is None:
            answers.pop(item_id, None)
            skipped.append(item_id)
        else:
            answers[item_id] = value
        locked.answers, locked.skipped = answers, skipped
        locked.version += 1
        locked.save(update_fields=["answers", "skipped", "version", "updated_at"])
    return locked


def answer_set_complete(*, answer_set: AnswerSet) -> AnswerSet:
    """Finish the set and store its scores. A set without a complete profile can still be finished."""
    profile = scoring.score_answers(answer_set.answers, items.ITEM_DIMENSIONS)
    with transaction.atomic():
        locked = AnswerSet.objects.select_for_update().get(pk=answer_set.pk)
        if locked.completed_at is None:
            locked.completed_at = timezone.now()
            locked.scores = profile.as_dict()
            locked.holland_code = profile.code or ""
            locked.profile_complete = profile.complete
            locked.version += 1
            locked.save()
            participant = locked.participant
            audit_record(actor=None, action="update", obj=locked, organisation_id=participant.organisation_id,
                         fields=["completed_at", "scores", "holland_code"],
                         detail=_detail(participant, f"Fragebogen abgeschlossen ({locked.holland_code or '—'})"))
    return locked


def preference_set(*, participant: Participant, key: str, value: str, language: str = "") -> WorkPreferences:
    condition = CONDITIONS_BY_KEY.get(key)
    if condition is None or value not in {o.value for o in condition.options}:
        raise ValueError(f"invalid preference {key}={value!r}")
    with transaction.atomic():
        prefs, _created = WorkPreferences.objects.select_for_update().get_or_create(participant=participant)
        setattr(prefs, key, value)
        prefs.language = language or prefs.language
        prefs.save()
        audit_record(actor=None, action="update", obj=prefs, organisation_id=participant.organisation_id,
                     fields=[key], detail=_detail(participant, "Neigungen"))
    return prefs


def skill_cards_save(*, participant: Participant, cards: Iterable[str], other_skills: str = "",
                     language: str = "") -> list[SkillCard]:
    """Replace the participant's card selection; each card keeps its ESCO skill URI."""
    keys = sorted({key for key in cards if key in CARDS_BY_KEY})
    text = other_skills.strip()[:MAX_FREE_TEXT]
    with transaction.atomic():
        SkillCard.objects.filter(participant=participant).exclude(card__in=keys).delete()
        existing = set(SkillCard.objects.filter(participant=participant).values_list("card", flat=True))
        SkillCard.objects.bulk_create(
            SkillCard(participant=participant, card=key, esco_skill_uri=CARDS_BY_KEY[key].esco_skill_uri)
            for key in keys if key not in existing
        )
        prefs, _created = WorkPreferences.objects.select_for_update().get_or_create(participant=participant)
        prefs.other_skills = text
        prefs.language = language or prefs.language
        prefs.save()
        audit_record(actor=None, action="update", object_type="interests.skillcard", object_id=str(participant.pk),
                     organisation_id=participant.organisation_id, fields=["cards", "other_skills"],
                     detail=_detail(participant, f"„Ich kann …“-Karten: {len(keys)}"))
    return list(SkillCard.objects.filter(participant=participant))
