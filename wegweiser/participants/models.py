"""The participant case file: who a person is, what they can do, and what the jobcenter agreed.

Every editable record carries a `version`; services refuse a save against a stale version.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Organisation, Team

from . import reference


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True


def validate_country_code(value: str) -> None:
    if value not in reference.country_codes():
        raise ValidationError(_("Unbekannter Ländercode: %(code)s"), params={"code": value}, code="country")


def validate_country_list(value: list[str]) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Staatsangehörigkeiten müssen eine Liste sein."))
    for code in value:
        validate_country_code(code)


class Phase(models.TextChoices):
    INTAKE = "intake", _("Aufnahme")
    PROFILING = "profiling", _("Profiling")
    QUALIFICATION = "qualification", _("Qualifizierung")
    PLACEMENT = "placement", _("Vermittlung")
    EMPLOYED = "employed", _("Beschäftigt")
    EXITED = "exited", _("Ausgeschieden")


class Participant(VersionedModel):
    class Gender(models.TextChoices):
        FEMALE = "female", _("weiblich")
        MALE = "male", _("männlich")
        DIVERSE = "diverse", _("divers")
        UNSPECIFIED = "unspecified", _("keine Angabe")

    class BirthDatePrecision(models.TextChoices):
        EXACT = "exact", _("genau")
        MONTH = "month", _("nur Monat und Jahr bekannt")
        YEAR = "year", _("nur Jahr bekannt")
        PLACEHOLDER = "placeholder", _("Platzhalterdatum (z. B. 01.01.JJJJ)")

    class ResidenceStatus(models.TextChoices):
        GESTATTUNG = "gestattung", _("Aufenthaltsgestattung (§ 55 AsylG)")
        DULDUNG = "duldung", _("Duldung (§ 60a AufenthG)")
        AE_22_23 = "ae_22_23", _("Aufenthaltserlaubnis §§ 22, 23 AufenthG")
        AE_24 = "ae_24", _("Aufenthaltserlaubnis § 24 AufenthG (vorübergehender Schutz)")
        AE_25 = "ae_25", _("Aufenthaltserlaubnis § 25 AufenthG")
        AE_OTHER = "ae_other", _("Aufenthaltserlaubnis (anderer Zweck)")
        NIEDERLASSUNG = "niederlassung", _("Niederlassungserlaubnis")
        EU = "eu", _("EU-/EWR-Staatsangehörigkeit")
        GERMAN = "german", _("deutsche Staatsangehörigkeit")
        OTHER = "other", _("sonstiger Status")

    class WorkPermission(models.TextChoices):
        YES = "yes", _("erlaubt")
        WITH_APPROVAL = "approval", _("mit Zustimmung der Ausländerbehörde")
        NO = "no", _("nicht erlaubt")
        UNKNOWN = "unknown", _("unbekannt")

    class WorkingTime(models.TextChoices):
        ANY = "any", _("egal")
        FULL = "full", _("Vollzeit")
        PART = "part", _("Teilzeit")
        NO_SHIFTS = "no_shifts", _("keine Schichtarbeit")
        MORNINGS = "mornings", _("nur vormittags")

    class ExitReason(models.TextChoices):
        JOB = "job", _("Arbeitsaufnahme")
        TRAINING = "training", _("Ausbildung")
        MOVED = "moved", _("Umzug / Zuständigkeitswechsel")
        NO_LONGER_ELIGIBLE = "not_eligible", _("kein Leistungsanspruch mehr")
        OTHER = "other", _("sonstiger Grund")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="participants")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="participants")
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="caseload", verbose_name=_("Fallmanager/in"),
    )
    customer_number = models.CharField(_("Kundennummer"), max_length=20)

    given_name = models.CharField(_("Vorname(n)"), max_length=100)
    family_name = models.CharField(_("Familienname"), max_length=100)
    given_name_original = models.CharField(_("Vorname in Originalschrift"), max_length=100, blank=True)
    family_name_original = models.CharField(_("Familienname in Originalschrift"), max_length=100, blank=True)
    # Transliterated, normalised name skeleton used to find duplicates and search across scripts.
    name_key = models.CharField(max_length=250, blank=True, db_index=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)

    birth_date = models.DateField(_("Geburtsdatum"), null=True, blank=True)
    birth_date_precision = models.CharField(
        _("Genauigkeit des Geburtsdatums"), max_length=12, choices=BirthDatePrecision.choices,
        default=BirthDatePrecision.EXACT,
    )
    gender = models.CharField(_("Geschlecht"), max_length=12, choices=Gender.choices, blank=True)
    nationalities = models.JSONField(_("Staatsangehörigkeiten"), default=list, blank=True,
                                     validators=[validate_country_list])
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    municipality = models.CharField(_("Wohnort (Gemeinde)"), max_length=120, blank=True)
    preferred_language = models.CharField(
        _("Bevorzugte Sprache"), max_length=8, choices=reference.LANGUAGE_CHOICES, default="de"
    )

    residence_status = models.CharField(
        _("Aufenthaltsstatus"), max_length=16, choices=ResidenceStatus.choices, blank=True
    )
    residence_valid_until = models.DateField(_("Aufenthaltstitel gültig bis"), null=True, blank=True)
    work_permission = models.CharField(
        _("Erwerbstätigkeit"), max_length=10, choices=WorkPermission.choices, default=WorkPermission.UNKNOWN
    )

    childcare_needed = models.BooleanField(_("Kinderbetreuung nötig"), default=False)
    driving_licence = models.CharField(_("Führerscheinklassen"), max_length=40, blank=True,
                                       help_text=_("z. B. B, C1"))
    own_car = models.BooleanField(_("Eigenes Auto"), default=False)
    uses_public_transport = models.BooleanField(_("Nutzt ÖPNV"), default=True)
    working_time = models.CharField(_("Arbeitszeit"), max_length=10, choices=WorkingTime.choices,
                                    default=WorkingTime.ANY)
    # Special-category data (Art. 9 GDPR): only the assigned caseworker and org admins see it.
    health_restrictions = models.TextField(_("Gesundheitliche Einschränkungen"), max_length=2000, blank=True)

    phase = models.CharField(_("Phase"), max_length=16, choices=Phase.choices, default=Phase.INTAKE)
    exit_reason = models.CharField(_("Austrittsgrund"), max_length=16, choices=ExitReason.choices, blank=True)
    exit_date = models.DateField(_("Austrittsdatum"), null=True, blank=True)
    last_contact_on = models.DateField(_("Letzter Kontakt"), null=True, blank=True, editable=False)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from", editable=False
    )

    class Meta:
        verbose_name = _("Teilnehmende Person")
        verbose_name_plural = _("Teilnehmende")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "customer_number"], name="participant_unique_customer_number",
                violation_error_message=_("Diese Kundennummer ist bereits vergeben."),
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "family_name", "given_name"]),
            models.Index(fields=["organisation", "phase"]),
            models.Index(fields=["caseworker", "phase"]),
            models.Index(fields=["residence_valid_until"]),
            # The need-to-know scope (policy.scope) as an index-only scan: list counts, caseload figures.
            models.Index(fields=["organisation", "team", "caseworker"], condition=models.Q(merged_into__isnull=True),
                         name="participant_scope_idx"),
            # Search: `customer_number__iexact`. The trigram index on search_text is PostgreSQL-only (0003).
            models.Index(Upper("customer_number"), name="participant_custno_upper_idx"),
            # The list sorted by last contact (either direction) reads the first page in index order.
            models.Index(fields=["organisation", "last_contact_on", "id"], name="participant_org_contact_idx"),
        ]
        ordering = ["family_name", "given_name", "id"]

    def __str__(self) -> str:
        return f"{self.family_name}, {self.given_name}"

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def original_name(self) -> str:
        return " ".join(p for p in (self.given_name_original, self.family_name_original) if p)

    @property
    def birth_date_display(self) -> str:
        if self.birth_date is None:
            return "—"
        if self.birth_date_precision == self.BirthDatePrecision.YEAR:
            return f"{self.birth_date.year}"
        if self.birth_date_precision == self.BirthDatePrecision.MONTH:
            return self.birth_date.strftime("%m.%Y")
        text = self.birth_date.strftime("%d.%m.%Y")
        if self.birth_date_precision == self.BirthDatePrecision.PLACEHOLDER:
            return f"{text} (Platzhalter)"
        return text

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.birth_date:
            if self.birth_date > dt.date.today():
                errors["birth_date"] = _("Das Geburtsdatum liegt in der Zukunft.")
            elif self.birth_date.year < 1900:
                errors["birth_date"] = _("Das Geburtsdatum liegt vor 1900.")
        if self.phase == Phase.EXITED and not (self.exit_reason and self.exit_date):
            errors["exit_reason"] = _("Bei Austritt sind Grund und Datum anzugeben.")
        if self.phase != Phase.EXITED and (self.exit_reason or self.exit_date):
            errors["phase"] = _("Austrittsgrund und -datum nur in der Phase „Ausgeschieden“.")
        if errors:
            raise ValidationError(errors)


class LanguageSkill(VersionedModel):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("Sprache"), max_length=8, choices=reference.LANGUAGE_CHOICES)
    listening = models.CharField(_("Hören"), max_length=6, choices=reference.CEFR_CHOICES, blank=True)
    reading = models.CharField(_("Lesen"), max_length=6, choices=reference.CEFR_CHOICES, blank=True)
    speaking = models.CharField(_("Sprechen"), max_length=6, choices=reference.CEFR_CHOICES, blank=True)
    writing = models.CharField(_("Schreiben"), max_length=6, choices=reference.CEFR_CHOICES, blank=True)

    class Meta:
        verbose_name = _("Sprachkenntnis")
        verbose_name_plural = _("Sprachkenntnisse")
        constraints = [
            models.UniqueConstraint(fields=["participant", "language"], name="language_once_per_participant")
        ]
        ordering = ["id"]

    def __str__(self) -> str:
        return reference.language_name(self.language)


class LanguageCertificate(VersionedModel):
    class Kind(models.TextChoices):
        DTZ = "dtz", _("Deutsch-Test für Zuwanderer (DTZ)")
        TELC = "telc", _("telc Deutsch")
        GOETHE = "goethe", _("Goethe-Zertifikat")
        TESTDAF = "testdaf", _("TestDaF")
        DSH = "dsh", _("DSH")
        LID = "lid", _("Leben in Deutschland (Orientierungskurs)")
        BSK = "bsk", _("Berufssprachkurs-Zertifikat (DeuFöV)")
        OTHER = "other", _("anderes Zertifikat")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField(_("Zertifikat"), max_length=10, choices=Kind.choices)
    level = models.CharField(_("Niveau"), max_length=6, choices=reference.CEFR_CHOICES, blank=True)
    issued_on = models.DateField(_("Datum"))

    class Meta:
        verbose_name = _("Sprachzertifikat")
        verbose_name_plural = _("Sprachzertifikate")
        ordering = ["-issued_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.level}".strip()

    def clean(self) -> None:
        if self.issued_on and self.issued_on > dt.date.today():
            raise ValidationError({"issued_on": _("Das Datum liegt in der Zukunft.")})


class EducationEntry(VersionedModel):
    class Isced(models.IntegerChoices):
        NONE = 0, _("0 – keine formale Bildung / Vorschule")
        PRIMARY = 1, _("1 – Grundschule")
        LOWER_SECONDARY = 2, _("2 – Sekundarstufe I")
        UPPER_SECONDARY = 3, _("3 – Sekundarstufe II / Berufsausbildung")
        POST_SECONDARY = 4, _("4 – postsekundär, nicht tertiär")
        SHORT_TERTIARY = 5, _("5 – kurzer tertiärer Bildungsgang")
        BACHELOR = 6, _("6 – Bachelor oder gleichwertig")
        MASTER = 7, _("7 – Master oder gleichwertig")
        DOCTORATE = 8, _("8 – Promotion")

    class Recognition(models.TextChoices):
        NOT_APPLIED = "not_applied", _("nicht beantragt")
        IN_PROGRESS = "in_progress", _("im Verfahren")
        FULL = "full", _("voll anerkannt")
        PARTIAL = "partial", _("teilweise anerkannt")
        REFUSED = "refused", _("abgelehnt")
        NOT_NEEDED = "not_needed", _("nicht erforderlich")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="education")
    country = models.CharField(_("Land"), max_length=2, validators=[validate_country_code])
    isced_level = models.PositiveSmallIntegerField(_("Bildungsniveau (ISCED)"), choices=Isced.choices)
    field = models.CharField(_("Fachrichtung"), max_length=200, blank=True)
    years = models.PositiveSmallIntegerField(
        _("Dauer (Jahre)"), null=True, blank=True, validators=[MaxValueValidator(30)]
    )
    degree_original = models.CharField(_("Abschluss (Originalsprache)"), max_length=300, blank=True)
    recognition_status = models.CharField(
        _("Anerkennung in Deutschland"), max_length=12, choices=Recognition.choices,
        default=Recognition.NOT_APPLIED,
    )
    recognition_body = models.CharField(_("Anerkennungsstelle"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Bildungsweg")
        verbose_name_plural = _("Bildungswege")
        ordering = ["-isced_level", "id"]

    def __str__(self) -> str:
        return f"{self.get_isced_level_display()} – {self.field}".strip(" –")


class WorkHistoryEntry(VersionedModel):
    class EmployerType(models.TextChoices):
        SELF_EMPLOYED = "self", _("selbstständig")
        FAMILY = "family", _("Familienbetrieb")
        SMALL = "small", _("kleiner Betrieb")
        LARGE = "large", _("großes Unternehmen")
        PUBLIC = "public", _("öffentlicher Dienst")
        INFORMAL = "informal", _("informelle Arbeit")
        MILITARY = "military", _("Militär")
        OTHER = "other", _("sonstiges")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="work_history")
    job_title = models.CharField(_("Tätigkeit (wie genannt)"), max_length=300)
    country = models.CharField(_("Land"), max_length=2, validators=[validate_country_code])
    employer_type = models.CharField(_("Art des Arbeitgebers"), max_length=10, choices=EmployerType.choices,
                                     blank=True)
    years = models.DecimalField(_("Dauer (Jahre)"), max_digits=4, decimal_places=1, null=True, blank=True,
                                validators=[MinValueValidator(0), MaxValueValidator(60)])
    tasks = models.TextField(_("Aufgaben (freier Text)"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("Berufserfahrung")
        verbose_name_plural = _("Berufserfahrungen")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.job_title


class ContactNote(models.Model):
    """A dated note of one counselling contact. Notes are not edited after the fact."""

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("persönlich")
        PHONE = "phone", _("telefonisch")
        VIDEO = "video", _("Video")
        LETTER = "letter", _("schriftlich")
        INTERPRETER = "interpreter", _("mit Sprachmittlung")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="contacts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    contact_on = models.DateField(_("Datum"))
    channel = models.CharField(_("Art"), max_length=12, choices=Channel.choices, default=Channel.IN_PERSON)
    text = models.TextField(_("Notiz"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Beratungskontakt")
        verbose_name_plural = _("Beratungskontakte")
        ordering = ["-contact_on", "-id"]

    def __str__(self) -> str:
        return f"{self.contact_on:%d.%m.%Y} {self.get_channel_display()}"

    def clean(self) -> None:
        if self.contact_on and self.contact_on > dt.date.today():
            raise ValidationError({"contact_on": _("Das Datum liegt in der Zukunft.")})


class Suggestion(models.Model):
    """An occupation or skill the matching engine proposed for one entry; a human confirms or rejects it."""

    class Kind(models.TextChoices):
        OCCUPATION = "occupation", _("Beruf")
        SKILL = "skill", _("Kompetenz")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("vorgeschlagen")
        CONFIRMED = "confirmed", _("bestätigt")
        REJECTED = "rejected", _("verworfen")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="suggestions")
    work_entry = models.ForeignKey(
        WorkHistoryEntry, on_delete=models.CASCADE, null=True, blank=True, related_name="suggestions"
    )
    education_entry = models.ForeignKey(
        EducationEntry, on_delete=models.CASCADE, null=True, blank=True, related_name="suggestions"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    uri = models.CharField(max_length=200)
    kldb = models.CharField(max_length=5, blank=True)
    label = models.CharField(max_length=300)
    score = models.FloatField()
    rank = models.PositiveSmallIntegerField()
    # [{"piece": ..., "label": ..., "lang": ..., "method": ...}]: why the engine proposed it.
    evidence = models.JSONField(default=list)
    # Hash of the text the suggestion was computed from; a changed entry gets fresh suggestions.
    source_digest = models.CharField(max_length=64)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUGGESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "rank", "id"]
        indexes = [models.Index(fields=["participant", "status", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(work_entry__isnull=False) ^ models.Q(education_entry__isnull=False),
                name="suggestion_has_exactly_one_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"

    @property
    def source(self) -> models.Model | None:
        return self.work_entry or self.education_entry
