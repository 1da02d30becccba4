"""The fixture world the authorization matrix runs against: one of every object a URL can point at.

Built once per test module (tests/authz/test_matrix.py) inside an outer transaction; every test runs in a
savepoint that is rolled back, so a POST an allowed role sends changes nothing for the next test.

Relations that give each role its need-to-know:
- `participant` belongs to the jobcenter, team Nord, caseworker `cw`;
- it is enrolled in `course` (module of `programme`), taught by `trainer`;
- it consented (signed form on file) to and was referred to `partner`'s organisation (`referral`, with an
  open follow-up task);
- `programme` is funded by `funder`'s foundation (`funding`, one generated `funder_report`);
- it has an agreed Kooperationsplan (v1) and a draft (v2), an open interests questionnaire, a work entry with
  a suggestion;
- `foreign_*` objects belong to another participant (team Süd, another course), to check that a URL
  mixing the role's own object with someone else's sub-object answers 404;
- its self-service session comes from a redeemed invitation (`me_session_key`); `invitation_token` is a newer,
  still open invitation link.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import timezone

from tests.factories import (
    LanguageSkillFactory,
    OrganisationFactory,
    ParticipantFactory,
    TeamFactory,
    UserFactory,
    WorkHistoryEntryFactory,
)
from tests.plans.conftest import make_agreed
from tests.taxonomy import fixtures as taxonomy_fixtures
from wegweiser.accounts.models import Organisation, Role
from wegweiser.interests import services as interests_services
from wegweiser.participants.models import Suggestion
from wegweiser.partners import services as partner_services
from wegweiser.partners.models import Consent, FollowUpTask, Purpose, Vacancy
from wegweiser.plans import services as plan_services
from wegweiser.programmes import services as programme_services
from wegweiser.programmes.models import (
    CaseworkerTask,
    Course,
    Enrolment,
    FundingRoute,
    Kit,
    Module,
    ParticipationCertificate,
    Programme,
    Session,
    TrainerProfile,
)
from wegweiser.reporting import services as reporting_services
from wegweiser.reporting.models import FollowUp, Outcome, ProgrammeFunding
from wegweiser.retention import services as retention_services
from wegweiser.selfservice import services as selfservice_services
from wegweiser.taxonomy import services as taxonomy_services
from wegweiser.taxonomy.models import Occupation, Skill
from wegweiser.taxonomy.sources import read_sources

# The participant's family name: no page may show it to a role without need-to-know (see test_matrix.py).
PARTICIPANT_NAME = "Zuhairova-Authz"

# Which persona each matrix role logs in as (None: no login).
ROLE_USERS = {
    "anon": None, "admin": "admin", "cw": "cw", "other_team": "cw-south", "trainer": "trainer",
    "partner": "partner", "funder": "funder", "me": None, "other_org": "cw-other",
}


def build() -> dict[str, Any]:
    """Create the world; returns {key: value} where value is a pk, a token or a string for URL kwargs."""
    today = timezone.localdate()
    jobcenter = OrganisationFactory(name="Jobcenter Landkreis Test", kind=Organisation.Kind.JOBCENTER)
    other_jobcenter = OrganisationFactory(name="Jobcenter Anderswo", kind=Organisation.Kind.JOBCENTER)
    north = TeamFactory(organisation=jobcenter, name="Nord")
    south = TeamFactory(organisation=jobcenter, name="Süd")
    ngo = OrganisationFactory(name="Hilfsorganisation Test", kind=Organisation.Kind.PARTNER)
    school = OrganisationFactory(name="Partnerschule Test", kind=Organisation.Kind.SCHOOL)
    foundation = OrganisationFactory(name="Stiftung Test", kind=Organisation.Kind.FUNDER)
    admin = UserFactory(username="admin", organisation=jobcenter, role=Role.ADMIN)
    cw = UserFactory(username="cw", organisation=jobcenter, role=Role.CASEWORKER, team=north)
    teammate = UserFactory(username="cw-team", organisation=jobcenter, role=Role.CASEWORKER, team=north)
    other_team_cw = UserFactory(username="cw-south", organisation=jobcenter, role=Role.CASEWORKER, team=south)
    trainer = UserFactory(username="trainer", organisation=school, role=Role.TRAINER)
    UserFactory(username="partner", organisation=ngo, role=Role.PARTNER)
    funder = UserFactory(username="funder", organisation=foundation, role=Role.FUNDER)
    other_cw = UserFactory(username="cw-other", organisation=other_jobcenter, role=Role.CASEWORKER)
    ParticipantFactory(organisation=other_jobcenter, caseworker=other_cw)

    participant = ParticipantFactory(organisation=jobcenter, caseworker=cw, team=north, given_name="Samira",
                                     family_name=PARTICIPANT_NAME)
    LanguageSkillFactory(participant=participant, language="de", listening="B1", reading="B1", speaking="B1",
                         writing="B1")
    work = WorkHistoryEntryFactory(participant=participant)

    # taxonomy (the small fixture snapshot)
    taxonomy_services.taxonomy_import(
        read_sources(taxonomy_fixtures.write_sources(Path(tempfile.mkdtemp()) / "data")), source="sources")
    occupation = Occupation.objects.get(uri=taxonomy_fixtures.COOK)
    skill = Skill.objects.get(uri=taxonomy_fixtures.SKILL_MEALS)
    suggestion = Suggestion.objects.create(participant=participant, work_entry=work, kind="occupation",
                                           uri=occupation.uri, label="Koch/Köchin", score=0.8, rank=1,
                                           source_digest="x")

    # programmes
    programme = Programme.objects.create(organisation=jobcenter, code="lqa", name="LQA Test")
    module = Module.objects.create(organisation=jobcenter, programme=programme, code="core", title="CORE",
                                   hours=60, funding_route=FundingRoute.PROJECT)
    course = Course.objects.create(module=module, organisation=jobcenter, code="core-1", title="CORE 1",
                                   start_date=today - dt.timedelta(days=14), end_date=today + dt.timedelta(days=60),
                                   location="Projekthaus", capacity=10)
    profile = TrainerProfile.objects.create(organisation=jobcenter, user=trainer, kind="teacher")
    course.trainers.add(trainer)
    session = Session.objects.create(course=course, date=today, start_time=dt.time(9), end_time=dt.time(12),
                                     room="R1", topic="Start")
    now = timezone.now()
    enrolment = Enrolment.objects.create(course=course, participant=participant, status=Enrolment.Status.ENROLLED,
                                         requested_at=now, enrolled_at=now, created_by=cw)
    certificate = ParticipationCertificate.objects.create(enrolment=enrolment, issued_on=today, issued_by=trainer,
                                                          hours_attended="12.0", sessions_attended=1)
    task = CaseworkerTask.objects.create(organisation=jobcenter, kind="absence", participant=participant,
                                         course=course, assignee=cw, detail="Fehlzeiten", due_on=today)
    kit = Kit.objects.create(organisation=jobcenter, identifier="FS-KIT-01", kind="electronics", location="E1")
    loan = programme_services.kit_loan_create(actor=admin, kit=kit, due_on=today + dt.timedelta(days=7),
                                              course=course)

    # interests
    answer_set = interests_services.answer_set_open(participant=participant, language="de")

    # plans
    agreed = make_agreed(cw, participant)
    draft = plan_services.plan_draft_create(actor=cw, participant=participant)  # v2, a copy of v1
    step = draft.steps.get()

    # partners
    partner_services.consent_texts_ensure()
    consent = partner_services.consent_record(
        actor=cw, participant=participant, organisation=ngo, purpose=Purpose.REFERRAL,
        method=Consent.Method.SIGNED_FORM, language="de",
        form_file=SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"))
    referral = partner_services.referral_create(actor=cw, participant=participant, organisation=ngo,
                                                shared_fields=["name", "languages"])
    referral_followup = FollowUpTask.objects.create(referral=referral, participant=participant, assignee=cw,
                                                    detail="Keine Antwort", due_on=today)
    vacancy = Vacancy.objects.create(employer_name="Metallbau Test GmbH", title="Schweißer/in", municipality="Mayen")

    # reporting
    funding = ProgrammeFunding.objects.create(programme=programme, funder=foundation,
                                              since=today - dt.timedelta(days=400))
    outcome = Outcome.objects.create(participant=participant, kind="job", date=today - dt.timedelta(days=200),
                                     employer="Firma", occupation="Helfer", created_by=cw)
    outcome_followup = FollowUp.objects.create(outcome=outcome, months=6, due_on=today, status="open")
    funder_report = reporting_services.report_generate(actor=funder, funding=funding,
                                                       period_start=today - dt.timedelta(days=60), period_end=today)

    # retention: a legal hold on the participant
    legal_hold = retention_services.legal_hold_set(actor=admin, participant=participant, reason="Widerspruchsverfahren")

    # someone else's objects (same jobcenter, team Süd, another course), for the object-level (IDOR) checks
    foreign = ParticipantFactory(organisation=jobcenter, caseworker=other_team_cw, team=south)
    LanguageSkillFactory(participant=foreign, language="de", listening="B1", reading="B1", speaking="B1",
                         writing="B1")
    foreign_work = WorkHistoryEntryFactory(participant=foreign)
    foreign_suggestion = Suggestion.objects.create(participant=foreign, work_entry=foreign_work, kind="occupation",
                                                   uri=occupation.uri, label="Koch/Köchin", score=0.7, rank=1,
                                                   source_digest="y")
    other_course = Course.objects.create(module=module, organisation=jobcenter, code="core-2", title="CORE 2",
                                         start_date=course.start_date, end_date=course.end_date, location="B",
                                         capacity=10)
    foreign_enrolment = Enrolment.objects.create(course=other_course, participant=foreign,
                                                 status=Enrolment.Status.ENROLLED, requested_at=now, enrolled_at=now,
                                                 created_by=other_team_cw)
    foreign_answer_set = interests_services.answer_set_open(participant=foreign, language="de")
    foreign_draft = plan_services.plan_draft_create(actor=other_team_cw, participant=foreign)
    foreign_step = plan_services.step_add(actor=other_team_cw, version=foreign_draft, lock=foreign_draft.lock,
                                          what="Bewerbung schreiben", kind="language", responsible="participant",
                                          due_on=today + dt.timedelta(days=10))
    foreign_consent = partner_services.consent_record(actor=other_team_cw, participant=foreign, organisation=ngo,
                                                      purpose=Purpose.REFERRAL, method=Consent.Method.IN_PERSON,
                                                      language="de")

    # self-service: a redeemed invitation backs the participant's session; a newer one is still open
    _used, used_token = selfservice_services.invitation_create(actor=cw, participant=participant)
    request = RequestFactory().post(f"/me/i/{used_token}/")
    request.session = SessionStore()
    selfservice_services.invitation_redeem(request, used_token)
    request.session.save()
    _open_invitation, open_token = selfservice_services.invitation_create(actor=cw, participant=participant)

    return {
        "participant": participant.pk, "teammate": teammate.pk, "occupation": occupation.pk, "skill": skill.pk,
        "suggestion": suggestion.pk, "work_entry": work.pk,
        "module": module.pk, "course": course.pk, "session": session.pk, "enrolment": enrolment.pk,
        "certificate": certificate.pk, "certificate_code": certificate.code, "task": task.pk,
        "trainer_profile": profile.pk, "ical_token": profile.ical_token, "kit": kit.pk, "loan": loan.pk,
        "answer_set": answer_set.pk, "plan_number": agreed.number, "plan_draft": draft.number, "plan_step": step.pk,
        "consent": consent.pk, "referral": referral.pk, "referral_followup": referral_followup.pk,
        "vacancy": vacancy.pk, "funding": funding.pk, "funder_report": funder_report.pk,
        "outcome_followup": outcome_followup.pk, "invitation_token": open_token,
        "me_session_key": request.session.session_key,
        "foreign_work_entry": foreign_work.pk, "foreign_suggestion": foreign_suggestion.pk,
        "foreign_enrolment": foreign_enrolment.pk, "foreign_answer_set": foreign_answer_set.pk,
        "foreign_step": foreign_step.pk,
        "foreign_consent": foreign_consent.pk, "legal_hold": legal_hold.pk,
    }
