"""The one write path for taxonomy data: `taxonomy_import`.

Input is a parsed `TaxonomyBundle` (from the raw sources or from the pack), so every file error
has already been raised before the database is touched. The import runs in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models, transaction

from . import models as m
from .snapshot import preferred_in
from .sources import TaxonomyBundle

BATCH_SIZE = 2000
T = TypeVar("T", bound=models.Model)
Progress = Callable[[int], None]


@dataclass(frozen=True)
class ImportResult:
    version: m.TaxonomyVersion
    created: bool  # False: this exact source checksum was imported before, nothing changed
    counts: dict[str, int]


def taxonomy_version_for(checksum: str) -> m.TaxonomyVersion | None:
    return m.TaxonomyVersion.objects.filter(checksum=checksum).first()


def import_row_count(bundle: TaxonomyBundle) -> int:
    """Rows `taxonomy_import` writes (the progress bar's total)."""
    snap = bundle.snapshot
    return (
        len(bundle.isco_groups)
        + len(bundle.skill_groups)
        + len(bundle.kldb_classes)
        + len(_onet_codes(bundle))
        + sum(1 + len(s.labels) for s in snap.skills.values())
        + sum(1 + len(o.labels) + len(o.essential_skills) + len(o.optional_skills) for o in snap.occupations.values())
        + len(bundle.broader)
        + len(bundle.esco_kldb)
        + len(bundle.riasec)
        + len(bundle.esco_onet)
    )


def _batches(items: Iterable[T], size: int = BATCH_SIZE) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Writer:
    def __init__(self, version: m.TaxonomyVersion, progress: Progress | None) -> None:
        self.version = version
        self.progress = progress or (lambda n: None)
        self.counts: dict[str, int] = {}

    def insert(self, model: type[T], rows: Iterable[T]) -> None:
        total = 0
        for batch in _batches(rows):
            model._default_manager.bulk_create(batch, batch_size=BATCH_SIZE)
            total += len(batch)
            self.progress(len(batch))
        self.counts[model.__name__] = self.counts.get(model.__name__, 0) + total

    def upsert(self, model: type[T], key: str, rows: dict[str, dict[str, Any]]) -> dict[str, int]:
        """Create concepts new in this version, update the others in place; return key → pk.

        Concepts absent from `rows` are left alone (their `last_version` stays older)."""
        existing: dict[str, int] = dict(model._default_manager.values_list(key, "pk"))
        fields = sorted({field for values in rows.values() for field in values})
        new = [
            model(**{key: k}, **values, first_version=self.version, last_version=self.version)
            for k, values in rows.items()
            if k not in existing
        ]
        self.insert(model, new)
        changed = [
            model(pk=existing[k], **values, last_version=self.version) for k, values in rows.items() if k in existing
        ]
        for batch in _batches(changed, 500):
            model._default_manager.bulk_update(batch, [*fields, "last_version"])
            self.progress(len(batch))
        self.counts[model.__name__] = len(rows)
        return dict(model._default_manager.filter(**{f"{key}__in": list(rows)}).values_list(key, "pk"))


def taxonomy_import(bundle: TaxonomyBundle, *, source: str, progress: Progress | None = None) -> ImportResult:
    """Import `bundle` as a taxonomy version. Idempotent by source checksum; atomic."""
    existing = taxonomy_version_for(bundle.checksum)
    if existing is not None:
        return ImportResult(version=existing, created=False, counts=existing.counts)
    snap = bundle.snapshot
    with transaction.atomic():
        version = m.TaxonomyVersion.objects.create(
            name=snap.version, checksum=bundle.checksum, source=source, notes=bundle.notes
        )
        writer = _Writer(version, progress)
        writer.upsert(
            m.IscoGroup,
            "uri",
            {g.uri: {"code": g.code, "label_en": g.label_en, "label_de": g.label_de} for g in bundle.isco_groups},
        )
        writer.upsert(
            m.SkillGroup,
            "uri",
            {g.uri: {"code": g.code, "label_en": g.label_en} for g in bundle.skill_groups},
        )
        kldb_pks = writer.upsert(
            m.KldbClass,
            "code",
            {c.code: {"level": c.level, "title": c.title, "short_title": c.short_title} for c in bundle.kldb_classes},
        )
        parents = [
            m.KldbClass(pk=pk, parent_id=kldb_pks.get(_kldb_parent(code)))
            for code, pk in kldb_pks.items()
            if _kldb_parent(code) in kldb_pks
        ]
        m.KldbClass.objects.bulk_update(parents, ["parent"], batch_size=500)

        skill_pks = writer.upsert(
            m.Skill,
            "uri",
            {
                s.uri: {
                    "skill_type": s.skill_type,
                    "reuse_level": bundle.skill_reuse.get(s.uri, ""),
                    "preferred_en": preferred_in(s.labels, "en"),
                    "preferred_de": preferred_in(s.labels, "de"),
                }
                for s in snap.skills.values()
            },
        )
        occ_pks = writer.upsert(
            m.Occupation,
            "uri",
            {
                o.uri: {
                    "code": o.code,
                    "isco": o.isco,
                    "kldb": o.kldb or "",
                    "regulated": o.regulated,
                    "preferred_en": preferred_in(o.labels, "en"),
                    "preferred_de": preferred_in(o.labels, "de"),
                }
                for o in snap.occupations.values()
            },
        )
        onet_pks = writer.upsert(
            m.OnetOccupation,
            "code",
            {code: {"title": bundle.onet_titles.get(code, "")} for code in _onet_codes(bundle)},
        )

        writer.insert(
            m.SkillLabel,
            (
                m.SkillLabel(skill_id=skill_pks[s.uri], version=version, lang=lb.lang, kind=lb.kind, text=lb.text)
                for s in snap.skills.values()
                for lb in s.labels
            ),
        )
        writer.insert(
            m.OccupationLabel,
            (
                m.OccupationLabel(
                    occupation_id=occ_pks[o.uri], version=version, lang=lb.lang, kind=lb.kind, text=lb.text
                )
                for o in snap.occupations.values()
                for lb in o.labels
            ),
        )
        writer.insert(
            m.OccupationSkill,
            (
                m.OccupationSkill(
                    version=version, occupation_id=occ_pks[o.uri], skill_id=skill_pks[uri], relation=relation
                )
                for o in snap.occupations.values()
                for relation, uris in (("essential", o.essential_skills), ("optional", o.optional_skills))
                for uri in uris
            ),
        )
        writer.insert(
            m.BroaderRelation,
            (
                m.BroaderRelation(
                    version=version,
                    pillar="occupation" if "/occupation/" in uri or "/isco/" in uri else "skill",
                    uri=uri,
                    broader_uri=broader,
                )
                for uri, broader in bundle.broader
            ),
        )
        writer.insert(
            m.EscoKldbMapping,
            (
                m.EscoKldbMapping(
                    version=version,
                    esco_uri=r.esco_uri,
                    occupation_id=occ_pks.get(r.esco_uri),
                    berufenet_id=r.berufenet_id,
                    title=r.title,
                    relation=r.relation,
                    kldb=r.kldb or "",
                )
                for r in bundle.esco_kldb
            ),
        )
        writer.insert(
            m.RiasecProfile,
            (
                m.RiasecProfile(
                    version=version,
                    onet_id=onet_pks[p.onet_code],
                    realistic=p.values[0],
                    investigative=p.values[1],
                    artistic=p.values[2],
                    social=p.values[3],
                    enterprising=p.values[4],
                    conventional=p.values[5],
                    high_point_1=p.high_points[0],
                    high_point_2=p.high_points[1],
                    high_point_3=p.high_points[2],
                )
                for p in bundle.riasec.values()
            ),
        )
        writer.insert(
            m.EscoOnetCrosswalk,
            (
                m.EscoOnetCrosswalk(
                    version=version,
                    esco_uri=r.esco_uri,
                    occupation_id=occ_pks.get(r.esco_uri),
                    onet_id=onet_pks[r.onet_code],
                    match_type=r.match,
                )
                for r in bundle.esco_onet
            ),
        )
        version.counts = writer.counts
        version.save(update_fields=["counts"])
    return ImportResult(version=version, created=True, counts=writer.counts)


def _kldb_parent(code: str) -> str:
    return code[:-1]


def _onet_codes(bundle: TaxonomyBundle) -> set[str]:
    return set(bundle.onet_titles) | set(bundle.riasec) | {r.onet_code for r in bundle.esco_onet}
