"""Consent per participant × partner organisation × purpose, referrals, vacancies, follow-up tasks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Organisation
from wegweiser.participants.models import Participant
from wegweiser.participants.reference import CEFR_CHOICES


class Purpose(models.TextChoices):
    REFERRAL = "referral", _("Vermittlung an die Organisation")
    PROFILE_SHARING = "profile_sharing", _("Weitergabe des Profils")
    JOB_PLACEMENT = "job_placement", _("Arbeitsvermittlung")
    PROGRAMME_REPORTING = "programme_reporting", _("Berichte über die Programmteilnahme")


class ConsentText(models.Model):
    """One version of the plain-language text shown for a purpose in one language."""

    purpose = models.CharField(max_length=24, choices=Purpose.choices)
    language = models.CharField(max_length=8)
    version = models.PositiveSmallIntegerField()
    text = models.TextField(help_text=_("„{organisation}“ wird durch den Namen der Organisation ersetzt."))
    reviewed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["purpose", "language", "version"], name="consent_text_version"),
        ]
        ordering = ["purpose", "language", "-version"]

    def __str__(self) -> str:
        return f"{self.purpose} {self.language} v{self.version}"

    def render(self, organisation: Organisation) -> str:
        return self.text.replace("{organisation}", organisation.name)


class Consent(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("angefragt")
        GIVEN = "given", _("erteilt")
        DECLINED = "declined", _("abgelehnt")
        WITHDRAWN = "withdrawn", _("widerrufen")

    class Method(models.TextChoices):
        SIGNED_FORM = "signed_form", _("unterschriebenes Formular (hochgeladen)")
        IN_PERSON = "in_person", _("persönlich erklärt")
        SELF_SERVICE = "self_service", _("Klick in der Selbstauskunft")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="partner_consents")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(_("Zweck"), max_length=24, choices=Purpose.choices)
    status = models.CharField(max_length=12, choices=Status.choices)
    method = models.CharField(_("Wie erteilt"), max_length=16, choices=Method.choices, blank=True)
    text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="+")
    text_shown = models.TextField(help_text=_("Genau der Text, der gezeigt wurde."))
    form_file = models.FileField(upload_to="partners/consents/%Y/%m/", blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    requested_at = models.DateTimeField(null=True, blank=True)
    # Empty when the participant clicked in self-service: no staff user acted.
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    given_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_in_self_service = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "organisation", "purpose"],
                condition=Q(status__in=["requested", "given"]),
                name="one_open_consent_per_partner_purpose",
            ),
        ]
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.participant} → {self.organisation}: {self.get_purpose_display()} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.GIVEN


class Vacancy(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", _("erfasst")
        BA = "ba", _("BA-Jobsuche")

    employer = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="vacancies", limit_choices_to={"kind": "employer"},
                                 verbose_name=_("Arbeitgeber (Partnernetz)"))
    employer_name = models.CharField(_("Arbeitgeber"), max_length=200)
    title = models.CharField(_("Stellentitel"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    occupation_uri = models.CharField(max_length=200, blank=True)
    occupation_label = models.CharField(max_length=300, blank=True)
    kldb = models.CharField(max_length=5, blank=True)
    municipality = models.CharField(_("Arbeitsort (Gemeinde)"), max_length=120)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("Wochenstunden"), null=True, blank=True)
    shift_work = models.BooleanField(_("Schichtarbeit"), default=False)
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    german_level = models.CharField(_("Deutsch mindestens"), max_length=6, choices=CEFR_CHOICES, blank=True)
    skill_uris = models.JSONField(_("Kompetenzen (ESCO)"), default=list, blank=True)
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("E-Mail"), blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.MANUAL)
    refnr = models.CharField(_("Referenznummer (BA)"), max_length=60, null=True, blank=True, unique=True)
    ba_query = models.CharField(max_length=300, blank=True)
    external_url = models.URLField(max_length=500, blank=True)
    stale = models.BooleanField(_("nicht mehr in der Jobsuche"), default=False)
    active = models.BooleanField(_("offen"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["source", "ba_query"]), models.Index(fields=["active", "stale"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.employer_name})"


class Referral(models.Model):
    class Target(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        COURSE = "course", _("Kurs")
        VACANCY = "vacancy", _("Stelle")

    class Status(models.TextChoices):
        PENDING = "pending", _("offen – keine Antwort")
        ACCEPTED = "accepted", _("angenommen")
        STARTED = "started", _("begonnen")
        DECLINED = "declined", _("abgelehnt")
        COMPLETED = "completed", _("abgeschlossen")
        STOPPED = "stopped", _("gestoppt (Einwilligung widerrufen)")
        CANCELLED = "cancelled", _("zurückgezogen")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="referrals")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="referrals_received")
    referring_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    target = models.CharField(max_length=12, choices=Target.choices, default=Target.ORGANISATION)
    course = models.ForeignKey("programmes.Course", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals")
    purpose = models.CharField(max_length=24, choices=Purpose.choices)
    shared_fields = models.JSONField(default=list)
    note = models.CharField(_("Nachricht an die Organisation"), max_length=500, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    decline_reason = models.CharField(_("Grund"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    stopped_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    ACTIVE = ("pending", "accepted", "started")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status"]), models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.participant} → {self.organisation} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class FollowUpTask(models.Model):
    """A referral the partner has not answered in time: the caseworker should follow up."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="followups")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="partner_followups")
    detail = models.CharField(max_length=300)
    due_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["referral"], condition=Q(done_at__isnull=True),
                                    name="one_open_followup_per_referral"),
        ]

    def __str__(self) -> str:
        return self.detail
