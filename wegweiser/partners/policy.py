"""Who may do what in the partner network. Participants' case files stay decided by participants.policy."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Organisation, Role

from .models import Consent, Purpose, Referral, Vacancy

# Fields a caseworker may choose to share. Default: the minimum.
SHAREABLE_FIELDS: dict[str, Any] = {
    "name": _("Name"),
    "languages": _("Sprachen mit Niveau"),
    "municipality": _("Wohnort"),
    "birth_year": _("Geburtsjahr"),
    "phone": _("Telefon"),
    "education": _("Bildung"),
    "work": _("Berufserfahrung"),
    "competences": _("Bestätigte Berufe und Kompetenzen"),
}
MINIMAL_FIELDS = ("name", "languages")
# Special-category and sensitive data: never leaves the jobcenter through a referral.
NEVER_SHARED = frozenset({"health", "health_restrictions", "nationalities", "residence_status"})
STAFF = (Role.ADMIN, Role.CASEWORKER)
PARTNER_KINDS = (Organisation.Kind.PARTNER, Organisation.Kind.SCHOOL, Organisation.Kind.EMPLOYER,
                 Organisation.Kind.LANGUAGE_PROVIDER)


def is_staff(user: Any) -> bool:
    return getattr(user, "role", None) in STAFF and getattr(user, "organisation_id", None) is not None


def is_partner(user: Any) -> bool:
    return getattr(user, "role", None) == Role.PARTNER and getattr(user, "organisation_id", None) is not None


def require_staff(user: Any) -> None:
    if not is_staff(user):
        raise PermissionDenied


def require_partner(user: Any) -> None:
    if not is_partner(user):
        raise PermissionDenied


def _consent_active(purpose_ref: Any) -> Exists:
    return Exists(Consent.objects.filter(
        participant_id=OuterRef("participant_id"), organisation_id=OuterRef("organisation_id"),
        purpose=purpose_ref, status=Consent.Status.GIVEN,
    ))


def partner_referrals_q(organisation_id: int) -> Q:
    """Referrals a partner organisation may open: active and still covered by an active consent."""
    return Q(organisation_id=organisation_id, status__in=Referral.ACTIVE)


def partner_referrals(user: Any) -> Any:
    if not is_partner(user):
        return Referral.objects.none()
    return (Referral.objects.filter(partner_referrals_q(user.organisation_id))
            .filter(_consent_active(OuterRef("purpose"))))


def partner_participant_q(user: Any) -> Q:
    """Scope provider for Role.PARTNER: participants with an active referral and active consent."""
    if not is_partner(user):
        return Q(pk__in=[])
    return Q(pk__in=partner_referrals(user).values("participant_id"))


def get_partner_referral(user: Any, pk: int) -> Referral:
    """A referral for the partner portal; anything else (other org, stopped, no consent) is 404."""
    require_partner(user)
    referral = partner_referrals(user).select_related("participant", "vacancy", "course").filter(pk=pk).first()
    if referral is None:
        raise Http404
    return referral


def effective_fields(referral: Referral, profile_consent: bool) -> list[str]:
    """What the partner actually sees now: the chosen fields, cut back to the minimum without profile consent."""
    chosen = [f for f in referral.shared_fields if f in SHAREABLE_FIELDS and f not in NEVER_SHARED]
    if not profile_consent:
        chosen = [f for f in chosen if f in MINIMAL_FIELDS]
    return chosen


def required_purpose(target: str) -> str:
    return Purpose.JOB_PLACEMENT if target == Referral.Target.VACANCY else Purpose.REFERRAL


# --- vacancies --------------------------------------------------------------------------------

def vacancies_q(user: Any) -> Q:
    """Vacancies are job-market information (no participant data): all staff see all of them;
    an employer's partner users see only their own."""
    if is_staff(user):
        return Q()
    if is_partner(user) and user.organisation.kind == Organisation.Kind.EMPLOYER:
        return Q(employer_id=user.organisation_id)
    return Q(pk__in=[])


def can_view_vacancies(user: Any) -> bool:
    return is_staff(user) or (is_partner(user) and user.organisation.kind == Organisation.Kind.EMPLOYER)


def can_edit_vacancy(user: Any, vacancy: Vacancy | None) -> bool:
    if vacancy is not None and vacancy.source == Vacancy.Source.BA:
        return False
    if is_staff(user):
        return True
    if is_partner(user) and user.organisation.kind == Organisation.Kind.EMPLOYER:
        return vacancy is None or vacancy.employer_id == user.organisation_id
    return False
