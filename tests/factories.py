"""factory-boy factories: every person here is synthetic (Faker)."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from wegweiser.accounts.models import Organisation, Role, Team, User
from wegweiser.participants import duplicates
from wegweiser.participants.models import (
    ContactNote,
    EducationEntry,
    LanguageSkill,
    Participant,
    WorkHistoryEntry,
)

PASSWORD = "test-password-Wegweiser-1"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Jobcenter Test {n}")
    kind = Organisation.Kind.JOBCENTER


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("organisation", "name")

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True
        # Persona users are looked up by name, so a row left by a live-server test does not break setup.
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.CASEWORKER
    password = factory.django.Password(PASSWORD)


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = Participant

    organisation = factory.SubFactory(OrganisationFactory)
    customer_number = factory.Sequence(lambda n: f"312D{n:06d}")
    given_name = factory.Faker("first_name", locale="ar_AA")
    family_name = factory.Faker("last_name", locale="ar_AA")
    birth_date = factory.Faker("date_between", start_date=dt.date(1965, 1, 1), end_date=dt.date(2005, 12, 31))
    gender = Participant.Gender.FEMALE
    nationalities = factory.LazyFunction(lambda: ["SY"])
    municipality = "Mayen"
    preferred_language = "ar"
    residence_status = Participant.ResidenceStatus.AE_25
    work_permission = Participant.WorkPermission.YES
    health_restrictions = "Rückenleiden, kein schweres Heben"

    @factory.lazy_attribute
    def name_key(self) -> str:
        return duplicates.name_key(self.given_name, self.family_name, self.given_name_original or "",
                                   self.family_name_original or "")

    @factory.lazy_attribute
    def search_text(self) -> str:
        names = " ".join([self.given_name, self.family_name, self.given_name_original or "",
                          self.family_name_original or ""])
        return " ".join([*duplicates.search_tokens(names), self.customer_number.lower()])

    given_name_original = ""
    family_name_original = ""


class LanguageSkillFactory(DjangoModelFactory):
    class Meta:
        model = LanguageSkill

    participant = factory.SubFactory(ParticipantFactory)
    language = "de"
    listening = "A2"
    reading = "A2"
    speaking = "A2"
    writing = "A1"


class EducationEntryFactory(DjangoModelFactory):
    class Meta:
        model = EducationEntry

    participant = factory.SubFactory(ParticipantFactory)
    country = "SY"
    isced_level = 3
    field = "Elektrotechnik"


class WorkHistoryEntryFactory(DjangoModelFactory):
    class Meta:
        model = WorkHistoryEntry

    participant = factory.SubFactory(ParticipantFactory)
    job_title = "نجار"
    country = "SY"
    tasks = "صناعة الأبواب والنوافذ"


class ContactNoteFactory(DjangoModelFactory):
    class Meta:
        model = ContactNote

    participant = factory.SubFactory(ParticipantFactory)
    author = factory.SubFactory(UserFactory)
    contact_on = factory.LazyFunction(dt.date.today)
    text = "Beratungsgespräch zur Integrationskursanmeldung"
