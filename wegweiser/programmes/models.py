"""Programme operations: catalogue modules, courses, sessions, enrolments, attendance, trainers, kits,
certificates, and the caseworker tasks raised by the absence rule.

Tenancy: everything hangs off the organisation that runs the programme (the jobcenter). Trainers may
belong to another organisation (a partner school); they reach a course only through `Course.trainers`.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Organisation
from wegweiser.participants import reference
from wegweiser.participants.models import Participant

CEFR_LEVELS = [(code, label) for code, label in reference.CEFR_CHOICES if code not in {"", "native"}]


class FundingRoute(models.TextChoices):
    BILDUNGSGUTSCHEIN = "bgs", _("Bildungsgutschein (§ 81 SGB III)")
    AVGS = "avgs", _("Aktivierungs- und Vermittlungsgutschein (§ 45 SGB III)")
    MASSNAHME_45 = "m45", _("Maßnahme nach § 45 SGB III (Vergabe)")
    SGB_II_16 = "sgb2", _("Eingliederungsleistung (§ 16 SGB II)")
    INTEGRATIONSKURS = "ik", _("Integrationskurs (BAMF, § 43 AufenthG)")
    DEUFOEV = "deufoev", _("Berufssprachkurs (BAMF, DeuFöV)")
    PROJECT = "project", _("Projektförderung (ESF Plus / Stiftung)")
    OTHER = "other", _("andere Finanzierung")


class Programme(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="programmes")
    code = models.SlugField(_("Kürzel"), max_length=30)
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Programm")
        verbose_name_plural = _("Programme")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="programme_code_per_org")]

    def __str__(self) -> str:
        return self.name


class Module(models.Model):
    """One entry of the course catalogue (issue 6) and the unit that courses are run from (issue 8)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="catalogue_modules")
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="modules", null=True, blank=True,
        help_text=_("Leer für Angebote außerhalb eines eigenen Programms (z. B. Integrationskurs)."),
    )
    code = models.SlugField(_("Kürzel"), max_length=30)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="provided_modules", null=True, blank=True,
        verbose_name=_("Träger"),
    )
    skill_uris = models.JSONField(_("Lernziele (ESCO-Kompetenzen)"), default=list, blank=True)
    entry_german_level = models.CharField(
        _("Deutsch mindestens"), max_length=2, choices=CEFR_LEVELS, blank=True,
    )
    # Language courses: the CEFR level of German the course leads to (used for next steps in advice).
    target_german_level = models.CharField(
        _("Führt zu Deutsch"), max_length=2, choices=CEFR_LEVELS, blank=True,
    )
    prerequisites = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="required_for", verbose_name=_("Voraussetzungen"),
    )
    prerequisites_note = models.CharField(_("Weitere Voraussetzungen"), max_length=300, blank=True)
    hours = models.PositiveIntegerField(_("Unterrichtsstunden"))
    duration_weeks = models.PositiveSmallIntegerField(_("Dauer (Wochen)"), null=True, blank=True)
    location = models.CharField(_("Ort"), max_length=200, blank=True)
    funding_route = models.CharField(_("Finanzierung"), max_length=10, choices=FundingRoute.choices)
    requires_certification = models.BooleanField(
        _("Zertifizierte Trainer/innen erforderlich"), default=False,
        help_text=_("Nur Trainer/innen mit gültiger Train-the-Trainer-Zertifizierung für dieses Modul."),
    )
    active = models.BooleanField(_("Im Katalog"), default=True)

    class Meta:
        verbose_name = _("Modul")
        verbose_name_plural = _("Module")
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="module_code_per_org")]

    def __str__(self) -> str:
        return self.title


