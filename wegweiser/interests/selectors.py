"""Reads of the interests app, including the occupation interest profiles for the recommendations issue:

    from wegweiser.interests import selectors
    selectors.occupation_interest_profile(uri)        # OccupationInterestProfile (values, source) or None
    selectors.interest_fit_for(participant, uris)      # {uri: Pearson r or None}

The profiles are built once per process from the committed taxonomy pack.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from wegweiser.participants.models import Participant

from . import items, scoring
from .fit import interest_fit, rank_occupations
from .models import AnswerSet, SkillCard, WorkPreferences
from .neigungen import CARDS_BY_KEY, CONDITIONS
from .profiles import CROSSWALK, OccupationInterestProfile, build_occupation_profiles


@dataclass(frozen=True)
class OccupationInterestTable:
    profiles: dict[str, OccupationInterestProfile]
    labels: dict[str, dict[str, str]]  # uri -> language -> preferred label
    isco: dict[str, str]

    def label(self, uri: str, language: str) -> str:
        labels = self.labels.get(uri, {})
        return labels.get(language) or labels.get("de") or labels.get("en") or uri


def table_from_bundle(bundle: object) -> OccupationInterestTable:
    from wegweiser.taxonomy.sources import interest_profiles_by_occupation

    occupations = bundle.snapshot.occupations  # type: ignore[attr-defined]
    riasec = bundle.riasec  # type: ignore[attr-defined]
    links = [(r.esco_uri, r.onet_code, r.match) for r in bundle.esco_onet  # type: ignore[attr-defined]
             if r.esco_uri in occupations and r.onet_code in riasec]
    isco = {uri: occ.isco for uri, occ in occupations.items()}
    profiles = build_occupation_profiles(isco, interest_profiles_by_occupation(bundle), links)  # type: ignore[arg-type]
    labels: dict[str, dict[str, str]] = {}
    for uri, occ in occupations.items():
        per_lang: dict[str, str] = {}
        for label in occ.labels:
            if label.kind == "preferred" and label.lang not in per_lang:
                per_lang[label.lang] = label.text
        labels[uri] = per_lang
    return OccupationInterestTable(profiles, labels, isco)


_lock = threading.Lock()
_table: OccupationInterestTable | None = None


def _load_table() -> OccupationInterestTable:
    from wegweiser.taxonomy.pack import load_pack

    return table_from_bundle(load_pack(Path(settings.WEGWEISER_TAXONOMY_PACK)))


def occupation_interest_table() -> OccupationInterestTable:
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                _table = _load_table()
    return _table


def occupation_interest_profile(uri: str) -> OccupationInterestProfile | None:
    return occupation_interest_table().profiles.get(uri)


# --- a participant's answers --------------------------------------------------------------------


def answer_set_open_of(participant: Participant) -> AnswerSet | None:
    return AnswerSet.objects.filter(participant=participant, completed_at__isnull=True).first()


def answer_set_latest_completed(participant: Participant) -> AnswerSet | None:
    return AnswerSet.objects.filter(participant=participant, completed_at__isnull=False).order_by(
        "-completed_at", "-id").first()


def profile_of(answer_set: AnswerSet) -> scoring.InterestProfile:
    return scoring.score_answers(answer_set.answers, items.ITEM_DIMENSIONS)


def interest_profile_of(participant: Participant) -> scoring.InterestProfile | None:
    """The profile of the latest finished questionnaire, if any."""
    answer_set = answer_set_latest_completed(participant)
    return profile_of(answer_set) if answer_set else None


def interest_fit_for(participant: Participant, uris: Iterable[str]) -> dict[str, float | None]:
    """Pearson fit per occupation URI; None where the participant or the occupation has no profile."""
    profile = interest_profile_of(participant)
    vector = profile.vector() if profile else None
    table = occupation_interest_table()
    result: dict[str, float | None] = {}
    for uri in uris:
        occupation = table.profiles.get(uri)
        result[uri] = interest_fit(vector, occupation.values) if vector and occupation else None
    return result


@dataclass(frozen=True)
class ExampleOccupation:
    uri: str
    label: str
    fit: float


def example_occupations(vector: tuple[float, ...], language: str, *, count: int = 6) -> list[ExampleOccupation]:
    """Best-fitting occupations with a direct crosswalk profile, at most one per ISCO minor group."""
    table = occupation_interest_table()
    direct = {uri: p.values for uri, p in table.profiles.items() if p.source == CROSSWALK}
    examples: list[ExampleOccupation] = []
    seen_groups: set[str] = set()
    for uri, r in rank_occupations(vector, direct, top=None):
        group = table.isco.get(uri, "")[:3]
        if group in seen_groups:
            continue
        seen_groups.add(group)
        examples.append(ExampleOccupation(uri, table.label(uri, language), r))
        if len(examples) == count:
            break
    return examples


def preferences_of(participant: Participant) -> WorkPreferences | None:
    return WorkPreferences.objects.filter(participant=participant).first()


def skill_cards_of(participant: Participant) -> list[SkillCard]:
    return list(SkillCard.objects.filter(participant=participant))


def interest_summary_of(participant: Participant) -> dict[str, Any]:
    """What the case file shows about interests; shared by the view and the include's template tag."""
    answer_set = answer_set_latest_completed(participant)
    profile = profile_of(answer_set) if answer_set else None
    open_set = answer_set_open_of(participant)
    prefs = preferences_of(participant)
    cards = skill_cards_of(participant)
    return {
        "answer_set": answer_set,
        "profile": profile,
        "open_set": open_set,
        "prefs": prefs,
        "preference_rows": [
            (c.question, next((o.label for o in c.options if prefs and o.value == getattr(prefs, c.key)), "—"))
            for c in CONDITIONS
        ] if prefs else [],
        "cards": [(card, CARDS_BY_KEY.get(card.card)) for card in cards],
        "dimensions": items.DIMENSIONS,
    }


def riasec_profiles(participant_ids: Iterable[int]) -> dict[int, tuple[float, ...]]:
    """Six RIASEC scale scores of each participant's latest complete questionnaire (one query)."""
    result: dict[int, tuple[float, ...]] = {}
    rows = AnswerSet.objects.filter(
        participant_id__in=list(participant_ids), completed_at__isnull=False, profile_complete=True
    ).order_by("participant_id", "-completed_at", "-id").values_list("participant_id", "scores")
    for participant_id, scores in rows:
        if participant_id not in result and scores and all(scores.get(d) is not None for d in "RIASEC"):
            result[participant_id] = tuple(float(scores[d]) for d in "RIASEC")
    return result
