"""Compute, cache and record feedback on recommendations. Cached advice is shown only while its
inputs are unchanged: every read compares the inputs' digest, so stale advice is never shown."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wegweiser.audit.services import audit_record
from wegweiser.participants import policy
from wegweiser.participants.models import Participant
from wegweiser.privacy.guard import ensure_not_restricted, restricted_ids

from . import inputs as inputs_mod
from .models import RecommendationFeedback, RecommendationSet
from .scoring import RIASEC_LETTERS, CourseOffer, Recommendation, next_steps, recommend

TOP = 10
ICT_PATTERN = re.compile(r"computer|software|programm|netzwerk|network|digital|informati|\bIT\b|IT-", re.I)


def _course_offers() -> tuple[list[CourseOffer], dict[str, dict[str, Any]], str]:
    """The active course catalogue (programmes app) as plain offers, with display data and a version."""
    try:
        from wegweiser.programmes.models import Module
    except ImportError:  # pragma: no cover - the programmes app is part of the product
        return [], {}, ""
    offers: list[CourseOffer] = []
    info: dict[str, dict[str, Any]] = {}
    rows = Module.objects.filter(active=True).order_by("pk")
    for m in rows:
        key = str(m.pk)
        offers.append(CourseOffer(key=key, title=m.title, skills=frozenset(m.skill_uris or ()),
                                  entry_german=m.entry_german_level or "",
                                  teaches_german=m.target_german_level or ""))
        info[key] = {"code": m.code, "title": m.title, "funding": m.get_funding_route_display(),
                     "hours": m.hours}
    version = hashlib.sha256(repr([(o.key, sorted(o.skills), o.entry_german, o.teaches_german) for o in offers])
                             .encode()).hexdigest()[:16]
    return offers, info, version


def ict_track(person_inputs: inputs_mod.PersonInputs, cat: inputs_mod.Catalogue) -> dict[str, Any]:
    """Does the person fit the CORE module (ICT career preparation)? With the reasons.

    Rule: ICT experience (a confirmed ICT occupation or skill) fits on its own; otherwise two of
    three signals are needed: RIASEC top-two letters include I, C or R; an ICT-related skill; upper
    secondary education or more (ISCED ≥ 3).
    """
    person = person_inputs.person
    reasons: list[str] = []
    ict_occupation = any(cat.occupations[u].isco.startswith(("25", "35"))
                         for u in person_inputs.confirmed_occupations if u in cat.occupations)
    ict_skills = sorted(cat.skill_labels.get(s, s) for s in person.skills
                        if ICT_PATTERN.search(cat.skill_labels.get(s, "")))
    interest = False
    if person.riasec:
        top = sorted(range(6), key=lambda i: (-person.riasec[i], i))[:2]  # type: ignore[index]
        letters = "".join(RIASEC_LETTERS[i] for i in top)
        interest = bool(set(letters) & {"I", "C", "R"})
        if interest:
            reasons.append(_("Interessen %(code)s passen zu IT-Berufen") % {"code": letters})
    if ict_occupation:
        reasons.append(_("Berufserfahrung in der IT"))
    if ict_skills:
        reasons.append(_("IT-Kompetenzen: %(skills)s") % {"skills": ", ".join(ict_skills[:3])})
    if person_inputs.education_isced >= 3:
        reasons.append(_("Schulabschluss Sekundarstufe II oder höher"))
    signals = sum([interest, bool(ict_skills), person_inputs.education_isced >= 3])
    return {"fits": ict_occupation or signals >= 2, "reasons": reasons}


def _serialise(rec: Recommendation, steps: Iterable[Any], cat: inputs_mod.Catalogue,
               course_info: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "uri": rec.uri, "label": rec.label, "kldb": rec.kldb, "score": round(rec.score, 4),
        "factors": [{"name": f.name, "value": round(f.value, 4), "weight": f.weight,
                     "points": round(f.points, 4), "text": f.text} for f in rec.factors],
        "explanation": rec.explanation,
        "matched": [cat.skill_labels.get(u, u) for u in rec.matched_essential],
        "missing": [{"uri": u, "label": cat.skill_labels.get(u, u)} for u in rec.missing_essential],
        "german_needed": rec.german_needed, "flags": list(rec.flags),
        "next_steps": [{"module": s.course.key, **course_info.get(s.course.key, {}), "reason": s.reason}
                       for s in steps],
    }


def recommendations_compute(participants: list[Participant]) -> dict[int, RecommendationSet]:
    """(Re)compute advice for participants whose inputs changed; return the current sets.

    Restricted files (Art. 18 GDPR) are left out: no set is computed or returned for them."""
    return recommendations_compute_with_inputs(participants)[0]


def recommendations_compute_with_inputs(
    participants: list[Participant],
) -> tuple[dict[int, RecommendationSet], dict[int, Any]]:
    """`recommendations_compute`, also returning the person inputs it gathered (callers that rank people
    by them, such as who-fits lists, need not read them again)."""
    blocked = restricted_ids(p.pk for p in participants)
    participants = [p for p in participants if p.pk not in blocked]
    if not participants:
        return {}, {}
    cat = inputs_mod.catalogue()
    weights = inputs_mod.weights()
    offers, course_info, courses_version = _course_offers()
    people = inputs_mod.person_inputs(participants, cat)
    demand_by_org: dict[int, tuple[dict[str, float], str]] = {}
    existing = {s.participant_id: s for s in RecommendationSet.objects.filter(participant__in=participants)}
    current: dict[int, RecommendationSet] = {}
    to_save: list[RecommendationSet] = []
    for p in participants:
        if p.organisation_id not in demand_by_org:
            demand_by_org[p.organisation_id] = inputs_mod.demand_for(p.organisation_id)
        demand, demand_version = demand_by_org[p.organisation_id]
        pin = people[p.pk]
        digest = hashlib.sha256(
            f"{pin.digest}|{demand_version}|{weights}|{cat.version}|{courses_version}".encode()
        ).hexdigest()
        cached = existing.get(p.pk)
        if cached and cached.inputs_digest == digest:
            current[p.pk] = cached
            continue
        recs = recommend(pin.person, cat.occupations, top=TOP, weights=weights, labels=cat.skill_labels,
                         index=cat.index, extra_candidates=pin.confirmed_occupations, demand=demand)
        results = [_serialise(r, next_steps(r, pin.person, offers, labels=cat.skill_labels), cat, course_info)
                   for r in recs]
        row = cached or RecommendationSet(participant=p)
        row.inputs_digest, row.results, row.ict_track = digest, results, ict_track(pin, cat)
        to_save.append(row)
        current[p.pk] = row
    with transaction.atomic():
        for row in to_save:
            row.save()
    return current, people


def recommendations_for(*, actor: Any, participant: Participant) -> RecommendationSet:
    """Current advice for one participant (recomputed on the spot if any input changed)."""
    participant = policy.get_participant(actor, participant.pk, "view_full")
    ensure_not_restricted(participant)
    return recommendations_compute([participant])[participant.pk]


def recommendation_feedback(
    *, actor: Any, participant: Participant, uri: str, action: str, reason: str = ""
) -> RecommendationFeedback:
    participant = policy.get_participant(actor, participant.pk, "change")
    ensure_not_restricted(participant)
    if action not in RecommendationFeedback.Action.values:
        raise ValidationError(_("Unbekannte Aktion."))
    if action == RecommendationFeedback.Action.DISMISSED and not reason.strip():
        raise ValidationError(_("Bitte einen Grund für das Verwerfen angeben."))
    current = recommendations_compute([participant])[participant.pk]
    found = next(((rank, rec) for rank, rec in enumerate(current.results, start=1) if rec["uri"] == uri), None)
    if found is None:
        raise ValidationError(_("Diese Empfehlung gibt es nicht (mehr)."))
    rank, rec = found
    with transaction.atomic():
        feedback = RecommendationFeedback.objects.create(
            participant=participant, occupation_uri=uri, label=rec["label"][:300], action=action,
            reason=reason.strip()[:300], rank=rank, score=rec["score"], actor=actor,
        )
        audit_record(actor=actor, action="create", obj=feedback, fields=["action", "reason"],
                     detail=f"participant={participant.pk} {action} rank={rank}")
    return feedback


def occupation_demand_set(*, actor: Any, uri: str, demand: float, note: str = "") -> Any:
    """Admin maintains local demand per occupation (0–1). Audited."""
    from .models import OccupationDemand

    if getattr(actor, "role", None) != "admin":
        raise PermissionDenied
    cat = inputs_mod.catalogue()
    if uri not in cat.occupations:
        raise ValidationError(_("Unbekannter Beruf."))
    if not 0.0 <= demand <= 1.0:
        raise ValidationError(_("Die Nachfrage liegt zwischen 0 und 100 %."))
    with transaction.atomic():
        row, _created = OccupationDemand.objects.update_or_create(
            organisation_id=actor.organisation_id, occupation_uri=uri,
            defaults={"label": cat.occupations[uri].label[:300], "demand": demand, "note": note[:300],
                      "updated_by": actor},
        )
        audit_record(actor=actor, action="update", obj=row, fields=["demand"])
    return row
