"""Demo outcomes: the foundation funds LQA, and the LQA caseload gets deterministic transitions.

Idempotent: the funding is get_or_create; a participant who already has outcomes is left alone. Choices
come from `random.Random(seed)` over participants ordered by primary key. Rows are written without audit
entries (no person acted), like seed_demo and seed_programmes.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from wegweiser.accounts.models import Organisation, User
from wegweiser.programmes.models import Enrolment, Programme

from .models import FollowUp, Outcome, ProgrammeFunding
from .services import add_months

JOBCENTER = "Jobcenter Landkreis Mayen-Koblenz"
FOUNDATION = "Stiftung Zukunft Digital"
EMPLOYERS = [("Nettetal Metallbau GmbH", "Helfer/in Metallbau", 38), ("IT-Service Andernach", "IT-Support", 30),
             ("Elektro Schmitz Mayen", "Elektrohelfer/in", 39), ("Pflegedienst Rhein", "Pflegehelfer/in", 25)]
TRAINING = [("Berufsbildende Schule Mayen", "Ausbildung Fachinformatiker/in"),
            ("Handwerkskammer Koblenz", "Ausbildung Elektroniker/in")]


def seed_outcomes(*, seed: int = 3, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    jobcenter = Organisation.objects.filter(name=JOBCENTER).first()
    foundation = Organisation.objects.filter(name=FOUNDATION).first()
    programme = Programme.objects.filter(organisation=jobcenter, code="lqa").first()
    if jobcenter is None or foundation is None or programme is None:
        raise LookupError("Demo jobcenter, foundation or LQA programme missing: run seed_demo and seed_programmes.")
    admin = User.objects.get(username="demo-admin")
    rng = random.Random(seed)  # noqa: S311 - demo data
    counts = {"fundings": 0, "outcomes": 0, "followups": 0}
    with transaction.atomic():
        _, created = ProgrammeFunding.objects.get_or_create(
            programme=programme, funder=foundation, defaults={"since": today.replace(day=1) - dt.timedelta(days=365)})
        counts["fundings"] += int(created)
        enrolments = (Enrolment.objects.filter(course__module__programme=programme, enrolled_at__isnull=False)
                      .select_related("course", "participant").order_by("participant_id", "pk"))
        done: set[int] = set(Outcome.objects.filter(participant__organisation=jobcenter)
                             .values_list("participant_id", flat=True).distinct())
        outcomes: list[Outcome] = []
        for e in enrolments:
            if e.participant_id in done:
                continue
            done.add(e.participant_id)
            start = e.course.start_date
            outcomes.append(Outcome(participant=e.participant, kind=Outcome.Kind.JOINED, date=start,
                                    programme=programme, course=e.course, created_by=admin, note="Demo"))
            roll = rng.random()
            # a third of the people who joined found work or training; dates spread over the last 14 months
            if roll < 0.33:
                when = min(today - dt.timedelta(days=1), today - dt.timedelta(days=rng.randint(20, 420)))
                when = max(when, start)
                if rng.random() < 0.7:
                    employer, occupation, hours = rng.choice(EMPLOYERS)
                    outcomes.append(Outcome(participant=e.participant, kind=Outcome.Kind.JOB, date=when,
                                            programme=programme, employer=employer, occupation=occupation,
                                            hours_per_week=hours, created_by=admin, note="Demo"))
                else:
                    employer, occupation = rng.choice(TRAINING)
                    outcomes.append(Outcome(participant=e.participant, kind=Outcome.Kind.TRAINING, date=when,
                                            programme=programme, employer=employer, occupation=occupation,
                                            created_by=admin, note="Demo"))
        Outcome.objects.bulk_create(outcomes)
        followups: list[FollowUp] = []
        for o in outcomes:
            if o.kind not in Outcome.TRANSITIONS:
                continue
            for months in (6, 12):
                due = add_months(o.date, months)
                status = FollowUp.Status.OPEN
                if due < today - dt.timedelta(days=14):
                    status = rng.choice([FollowUp.Status.YES, FollowUp.Status.YES, FollowUp.Status.NO])
                followups.append(FollowUp(outcome=o, months=months, due_on=due, status=status))
        FollowUp.objects.bulk_create(followups)
        for o in outcomes:
            yes = [f.months for f in followups if f.outcome_id == o.pk and f.status == FollowUp.Status.YES]
            if yes:
                Outcome.objects.filter(pk=o.pk).update(retained_months=max(yes))
        counts["outcomes"] = len(outcomes)
        counts["followups"] = len(followups)
    return counts
