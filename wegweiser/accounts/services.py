"""Writes on accounts: creation, deactivation. Every write is audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from wegweiser.audit.services import audit_record

from .models import Organisation, Role, Team, User


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
