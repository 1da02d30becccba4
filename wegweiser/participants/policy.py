"""Need-to-know access to case files. The only place that decides who may see or change what.

Rules (issue 3):
- org admin: every participant of the own organisation;
- caseworker: participants assigned to them or to their team;
- trainer: participants enrolled in their own courses, limited fields;
- partner: participants referred to their organisation with consent, limited fields;
- funder: no individual record at all.
Objects outside the user's reach in another organisation answer 404; within the org 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from wegweiser.accounts.models import Role

from .models import Participant

# Later domain apps (programmes: trainer ↔ enrolments; partners: referrals with consent) register
# a function that returns the Q restricting participants for their role. Nothing registered: nothing visible.
ScopeProvider = Callable[[Any], Q]
_scope_providers: dict[str, list[ScopeProvider]] = {Role.TRAINER: [], Role.PARTNER: []}


def register_scope_provider(role: str, provider: ScopeProvider) -> None:
    if provider not in _scope_providers[role]:
        _scope_providers[role].append(provider)


# Sections of the case file. Field-level allow-lists are per section.
ALL_SECTIONS = frozenset(
    {"identity", "contact", "languages", "residence", "education", "work", "constraints", "health",
     "phase", "contacts", "audit"}
)
LIMITED_SECTIONS = frozenset({"identity_limited", "languages"})
_NOTHING = Q(pk__in=[])


def _role_q(user: Any) -> Q:
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return _NOTHING
    role = user.role
    if role == Role.ADMIN:
        return Q(organisation_id=user.organisation_id)
    if role == Role.CASEWORKER:
        mine = Q(caseworker_id=user.pk)
        if user.team_id:
            mine |= Q(team_id=user.team_id)
        return Q(organisation_id=user.organisation_id) & mine
    if role in (Role.TRAINER, Role.PARTNER):
        q = _NOTHING
        for provider in _scope_providers[role]:
            q |= provider(user)
        return q
    return _NOTHING


def scope(user: Any, queryset: QuerySet[Participant] | None = None) -> QuerySet[Participant]:
    """Participants `user` may see at all (any section). Merged-away files are hidden."""
    qs = queryset if queryset is not None else Participant.objects.all()
    return qs.filter(_role_q(user), merged_into__isnull=True)


def can(user: Any, action: str, participant: Participant) -> bool:
    """Decide on an action for a participant already known to be in `scope(user)`."""
    role = getattr(user, "role", None)
    if action == "view":
        return True
    if role == Role.ADMIN:
        return action in {"change", "view_health", "view_full", "merge", "view_audit", "add_contact"}
    if role == Role.CASEWORKER:
        if action == "view_health":
            # Special-category data: only the assigned caseworker, not the team.
            return participant.caseworker_id == user.pk
        return action in {"change", "view_full", "view_audit", "add_contact"}
    return False


def can_create(user: Any) -> bool:
    return getattr(user, "role", None) in {Role.ADMIN, Role.CASEWORKER} and user.organisation_id is not None


def get_participant(user: Any, pk: int, action: str = "view") -> Participant:
    """Fetch a participant for `action` or raise 404 (not reachable / other org) or 403 (same org)."""
    participant = scope(user, Participant.objects.select_related("caseworker", "team")).filter(pk=pk).first()
    if participant is None:
        org_id = getattr(user, "organisation_id", None)
        if org_id is not None and Participant.objects.filter(pk=pk, organisation_id=org_id).exists():
            raise PermissionDenied
        raise Http404
    if not can(user, action, participant):
        raise PermissionDenied
    return participant


def visible_sections(user: Any, participant: Participant) -> frozenset[str]:
    if not can(user, "view_full", participant):
        return LIMITED_SECTIONS
    sections = set(ALL_SECTIONS)
    if not can(user, "view_health", participant):
        sections.discard("health")
    return frozenset(sections)


def require_role(user: Any, *roles: str) -> None:
    if getattr(user, "role", None) not in roles:
        raise PermissionDenied
