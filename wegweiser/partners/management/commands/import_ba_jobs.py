from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wegweiser.partners.ba import BAError, import_jobs


class Command(BaseCommand):
    help = "Import vacancies from the BA job search (was/wo/umkreis); all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--was", default="", help="occupation or job title")
        parser.add_argument("--wo", default="", help="place")
        parser.add_argument("--umkreis", type=int, default=None, help="radius in km around --wo")
        parser.add_argument("--no-mapping", action="store_true", help="skip ESCO/KldB mapping of titles")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["was"] and not options["wo"]:
            raise CommandError("Bitte --was und/oder --wo angeben.")
        try:
            result = import_jobs(actor="import_ba_jobs", was=options["was"], wo=options["wo"],
                                 umkreis=options["umkreis"], map_titles=not options["no_mapping"])
        except BAError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{result.query}: {result.created} neu, {result.updated} aktualisiert, "
                          f"{result.stale} nicht mehr gefunden (veraltet).")
