from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from wegweiser.participants import policy
from wegweiser.participants.models import Participant
from wegweiser.privacy.guard import not_restricted_q

from . import inputs as inputs_mod
from .models import RecommendationFeedback
from .scoring import score_occupation


def latest_feedback(participant: Participant) -> dict[str, RecommendationFeedback]:
    """The newest feedback per occupation URI."""
    latest: dict[str, RecommendationFeedback] = {}
    for fb in RecommendationFeedback.objects.filter(participant=participant).select_related("actor"):
        latest.setdefault(fb.occupation_uri, fb)
    return latest


def acceptance_rate(*, organisation_id: int) -> dict[str, Any]:
    """How often advice in the top 5 was accepted (share of all decisions on top-5 items)."""
    stats = RecommendationFeedback.objects.filter(
        participant__organisation_id=organisation_id, rank__lte=5
    ).aggregate(
        decided=Count("id", filter=~Q(action=RecommendationFeedback.Action.PINNED)),
        accepted=Count("id", filter=Q(action=RecommendationFeedback.Action.ACCEPTED)),
    )
    decided = stats["decided"] or 0
    return {"decided": decided, "accepted": stats["accepted"] or 0,
            "rate": (stats["accepted"] or 0) / decided if decided else None}


def occupations_by_label(query: str, *, limit: int = 20) -> list[tuple[str, str]]:
    """(URI, German label) of occupations whose label contains `query`, shortest labels first."""
    needle = query.strip().lower()
    if not needle:
        return []
    cat = inputs_mod.catalogue()
    found = ((uri, occ.label) for uri, occ in cat.occupations.items() if needle in occ.label.lower())
    return sorted(found, key=lambda c: (len(c[1]), c[1]))[:limit]


def who_fits_occupation(user: Any, uri: str, *, limit: int = 50) -> list[tuple[Participant, Any]]:
    """Participants the user may see, ranked by how well they fit occupation `uri`."""
    cat = inputs_mod.catalogue()
    occupation = cat.occupations.get(uri)
    if occupation is None:
        return []
    participants = list(policy.scope(user, Participant.objects.filter(not_restricted_q()))
                        .exclude(phase__in=["employed", "exited"]))
    people = inputs_mod.person_inputs(participants, cat)
    demand, _version = inputs_mod.demand_for(user.organisation_id)
    if uri in demand:
        from dataclasses import replace

        occupation = replace(occupation, demand=demand[uri])
    weights = inputs_mod.weights()
    scored = [(p, score_occupation(people[p.pk].person, occupation, weights=weights, labels=cat.skill_labels))
              for p in participants]
    scored.sort(key=lambda item: (-item[1].score, item[0].pk))
    return scored[:limit]


def who_fits_module(user: Any, module: Any, *, limit: int = 50) -> list[tuple[Participant, dict[str, Any]]]:
    """Participants the user may see for whom `module` closes a skill gap of a top-3 recommendation
    (or teaches the German level it needs), ranked by how much of the gap it closes."""
    from .scoring import CEFR_RANK
    from .services import recommendations_compute_with_inputs

    participants = list(policy.scope(user, Participant.objects.filter(not_restricted_q()))
                        .exclude(phase__in=["employed", "exited"]))
    sets, people = recommendations_compute_with_inputs(participants)
    taught = set(module.skill_uris or ())
    entry = CEFR_RANK.get(module.entry_german_level or "", 0)
    rows: list[tuple[int, int, Participant, dict[str, Any]]] = []
    for p in participants:
        german = CEFR_RANK.get(people[p.pk].person.german, 0)
        if german < entry:
            continue
        for rec in sets[p.pk].results[:3]:
            closes = [m["label"] for m in rec["missing"] if m["uri"] in taught]
            module_step = any(step.get("module") == str(module.pk) for step in rec["next_steps"])
            if closes or module_step:
                reason = {"occupation": rec["label"], "closes": closes, "score": rec["score"]}
                rows.append((-len(closes), p.pk, p, reason))
                break
    rows.sort(key=lambda r: (r[0], r[1]))
    return [(p, reason) for _n, _pk, p, reason in rows[:limit]]


def demand_rows(*, organisation_id: int) -> list[Any]:
    from .models import OccupationDemand

    return list(OccupationDemand.objects.filter(organisation_id=organisation_id).select_related("updated_by"))
