"""Benchmark the taxonomy pipeline: read sources, build and load the pack, import into a fresh
SQLite database, re-run (must skip). Prints figures; asserts nothing.

    .venv/bin/python bench/taxonomy_import.py [--source ../shared/data] [--pack data/taxonomy-pack]

Uses a throw-away database in a temporary directory, never var/wegweiser.sqlite3.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--pack", type=Path, default=ROOT / "data" / "taxonomy-pack")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="wegweiser-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("WEGWEISER_ALLOW_DEV_KEY", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from wegweiser.taxonomy import models as m
    from wegweiser.taxonomy.pack import DATA_FILE, _decode, build_pack
    from wegweiser.taxonomy.sources import read_sources

    print(
        f"machine: {platform.node()} · {platform.machine()} · {os.cpu_count()} CPUs · "
        f"Python {platform.python_version()}"
    )
    print(f"date: {time.strftime('%Y-%m-%d %H:%M')}")
    call_command("migrate", verbosity=0)

    figures: list[tuple[str, float]] = []

    def timed(name: str, fn):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        result = fn()
        figures.append((name, time.perf_counter() - started))
        return result

    has_sources = args.source.is_dir()
    if has_sources:
        bundle = timed("read sources (parse + checksum)", lambda: read_sources(args.source))
        timed("build pack (to temp dir)", lambda: build_pack(bundle, workdir / "pack"))
    timed("load pack (cold, no cache)", lambda: _decode(args.pack.resolve()))
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO(), "verbosity": 0}
    if has_sources:
        timed(
            "import_taxonomy --source (fresh DB)", lambda: call_command("import_taxonomy", source=args.source, **quiet)
        )
        timed(
            "import_taxonomy --source (re-run, skipped)",
            lambda: call_command("import_taxonomy", source=args.source, **quiet),
        )
    timed(
        "import_taxonomy --pack (same version, skipped)",
        lambda: call_command("import_taxonomy", pack=args.pack, **quiet),
    )
    if not has_sources:
        timed("import_taxonomy --pack (fresh DB)", lambda: call_command("import_taxonomy", pack=args.pack, **quiet))

    width = max(len(name) for name, _ in figures)
    for name, seconds in figures:
        print(f"{name:<{width}}  {seconds:7.2f} s")
    size = (args.pack / DATA_FILE).stat().st_size
    print(f"{'committed pack size':<{width}}  {size / 1e6:7.2f} MB")
    print(
        f"rows: {m.Occupation.objects.count()} occupations, {m.OccupationLabel.objects.count()} occupation labels, "
        f"{m.Skill.objects.count()} skills, {m.SkillLabel.objects.count()} skill labels, "
        f"{m.OccupationSkill.objects.count()} occupation–skill links, {m.KldbClass.objects.count()} KldB classes"
    )
    db = workdir / "bench.sqlite3"
    print(f"database size: {db.stat().st_size / 1e6:.1f} MB ({workdir})")


if __name__ == "__main__":
    main()