class Course(models.Model):
    """A cohort: one run of a module with dates, place, capacity and trainers."""

    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="courses")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="courses",
                                     editable=False)
    code = models.SlugField(_("Kürzel"), max_length=40)
    title = models.CharField(_("Titel"), max_length=200)
    start_date = models.DateField(_("Beginn"))
    end_date = models.DateField(_("Ende"))
    location = models.CharField(_("Ort"), max_length=200)
    capacity = models.PositiveSmallIntegerField(_("Plätze"))
    language_of_instruction = models.CharField(
        _("Unterrichtssprache"), max_length=8, choices=reference.LANGUAGE_CHOICES, default="de",
    )
    trainers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="courses_taught",
                                      verbose_name=_("Trainer/innen"))

    class Meta:
        verbose_name = _("Kurs")
        verbose_name_plural = _("Kurse")
        ordering = ["start_date", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="course_code_per_org"),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="course_dates_ordered"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="course_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("Datum"))
    start_time = models.TimeField(_("Beginn"))
    end_time = models.TimeField(_("Ende"))
    room = models.CharField(_("Raum"), max_length=120, blank=True)
    topic = models.CharField(_("Thema"), max_length=200)

    class Meta:
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        ordering = ["date", "start_time", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")), name="session_times_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.start_time:%H:%M} {self.topic}"

    @property
    def hours(self) -> float:
        start = dt.datetime.combine(self.date, self.start_time)
        end = dt.datetime.combine(self.date, self.end_time)
        return (end - start).total_seconds() / 3600


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("angemeldet")
        WAITING = "waiting", _("Warteliste")
        WITHDRAWN = "withdrawn", _("abgemeldet")
        COMPLETED = "completed", _("abgeschlossen")

    class WithdrawalReason(models.TextChoices):
        WORK = "work", _("Arbeitsaufnahme")
        OTHER_COURSE = "course", _("anderer Kurs / Maßnahme")
        HEALTH = "health", _("Krankheit")
        CARE = "care", _("Betreuungspflichten")
        MOVED = "moved", _("Umzug")
        NO_SHOW = "noshow", _("Nichterscheinen")
        PERSONAL = "personal", _("persönliche Gründe")
        OTHER = "other", _("anderer Grund")

    ACTIVE = (Status.ENROLLED, Status.WAITING)
    TAUGHT = (Status.ENROLLED, Status.COMPLETED)

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices)
    requested_at = models.DateTimeField(_("Angefragt am"))
    enrolled_at = models.DateTimeField(_("Platz seit"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("Abgemeldet am"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("Abmeldegrund"), max_length=10, choices=WithdrawalReason.choices,
                                         blank=True)
    withdrawal_note = models.CharField(_("Bemerkung"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "participant"], condition=Q(status__in=["enrolled", "waiting", "completed"]),
                name="enrolment_once_per_course",
                violation_error_message=_("Die Person ist für diesen Kurs bereits angemeldet."),
            ),
        ]
        indexes = [models.Index(fields=["course", "status", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.participant} → {self.course} ({self.get_status_display()})"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("anwesend")
        LATE = "late", _("verspätet")
        EXCUSED = "excused", _("entschuldigt")
        UNEXCUSED = "unexcused", _("unentschuldigt")

    ATTENDED = (Status.PRESENT, Status.LATE)

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("Anwesenheit"), max_length=10, choices=Status.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Anwesenheit")
        verbose_name_plural = _("Anwesenheiten")
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="attendance_once_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.session} {self.enrolment_id}: {self.status}"


class CaseworkerTask(models.Model):
    """Something the responsible caseworker has to follow up, raised by a rule (e.g. absences)."""

    class Kind(models.TextChoices):
        ABSENCE = "absence", _("Fehlzeiten")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("Art"), max_length=12, choices=Kind.choices)
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="programme_tasks")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="tasks", null=True, blank=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="programme_tasks",
                                 null=True, blank=True)
    detail = models.CharField(_("Anlass"), max_length=300)
    due_on = models.DateField(_("Fällig am"))
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
                                blank=True)

    class Meta:
        verbose_name = _("Aufgabe")
        verbose_name_plural = _("Aufgaben")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "participant", "course"], condition=Q(done_at__isnull=True),
                name="one_open_task_per_kind_participant_course",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.participant}"


def _token() -> str:
    return secrets.token_urlsafe(24)


class TrainerProfile(models.Model):
    class Kind(models.TextChoices):
        STAFF = "staff", _("Mitarbeiter/in des Jobcenters")
        PARTNER_TEACHER = "teacher", _("Lehrkraft einer Partnerschule")
        EXTERNAL = "external", _("externe Honorarkraft")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     help_text=_("Organisation, die das Programm durchführt."))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="trainer_profiles")
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    qualifications = models.TextField(_("Qualifikationen"), blank=True)
    ical_token = models.CharField(max_length=64, unique=True, default=_token, editable=False)

    class Meta:
        verbose_name = _("Trainerprofil")
        verbose_name_plural = _("Trainerprofile")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="trainer_profile_per_org")]

    def __str__(self) -> str:
        return str(self.user)


class Certification(models.Model):
    """Train-the-trainer certification of one trainer for one module."""

    trainer = models.ForeignKey(TrainerProfile, on_delete=models.CASCADE, related_name="certifications")
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="certifications")
    trained_by = models.CharField(_("Geschult von"), max_length=200)
    certified_on = models.DateField(_("Datum"))
    valid_until = models.DateField(_("Gültig bis"))

    class Meta:
        verbose_name = _("Zertifizierung")
        verbose_name_plural = _("Zertifizierungen")
        ordering = ["valid_until", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_until__gte=models.F("certified_on")),
                                   name="certification_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.trainer} – {self.module} (bis {self.valid_until:%d.%m.%Y})"


