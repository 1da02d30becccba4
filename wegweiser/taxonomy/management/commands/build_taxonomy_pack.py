"""Build the compact taxonomy pack (committed at data/taxonomy-pack) from the shared files.

python manage.py build_taxonomy_pack [--source ../shared/data] [--out data/taxonomy-pack]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from wegweiser.taxonomy.pack import DATA_FILE, build_pack
from wegweiser.taxonomy.sources import SourceError, read_sources


class Command(BaseCommand):
    help = "Write the compact taxonomy pack (codes, labels, relations, mappings) with its NOTICE."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", type=Path, default=None, help="directory laid out like shared/data")
        parser.add_argument("--out", type=Path, default=None, help="pack directory to write")

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["source"] or Path(settings.WEGWEISER_SHARED_DATA)
        out = options["out"] or Path(settings.WEGWEISER_TAXONOMY_PACK)
        try:
            bundle = read_sources(source)
        except SourceError as exc:
            raise CommandError(f"Pack not built: {exc}") from exc
        manifest = build_pack(bundle, out)
        size = (out / DATA_FILE).stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote pack {manifest['version']} to {out} ({size / 1e6:.1f} MB, "
                f"{manifest['counts']['occupation']} occupations, {manifest['counts']['skill']} skills)."
            )
        )
