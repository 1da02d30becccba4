"""Shared steps of the login tests: TOTP codes, enrolled devices, the two login steps."""

from __future__ import annotations

import re

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD
from wegweiser.accounts.recovery import code_digest

RECOVERY = [f"rcode{n:03d}" for n in range(10)]


def code(device: TOTPDevice, drift: int = 0) -> str:
    """The device's current 6-digit code (drift=1: the next time step's, still accepted)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def enrol(user) -> TOTPDevice:
    """A confirmed authenticator plus the ten recovery codes in RECOVERY."""
    device = TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="Wiederherstellungscodes", confirmed=True)
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code_digest(t)) for t in RECOVERY])
    return device


def shown_codes(page: str) -> list[str]:
    """The recovery codes a page lists."""
    return re.findall(r"<li><code>([a-z2-7]+)</code></li>", page)


def password_login(client, username: str, password: str = PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, **extra)


def session_key(client) -> str | None:
    cookie = client.cookies.get("sessionid")
    return cookie.value if cookie else None
