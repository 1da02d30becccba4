"""Retention fixtures: an erasure log per test, fixed periods, and an exited participant with data in every category."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.factories import ContactNoteFactory, EducationEntryFactory, ParticipantFactory, WorkHistoryEntryFactory
from tests.reporting.conftest import world  # noqa: F401  (the reporting programme, reused for count checks)
from wegweiser.interests.models import AnswerSet, SkillCard, WorkPreferences
from wegweiser.participants.models import Phase
from wegweiser.partners.models import Consent, ConsentText
from wegweiser.selfservice.models import Invitation


def exit_day() -> dt.date:
    """Exits lie 30 days back, so every period ends in the future and the tests travel there."""
    return timezone.localdate() - dt.timedelta(days=30)


def at_local(day: dt.date, hour: int = 3) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture(autouse=True)
def retention_settings(settings, tmp_path):
    settings.WEGWEISER_ERASURE_LOG = tmp_path / "erasure-log.jsonl"
    settings.WEGWEISER_BACKUP_DIR = tmp_path / "backups"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WEGWEISER_RETENTION_CASE_FILE_DAYS = 1826
    settings.WEGWEISER_RETENTION_CONTACT_NOTES_DAYS = 730
    settings.WEGWEISER_RETENTION_SELFSERVICE_DAYS = 365
    settings.WEGWEISER_RETENTION_DOCUMENTS_DAYS = 1095
    settings.WEGWEISER_RETENTION_AUDIT_LOG_DAYS = 1095
    return settings


def exited_participant(organisation, caseworker, *, exit_date=None, **kwargs):
    return ParticipantFactory(organisation=organisation, caseworker=caseworker, phase=Phase.EXITED,
                              exit_reason="job", exit_date=exit_date or exit_day(), phone="0151 2345678",
                              given_name_original="سارة", family_name_original="الأحمد",
                              birth_date=dt.date(1990, 6, 15), nationalities=["SY", "TR"],
                              residence_valid_until=dt.date(2024, 1, 1), driving_licence="B", **kwargs)


def fill_every_category(participant, author):
    """Contact notes, self-service data, a consent with an uploaded form, work/education entries."""
    ContactNoteFactory(participant=participant, author=author, contact_on=dt.date(2019, 5, 1),
                       text="Gespräch über Sprachkurs, Tochter krank")
    ContactNoteFactory(participant=participant, author=author, contact_on=dt.date(2019, 9, 1))
    AnswerSet.objects.create(participant=participant, answers={"r1": 4})
    WorkPreferences.objects.create(participant=participant, other_skills="kann nähen")
    SkillCard.objects.create(participant=participant, card="cook", esco_skill_uri="http://data.europa.eu/esco/skill/x")
    Invitation.objects.create(participant=participant, token_hash=f"{participant.pk:064d}", created_by=author,
                              expires_at=dt.datetime(2019, 6, 1, tzinfo=dt.UTC))
    text = ConsentText.objects.filter(purpose="referral").first() or ConsentText.objects.create(
        purpose="referral", version=1, language="de", text="Ich willige ein …")
    consent = Consent(participant=participant, organisation=participant.organisation, purpose="referral",
                      status="given", method="signed_form", text=text, text_shown=text.text, given_by=author)
    consent.form_file.save("einwilligung.pdf", ContentFile(b"%PDF-1.4 signed"), save=False)
    consent.save()
    WorkHistoryEntryFactory(participant=participant, tasks="Türen und Fenster bei Firma Haddad in Homs")
    EducationEntryFactory(participant=participant, degree_original="شهادة الثانوية", recognition_body="ZAB")
    return SimpleNamespace(consent=consent)


@pytest.fixture
def exited(personas, jobcenter):
    participant = exited_participant(jobcenter, personas.caseworker)
    data = fill_every_category(participant, personas.caseworker)
    return SimpleNamespace(participant=participant, consent=data.consent)
