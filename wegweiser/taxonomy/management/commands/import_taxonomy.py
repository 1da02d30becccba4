"""Import ESCO / KldB 2010 / O*NET reference data from the shared files or the committed pack.

    python manage.py import_taxonomy                       # shared data if present, else the pack
    python manage.py import_taxonomy --source ../shared/data
    python manage.py import_taxonomy --pack data/taxonomy-pack

Idempotent: a source checksum that was imported before is skipped without parsing anything.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from wegweiser.taxonomy import services
from wegweiser.taxonomy.pack import load_pack, read_manifest
from wegweiser.taxonomy.sources import ESCO_CLASSIFICATION_GLOB, SourceError, read_sources, sources_checksum


def default_source() -> tuple[str, Path]:
    """("sources", shared data dir) when the shared ESCO files exist, else ("pack", committed pack)."""
    shared = Path(settings.WEGWEISER_SHARED_DATA)
    if shared.is_dir() and any(shared.glob(ESCO_CLASSIFICATION_GLOB)):
        return "sources", shared
    return "pack", Path(settings.WEGWEISER_TAXONOMY_PACK)


class Command(BaseCommand):
    help = "Import the taxonomy (ESCO, ISCO-08, KldB 2010, BA mapping, O*NET) into the database."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--source", type=Path, help="directory laid out like shared/data")
        group.add_argument("--pack", type=Path, help="taxonomy pack directory (data/taxonomy-pack)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["source"]:
            kind, path = "sources", options["source"]
        elif options["pack"]:
            kind, path = "pack", options["pack"]
        else:
            kind, path = default_source()
        started = time.perf_counter()
        try:
            checksum = sources_checksum(path) if kind == "sources" else read_manifest(path)["source_checksum"]
            existing = services.taxonomy_version_for(checksum)
            if existing is not None:
                self.stdout.write(
                    f"Taxonomy {existing.name} ({checksum[:12]}) already imported on "
                    f"{timezone.localtime(existing.imported_at):%Y-%m-%d %H:%M}, nothing changed."
                )
                return
            if options["verbosity"] > 0:
                self.stderr.write(f"Reading {kind} from {path} …")
            bundle = read_sources(path) if kind == "sources" else load_pack(path)
        except SourceError as exc:
            raise CommandError(f"Taxonomy not imported, database unchanged: {exc}") from exc
        except OSError as exc:
            raise CommandError(f"Taxonomy not imported, database unchanged: {exc}") from exc
        parsed = time.perf_counter()
        with tqdm(
            total=services.import_row_count(bundle),
            file=sys.stderr,
            unit="rows",
            unit_scale=True,
            desc="import_taxonomy",
            disable=options["verbosity"] == 0,
        ) as bar:
            result = services.taxonomy_import(bundle, source=kind, progress=bar.update)
        done = time.perf_counter()
        for note in bundle.notes:
            self.stderr.write(f"note: {note}")
        counts = result.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported taxonomy {result.version.name} from {kind}: "
                f"{counts.get('Occupation', 0)} occupations, {counts.get('Skill', 0)} skills, "
                f"{counts.get('KldbClass', 0)} KldB classes, "
                f"{counts.get('OccupationSkill', 0)} occupation–skill relations "
                f"(read {parsed - started:.1f} s, write {done - parsed:.1f} s)."
            )
        )
