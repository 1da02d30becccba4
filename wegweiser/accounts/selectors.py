"""Reads on accounts: the organisation's user list with 2FA and lockout state, a user's 2FA devices."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User


def users_of_organisation(actor: User) -> QuerySet[User]:
    """The actor's organisation's accounts, each with `has_two_factor` (a confirmed TOTP device)."""
    if actor.organisation_id is None:
        return User.objects.none()
    confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return (
        User.objects.filter(organisation_id=actor.organisation_id)
        .select_related("team")
        .annotate(has_two_factor=Exists(confirmed))
        .order_by("username")
    )


def usernames_locked_out(usernames: list[str]) -> set[str]:
    """Which of `usernames` are locked out now (from any address) by the login failure limit."""
    from axes.models import AccessAttempt

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return set(
        AccessAttempt.objects.filter(
            username__in=usernames,
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
            attempt_time__gte=since,
        ).values_list("username", flat=True)
    )


def two_factor_device_confirmed(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_remaining(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def two_factor_required(user: User) -> bool:
    """Every staff role needs a second factor when the deployment requires it (production default)."""
    return bool(settings.WEGWEISER_REQUIRE_2FA) and user.is_authenticated


def two_factor_step_url(user: User) -> str:
    """Where an unverified session goes: the code page, or the enrolment if the user has no device yet."""
    return reverse("accounts:otp_verify" if two_factor_device_confirmed(user) else "accounts:otp_enrol")
