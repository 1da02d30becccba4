"""Occupation and skill suggestions for case-file entries, and the confirmed competence profile.

The matching engine proposes; the caseworker confirms or rejects each proposal (human in the loop).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.audit.services import audit_record
from wegweiser.matching import engine
from wegweiser.privacy.guard import ensure_not_restricted, is_restricted, not_restricted_q

from . import policy
from .models import EducationEntry, Participant, Suggestion, WorkHistoryEntry

TOP_OCCUPATIONS = 5
TOP_SKILLS = 10


def entry_text(entry: WorkHistoryEntry | EducationEntry) -> str:
    """What the person said about this entry, in their words (any language)."""
    if isinstance(entry, WorkHistoryEntry):
        return "\n".join(part for part in (entry.job_title, entry.tasks) if part).strip()
    return "\n".join(part for part in (entry.degree_original, entry.field) if part).strip()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _evidence(evidence: tuple[engine.Evidence, ...]) -> list[dict[str, str]]:
    return [
        {"piece": ev.query_piece, "label": ev.matched_label, "lang": ev.label_lang, "method": ev.method}
        for ev in evidence[:3]
    ]


def _source_kwargs(entry: WorkHistoryEntry | EducationEntry) -> dict[str, Any]:
    if isinstance(entry, WorkHistoryEntry):
        return {"work_entry": entry}
    return {"education_entry": entry}


class Memo(Protocol):
    """Where matches of entry texts are kept between entries (a dict will do)."""

    def get(self, key: str) -> Any: ...

    def __setitem__(self, key: str, value: Any) -> None: ...


def suggestions_refresh(
    *,
    entry: WorkHistoryEntry | EducationEntry,
    index: engine.MatchingIndex,
    lang: str = "de",
    memo: Memo | None = None,
) -> int:
    """Recompute open suggestions for `entry` if its text changed. Decided ones are kept as decided.

    Returns the number of suggestions written (0 when nothing changed).
    """
    if is_restricted(entry.participant_id):
        return 0  # restricted file (Art. 18 GDPR): no new suggestions
    text = entry_text(entry)
    digest = _digest(text)
    existing = Suggestion.objects.filter(**_source_kwargs(entry))
    if existing.filter(source_digest=digest).exists() or (not text and not existing.exists()):
        return 0
    decided = set(
        existing.exclude(status=Suggestion.Status.SUGGESTED).values_list("kind", "uri")
    )
    rows: list[Suggestion] = []
    if text:
        key = f"{lang}:{digest}"
        cached = memo.get(key) if memo is not None else None
        if cached is not None:
            occupations, skills = cached
        else:
            occupations = engine.match_occupations(index, text, top=TOP_OCCUPATIONS, lang=lang)
            skills = engine.match_skills(index, text, top=TOP_SKILLS, lang=lang)
            if memo is not None:
                memo[key] = (occupations, skills)
        common = {"participant_id": entry.participant_id, "source_digest": digest, **_source_kwargs(entry)}
        for rank, occ in enumerate(occupations, start=1):
            if (Suggestion.Kind.OCCUPATION, occ.uri) not in decided:
                rows.append(Suggestion(kind=Suggestion.Kind.OCCUPATION, uri=occ.uri, kldb=occ.kldb or "",
                                       label=occ.label[:300], score=round(occ.score, 4), rank=rank,
                                       evidence=_evidence(occ.evidence), **common))
        for rank, skill in enumerate(skills, start=1):
            if (Suggestion.Kind.SKILL, skill.uri) not in decided:
                rows.append(Suggestion(kind=Suggestion.Kind.SKILL, uri=skill.uri, label=skill.label[:300],
                                       score=round(skill.score, 4), rank=rank,
                                       evidence=_evidence(skill.evidence), **common))
    with transaction.atomic():
        existing.filter(status=Suggestion.Status.SUGGESTED).delete()
        # Decided suggestions stay; mark them as seen for this text so the entry is not recomputed.
        existing.exclude(status=Suggestion.Status.SUGGESTED).update(source_digest=digest)
        Suggestion.objects.bulk_create(rows)
    return len(rows)


def suggestion_decide(*, actor: Any, participant: Participant, suggestion_id: int, status: str) -> Suggestion:
    """Confirm or reject one suggestion (or reopen it). Audited."""
    participant = policy.get_participant(actor, participant.pk, "change")
    ensure_not_restricted(participant)
    if status not in Suggestion.Status.values:
        raise ValueError(_("Unbekannter Status"))
    with transaction.atomic():
        suggestion = (
            Suggestion.objects.select_for_update().filter(pk=suggestion_id, participant=participant).first()
        )
        if suggestion is None:
            raise Http404
        suggestion.status = status
        suggestion.decided_by = actor if status != Suggestion.Status.SUGGESTED else None
        suggestion.decided_at = timezone.now() if status != Suggestion.Status.SUGGESTED else None
        suggestion.save(update_fields=["status", "decided_by", "decided_at"])
        audit_record(actor=actor, action="update", obj=suggestion, fields=["status"],
                     detail=f"participant={participant.pk} {suggestion.kind} {status}")
    return suggestion


@dataclass(frozen=True)
class ProfileItem:
    kind: str
    uri: str
    label: str
    kldb: str
    sources: tuple[str, ...]


def competence_profile(participant: Participant) -> list[ProfileItem]:
    """Confirmed occupations and skills with where they came from, occupations first."""
    confirmed = (
        Suggestion.objects.filter(participant=participant, status=Suggestion.Status.CONFIRMED)
        .select_related("work_entry", "education_entry")
        .order_by("kind", "label")
    )
    items: dict[tuple[str, str], ProfileItem] = {}
    for s in confirmed:
        source = str(s.source) if s.source else ""
        key = (s.kind, s.uri)
        if key in items:
            prev = items[key]
            items[key] = ProfileItem(prev.kind, prev.uri, prev.label, prev.kldb, (*prev.sources, source))
        else:
            items[key] = ProfileItem(s.kind, s.uri, s.label, s.kldb, (source,))
    return sorted(items.values(), key=lambda item: (item.kind != Suggestion.Kind.OCCUPATION, item.label))


def suggestions_by_entry(participant: Participant) -> dict[tuple[str, int], list[Suggestion]]:
    """Open and decided suggestions grouped by ("work"|"education", entry id)."""
    grouped: dict[tuple[str, int], list[Suggestion]] = {}
    for s in Suggestion.objects.filter(participant=participant).order_by("kind", "rank", "id"):
        key = ("work", s.work_entry_id) if s.work_entry_id else ("education", s.education_entry_id)
        grouped.setdefault(key, []).append(s)  # type: ignore[arg-type]
    return grouped


def suggestion_progress() -> tuple[int, int]:
    """(work entries with suggestions, all work entries with text) — progress of the background job."""
    total = WorkHistoryEntry.objects.count()
    done = WorkHistoryEntry.objects.filter(suggestions__isnull=False).distinct().count()
    return done, total


def entries_needing_suggestions(participant_ids: list[int] | None = None) -> models.QuerySet[WorkHistoryEntry]:
    qs = WorkHistoryEntry.objects.filter(suggestions__isnull=True).filter(not_restricted_q("participant_id"))
    if participant_ids is not None:
        qs = qs.filter(participant_id__in=participant_ids)
    return qs.distinct()
