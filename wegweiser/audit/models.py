"""Append-only audit trail. Rows are never changed or removed by the application;
on PostgreSQL and SQLite a database trigger rejects UPDATE and DELETE as well."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    pass


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be updated.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("angesehen")
        CREATE = "create", _("angelegt")
        UPDATE = "update", _("geändert")
        DELETE = "delete", _("gelöscht")
        EXPORT = "export", _("exportiert")
        LOGIN = "login", _("Anmeldung")
        LOGIN_FAILED = "login_failed", _("fehlgeschlagene Anmeldung")
        LOGOUT = "logout", _("Abmeldung")
        MERGE = "merge", _("zusammengeführt")
        LOCKOUT = "lockout", _("Anmeldung gesperrt")
        UNLOCK = "unlock", _("Anmeldesperre aufgehoben")
        TWO_FACTOR_ENROLLED = "2fa_enrolled", _("zweiter Faktor eingerichtet")
        TWO_FACTOR_FAILED = "2fa_failed", _("zweiter Faktor falsch")
        TWO_FACTOR_RESET = "2fa_reset", _("zweiter Faktor zurückgesetzt")
        RECOVERY_USED = "recovery_used", _("Wiederherstellungscode benutzt")
        RECOVERY_RENEWED = "recovery_renewed", _("Wiederherstellungscodes erneuert")
        PASSWORD_RESET = "password_reset", _("Passwort zurückgesetzt")
        PASSWORD_CHANGE = "password_change", _("Passwort geändert")
        RESTRICT = "restrict", _("Verarbeitung eingeschränkt")
        RESTRICT_LIFT = "restrict_lift", _("Einschränkung aufgehoben")
        ACCESS_EXPORT = "access_export", _("Auskunft erteilt (Art. 15)")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Kept as text so the trail still names the person if the account is renamed.
    actor_name = models.CharField(max_length=150, blank=True)
    organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    # Names of changed fields only; values of special-category fields are never stored here.
    fields = models.JSONField(default=list, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    request_id = models.CharField(max_length=36, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "at"])]
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be deleted.")
