"""Writes on accounts: creation, deactivation, passwords, lockouts, two-factor devices. Every write is audited."""

from __future__ import annotations

import secrets

from axes.utils import reset as axes_reset
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from wegweiser.audit.services import audit_record

from .models import Organisation, Role, Team, User
from .recovery import candidate_digests, code_digest, normalise_code


def user_create(
    *,
    username: str,
    password: str,
    organisation: Organisation,
    role: str,
    team: Team | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}")
    with transaction.atomic():
        user = User(
            username=username,
            organisation=organisation,
            role=role,
            team=team,
            first_name=first_name,
            last_name=last_name,
            email=email,
        )
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
    return user


def user_deactivate(*, actor: User, user: User) -> User:
    if actor.role != Role.ADMIN or actor.organisation_id != user.organisation_id:
        raise PermissionDenied
    if actor.pk == user.pk:
        raise PermissionDenied("Das eigene Konto kann nicht deaktiviert werden.")
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=False)
        audit_record(actor=actor, action="update", obj=user, fields=["is_active"], detail="deactivated")
    user.refresh_from_db()
    return user


def user_activate(*, actor: User, user: User) -> User:
    if actor.role != Role.ADMIN or actor.organisation_id != user.organisation_id:
        raise PermissionDenied
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=True)
        audit_record(actor=actor, action="update", obj=user, fields=["is_active"], detail="activated")
    user.refresh_from_db()
    return user


# --- Password reset by an admin, password change by the user ----------------------------------------

_TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def temporary_password_generate() -> str:
    """Four groups of four unambiguous characters (~79 bits), e.g. ``k7mq-2xbe-9wtr-hc4n``."""
    return "-".join("".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(4)) for _ in range(4))


def _require_org_admin(actor: User, user: User) -> None:
    if actor.role != Role.ADMIN or actor.organisation_id != user.organisation_id:
        raise PermissionDenied


def user_password_reset(*, actor: User, user: User, password: str = "") -> str:
    """Give `user` a temporary password (the admin's or a generated one) that must be changed at the next login.

    Returns the temporary password so it can be shown once. Existing sessions of the user end, because
    Django ties a session to the password hash. Raises ValidationError for a password the validators reject.
    """
    _require_org_admin(actor, user)
    password = password or temporary_password_generate()
    password_validation.validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        audit_record(
            actor=actor, action="password_reset", obj=user, fields=["password", "must_change_password"],
            detail="temporary password set by admin",
        )
    return password


def user_password_change(*, user: User, password: str) -> User:
    """The user's own new password (validated by the form). Clears the must-change flag. Audited."""
    password_validation.validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        audit_record(actor=user, action="password_change", obj=user, fields=["password"])
    return user


# --- Login lockout (django-axes) ----------------------------------------------------------------------


def user_unlock(*, actor: User, user: User) -> int:
    """Lift a login lockout of `user` (all addresses). Returns the number of cleared attempt records."""
    _require_org_admin(actor, user)
    with transaction.atomic():
        cleared = axes_reset(username=user.get_username())
        audit_record(actor=actor, action="unlock", obj=user, detail=f"cleared={cleared}")
    return cleared


# --- Two-factor authentication (django-otp: TOTP + static recovery codes) ------------------------------

RECOVERY_CODE_COUNT = 10


def two_factor_device_start(*, user: User) -> TOTPDevice:
    """The unconfirmed TOTP device an enrolment shows; reused on reload so the QR code stays the same."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)
    return device


def _recovery_codes_replace(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Wiederherstellungscodes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    # only keyed digests are stored (wegweiser/accounts/recovery.py); the codes are shown once
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code_digest(code)) for code in codes])
    return codes


def two_factor_enrol_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm `device` with a first code. Returns the new recovery codes, or None if the code is wrong."""
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(normalise_code(token)):
            audit_record(actor=user, action="2fa_failed", obj=user, detail="enrolment code wrong")
            return None
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _recovery_codes_replace(user)
        audit_record(actor=user, action="2fa_enrolled", obj=user, detail="totp")
    return codes


def two_factor_verify(*, user: User, token: str) -> Device | None:
    """Check a 6-digit TOTP code or a single-use recovery code. Returns the device that accepted it.

    A recovery code is deleted when used. Failures and used recovery codes are audited. Repeated failures
    are slowed down by django-otp's throttling (the delay doubles with every failure).
    """
    token = normalise_code(token)
    device: Device | None
    with transaction.atomic():
        if token.isdigit() and len(token) == 6:
            device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
            kind = "totp"
        else:
            device = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
            kind = "recovery"
        if kind == "recovery" and device is not None and token:
            token = _stored_digest(device, token)
        if device is None or not token or not device.verify_token(token):
            audit_record(actor=user, action="2fa_failed", obj=user, detail=kind)
            return None
        if kind == "recovery":
            left = StaticToken.objects.filter(device=device).count()
            audit_record(actor=user, action="recovery_used", obj=user, detail=f"remaining={left}")
    return device


def _stored_digest(device: StaticDevice, code: str) -> str:
    """The digest of `code` that `device` holds (codes made before a key rotation), else the current one."""
    digests = candidate_digests(code)
    held = set(device.token_set.filter(token__in=digests).values_list("token", flat=True))
    return next((digest for digest in digests if digest in held), digests[0])


def recovery_codes_regenerate(*, user: User) -> list[str]:
    """New recovery codes; the old ones stop working. Audited."""
    with transaction.atomic():
        codes = _recovery_codes_replace(user)
        audit_record(actor=user, action="recovery_renewed", obj=user, detail=f"count={len(codes)}")
    return codes


def two_factor_reset(*, actor: User, user: User) -> int:
    """Remove every 2FA device of `user` (lost phone); the next login asks for a new enrolment. Audited."""
    _require_org_admin(actor, user)
    with transaction.atomic():
        removed = 0
        for model in (TOTPDevice, StaticDevice):
            removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
        audit_record(actor=actor, action="2fa_reset", obj=user, detail=f"devices={removed}")
    return removed


def login_attempt_audit(*, action: str, username: str) -> None:
    """Audit a failed or locked-out login: the typed username, and the account if one has that name."""
    username = (username or "")[:150]
    known = User.objects.filter(username=username).only("id", "organisation_id").first()
    audit_record(
        actor=None,
        action=action,
        object_type="accounts.user" if known else "",
        object_id=known.pk if known else "",
        detail=f"username={username}",
        organisation_id=known.organisation_id if known else None,
    )
