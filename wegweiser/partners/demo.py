"""Partner-network demo on top of `seed_demo`: consents with the IRC, referrals in every state, the employer
Nettetal Metallbau GmbH with a partner login and vacancies. Idempotent and deterministic (participants are
picked by customer number); demo data writes without audit rows, like seed_demo (no person acted)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from wegweiser.accounts.models import Organisation, Role, User
from wegweiser.accounts.services import user_create
from wegweiser.participants.models import Participant

from . import geo
from .models import Consent, Purpose, Referral, Vacancy
from .services import consent_text_current, consent_texts_ensure, map_title

JOBCENTER = "Jobcenter Landkreis Mayen-Koblenz"
IRC = "International Rescue Committee Deutschland"
EMPLOYER = "Nettetal Metallbau GmbH"

VACANCIES = [
    # title, municipality, hours, shift, german, contact
    ("Metallbauer/in Konstruktionstechnik", "Mayen", 39, False, "B1", "Frau Schmitt"),
    ("Schweißer/in (Helfer/in)", "Mayen", 39, True, "A2", "Frau Schmitt"),
    ("Lagerhelfer/in Teilzeit", "Mendig", 20, False, "A2", "Herr Becker"),
]
# (index among the demo caseworker's participants, IRC purposes, referral status or None, decline reason)
IRC_CASES = [
    (0, (Purpose.REFERRAL,), "pending", ""),
    (1, (Purpose.REFERRAL, Purpose.PROFILE_SHARING), "accepted", ""),
    (2, (Purpose.REFERRAL,), "started", ""),
    (3, (Purpose.REFERRAL,), "declined", "Beratung derzeit ausgebucht, bitte in 4 Wochen erneut."),
    (4, (Purpose.REFERRAL, Purpose.PROFILE_SHARING), "completed", ""),
    (5, (Purpose.REFERRAL,), None, ""),
]
EMPLOYER_CASES = [6, 7]


@dataclass
class PartnerSeedResult:
    consents: int = 0
    referrals: int = 0
    vacancies: int = 0
    users_created: list[str] = field(default_factory=list)


def seed_partners(*, map_titles: bool = True) -> PartnerSeedResult:
    result = PartnerSeedResult()
    jobcenter = Organisation.objects.filter(name=JOBCENTER).first()
    if jobcenter is None:
        raise LookupError(f"{JOBCENTER!r} not found: run seed_demo first.")
    irc = Organisation.objects.get(name=IRC)
    employer = Organisation.objects.get(name=EMPLOYER)
    caseworker = User.objects.get(username="demo-caseworker")
    people = list(Participant.objects.filter(organisation=jobcenter, caseworker=caseworker, merged_into__isnull=True)
                  .exclude(phase="exited").order_by("customer_number")[:8])
    if len(people) < 8:
        raise LookupError("Too few demo participants: run seed_demo first.")
    now = timezone.now()
    with transaction.atomic():
        consent_texts_ensure()
        if not User.objects.filter(username="demo-employer").exists():
            user_create(username="demo-employer", password=os.environ.get("WEGWEISER_DEMO_PASSWORD",
                                                                          "wegweiser-demo-2026"),
                        organisation=employer, role=Role.PARTNER, first_name="Erika", last_name="Demo-Metallbau")
            result.users_created.append("demo-employer")
        vacancies = []
        for title, place, hours, shift, german, contact in VACANCIES:
            vacancy = Vacancy.objects.filter(employer=employer, title=title, source=Vacancy.Source.MANUAL).first()
            if vacancy is None:
                lat, lon = geo.coordinates(place) or (None, None)
                vacancy = Vacancy(employer=employer, employer_name=employer.name, title=title, municipality=place,
                                  latitude=lat, longitude=lon, hours_per_week=hours, shift_work=shift,
                                  german_level=german, contact_name=contact, contact_phone="02651 000000",
                                  start_date=timezone.localdate() + dt.timedelta(days=30), created_by=caseworker)
                if map_titles:
                    for key, value in map_title(title).items():
                        setattr(vacancy, key, value)
                vacancy.save()
                result.vacancies += 1
            vacancies.append(vacancy)

        def consent(p: Participant, org: Organisation, purpose: str) -> None:
            if Consent.objects.filter(participant=p, organisation=org, purpose=purpose).exists():
                return
            text = consent_text_current(purpose, p.preferred_language)
            Consent.objects.create(participant=p, organisation=org, purpose=purpose, status=Consent.Status.GIVEN,
                                   method=Consent.Method.IN_PERSON, text=text, text_shown=text.render(org),
                                   given_by=caseworker, given_at=now - dt.timedelta(days=20))
            result.consents += 1

        def referral(p: Participant, org: Organisation, purpose: str, status: str, reason: str, age_days: int,
                     vacancy: Vacancy | None = None) -> None:
            if Referral.objects.filter(participant=p, organisation=org, vacancy=vacancy).exists():
                return
            fields = ["name", "languages"] + (["municipality", "work"] if Purpose.PROFILE_SHARING in
                                              consents_of(p, org) else [])
            r = Referral.objects.create(
                participant=p, organisation=org, referring_organisation=jobcenter, purpose=purpose,
                target=Referral.Target.VACANCY if vacancy else Referral.Target.ORGANISATION, vacancy=vacancy,
                shared_fields=fields, status=status, decline_reason=reason, created_by=caseworker,
                answered_at=None if status == "pending" else now - dt.timedelta(days=age_days - 2),
            )
            Referral.objects.filter(pk=r.pk).update(created_at=now - dt.timedelta(days=age_days))
            result.referrals += 1

        for index, purposes, status, reason in IRC_CASES:
            for purpose in purposes:
                consent(people[index], irc, purpose)
            if status:
                referral(people[index], irc, Purpose.REFERRAL, status, reason, age_days=10 + index)
        for n, index in enumerate(EMPLOYER_CASES):
            consent(people[index], employer, Purpose.JOB_PLACEMENT)
            referral(people[index], employer, Purpose.JOB_PLACEMENT, "pending" if n == 0 else "accepted", "",
                     age_days=3, vacancy=vacancies[n])
    return result


def consents_of(p: Participant, org: Organisation) -> set[str]:
    return set(Consent.objects.filter(participant=p, organisation=org, status=Consent.Status.GIVEN)
               .values_list("purpose", flat=True))
