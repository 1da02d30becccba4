"""Organisations, teams and staff users with one role each."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class Kind(models.TextChoices):
        JOBCENTER = "jobcenter", _("Jobcenter")
        PARTNER = "partner", _("Partnerorganisation")
        SCHOOL = "school", _("Schule")
        EMPLOYER = "employer", _("Arbeitgeber")
        LANGUAGE_PROVIDER = "language_provider", _("Sprachkursträger")
        FUNDER = "funder", _("Fördermittelgeber")

    name = models.CharField(_("Name"), max_length=200, unique=True)
    kind = models.CharField(_("Art"), max_length=32, choices=Kind.choices)
    municipality = models.CharField(_("Ort"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("Name"), max_length=120)

    class Meta:
        verbose_name = _("Team")
        verbose_name_plural = _("Teams")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name_per_org")]
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class Role(models.TextChoices):
    ADMIN = "admin", _("Administration")
    CASEWORKER = "caseworker", _("Fallmanagement")
    TRAINER = "trainer", _("Trainer/in")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Fördermittelgeber")


class User(AbstractUser):
    """A staff member of one organisation with exactly one role.

    Participants never get a User: their self-service access is a separate, token-bound session.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="users", null=True, blank=True
    )
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, related_name="members", null=True, blank=True)
    role = models.CharField(_("Rolle"), max_length=16, choices=Role.choices, default=Role.CASEWORKER)
    # Set when an admin gives the user a temporary password; cleared when the user has chosen a new one.
    must_change_password = models.BooleanField(_("Passwort muss geändert werden"), default=False)

    class Meta:
        verbose_name = _("Benutzer/in")
        verbose_name_plural = _("Benutzer/innen")

    def __str__(self) -> str:
        full = self.get_full_name()
        return full or self.username

    @property
    def is_org_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_caseworker(self) -> bool:
        return self.role == Role.CASEWORKER
