"""Everything stored about one participant, found by walking the model graph (Art. 15 GDPR).

Starting at `Participant`, every reverse foreign key / one-to-one relation is followed to the rows that point
at the person, and from those rows again to their own dependants (plan → versions → steps, enrolment →
attendance and certificates, outcome → follow-ups …). A new model with a foreign key to `Participant` (or to
one of their records) is picked up without changes here; `tests/privacy/test_coverage.py` fails if one is
not. Shared catalogue rows the person's records only point at (courses, organisations, occupations) are
named by label, never walked.

The audit trail lists every `AuditEvent` whose object is the participant or one of the collected records, or
whose detail names the participant ("participant=<id>" / "participant:<id>").
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from wegweiser.accounts.models import Organisation, User
from wegweiser.audit.models import AuditEvent
from wegweiser.participants.models import Participant

FORMAT = "wegweiser-auskunft/1"
MAX_DEPTH = 6
# Technical secrets are never part of an export (e.g. the self-service invitation's token hash).
SECRET_FIELD = re.compile(r"(^|_)(token|password|secret)(_|$)|(^|_)hash$")
# Models reached by the walk that are deliberately left out, with the reason.
EXCLUDED_MODELS: dict[str, str] = {
    # Files of the same person merged into this one (participant_merge): walked as roots themselves and
    # printed under "merged_from".
    "participants.participant": "merged files are exported under merged_from",
}


def child_relations(model: type[models.Model]) -> list[models.ForeignObjectRel]:
    """Reverse one-to-many / one-to-one relations pointing at `model` (its dependants)."""
    return [
        rel for rel in model._meta.get_fields()
        if isinstance(rel, models.ForeignObjectRel) and (rel.one_to_many or rel.one_to_one)
        and rel.related_model is not None
    ]


def covered_models() -> set[str]:
    """Labels of every model the walk reaches from Participant (static, no data needed)."""
    seen: set[str] = set()
    queue: list[tuple[type[models.Model], int]] = [(Participant, 0)]
    while queue:
        model, depth = queue.pop(0)
        if depth >= MAX_DEPTH:
            continue
        for rel in child_relations(model):
            child = rel.related_model
            assert isinstance(child, type)
            label = child._meta.label_lower
            if label in EXCLUDED_MODELS or label in seen or child is AuditEvent:
                continue
            seen.add(label)
            queue.append((child, depth + 1))
    return seen


@dataclass
class Collected:
    participant: Participant
    merged: list[Participant] = field(default_factory=list)
    # label -> pk -> instance, in discovery order
    records: dict[str, dict[Any, models.Model]] = field(default_factory=dict)
    models: dict[str, type[models.Model]] = field(default_factory=dict)


def merged_files(participant: Participant) -> list[Participant]:
    """Files merged into `participant`, also through earlier merges (a merged file can itself hold merges)."""
    found: list[Participant] = []
    frontier = [participant.pk]
    while frontier:
        rows = list(Participant._base_manager.filter(merged_into__in=frontier).exclude(
            pk__in=[participant.pk, *(m.pk for m in found)]).order_by("pk"))
        found.extend(rows)
        frontier = [r.pk for r in rows]
    return found


def collect(participant: Participant) -> Collected:
    """All rows that belong to `participant`, breadth first, every row once."""
    result = Collected(participant=participant, merged=merged_files(participant))
    roots = [participant.pk, *(m.pk for m in result.merged)]
    queue: list[tuple[type[models.Model], list[Any], int]] = [(Participant, roots, 0)]
    while queue:
        model, pks, depth = queue.pop(0)
        if depth >= MAX_DEPTH or not pks:
            continue
        for rel in child_relations(model):
            child = rel.related_model
            assert isinstance(child, type)
            label = child._meta.label_lower
            if label in EXCLUDED_MODELS or child is AuditEvent:
                continue
            bucket = result.records.setdefault(label, {})
            result.models[label] = child
            fresh = []
            rows = child._base_manager.filter(**{f"{rel.field.name}__in": pks}).order_by("pk")
            for row in rows:
                if row.pk not in bucket:
                    bucket[row.pk] = row
                    fresh.append(row.pk)
            if fresh:
                queue.append((child, fresh, depth + 1))
    return result


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def exported_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not SECRET_FIELD.search(f.name)]


class _Labels:
    """str() of every row the exported records point at, fetched in one query per related model."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self.labels: dict[tuple[type[models.Model], Any], str] = {}

    def want(self, rows: Iterable[models.Model]) -> None:
        for row in rows:
            for f in exported_fields(type(row)):
                if f.is_relation and f.related_model is not None:
                    value = getattr(row, f.attname)
                    if value is not None:
                        self.wanted[f.related_model].add(value)

    def load(self) -> None:
        for model, ids in self.wanted.items():
            if model is User or issubclass(model, User):
                for pk, username in User.objects.filter(pk__in=ids).values_list("pk", "username"):
                    self.labels[(model, pk)] = username
                continue
            for pk, obj in model._base_manager.in_bulk(list(ids)).items():
                self.labels[(model, pk)] = str(obj)

    def get(self, model: Any, pk: Any) -> str:
        return self.labels.get((model, pk), "")


