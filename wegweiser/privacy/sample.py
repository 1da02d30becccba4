"""A participant with a full history in every app (tests and bench/access_export.py).

Rows are written directly (not through the services) so a test can build the history in one go; `scale`
multiplies the repeating parts (contacts, sessions, audit reads) for the benchmark.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from wegweiser.accounts.models import Organisation
from wegweiser.audit.services import audit_record
from wegweiser.participants.models import (
    ContactNote,
    EducationEntry,
    LanguageCertificate,
    LanguageSkill,
    Participant,
    Suggestion,
    WorkHistoryEntry,
)

OCCUPATION = "http://data.europa.eu/esco/occupation/sample-carpenter"


def full_history(participant: Participant, actor: Any, *, scale: int = 1) -> dict[str, Any]:
    """Create one or more rows of every kind for `participant`; return the main ones by name."""
    from wegweiser.interests.models import AnswerSet, SkillCard, WorkPreferences
    from wegweiser.partners.models import Consent, ConsentText, FollowUpTask, Referral
    from wegweiser.plans.models import Plan, PlanVersion, Step
    from wegweiser.programmes.models import (
        Attendance,
        CaseworkerTask,
        Course,
        Enrolment,
        Kit,
        KitLoan,
        Module,
        ParticipationCertificate,
        Programme,
        Session,
    )
    from wegweiser.recommendations.models import RecommendationFeedback, RecommendationSet
    from wegweiser.reporting.models import FollowUp, Outcome
    from wegweiser.selfservice.models import Invitation

    org = participant.organisation
    today = timezone.localdate()
    now = timezone.now()
    made: dict[str, Any] = {}
    made["language"] = LanguageSkill.objects.create(participant=participant, language="ar", speaking="C2")
    made["certificate"] = LanguageCertificate.objects.create(participant=participant, kind="dtz", level="A2",
                                                             issued_on=today - dt.timedelta(days=200))
    made["education"] = EducationEntry.objects.create(participant=participant, country="SY", isced_level=3,
                                                      field="Tischlerei Aleppo")
    made["work"] = WorkHistoryEntry.objects.create(participant=participant, job_title="Tischler in Damaskus",
                                                   country="SY", years=4, tasks="Möbel gebaut")
    made["suggestion"] = Suggestion.objects.create(
        participant=participant, work_entry=made["work"], kind="occupation", uri=OCCUPATION,
        label="Zimmerer/Zimmerin", score=0.8, rank=1, source_digest="d" * 64, status="confirmed",
        decided_by=actor, decided_at=now)
    for i in range(3 * scale):
        ContactNote.objects.create(participant=participant, author=actor, contact_on=today - dt.timedelta(days=i),
                                   channel="in_person", text=f"Beratungsgespräch Nummer {i + 1}")
    made["invitation"] = Invitation.objects.create(participant=participant, token_hash="f" * 64,
                                                   expires_at=now + dt.timedelta(days=7), created_by=actor)
    made["answers"] = AnswerSet.objects.create(participant=participant, language="ar", answers={"r1": 5},
                                               scores={"R": 30}, holland_code="RIA", completed_at=now)
    made["preferences"] = WorkPreferences.objects.create(participant=participant, other_skills="Schweißen")
    made["skill_card"] = SkillCard.objects.create(participant=participant, card="repair",
                                                  esco_skill_uri="http://data.europa.eu/esco/skill/sample")
    programme = Programme.objects.get_or_create(organisation=org, code="sample-prog",
                                                defaults={"name": "Beispielprogramm"})[0]
    module = Module.objects.get_or_create(organisation=org, code="sample-holz", defaults={
        "title": "Holzbearbeitung", "hours": 80, "funding_route": "bgs", "programme": programme})[0]
    course = Course.objects.get_or_create(organisation=org, module=module, code="sample-holz-1", defaults={
        "title": "Holzbearbeitung Kurs 1", "start_date": today - dt.timedelta(days=30),
        "end_date": today + dt.timedelta(days=30), "location": "Werkstatt", "capacity": 12})[0]
    made["enrolment"] = Enrolment.objects.create(course=course, participant=participant, status="enrolled",
                                                 requested_at=now, created_by=actor)
    for i in range(4 * scale):
        session = Session.objects.create(course=course, date=today - dt.timedelta(days=i + 1),
                                         start_time=dt.time(9), end_time=dt.time(12), topic=f"Einheit {i + 1}")
        made["attendance"] = Attendance.objects.create(session=session, enrolment=made["enrolment"],
                                                       status="present", recorded_by=actor)
    made["participation_certificate"] = ParticipationCertificate.objects.create(
        enrolment=made["enrolment"], issued_on=today, issued_by=actor, hours_attended=12, sessions_attended=4)
    made["caseworker_task"] = CaseworkerTask.objects.create(organisation=org, kind="absence",
                                                            participant=participant, detail="Fehlzeiten",
                                                            due_on=today)
    kit = Kit.objects.create(organisation=org, identifier=f"KIT-{participant.pk}", kind="laptop", location="Lager")
    made["kit_loan"] = KitLoan.objects.create(kit=kit, participant=participant, lent_on=today, due_on=today,
                                              lent_by=actor)
    made["recommendations"] = RecommendationSet.objects.create(
        participant=participant, inputs_digest="x",
        results=[{"uri": OCCUPATION, "label": "Zimmerer/Zimmerin", "score": 0.8, "missing": [], "next_steps": []}])
    made["feedback"] = RecommendationFeedback.objects.create(
        participant=participant, occupation_uri=OCCUPATION, label="Zimmerer/Zimmerin", action="accepted",
        rank=1, score=0.8, actor=actor)
    plan = Plan.objects.create(participant=participant, organisation=org)
    made["plan_version"] = PlanVersion.objects.create(plan=plan, number=1, created_by=actor,
                                                      goal_label="Arbeit als Zimmerer")
    made["step"] = Step.objects.create(version=made["plan_version"], what="Holzkurs besuchen",
                                       enrolment=made["enrolment"])
    partner = Organisation.objects.get_or_create(name="Beispiel-Partner", defaults={"kind": "partner"})[0]
    text = ConsentText.objects.get_or_create(purpose="referral", language="de", version=99,
                                             defaults={"text": "Ich willige ein."})[0]
    made["consent"] = Consent.objects.create(participant=participant, organisation=partner, purpose="referral",
                                             status="withdrawn", text=text, text_shown="Ich willige ein.",
                                             withdrawn_at=now)
    made["referral"] = Referral.objects.create(participant=participant, organisation=partner,
                                               referring_organisation=org, purpose="referral", created_by=actor)
    made["followup_task"] = FollowUpTask.objects.create(referral=made["referral"], participant=participant,
                                                        detail="Nachfassen", due_on=today)
    made["outcome"] = Outcome.objects.create(participant=participant, kind="joined", date=today, created_by=actor,
                                             programme=programme)
    made["followup"] = FollowUp.objects.create(outcome=made["outcome"], months=6, due_on=today)
    for _i in range(5 * scale):
        audit_record(actor=actor, action="view", obj=participant, organisation_id=participant.organisation_id)
    audit_record(actor=actor, action="update", obj=made["work"], fields=["tasks"],
                 detail=f"participant={participant.pk}")
    return made
