"""Invitations that let a participant into their own self-service pages.

The raw token is shown once (QR code and short link) and never stored: only its SHA-256 digest is.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegweiser.participants.models import Participant


class Invitation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        USED = "used", _("eingelöst")
        EXPIRED = "expired", _("abgelaufen")
        REVOKED = "revoked", _("widerrufen")
        SUPERSEDED = "superseded", _("durch neue Einladung ersetzt")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="selfservice_invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    superseded = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["participant", "created_at"])]
        verbose_name = _("Einladung zur Selbstauskunft")
        verbose_name_plural = _("Einladungen zur Selbstauskunft")

    def __str__(self) -> str:
        return f"Einladung {self.pk} für Teilnehmende {self.participant_id}"

    def status_at(self, now: dt.datetime) -> str:
        if self.revoked_at is not None:
            return self.Status.SUPERSEDED if self.superseded else self.Status.REVOKED
        if self.used_at is not None:
            return self.Status.USED
        if now >= self.expires_at:
            return self.Status.EXPIRED
        return self.Status.OPEN

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)
