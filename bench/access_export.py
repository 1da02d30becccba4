"""Benchmark: Art. 15 access export (data.json + auskunft.pdf) for one participant with a full history.
Prints figures; asserts nothing (target: well under 60 s).

    .venv/bin/python bench/access_export.py [--scale 100] [--noise 50000] [--language ar]

Builds a throw-away SQLite database (or uses --database-url, e.g. a PostgreSQL database of your own), creates
one participant with rows in every app (wegweiser.privacy.sample.full_history; `scale` multiplies contacts,
attendance and audit reads) plus `noise` audit rows about other people, then times the export service.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--noise", type=int, default=50000)
    parser.add_argument("--language", default="ar")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("WEGWEISER_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from wegweiser.accounts.models import Organisation, Role, Team, User
    from wegweiser.audit.models import AuditEvent
    from wegweiser.participants.models import Participant
    from wegweiser.privacy import export, sample, services

    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(name="Bench Jobcenter", kind="jobcenter")
    team = Team.objects.create(organisation=org, name="Nord")
    cw = User.objects.create(username="bench-cw", organisation=org, team=team, role=Role.CASEWORKER)
    person = Participant.objects.create(organisation=org, team=team, caseworker=cw, customer_number="B0001",
                                        given_name="Amina", family_name="Haddad", preferred_language=args.language,
                                        birth_date="1990-01-01")
    started = time.perf_counter()
    made = sample.full_history(person, cw, scale=args.scale)
    AuditEvent.objects.bulk_create(
        AuditEvent(actor=cw, actor_name="bench-cw", organisation_id=org.pk, action="view",
                   object_type="participants.participant", object_id=str(100000 + i),
                   detail=f"participant={100000 + i}")
        for i in range(args.noise))
    setup = time.perf_counter() - started

    started = time.perf_counter()
    data = export.build_data(person, actor=cw)
    t_json = time.perf_counter() - started
    started = time.perf_counter()
    archive = services.access_export_build(actor=cw, participant=person)
    t_total = time.perf_counter() - started
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        pdf_size = len(z.read("auskunft.pdf"))
        json_size = len(z.read("data.json"))
    records = sum(len(s["items"]) for s in data["records"].values())

    print(f"python {platform.python_version()} · {platform.machine()} · db {os.environ['DATABASE_URL'].split(':')[0]}")
    print(f"history: scale {args.scale}, {records} records in {len(data['records'])} tables, "
          f"{len(data['audit_trail'])} audit rows of the person, {args.noise} other audit rows "
          f"(setup {setup:.1f} s, {len(made)} kinds)")
    print(f"data.json only:           {t_json:6.2f} s  ({json_size / 1024:.0f} KiB)")
    print(f"full export (json + pdf): {t_total:6.2f} s  (auskunft.pdf {pdf_size / 1024:.0f} KiB, language "
          f"{args.language})  target < 60 s")


if __name__ == "__main__":
    main()
