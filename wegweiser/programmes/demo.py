"""The LQA programme demo: catalogue, courses, trainers, kits and a term of sessions with attendance.

Idempotent and deterministic: everything is keyed by codes and usernames; what exists is left alone;
random choices come from `random.Random(seed)`; the term is placed relative to `today` only when the
courses are first created. Like `seed_demo`, rows are written without audit entries (no person acted),
but eligibility uses the same checks as the enrolment service and tasks come from the same absence rule.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wegweiser.accounts.models import Organisation, Role, User
from wegweiser.accounts.services import user_create
from wegweiser.participants.models import Participant

from . import services
from .models import (
    Attendance,
    Certification,
    Course,
    Enrolment,
    FundingRoute,
    Kit,
    KitLoan,
    Module,
    Programme,
    Session,
    TrainerProfile,
)

JOBCENTER = "Jobcenter Landkreis Mayen-Koblenz"
SCHOOL = "Berufsbildende Schule Mayen"
LANGUAGE_SCHOOL = "Sprachschule Koblenz"
NGO = "International Rescue Committee Deutschland"
ESCO = "http://data.europa.eu/esco/skill/"


def esco(*ids: str) -> list[str]:
    return [ESCO + i for i in ids]


# ESCO skills (v1.2) named in the learning goals.
WORD = "81633a44-f1db-4a01-a940-804c6905e330"         # use word processing software
SHEETS = "1973c966-f236-40c9-b2d4-5d71a89019be"       # use spreadsheets software
COLLAB = "580660a6-5d3a-421d-a54f-d85b706c2b2f"       # use online tools to collaborate
INSTALL_SW = "c8de8023-ab8a-402b-a828-b2b57cd3b2f7"   # install software
HARDWARE = "4b51e76e-9e8a-455f-a289-5b48246345c4"     # hardware components
PROGRAMMING = "bf4d884f-c848-402a-b130-69c266b04164"  # apply basic programming skills
MAINTAIN_ICT = "fbbcb9ab-4b95-4e57-a756-30d08b7da7a5"  # maintain ICT system
TROUBLESHOOT = "334e3e49-fb02-4051-809a-f06adfdc1c40"  # troubleshoot
DATA = "629685b8-5f9e-4522-8cff-b3e2c4ec625a"         # digital data processing
ELECTRONICS = "95c35c3a-035f-47c2-90cf-7e934d20fc08"  # electronics
SOLDER = "26ed52cf-30ca-451e-9699-a6c04a30649f"       # solder electronics
ASSEMBLE = "4ed385bf-3e87-476a-9f06-08c2e801133a"     # assemble electronic units
DIAGRAMS = "fe96f581-4905-4282-819c-922c68bda989"     # interpret electrical diagrams
MEASURE = "b92758d4-4591-4df1-9ceb-f907aa71ebd9"      # use measurement instruments
HAND_TOOLS = "7cd6de25-f691-4aac-81a2-a9d09b004b38"   # use hand tools
TEAMS = "60c78287-22eb-4103-9c8c-28deaa460da0"        # work in teams
LISTEN_DE = "1d5526b3-f17b-46fc-ba7d-f4a32d908a7e"    # understand spoken German
SPEAK_DE = "2abb9db5-350c-444c-8292-0e0b2ce00f9a"     # interact verbally in German
WRITE_DE = "52894650-9077-40f0-96d6-6f07d1a6cafa"     # write German
GERMAN = "4812a4ea-dc55-4dc6-b9b0-4a59bba2c647"       # German
INTERVIEW = "929e89f9-ac69-4bcb-9eea-37257aa5aff9"    # prepare for job interview
COMMUNICATION = "15d76317-c71a-4fa2-aadc-2ecc34e627b7"  # communication
TIME = "d9013e0e-e937-43d5-ab71-0e917ee882b8"         # manage time


@dataclass(frozen=True)
class ModuleSpec:
    code: str
    title: str
    description: str
    provider: str
    skills: list[str]
    level: str
    hours: int
    weeks: int
    location: str
    funding: str
    certified: bool
    in_lqa: bool
    prerequisites: tuple[str, ...] = ()
    note: str = ""
    target_german: str = ""


CATALOGUE: list[ModuleSpec] = [
    ModuleSpec("core", "CORE – Vorbereitung auf IT-Berufe",
               "Berufsorientierung in der IT: Rechner aufbauen und warten, Office-Anwendungen, Zusammenarbeit "
               "online, erste Schritte im Programmieren; Betriebsbesuche und Praktikumsvorbereitung.",
               JOBCENTER, esco(WORD, SHEETS, COLLAB, INSTALL_SW, HARDWARE, MAINTAIN_ICT, TROUBLESHOOT, DATA,
                               PROGRAMMING),
               "A2", 65, 10, "Projekthaus LQA, Andernach", FundingRoute.PROJECT, True, True),
    ModuleSpec("future-skills", "Future Skills – Elektronik-Grundlagen",
               "Mit Elektronik-Kits: Schaltpläne lesen, Bauteile montieren und löten, messen und Fehler finden. "
               "Unterricht mit Bildkarten, auch für Einsteiger/innen mit wenig Deutsch.",
               SCHOOL, esco(ELECTRONICS, DIAGRAMS, ASSEMBLE, SOLDER, MEASURE, HAND_TOOLS, TROUBLESHOOT, TEAMS),
               "A1", 60, 10, "Berufsbildende Schule Mayen, Werkstatt E1", FundingRoute.PROJECT, True, True),
    ModuleSpec("bewerbungstraining", "Bewerbungstraining",
               "Lebenslauf und Anschreiben, Bewerbungsmappe digital, Vorstellungsgespräche üben.",
               NGO, esco(INTERVIEW, WORD, COMMUNICATION, TIME), "A2", 40, 4, "Projekthaus LQA, Andernach",
               FundingRoute.AVGS, False, True),
    ModuleSpec("integrationskurs", "Integrationskurs (allgemein)",
               "Sprachkurs bis B1 und Orientierungskurs „Leben in Deutschland“.",
               LANGUAGE_SCHOOL, esco(LISTEN_DE, SPEAK_DE, WRITE_DE, GERMAN), "", 700, 35,
               "Sprachschule Koblenz", FundingRoute.INTEGRATIONSKURS, False, False,
               note="Berechtigung oder Verpflichtung durch BAMF/Jobcenter", target_german="B1"),
    ModuleSpec("bsk-b1", "Berufssprachkurs B1 (Spezialmodul)",
               "Berufsbezogenes Deutsch vom Niveau A2 zum Zielniveau B1.",
               LANGUAGE_SCHOOL, esco(LISTEN_DE, SPEAK_DE, WRITE_DE, COMMUNICATION), "A2", 400, 16,
               "Sprachschule Koblenz", FundingRoute.DEUFOEV, False, False, target_german="B1"),
    ModuleSpec("bsk-b2", "Berufssprachkurs B2 (Basismodul)",
               "Berufsbezogenes Deutsch vom Niveau B1 zum Zielniveau B2, mit Prüfung.",
               LANGUAGE_SCHOOL, esco(LISTEN_DE, SPEAK_DE, WRITE_DE, COMMUNICATION), "B1", 400, 16,
               "Sprachschule Koblenz", FundingRoute.DEUFOEV, False, False, target_german="B2"),
]

CORE_TOPICS = ["Kennenlernen, Rechner einschalten, Anmelden", "Dateien und Ordner", "Textverarbeitung: Brief",
               "Tabellen: Haushaltsplan", "E-Mail und Kalender", "Zusammenarbeit online", "Hardware: Bauteile",
               "PC zerlegen und zusammenbauen", "Software installieren und aktualisieren", "Fehlersuche am PC",
               "Netzwerk-Grundlagen", "Datenschutz und sichere Passwörter", "Programmieren mit Blöcken",
               "Programmieren: Schleifen", "Betriebsbesuch IT-Dienstleister", "Berufe in der IT",
               "Praktikum vorbereiten", "Projekt: Vereins-Website", "Projektpräsentation", "Abschluss und Ausblick"]
FS_TOPICS = ["Sicherheit in der Werkstatt", "Strom, Spannung, Widerstand", "Schaltpläne lesen",
             "Steckbrett: erste Schaltung", "Messen mit dem Multimeter", "LEDs und Vorwiderstände", "Löten üben",
             "Bausatz Blinklicht", "Sensoren", "Mikrocontroller: erstes Programm", "Fehlersuche in Schaltungen",
             "Bausatz Lichtschranke", "Berufe in Elektrotechnik", "Betriebsbesuch Elektrobetrieb",
             "Projekt: Alarmanlage", "Projekt: Alarmanlage (Fortsetzung)", "Dokumentation", "Prüfungstag",
             "Präsentation", "Abschluss"]


@dataclass(frozen=True)
class TrainerSpec:
    username: str
    organisation: str
    kind: str
    first_name: str
    last_name: str
    qualifications: str
    certified_for: tuple[str, ...]
    valid_days_after_term: int  # certification valid until term end + this many days


TRAINERS: list[TrainerSpec] = [
    TrainerSpec("demo-trainer", SCHOOL, TrainerProfile.Kind.PARTNER_TEACHER, "", "",
                "Lehrkraft für Elektrotechnik (2. Staatsexamen), DaZ-Fortbildung", ("future-skills", "core"), 365),
    TrainerSpec("lehrkraft-bbs-1", SCHOOL, TrainerProfile.Kind.PARTNER_TEACHER, "Jonas", "Reinhardt",
                "Fachlehrer Informationstechnik", ("core",), 20),
    TrainerSpec("trainer-jc-1", JOBCENTER, TrainerProfile.Kind.STAFF, "Leyla", "Kaya",
                "Fachinformatikerin Systemintegration, AdA-Schein", ("core",), 400),
]


@dataclass
class ProgrammeSeedResult:
    modules_created: int = 0
    courses_created: int = 0
    sessions_created: int = 0
    enrolments_created: int = 0
    attendance_created: int = 0
    tasks_created: int = 0
    kits_created: int = 0
    loans_created: int = 0
    users_created: list[str] = field(default_factory=list)


def seed_catalogue(organisation: Organisation, result: ProgrammeSeedResult | None = None) -> dict[str, Module]:
    """The course catalogue of the LQA demo (also used by the recommendations)."""
    result = result or ProgrammeSeedResult()
    lqa, _ = Programme.objects.get_or_create(
        organisation=organisation, code="lqa",
        defaults={"name": "LQA – Leben, Qualifizieren, Arbeiten",
                  "description": "Integrationsprogramm für Geflüchtete mit Modulen zu IT, Elektronik und Bewerbung."},
    )
    providers = {o.name: o for o in Organisation.objects.filter(name__in={m.provider for m in CATALOGUE})}
    modules: dict[str, Module] = {}
    for spec in CATALOGUE:
        module, created = Module.objects.get_or_create(
            organisation=organisation, code=spec.code,
            defaults={"title": spec.title, "description": spec.description, "provider": providers.get(spec.provider),
                      "skill_uris": spec.skills, "entry_german_level": spec.level, "hours": spec.hours,
                      "duration_weeks": spec.weeks, "location": spec.location, "funding_route": spec.funding,
                      "requires_certification": spec.certified, "programme": lqa if spec.in_lqa else None,
                      "prerequisites_note": spec.note, "target_german_level": spec.target_german},
        )
        result.modules_created += int(created)
        modules[spec.code] = module
    for spec in CATALOGUE:
        if spec.prerequisites:
            modules[spec.code].prerequisites.set([modules[c] for c in spec.prerequisites])
    return modules


def _ensure_trainers(orgs: dict[str, Organisation], jobcenter: Organisation,
                     result: ProgrammeSeedResult) -> dict[str, TrainerProfile]:
    password = settings.WEGWEISER_DEMO_PASSWORD
    profiles: dict[str, TrainerProfile] = {}
    for spec in TRAINERS:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = user_create(username=spec.username, password=password, organisation=orgs[spec.organisation],
                               role=Role.TRAINER, first_name=spec.first_name, last_name=spec.last_name,
                               email=f"{spec.username}@demo.invalid")
            result.users_created.append(spec.username)
        profiles[spec.username], _ = TrainerProfile.objects.get_or_create(
            organisation=jobcenter, user=user,
            defaults={"kind": spec.kind, "qualifications": spec.qualifications},
        )
    return profiles


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _course(module: Module, code: str, title: str, start: dt.date, weeks: int, location: str, capacity: int,
            weekdays: tuple[int, int], times: tuple[dt.time, dt.time], room: str, topics: list[str],
            result: ProgrammeSeedResult) -> tuple[Course, bool]:
    course = Course.objects.filter(organisation=module.organisation, code=code).first()
    if course is not None:
        return course, False
    course = Course.objects.create(module=module, organisation=module.organisation, code=code, title=title,
                                   start_date=start, end_date=start + dt.timedelta(weeks=weeks, days=-3),
                                   location=location, capacity=capacity, language_of_instruction="de")
    sessions = []
    for week in range(weeks):
        for n, weekday in enumerate(weekdays):
            index = week * len(weekdays) + n
            sessions.append(Session(course=course, date=start + dt.timedelta(weeks=week, days=weekday),
                                    start_time=times[0], end_time=times[1], room=room,
                                    topic=topics[index % len(topics)]))
    Session.objects.bulk_create(sessions)
    result.courses_created += 1
    result.sessions_created += len(sessions)
    return course, True


def _candidates(jobcenter: Organisation, caseworker: User, course: Course, rng: random.Random,
                count: int, exclude: set[int]) -> list[Participant]:
    pool = list(Participant.objects.filter(organisation=jobcenter, caseworker=caseworker, merged_into__isnull=True)
                .exclude(phase="exited").exclude(pk__in=exclude).order_by("customer_number")[:300])
    rng.shuffle(pool)
    chosen: list[Participant] = []
    for participant in pool:
        if not services.enrolment_check(participant, course):
            chosen.append(participant)
        if len(chosen) == count:
            break
    return chosen


def _enrol_and_attend(course: Course, people: list[Participant], waiting: list[Participant], admin: User,
                      trainer: User, today: dt.date, rng: random.Random, result: ProgrammeSeedResult) -> None:
    now = timezone.now()
    enrolments = []
    for n, person in enumerate(people + waiting):
        has_place = n < len(people)
        enrolments.append(Enrolment(course=course, participant=person, created_by=admin,
                                    requested_at=now - dt.timedelta(days=60 - n),
                                    status=Enrolment.Status.ENROLLED if has_place else Enrolment.Status.WAITING,
                                    enrolled_at=now - dt.timedelta(days=60 - n) if has_place else None))
    Enrolment.objects.bulk_create(enrolments)
    result.enrolments_created += len(enrolments)
    enrolled = list(Enrolment.objects.filter(course=course, status=Enrolment.Status.ENROLLED).order_by("id"))
    # Most people come; a few are often late or away; two drift away without excuse.
    profile = {e.pk: ("drifting" if i in (3, 7) else "steady") for i, e in enumerate(enrolled)}
    rows = []
    for session in course.sessions.filter(date__lt=today).order_by("date", "start_time"):
        for e in enrolled:
            roll = rng.random()
            if profile[e.pk] == "drifting":
                status = "unexcused" if roll < 0.3 else "excused" if roll < 0.4 else "present"
            else:
                status = "present" if roll < 0.84 else "late" if roll < 0.92 else "excused" if roll < 0.97 \
                    else "unexcused"
            rows.append(Attendance(session=session, enrolment=e, status=status, recorded_by=trainer))
    Attendance.objects.bulk_create(rows)
    result.attendance_created += len(rows)
    for e in enrolled:
        if services.absence_rule_apply(e) is not None:
            result.tasks_created += 1


def _kits(jobcenter: Organisation, fs_course: Course, trainer: User, participants: list[Participant],
          admin: User, today: dt.date, result: ProgrammeSeedResult) -> None:
    specs: list[tuple[str, str, str, str]] = []
    specs += [(f"FS-KIT-{n:02d}", Kit.Kind.ELECTRONICS, "Elektronik-Lernkit (Steckbrett, Bauteile, Multimeter)",
               "BBS Mayen, Werkstatt E1") for n in range(1, 13)]
    specs += [(f"MCU-{n:02d}", Kit.Kind.MICROCONTROLLER, "Mikrocontroller-Set mit Sensoren",
               "BBS Mayen, Werkstatt E1") for n in range(1, 5)]
    specs += [(f"LAP-{n:02d}", Kit.Kind.LAPTOP, "Laptop 14 Zoll, Linux/Office", "Projekthaus LQA, Andernach")
              for n in range(1, 9)]
    existing = set(Kit.objects.filter(organisation=jobcenter).values_list("identifier", flat=True))
    new = [Kit(organisation=jobcenter, identifier=i, kind=k, description=d, location=loc,
               condition=Kit.Condition.GOOD) for i, k, d, loc in specs if i not in existing]
    Kit.objects.bulk_create(new)
    result.kits_created += len(new)
    if KitLoan.objects.filter(kit__organisation=jobcenter).exists():
        return
    kits = {k.identifier: k for k in Kit.objects.filter(organisation=jobcenter)}
    loans = [KitLoan(kit=kits[f"FS-KIT-{n:02d}"], course=fs_course, lent_on=fs_course.start_date,
                     due_on=fs_course.end_date, lent_by=admin) for n in range(1, 11)]
    loans.append(KitLoan(kit=kits["LAP-01"], trainer=trainer, lent_on=today - dt.timedelta(days=20),
                         due_on=today + dt.timedelta(days=40), lent_by=admin))
    if len(participants) >= 2:
        loans.append(KitLoan(kit=kits["LAP-02"], participant=participants[0], lent_on=today - dt.timedelta(days=30),
                             due_on=today - dt.timedelta(days=2), lent_by=admin, note="für das Praktikum"))
        loans.append(KitLoan(kit=kits["LAP-03"], participant=participants[1], lent_on=today - dt.timedelta(days=45),
                             due_on=today - dt.timedelta(days=15), lent_by=admin, lost=True,
                             note="nicht zurückgebracht, Person nicht erreichbar"))
    KitLoan.objects.bulk_create(loans)
    result.loans_created += len(loans)
    on_loan = [loan.kit_id for loan in loans if not loan.lost]
    Kit.objects.filter(pk__in=on_loan).update(status=Kit.Status.ON_LOAN)
    Kit.objects.filter(identifier="LAP-03", organisation=jobcenter).update(status=Kit.Status.MISSING)
    Kit.objects.filter(identifier="FS-KIT-12", organisation=jobcenter).update(condition=Kit.Condition.DAMAGED)


def seed_programmes(*, seed: int = 1, today: dt.date | None = None) -> ProgrammeSeedResult:
    today = today or timezone.localdate()
    result = ProgrammeSeedResult()
    jobcenter = Organisation.objects.filter(name=JOBCENTER).first()
    if jobcenter is None:
        raise LookupError(f"{JOBCENTER!r} not found: run seed_demo first.")
    orgs = {o.name: o for o in Organisation.objects.filter(name__in=[JOBCENTER, SCHOOL, LANGUAGE_SCHOOL, NGO])}
    admin = User.objects.get(username="demo-admin")
    caseworker = User.objects.get(username="demo-caseworker")
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    with transaction.atomic():
        modules = seed_catalogue(jobcenter, result)
        profiles = _ensure_trainers(orgs, jobcenter, result)
        term_start = _monday(today) - dt.timedelta(weeks=5)
        weeks = 10
        term_end = term_start + dt.timedelta(weeks=weeks)
        for spec in TRAINERS:
            for code in spec.certified_for:
                Certification.objects.get_or_create(
                    trainer=profiles[spec.username], module=modules[code],
                    defaults={"trained_by": "LQA-Projektteam (Train-the-Trainer)",
                              "certified_on": term_start - dt.timedelta(days=90),
                              "valid_until": term_end + dt.timedelta(days=spec.valid_days_after_term)},
                )
        core, core_new = _course(modules["core"], "core-a", "CORE Andernach – Frühjahr", term_start, weeks,
                                 "Projekthaus LQA, Andernach", 16, (0, 2), (dt.time(9), dt.time(12, 15)),
                                 "Schulungsraum 1", CORE_TOPICS, result)
        fs, fs_new = _course(modules["future-skills"], "fs-a", "Future Skills Mayen – Frühjahr", term_start, weeks,
                             "Berufsbildende Schule Mayen", 12, (1, 3), (dt.time(13), dt.time(16)), "Werkstatt E1",
                             FS_TOPICS, result)
        demo_trainer = profiles["demo-trainer"].user
        core.trainers.add(profiles["trainer-jc-1"].user, demo_trainer)
        fs.trainers.add(demo_trainer)
        taken: set[int] = set(Enrolment.objects.filter(course__in=[core, fs]).values_list("participant_id", flat=True))
        core_people: list[Participant] = []
        if core_new:
            chosen = _candidates(jobcenter, caseworker, core, rng, 16 + 3, taken)
            core_people = chosen[:16]
            _enrol_and_attend(core, core_people, chosen[16:], admin, profiles["trainer-jc-1"].user, today, rng,
                              result)
            taken |= {p.pk for p in chosen}
        if fs_new:
            chosen = _candidates(jobcenter, caseworker, fs, rng, 12 + 2, taken)
            _enrol_and_attend(fs, chosen[:12], chosen[12:], admin, demo_trainer, today, rng, result)
        _kits(jobcenter, fs, demo_trainer, core_people, admin, today, result)
    return result
