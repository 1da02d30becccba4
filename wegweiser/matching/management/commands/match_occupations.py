"""Occupations for each line of stdin: `python manage.py match_occupations --top 10 < titles.txt`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from wegweiser.matching.engine import MatchingIndex, OccupationMatch, build_index, match_occupations
from wegweiser.matching.jsonl import InvalidInput, stream_matches


def load_index() -> MatchingIndex:
    from wegweiser.taxonomy.pack import load_snapshot

    snapshot = load_snapshot(Path(settings.WEGWEISER_TAXONOMY_PACK))
    return build_index(snapshot, cache_dir=Path(settings.WEGWEISER_CACHE_DIR) / "matching")


class Command(BaseCommand):
    help = "Read one job title or work-history text per line (UTF-8) and print matching occupations as JSON lines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--top", type=int, default=10)
        parser.add_argument("--lang", default=None, help="language of the returned labels (default en)")

    def handle(self, *args: Any, **options: Any) -> None:
        index = load_index()
        top, lang = options["top"], options["lang"]

        def result(m: OccupationMatch) -> dict[str, Any]:
            return {"uri": m.uri, "kldb": m.kldb, "label": m.label, "score": m.score}

        try:
            stream_matches(
                sys.stdin.buffer, self.stdout, lambda q: match_occupations(index, q, top=top, lang=lang), result
            )
        except InvalidInput as exc:
            raise CommandError(str(exc)) from exc
