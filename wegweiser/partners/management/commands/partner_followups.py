from typing import Any

from django.core.management.base import BaseCommand

from wegweiser.partners.services import followup_days, followups_create


class Command(BaseCommand):
    help = "Create follow-up tasks for referrals without a partner's answer (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        n = followups_create()
        self.stdout.write(f"{n} follow-up task(s) created (after {followup_days()} days without answer).")
