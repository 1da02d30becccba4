"""Reads of case files. Everything starts from `policy.scope`, so nobody sees more than they may."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from . import duplicates, policy
from .models import Participant, Phase

SORTS = {
    "name": ("family_name", "given_name", "id"),
    "-name": ("-family_name", "-given_name", "-id"),
    "customer_number": ("customer_number",),
    "phase": ("phase", "family_name", "id"),
    "permit": ("residence_valid_until", "id"),
    "contact": ("last_contact_on", "id"),
    "-contact": ("-last_contact_on", "-id"),
}


@dataclass(frozen=True)
class ParticipantFilters:
    q: str = ""
    phase: str = ""
    nationality: str = ""
    permit_expiring: bool = False
    no_contact: bool = False
    mine: bool = False
    sort: str = "name"


def _today() -> dt.date:
    return timezone.localdate()


def participants_visible_to(user: Any) -> QuerySet[Participant]:
    return policy.scope(user, Participant.objects.select_related("caseworker"))


def participants_search(queryset: QuerySet[Participant], text: str) -> QuerySet[Participant]:
    """Match every word of `text`, in any script, against names and the customer number."""
    text = text.strip()
    if not text:
        return queryset
    condition = Q(customer_number__iexact=text)
    tokens = duplicates.search_tokens(text)
    if tokens:
        token_q = Q()
        for token in tokens:
            token_q &= Q(search_text__contains=token)
        condition |= token_q
    return queryset.filter(condition)


def participants_filtered(user: Any, filters: ParticipantFilters) -> QuerySet[Participant]:
    qs = participants_visible_to(user)
    if filters.mine:
        qs = qs.filter(caseworker_id=user.pk)
    if filters.phase:
        qs = qs.filter(phase=filters.phase)
    if filters.nationality:
        # Text containment works for the JSON list on SQLite and PostgreSQL alike.
        qs = qs.filter(nationalities__icontains=f'"{filters.nationality.upper()}"')
    if filters.permit_expiring:
        qs = qs.filter(
            residence_valid_until__lte=_today() + dt.timedelta(days=settings.WEGWEISER_PERMIT_WARNING_DAYS)
        )
    if filters.no_contact:
        cutoff = _today() - dt.timedelta(days=settings.WEGWEISER_NO_CONTACT_DAYS)
        qs = qs.filter(Q(last_contact_on__lt=cutoff) | Q(last_contact_on__isnull=True)).exclude(phase=Phase.EXITED)
    qs = participants_search(qs, filters.q)
    return qs.order_by(*SORTS.get(filters.sort, SORTS["name"]))


@dataclass(frozen=True)
class CaseloadSummary:
    total: int
    by_phase: dict[str, int]
    permits_expiring: int
    no_contact: int


def caseload_summary(user: Any, *, mine: bool = True) -> CaseloadSummary:
    qs = participants_visible_to(user)
    if mine and user.role == "caseworker":
        qs = qs.filter(caseworker_id=user.pk)
    today = _today()
    permit_limit = today + dt.timedelta(days=settings.WEGWEISER_PERMIT_WARNING_DAYS)
    contact_cutoff = today - dt.timedelta(days=settings.WEGWEISER_NO_CONTACT_DAYS)
    phase_counts = {p: Count("id", filter=Q(phase=p)) for p in Phase.values}
    result = qs.aggregate(
        total=Count("id"),
        permits=Count("id", filter=Q(residence_valid_until__lte=permit_limit)),
        stale=Count(
            "id",
            filter=(Q(last_contact_on__lt=contact_cutoff) | Q(last_contact_on__isnull=True))
            & ~Q(phase=Phase.EXITED),
        ),
        **phase_counts,
    )
    return CaseloadSummary(
        total=result["total"],
        by_phase={p: result[p] for p in Phase.values},
        permits_expiring=result["permits"],
        no_contact=result["stale"],
    )


def permits_expiring_soon(user: Any, *, limit: int = 10) -> QuerySet[Participant]:
    today = _today()
    qs = participants_visible_to(user)
    if user.role == "caseworker":
        qs = qs.filter(caseworker_id=user.pk)
    return qs.filter(
        residence_valid_until__lte=today + dt.timedelta(days=settings.WEGWEISER_PERMIT_WARNING_DAYS)
    ).order_by("residence_valid_until", "id")[:limit]


def duplicate_candidates(user: Any, key: duplicates.PersonKey, *, exclude_pk: int | None = None) -> list[Any]:
    """Files in the user's organisation that may be the same person, best first."""
    qs = Participant.objects.filter(organisation_id=user.organisation_id, merged_into__isnull=True)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    # Narrow with the name skeleton tokens before the precise pure scoring.
    tokens = [t for t in duplicates.name_key(key.given, key.family, key.given_original,
                                               key.family_original).split() if len(t) >= 2]
    if not tokens:
        return []
    narrow = Q()
    for token in tokens:
        narrow |= Q(name_key__contains=token)
    rows = qs.filter(narrow).values_list(
        "pk", "given_name", "family_name", "given_name_original", "family_name_original",
        "birth_date", "birth_date_precision", "nationalities",
    )[:500]
    others = [
        (pk, duplicates.PersonKey(g, f, go, fo, bd, bp, tuple(n or ())))
        for pk, g, f, go, fo, bd, bp, n in rows
    ]
    matches = duplicates.find_duplicates(key, others)
    by_pk = Participant.objects.in_bulk([m[0] for m in matches]) if matches else {}
    return [(by_pk[pk], match) for pk, match in matches if pk in by_pk]
