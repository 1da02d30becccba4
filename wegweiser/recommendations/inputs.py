"""Gather what the recommender needs from the database into plain data, in a fixed number of queries."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings

from wegweiser.interests.selectors import occupation_interest_table, riasec_profiles
from wegweiser.participants.german import german_level
from wegweiser.participants.models import EducationEntry, Participant, Suggestion
from wegweiser.taxonomy.pack import load_pack

from .models import OccupationDemand
from .scoring import OccupationProfile, PersonProfile, Weights, skill_index


@dataclass(frozen=True)
class Catalogue:
    occupations: dict[str, OccupationProfile]
    skill_labels: dict[str, str]
    index: dict[str, list[str]]
    version: str


@cache
def catalogue() -> Catalogue:
    """Occupation profiles from the taxonomy pack (cached per process)."""
    bundle = load_pack(Path(settings.WEGWEISER_TAXONOMY_PACK))
    # Occupation interest profiles: crosswalk, else the ISCO-group fallback of the interests app.
    table = occupation_interest_table()
    riasec = {uri: tuple(profile.values) for uri, profile in table.profiles.items()}
    occupations = {
        uri: OccupationProfile(
            uri=uri, label=occ.preferred("de"), kldb=occ.kldb or "", isco=occ.isco,
            essential=frozenset(occ.essential_skills), optional=frozenset(occ.optional_skills),
            riasec=riasec.get(uri), regulated=occ.regulated,
        )
        for uri, occ in bundle.snapshot.occupations.items()
    }
    labels = {uri: skill.preferred("de") for uri, skill in bundle.snapshot.skills.items()}
    return Catalogue(occupations, labels, skill_index(occupations), bundle.snapshot.version)


def weights() -> Weights:
    values = list(settings.WEGWEISER_RECOMMENDATION_WEIGHTS) + [0.0] * 4
    return Weights(skills=values[0], interests=values[1], feasibility=values[2], demand=values[3])


@dataclass(frozen=True)
class PersonInputs:
    person: PersonProfile
    confirmed_occupations: tuple[str, ...]
    education_isced: int
    digest: str


def person_inputs(participants: list[Participant], cat: Catalogue) -> dict[int, PersonInputs]:
    """Plain inputs for each participant: 5 queries whatever the number of participants."""
    ids = [p.pk for p in participants]
    skills: dict[int, set[str]] = {pk: set() for pk in ids}
    occupations: dict[int, set[str]] = {pk: set() for pk in ids}
    for pid, kind, uri in Suggestion.objects.filter(
        participant_id__in=ids, status=Suggestion.Status.CONFIRMED
    ).values_list("participant_id", "kind", "uri"):
        (occupations if kind == Suggestion.Kind.OCCUPATION else skills)[pid].add(uri)
    german: dict[int, list[str]] = {pk: [] for pk in ids}
    certificates: dict[int, list[str]] = {pk: [] for pk in ids}
    from wegweiser.participants.models import LanguageCertificate, LanguageSkill

    for pid, *levels in LanguageSkill.objects.filter(participant_id__in=ids, language="de").values_list(
        "participant_id", "listening", "reading", "speaking", "writing"
    ):
        german[pid].extend(levels)
    for pid, certified in LanguageCertificate.objects.filter(participant_id__in=ids).values_list(
        "participant_id", "level"
    ):
        certificates[pid].append(certified)
    recognition: dict[int, bool] = dict.fromkeys(ids, False)
    isced: dict[int, int] = dict.fromkeys(ids, 0)
    for pid, status, level in EducationEntry.objects.filter(participant_id__in=ids).values_list(
        "participant_id", "recognition_status", "isced_level"
    ):
        recognition[pid] = recognition[pid] or status in {"full", "partial"}
        isced[pid] = max(isced[pid], level)
    riasec = riasec_profiles(ids)
    result: dict[int, PersonInputs] = {}
    for p in participants:
        have = set(skills[p.pk])
        for occ_uri in occupations[p.pk]:
            occ = cat.occupations.get(occ_uri)
            if occ:
                have |= occ.essential  # experience in an occupation brings its core skills
        person = PersonProfile(
            skills=frozenset(have),
            riasec=riasec.get(p.pk),
            german=german_level(german[p.pk], certificates[p.pk]),
            has_recognition=recognition[p.pk],
            driving_licence=any(cls in (p.driving_licence or "").upper() for cls in ("B", "C")),
            working_time=p.working_time,
        )
        digest_source: dict[str, Any] = {
            "skills": sorted(have), "occ": sorted(occupations[p.pk]), "riasec": person.riasec,
            "german": person.german, "rec": person.has_recognition, "lic": person.driving_licence,
            "wt": person.working_time, "isced": isced[p.pk], "restricted": getattr(p, "restricted", False),
        }
        digest = hashlib.sha256(json.dumps(digest_source, sort_keys=True).encode()).hexdigest()
        result[p.pk] = PersonInputs(person, tuple(sorted(occupations[p.pk])), isced[p.pk], digest)
    return result


def demand_for(organisation_id: int) -> tuple[dict[str, float], str]:
    rows = list(OccupationDemand.objects.filter(organisation_id=organisation_id).values_list(
        "occupation_uri", "demand", "updated_at"))
    version = hashlib.sha256(repr(sorted((u, d, str(t)) for u, d, t in rows)).encode()).hexdigest()[:16]
    return {uri: demand for uri, demand, _ in rows}, version