def serialise(row: models.Model, labels: _Labels, withhold: Iterable[str] = ()) -> dict[str, Any]:
    values: dict[str, Any] = {}
    shown: dict[str, str] = {}
    for f in exported_fields(type(row)):
        if f.name in withhold:
            continue
        value = getattr(row, f.attname)
        values[f.attname] = _json_value(value)
        if f.is_relation and value is not None:
            shown[f.name] = labels.get(f.related_model, value)
        elif f.choices and value not in (None, ""):
            shown[f.name] = str(getattr(row, f"get_{f.name}_display")())
    return {"id": row.pk, "fields": values, "labels": shown, "text": str(row)}


def audit_trail(collected: Collected) -> list[dict[str, Any]]:
    pks = [collected.participant.pk, *(m.pk for m in collected.merged)]
    q = Q(object_type=Participant._meta.label_lower, object_id__in=[str(pk) for pk in pks])
    alternatives = "|".join(str(pk) for pk in pks)
    q |= Q(detail__regex=rf"(^|[^0-9A-Za-z_])participant[=:]({alternatives})([^0-9]|$)")
    for label, rows in collected.records.items():
        if rows:
            q |= Q(object_type=label, object_id__in=[str(k) for k in rows])
    events = list(
        AuditEvent.objects.filter(q).select_related("actor").order_by("at", "id")
    )
    org_names = dict(Organisation.objects.filter(
        pk__in={e.organisation_id for e in events if e.organisation_id}).values_list("pk", "name"))
    with override("de"):
        return [{
            "at": _json_value(e.at),
            "actor": e.actor_name or (e.actor.get_username() if e.actor else ""),
            "role": e.actor.role if e.actor else "",
            "role_label": e.actor.get_role_display() if e.actor else "",
            "organisation": org_names.get(e.organisation_id or 0, ""),
            "action": e.action,
            "action_label": e.get_action_display() if e.action in AuditEvent.Action.values else e.action,
            "object_type": e.object_type,
            "object_id": e.object_id,
            "fields": e.fields,
            "detail": e.detail,
        } for e in events]


def build_data(participant: Participant, *, actor: Any, include_special: bool = True) -> dict[str, Any]:
    """The machine-readable export (data.json).

    Without `include_special` (the actor may not see special-category data, e.g. a team colleague of the
    assigned caseworker) those fields are left out and named under "withheld"."""
    from wegweiser.participants.services import SPECIAL_CATEGORY_FIELDS

    withhold = () if include_special else tuple(sorted(SPECIAL_CATEGORY_FIELDS))
    collected = collect(participant)
    labels = _Labels()
    labels.want([participant, *collected.merged])
    for rows in collected.records.values():
        labels.want(rows.values())
    labels.load()
    records: dict[str, Any] = {}
    with override("de"):
        person = serialise(participant, labels, withhold)
        merged_from = [serialise(m, labels, withhold) for m in collected.merged]
        for label, rows in collected.records.items():
            model = collected.models[label]
            records[label] = {
                "name": str(model._meta.verbose_name_plural),
                "items": [serialise(row, labels) for row in rows.values()],
            }
    return {
        "format": FORMAT,
        "generated_at": _json_value(timezone.now()),
        "generated_by": actor.get_username(),
        "controller": str(participant.organisation),
        "legal_basis": _("Auskunft nach Art. 15 DSGVO / § 83 SGB X"),
        "participant": person,
        "merged_from": merged_from,
        "withheld": [f"participants.participant.{name}" for name in withhold],
        "records": records,
        "audit_trail": audit_trail(collected),
    }
