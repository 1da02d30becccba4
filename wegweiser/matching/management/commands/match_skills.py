"""Skills for each line of stdin: `python manage.py match_skills --top 20 < texts.txt`."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wegweiser.matching.engine import SkillMatch, match_skills
from wegweiser.matching.jsonl import InvalidInput, stream_matches
from wegweiser.matching.management.commands import match_occupations


class Command(BaseCommand):
    help = "Read one text per line (UTF-8) and print the ESCO skills it mentions as JSON lines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--top", type=int, default=20)
        parser.add_argument("--lang", default=None, help="language of the returned labels (default en)")

    def handle(self, *args: Any, **options: Any) -> None:
        index = match_occupations.load_index()
        top, lang = options["top"], options["lang"]

        def result(m: SkillMatch) -> dict[str, Any]:
            return {"uri": m.uri, "label": m.label, "score": m.score}

        try:
            stream_matches(sys.stdin.buffer, self.stdout, lambda q: match_skills(index, q, top=top, lang=lang), result)
        except InvalidInput as exc:
            raise CommandError(str(exc)) from exc
