"""Reads of the taxonomy for the browsable pages. No personal data: every staff role may read.

Labels and relations are read in the version that last contained the concept
(`concept.last_version`), so an occupation dropped by a newer import still shows what it was.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from .models import (
    EscoKldbMapping,
    IscoGroup,
    KldbClass,
    Occupation,
    OccupationLabel,
    OccupationSkill,
    Skill,
    SkillLabel,
    TaxonomyVersion,
)

logger = logging.getLogger(__name__)


def taxonomy_current_version() -> TaxonomyVersion | None:
    return TaxonomyVersion.objects.order_by("-imported_at", "-pk").first()


@dataclass(frozen=True)
class OccupationHit:
    occupation: Occupation
    score: float | None = None  # engine score; None for the keyword search
    evidence: tuple[str, ...] = ()  # "piece → label" lines from the engine


@dataclass
class SearchResult:
    query: str
    method: str  # "engine" | "keyword" | "none"
    hits: list[OccupationHit] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)


def _current_occupations(version: TaxonomyVersion) -> QuerySet[Occupation]:
    return Occupation.objects.filter(last_version=version)


def occupations_search(
    query: str, *, version: TaxonomyVersion | None, lang: str = "de", limit: int = 30
) -> SearchResult:
    """Occupations (and skills) of `version` for a search box query: the matching engine when its
    index is ready, otherwise a case-insensitive label/code search in the database."""
    query = query.strip()
    if not query or version is None:
        return SearchResult(query=query, method="none")
    matches = _engine_matches(query, lang=lang, top=limit)
    if matches is not None:
        by_uri = {o.uri: o for o in _current_occupations(version).filter(uri__in=[m[0] for m in matches])}
        hits = [
            OccupationHit(by_uri[uri], score=score, evidence=evidence)
            for uri, score, evidence in matches
            if uri in by_uri
        ]
        return SearchResult(query=query, method="engine", hits=hits, skills=_skills_by_label(query, version))
    labelled = OccupationLabel.objects.filter(version=version, text__icontains=query).values("occupation_id")
    occupations = (
        _current_occupations(version)
        .filter(Q(pk__in=labelled) | Q(kldb=query) | Q(isco=query) | Q(code=query))
        .order_by("preferred_de", "preferred_en")[:limit]
    )
    return SearchResult(
        query=query,
        method="keyword",
        hits=[OccupationHit(o) for o in occupations],
        skills=_skills_by_label(query, version),
    )


def _skills_by_label(query: str, version: TaxonomyVersion, limit: int = 20) -> list[Skill]:
    labelled = SkillLabel.objects.filter(version=version, text__icontains=query).values("skill_id")
    return list(
        Skill.objects.filter(last_version=version, pk__in=labelled).order_by("preferred_de", "preferred_en")[:limit]
    )


# --- the matching engine, when present --------------------------------------------------------
# `wegweiser.matching` sits above `taxonomy` in the import order, so it is imported lazily and
# only if installed. Building its index encodes every label once (cached on disk afterwards);
# that happens in a background thread, and the page uses the keyword search until it is ready.

def _engine_index() -> Any | None:
    if not getattr(settings, "WEGWEISER_TAXONOMY_SEARCH_ENGINE", True):
        return None
    try:
        from wegweiser.matching import runtime
    except ImportError:
        return None
    return runtime.index_if_ready()


def _engine_matches(query: str, *, lang: str, top: int) -> list[tuple[str, float, tuple[str, ...]]] | None:
    index = _engine_index()
    if index is None:
        return None
    from wegweiser.matching import engine

    matches = engine.match_occupations(index, query, top=top, lang=lang)
    return [
        (
            match.uri,
            match.score,
            tuple(f"{ev.query_piece} → {ev.matched_label} ({ev.method})" for ev in match.evidence[:3]),
        )
        for match in matches
    ]


# --- detail pages ------------------------------------------------------------------------------


_KIND_ORDER = {"preferred": 0, "alternative": 1, "curated": 2, "berufenet": 3, "kldb": 4}


def _label_order(label: OccupationLabel | SkillLabel) -> tuple[str, int, str]:
    return (label.lang, _KIND_ORDER.get(label.kind, 9), label.text.casefold())


@dataclass
class OccupationDetail:
    occupation: Occupation
    labels: dict[str, list[OccupationLabel]]  # "de" / "en" / "ar" / "other" -> labels
    isco_group: IscoGroup | None
    kldb_path: list[KldbClass]  # level 1 .. 5
    essential: list[Skill]
    optional: list[Skill]
    mappings: list[EscoKldbMapping]


def occupation_detail(occupation: Occupation) -> OccupationDetail:
    version_id = occupation.last_version_id
    labels: dict[str, list[OccupationLabel]] = {"de": [], "en": [], "ar": [], "other": []}
    rows = OccupationLabel.objects.filter(occupation=occupation, version_id=version_id)
    for label in sorted(rows, key=_label_order):
        labels.get(label.lang, labels["other"]).append(label)
    links = (
        OccupationSkill.objects.filter(occupation=occupation, version_id=version_id)
        .select_related("skill")
        .order_by("skill__preferred_de", "skill__preferred_en")
    )
    essential = [link.skill for link in links if link.relation == OccupationSkill.Relation.ESSENTIAL]
    optional = [link.skill for link in links if link.relation == OccupationSkill.Relation.OPTIONAL]
    kldb_codes = [occupation.kldb[:n] for n in range(1, 6)] if occupation.kldb else []
    return OccupationDetail(
        occupation=occupation,
        labels=labels,
        isco_group=IscoGroup.objects.filter(code=occupation.isco).first(),
        kldb_path=list(KldbClass.objects.filter(code__in=kldb_codes).order_by("level")),
        essential=essential,
        optional=optional,
        mappings=list(
            EscoKldbMapping.objects.filter(occupation=occupation, version_id=version_id).order_by("relation", "title")
        ),
    )


@dataclass
class SkillDetail:
    skill: Skill
    labels: dict[str, list[SkillLabel]]
    essential_for: list[Occupation]
    optional_for: list[Occupation]


def skill_detail(skill: Skill) -> SkillDetail:
    version_id = skill.last_version_id
    labels: dict[str, list[SkillLabel]] = {"de": [], "en": [], "other": []}
    for label in sorted(SkillLabel.objects.filter(skill=skill, version_id=version_id), key=_label_order):
        labels.get(label.lang, labels["other"]).append(label)
    links = (
        OccupationSkill.objects.filter(skill=skill, version_id=version_id)
        .select_related("occupation")
        .order_by("occupation__preferred_de", "occupation__preferred_en")
    )
    return SkillDetail(
        skill=skill,
        labels=labels,
        essential_for=[link.occupation for link in links if link.relation == OccupationSkill.Relation.ESSENTIAL],
        optional_for=[link.occupation for link in links if link.relation == OccupationSkill.Relation.OPTIONAL],
    )
