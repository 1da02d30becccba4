"""Benchmark `seed_demo` on a fresh database, and duplicate scoring against the seeded caseload.
Prints figures; asserts nothing.

    .venv/bin/python bench/seed_demo.py [--participants 2723] [--seed 1]

Always runs on a throw-away SQLite file in a temporary directory. If DATABASE_URL points at
PostgreSQL, it also runs there, in a fresh database created next to the given one and dropped
afterwards. Each backend runs in its own process (settings are read once per process).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run_one(participants: int, seed: int) -> None:
    """Seed into the database named by DATABASE_URL (already fresh) and print figures."""
    os.environ.setdefault("WEGWEISER_ALLOW_DEV_KEY", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from wegweiser.participants import demo, duplicates

    call_command("migrate", verbosity=0)
    figures: list[tuple[str, float]] = []

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        result = fn()
        figures.append((name, time.perf_counter() - started))
        return result

    today = dt.date.today()
    # Users first, on their own: their cost is the password hasher, not the data.
    timed("organisations + 14 users (password hashing)",
          lambda: demo._ensure_users(demo._ensure_organisations(demo.SeedResult()), seed, demo.SeedResult()))
    specs = timed(f"generate {participants} people (pure, no DB)",
                  lambda: [demo.person_spec(seed, i, today) for i in range(participants)])
    result = timed(f"seed_demo --participants {participants} (users exist)",
                   lambda: demo.seed_demo(participants=participants, seed=seed, today=today))
    again = timed("seed_demo again (idempotent, creates nothing)",
                  lambda: demo.seed_demo(participants=participants, seed=seed, today=today))
    assert again.participants_created == 0, "second run created participants"

    keys = [
        (s.customer_number, duplicates.PersonKey(s.given, s.family, s.given_original, s.family_original,
                                                  s.birth_date, s.birth_precision, (s.culture,)))
        for s in specs
    ]
    probe = keys[len(keys) // 2][1]
    timed(f"find_duplicates: 1 candidate vs {len(keys)} (cold caches)",
          lambda: duplicates.find_duplicates(probe, keys))
    started = time.perf_counter()
    for _, key in keys[:100]:
        duplicates.find_duplicates(key, keys)
    figures.append((f"find_duplicates: 100 candidates vs {len(keys)} (per candidate)",
                    (time.perf_counter() - started) / 100))

    print(f"backend: {connection.vendor}")
    width = max(len(name) for name, _ in figures)
    for name, seconds in figures:
        print(f"  {name:<{width}}  {seconds:8.3f} s")
    print(f"  rows written by seed_demo: {result.rows_created} "
          f"({result.participants_created} + {result.other_created} participants)")


def _postgres_fresh(url: str) -> tuple[str, str]:
    """(admin url, url of a new empty database) next to the database named in `url`."""
    parts = urlsplit(url)
    name = f"wegweiser_bench_{os.getpid()}"
    return url, urlunsplit(parts._replace(path=f"/{name}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=2723)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.participants, args.seed)
        return

    print(f"machine: {platform.node()} · {platform.machine()} · {os.cpu_count()} CPUs · "
          f"Python {platform.python_version()}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M')}")
    child = [sys.executable, __file__, "--child", "--participants", str(args.participants), "--seed", str(args.seed)]

    workdir = Path(tempfile.mkdtemp(prefix="wegweiser-bench-seed-"))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}"}
    started = time.perf_counter()
    subprocess.run(child, env=env, check=True)
    print(f"  whole process incl. migrate: {time.perf_counter() - started:.1f} s ({workdir})")

    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        admin_url, fresh_url = _postgres_fresh(url)
        name = urlsplit(fresh_url).path.lstrip("/")
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            started = time.perf_counter()
            subprocess.run(child, env={**os.environ, "DATABASE_URL": fresh_url}, check=True)
            print(f"  whole process incl. migrate: {time.perf_counter() - started:.1f} s (database {name})")
        finally:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
    else:
        print("PostgreSQL: skipped (set DATABASE_URL=postgres://... to include it)")


if __name__ == "__main__":
    main()
