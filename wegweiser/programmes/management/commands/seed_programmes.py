"""`manage.py seed_programmes`: the LQA programme demo on top of `seed_demo` (idempotent)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wegweiser.programmes.demo import seed_programmes


class Command(BaseCommand):
    help = "LQA-Programmdemo: Katalog, CORE- und Future-Skills-Kurse, Trainer/innen, Kits, Anwesenheiten."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                            help="Stichtag (JJJJ-MM-TT) für den Kurszeitraum; Standard: heute")

    def handle(self, *args: Any, seed: int, today: dt.date | None, **options: Any) -> None:
        try:
            result = seed_programmes(seed=seed, today=today)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Programme: {result.modules_created} Module, {result.courses_created} Kurse, "
            f"{result.sessions_created} Termine, {result.enrolments_created} Anmeldungen, "
            f"{result.attendance_created} Anwesenheiten, {result.tasks_created} Aufgaben, "
            f"{result.kits_created} Kits, {result.loans_created} Ausleihen neu angelegt."
        )
        for username in result.users_created:
            self.stdout.write(f"  Login {username} (Trainer/in), Passwort wie die Demo-Logins")
