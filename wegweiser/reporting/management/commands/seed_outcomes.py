from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wegweiser.reporting.demo import seed_outcomes


class Command(BaseCommand):
    help = "Demo outcomes for the LQA caseload and the funding link Stiftung Zukunft Digital → LQA (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--seed", type=int, default=3)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = seed_outcomes(seed=options["seed"])
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"fundings +{counts['fundings']}, outcomes +{counts['outcomes']}, "
                          f"follow-ups +{counts['followups']}")
