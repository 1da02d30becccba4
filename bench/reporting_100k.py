"""Reporting over 100,000 participants on PostgreSQL: dashboard (one breakdown + headline) and the full
protected funder report (seven breakdowns, suppression), timed after a warm-up run.

    .venv/bin/python bench/reporting_100k.py [--participants 100000] [--keep]

Creates the database `wegweiser_bench_reporting` on postgres://postgres@127.0.0.1:5432 (trust auth),
fills it with bulk inserts, prints figures and drops it again (unless --keep).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = "wegweiser_bench_reporting"
SERVER = "postgres://postgres@127.0.0.1:5432"


def admin_sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(statement)


def fill(n: int) -> dict[str, object]:
    from django.utils import timezone

    from wegweiser.accounts.models import Organisation, Role, User
    from wegweiser.participants.models import Participant
    from wegweiser.programmes.models import Attendance, Course, Enrolment, Module, Programme, Session
    from wegweiser.reporting.models import FollowUp, Outcome, ProgrammeFunding

    rng = random.Random(7)
    jc = Organisation.objects.create(name="Jobcenter Bench", kind="jobcenter")
    funder_org = Organisation.objects.create(name="Stiftung Bench", kind="funder")
    admin = User.objects.create(username="bench-admin", organisation=jc, role=Role.ADMIN)
    funder = User.objects.create(username="bench-funder", organisation=funder_org, role=Role.FUNDER)
    programme = Programme.objects.create(organisation=jc, code="lqa", name="LQA")
    today = timezone.localdate()
    ProgrammeFunding.objects.create(programme=programme, funder=funder_org, since=today - dt.timedelta(days=900))
    modules = [Module.objects.create(organisation=jc, programme=programme, code=f"m{i}", title=f"Modul {i}",
                                     hours=60, funding_route="project") for i in range(6)]
    courses = []
    for i in range(200):
        start = today - dt.timedelta(days=rng.randint(30, 800))
        courses.append(Course(module=modules[i % 6], organisation=jc, code=f"c{i}", title=f"Kurs {i}",
                              start_date=start, end_date=start + dt.timedelta(days=70), location="X", capacity=600))
    Course.objects.bulk_create(courses)
    sessions = []
    for c in courses:
        sessions += [Session(course=c, date=c.start_date + dt.timedelta(days=7 * w), start_time=dt.time(9),
                             end_time=dt.time(12), topic="T") for w in range(5)]
    Session.objects.bulk_create(sessions, batch_size=5000)
    by_course: dict[int, list[Session]] = {}
    for s in sessions:
        by_course.setdefault(s.course_id, []).append(s)
    nats = ["SY", "AF", "UA", "IQ", "ER", "TR", "IR", "SO", "NG", "RU"]
    towns = [f"Gemeinde {i}" for i in range(25)]
    people = [Participant(organisation=jc, customer_number=f"B{i:07d}", given_name="X", family_name=f"P{i}",
                          gender=rng.choice(["female", "male", "diverse", ""]),
                          birth_date=dt.date(rng.randint(1960, 2006), rng.randint(1, 12), rng.randint(1, 28)),
                          nationalities=[rng.choice(nats)], municipality=rng.choice(towns)) for i in range(n)]
    Participant.objects.bulk_create(people, batch_size=5000)
    now = timezone.now()
    enrolments = []
    for p in people:
        c = rng.choice(courses)
        status = rng.choices(["enrolled", "completed", "withdrawn"], [3, 5, 2])[0]
        enrolments.append(Enrolment(course=c, participant=p, status=status, requested_at=now, enrolled_at=now,
                                    created_by=admin))
    Enrolment.objects.bulk_create(enrolments, batch_size=5000)
    attendance = []
    for e in enrolments:
        for s in by_course[e.course_id]:
            if rng.random() < 0.8:
                attendance.append(Attendance(session=s, enrolment=e, status=rng.choice(
                    ["present", "present", "late", "excused", "unexcused"]), recorded_by=admin))
    Attendance.objects.bulk_create(attendance, batch_size=10000)
    outcomes = []
    for e in enrolments:
        if e.status == "completed" and rng.random() < 0.4:
            course = next(c for c in [e.course])
            outcomes.append(Outcome(participant_id=e.participant_id, kind=rng.choice(["job", "training"]),
                                    date=course.end_date + dt.timedelta(days=rng.randint(1, 60)), employer="E",
                                    occupation="O", created_by=admin))
    answers = [(rng.choice(["yes", "yes", "no", "open"]), rng.choice(["yes", "yes", "no", "open"])) for _ in outcomes]
    for o, (six, twelve) in zip(outcomes, answers, strict=True):
        o.retained_months = 12 if twelve == "yes" else (6 if six == "yes" else 0)
    Outcome.objects.bulk_create(outcomes, batch_size=5000)
    followups = []
    for o, pair in zip(outcomes, answers, strict=True):
        for months, status in zip((6, 12), pair, strict=True):
            followups.append(FollowUp(outcome=o, months=months, due_on=o.date + dt.timedelta(days=30 * months),
                                      status=status))
    FollowUp.objects.bulk_create(followups, batch_size=10000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"admin": admin, "funder": funder, "programme": programme, "attendance": len(attendance),
            "outcomes": len(outcomes), "followups": len(followups)}


def timed(fn, repeat: int = 5) -> tuple[float, float]:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    admin_sql(f"DROP DATABASE IF EXISTS {DB}")
    admin_sql(f"CREATE DATABASE {DB}")
    os.environ["DATABASE_URL"] = f"{SERVER}/{DB}"
    os.environ.setdefault("WEGWEISER_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from wegweiser.reporting import report, selectors

        call_command("migrate", verbosity=0)
        t0 = time.perf_counter()
        data = fill(args.participants)
        print(f"dataset: {args.participants:,} participants/enrolments, {data['attendance']:,} attendance rows, "
              f"{data['outcomes']:,} outcomes, {data['followups']:,} follow-ups; filled in "
              f"{time.perf_counter() - t0:.0f} s")
        admin, funder, programme = data["admin"], data["funder"], data["programme"]
        everything = selectors.Filters()

        def dashboard() -> None:
            report.build(admin, everything, protected=False, dimensions=["module"])

        def dashboard_nationality_protected() -> None:
            report.build(admin, everything, protected=True, dimensions=["nationality"])

        def funder_report() -> None:
            report.build(funder, selectors.Filters(programme_id=programme.pk), protected=True)

        for name, fn in [("dashboard (funnel by module + headline)", dashboard),
                         ("dashboard, protected, by nationality", dashboard_nationality_protected),
                         ("funder report data, 7 breakdowns, protected", funder_report)]:
            median, worst = timed(fn)
            print(f"{name}: median {median * 1000:.0f} ms, max {worst * 1000:.0f} ms")
        t0 = time.perf_counter()
        built = report.build(funder, selectors.Filters(programme_id=programme.pk), protected=True)
        pdf = report.render_pdf(built, programme="LQA", funder="Stiftung Bench")
        print(f"funder report incl. PDF rendering: {(time.perf_counter() - t0) * 1000:.0f} ms ({len(pdf):,} bytes)")
        connection.close()
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            admin_sql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")


if __name__ == "__main__":
    main()
