"""The one check every write service of a case file calls first while a restriction may be in force.

Kept free of other imports than the privacy models, so any domain app can call it without cycles.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from .models import ProcessingRestriction


class ProcessingRestricted(PermissionDenied):
    """The case file is restricted (Art. 18 GDPR / § 84 SGB X): it may only be stored and viewed."""

    def __init__(self, participant_id: int | None = None) -> None:
        self.participant_id = participant_id
        super().__init__(_("Die Verarbeitung dieser Akte ist eingeschränkt (Art. 18 DSGVO, § 84 SGB X). "
                           "Die Daten dürfen nur gespeichert und eingesehen werden; Änderungen, Vermittlungen, "
                           "Planänderungen, Anmeldungen und Empfehlungen sind gesperrt, bis die Einschränkung "
                           "aufgehoben ist."))


def active_restrictions() -> QuerySet[ProcessingRestriction]:
    return ProcessingRestriction.objects.filter(lifted_at__isnull=True)


def is_restricted(participant: Any) -> bool:
    pk = participant if isinstance(participant, int) else participant.pk
    return active_restrictions().filter(participant_id=pk).exists()


def ensure_not_restricted(participant: Any) -> None:
    """Raise `ProcessingRestricted` if `participant` (an instance or an id) is restricted."""
    if is_restricted(participant):
        raise ProcessingRestricted(participant if isinstance(participant, int) else participant.pk)


def not_restricted_q(field: str = "pk") -> Q:
    """A filter for querysets: `field` (the participant id column) is not restricted."""
    return ~Q(**{f"{field}__in": active_restrictions().values("participant_id")})


def restricted_flag(field: str = "pk") -> Exists:
    """An annotation: whether the participant in column `field` is restricted (a subquery, no extra query)."""
    return Exists(active_restrictions().filter(participant_id=OuterRef(field)))


def restricted_ids(ids: Any) -> set[int]:
    return set(active_restrictions().filter(participant_id__in=list(ids)).values_list("participant_id", flat=True))