class Kit(models.Model):
    class Kind(models.TextChoices):
        ELECTRONICS = "electronics", _("Elektronik-Kit")
        MICROCONTROLLER = "mcu", _("Mikrocontroller-Set")
        LAPTOP = "laptop", _("Laptop")
        TABLET = "tablet", _("Tablet")
        TOOLS = "tools", _("Werkzeugkoffer")
        OTHER = "other", _("Sonstiges")

    class Condition(models.TextChoices):
        NEW = "new", _("neu")
        GOOD = "good", _("gut")
        WORN = "worn", _("gebraucht")
        DAMAGED = "damaged", _("beschädigt")
        DEFECTIVE = "defective", _("defekt")

    class Status(models.TextChoices):
        AVAILABLE = "available", _("verfügbar")
        ON_LOAN = "on_loan", _("verliehen")
        MISSING = "missing", _("vermisst")
        RETIRED = "retired", _("ausgemustert")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    identifier = models.CharField(_("Inventarnummer"), max_length=40)
    kind = models.CharField(_("Typ"), max_length=12, choices=Kind.choices)
    description = models.CharField(_("Beschreibung"), max_length=200, blank=True)
    condition = models.CharField(_("Zustand"), max_length=10, choices=Condition.choices, default=Condition.GOOD)
    location = models.CharField(_("Standort"), max_length=200)
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.AVAILABLE)

    class Meta:
        verbose_name = _("Kit / Gerät")
        verbose_name_plural = _("Kits / Geräte")
        ordering = ["identifier"]
        constraints = [models.UniqueConstraint(fields=["organisation", "identifier"], name="kit_identifier_per_org")]

    def __str__(self) -> str:
        return f"{self.identifier} ({self.get_kind_display()})"


class KitLoan(models.Model):
    """A kit lent to exactly one of: a course, a trainer or a participant."""

    kit = models.ForeignKey(Kit, on_delete=models.PROTECT, related_name="loans")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="kit_loans", null=True, blank=True)
    trainer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="kit_loans",
                                null=True, blank=True)
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="kit_loans", null=True,
                                    blank=True)
    lent_on = models.DateField(_("Ausgegeben am"))
    due_on = models.DateField(_("Rückgabe bis"))
    lent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    returned_on = models.DateField(_("Zurück am"), null=True, blank=True)
    return_condition = models.CharField(_("Zustand bei Rückgabe"), max_length=10, choices=Kit.Condition.choices,
                                        blank=True)
    lost = models.BooleanField(_("als vermisst gemeldet"), default=False)
    note = models.CharField(_("Bemerkung"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Ausleihe")
        verbose_name_plural = _("Ausleihen")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(course__isnull=False, trainer__isnull=True, participant__isnull=True)
                    | Q(course__isnull=True, trainer__isnull=False, participant__isnull=True)
                    | Q(course__isnull=True, trainer__isnull=True, participant__isnull=False)
                ),
                name="kit_loan_exactly_one_borrower",
            ),
            models.CheckConstraint(condition=Q(due_on__gte=models.F("lent_on")), name="kit_loan_due_after_lent"),
            models.UniqueConstraint(fields=["kit"], condition=Q(returned_on__isnull=True, lost=False),
                                    name="kit_one_open_loan"),
        ]

    def __str__(self) -> str:
        return f"{self.kit} → {self.borrower_label}"

    @property
    def borrower_label(self) -> str:
        if self.course_id:
            return str(self.course)
        if self.trainer_id:
            return str(self.trainer)
        return str(self.participant)

    @property
    def is_open(self) -> bool:
        return self.returned_on is None and not self.lost


def _verification_code() -> str:
    # 16 characters from an alphabet without look-alikes: about 80 bits, not guessable.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(16))


class ParticipationCertificate(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="certificates")
    code = models.CharField(max_length=16, unique=True, default=_verification_code, editable=False)
    issued_on = models.DateField(_("Ausgestellt am"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    hours_attended = models.DecimalField(_("Teilgenommene Stunden"), max_digits=6, decimal_places=1)
    sessions_attended = models.PositiveSmallIntegerField(_("Teilgenommene Termine"))
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Teilnahmebescheinigung")
        verbose_name_plural = _("Teilnahmebescheinigungen")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"{self.code} ({self.enrolment})"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
