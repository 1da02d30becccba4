"""`manage.py seed_partners`: partner-network demo on top of `seed_demo` (idempotent, deterministic)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wegweiser.partners.demo import seed_partners


class Command(BaseCommand):
    help = "Partnernetz-Demo: Einwilligungen (IRC), Vermittlungen, Arbeitgeber Nettetal Metallbau mit Stellen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-mapping", action="store_true", help="Stellentitel nicht der ESCO zuordnen")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = seed_partners(map_titles=not options["no_mapping"])
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Partner: {result.consents} Einwilligungen, {result.referrals} Vermittlungen, "
                          f"{result.vacancies} Stellen neu angelegt.")
        for username in result.users_created:
            self.stdout.write(f"  Login {username} (Arbeitgeber), Passwort wie die Demo-Logins")
