"""Load test: a real server process over 100,000 participants on PostgreSQL, driven at a fixed rate.

    .venv/bin/python bench/load.py [--fresh] [--participants 100000] [--rate 20] [--seconds 60]
                                   [--profile] [--write-docs]

Database `wegweiser_load` on postgres://postgres@127.0.0.1:5432 (trust auth): created and seeded when
missing, dropped and re-seeded with --fresh, kept afterwards so that the next run starts in seconds.
It holds two datasets, both made by existing generators (nothing is copied here):

- the demo caseload of `wegweiser.participants.demo.seed_demo` at --participants people: jobcenter
  Mayen-Koblenz, two teams, names in Latin and original script (Arabic, Dari, Cyrillic, Ge'ez),
  languages, work history, contact notes; `demo-caseworker` (team Nord) carries about a tenth of
  the caseload and sees about half of it through the team;
- the reporting dataset of bench/reporting_100k.py: a second jobcenter with --participants
  enrolments in 200 courses, ~400,000 attendance rows, outcomes and follow-ups, one funded programme
  (`bench-admin`, `bench-funder`).

The matching taxonomy is not imported: none of the measured pages reads it (case-file suggestions
are stored rows, and this dataset has none).

The server is `manage.py runserver --noreload` on 127.0.0.1 with production settings
(WEGWEISER_DEBUG=0, a random secret key) except the HTTPS redirect and secure cookies, since the
load generator speaks plain HTTP over loopback. Sessions are made with Django's login machinery
(`Client.force_login`) in this process and sent as cookies, so no password form or second factor is
involved.

The load generator is open-loop: request i is due at start + i / rate whatever happened to earlier
requests, and its latency is measured from that due time to the last byte of the response (a
request that has to wait for a free worker is counted with its wait). Bounded: exactly
rate × seconds requests, at most --max-in-flight at once, --timeout per request, 127.0.0.1 only.
Percentiles are per page type; a page type meets its target when p95 is within it and no request
failed (status other than 200, timeout, connection error).

--profile skips the load and prints, per distinct page, the status, time, number of SQL queries and
the slowest statements (Django test client in this process): the first thing to look at when a
target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import itertools
import math
import os
import platform
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

SERVER = "postgres://postgres@127.0.0.1:5432"
DB = "wegweiser_load"
HOST = "127.0.0.1"  # loopback only; never configurable
DOCS = ROOT / "docs" / "benchmarks.md"
SECTION = "## Load test over 100,000 participants (bench/load.py, PostgreSQL)"

# p95 targets in seconds per page type (issue 11).
TARGETS = {"list": 0.300, "search": 0.300, "case_file": 0.300, "report": 1.000}
# Share of each page type in the request mix.
MIX = {"list": 0.35, "search": 0.30, "case_file": 0.30, "report": 0.05}


# --- pure helpers (no Django) ---------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    kind: str
    path: str
    cookie: str  # "name=value" for the Cookie header


@dataclass(frozen=True)
class Result:
    kind: str
    path: str
    latency: float  # seconds from the due time to the last byte
    status: int  # 0: no HTTP answer (timeout, refused)
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 200 and not self.error


@dataclass(frozen=True)
class Summary:
    kind: str
    count: int
    errors: int
    p50: float
    p95: float
    p99: float
    max: float
    target: float

    @property
    def meets(self) -> bool:
        return self.count > 0 and self.errors == 0 and self.p95 <= self.target


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of an ascending sequence; nan if empty."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def summarise(results: Sequence[Result], targets: dict[str, float] = TARGETS) -> list[Summary]:
    """One summary per page type in `targets` order; failed requests count with their latency."""
    out = []
    for kind, target in targets.items():
        mine = [r for r in results if r.kind == kind]
        latencies = sorted(r.latency for r in mine)
        out.append(Summary(kind, len(mine), sum(not r.ok for r in mine), percentile(latencies, 50),
                           percentile(latencies, 95), percentile(latencies, 99),
                           latencies[-1] if latencies else math.nan, target))
    return out


def plan_requests(rng: random.Random, total: int, pools: Mapping[str, Sequence[Target]],
                  mix: dict[str, float] = MIX) -> list[Target]:
    """`total` targets drawn by the mix, each from its pool (deterministic for a seeded rng)."""
    kinds = [k for k in mix if pools.get(k)]
    weights = [mix[k] for k in kinds]
    return [rng.choice(pools[kind]) for kind in rng.choices(kinds, weights=weights, k=total)]


def run_open_loop(plan: Sequence[Target], rate: float, fetch: Callable[[Target], tuple[int, str]],
                  *, max_in_flight: int = 64) -> list[Result]:
    """Send plan[i] at start + i / rate on a bounded pool; latency counts from the due time."""
    results: list[Result | None] = [None] * len(plan)

    def one(i: int, target: Target, due: float) -> None:
        try:
            status, error = fetch(target)
        except Exception as exc:
            status, error = 0, f"{type(exc).__name__}: {exc}"
        results[i] = Result(target.kind, target.path, time.perf_counter() - due, status, error)

    start = time.perf_counter() + 0.2
    with ThreadPoolExecutor(max_workers=max_in_flight, thread_name_prefix="load") as pool:
        for i, target in enumerate(plan):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, i, target, due)
    return [r for r in results if r is not None]


def http_fetcher(ports: Sequence[int], timeout: float) -> Callable[[Target], tuple[int, str]]:
    """GET over a fresh loopback connection, spread round-robin over the server processes."""
    turn = itertools.count()

    def fetch(target: Target) -> tuple[int, str]:
        conn = http.client.HTTPConnection(HOST, ports[next(turn) % len(ports)], timeout=timeout)
        try:
            conn.request("GET", target.path, headers={"Cookie": target.cookie, "Connection": "close"})
            response = conn.getresponse()
            body = response.read()
            if response.status != 200:
                return response.status, f"HTTP {response.status} {response.getheader('Location') or ''}".strip()
            return 200, "" if body else "empty body"
        finally:
            conn.close()
    return fetch


def timed_fetch(fetch: Callable[[Target], tuple[int, str]], target: Target) -> Result:
    started = time.perf_counter()
    try:
        status, error = fetch(target)
    except Exception as exc:
        status, error = 0, f"{type(exc).__name__}: {exc}"
    return Result(target.kind, target.path, time.perf_counter() - started, status, error)


def format_table(summaries: Sequence[Summary]) -> list[str]:
    lines = ["| page type | requests | errors | p50 ms | p95 ms | p99 ms | max ms | target p95 | met |",
             "|---|---|---|---|---|---|---|---|---|"]
    for s in summaries:
        lines.append(f"| {s.kind.replace('_', '-')} | {s.count} | {s.errors} | {s.p50 * 1000:.0f} | "
                     f"{s.p95 * 1000:.0f} | {s.p99 * 1000:.0f} | {s.max * 1000:.0f} | "
                     f"{s.target * 1000:.0f} ms | {'yes' if s.meets else '**no**'} |")
    return lines


def replace_section(text: str, heading: str, body: str) -> str:
    """`text` with the section under `heading` (up to the next '## ') replaced, or appended."""
    block = f"{heading}\n\n{body.strip()}\n"
    start = text.find(heading + "\n")
    if start < 0:
        return text.rstrip("\n") + "\n\n" + block
    end = text.find("\n## ", start + len(heading))
    rest = text[end + 1:] if end >= 0 else ""
    return text[:start] + block + ("\n" + rest if rest else "")


# --- machine --------------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


# --- database and data ----------------------------------------------------------------------------


def admin_sql(statement: str) -> Any:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        cursor = conn.execute(statement)
        return cursor.fetchall() if cursor.description else None


def prepare_database(fresh: bool) -> None:
    if fresh:
        admin_sql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    if not admin_sql(f"SELECT 1 FROM pg_database WHERE datname = '{DB}'"):
        admin_sql(f"CREATE DATABASE {DB}")


def server_env(secret: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"{SERVER}/{DB}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "WEGWEISER_DEBUG": "0",
        "WEGWEISER_SECRET_KEY": secret,
        "WEGWEISER_SSL_REDIRECT": "0",
        "WEGWEISER_SECURE_COOKIES": "0",
        "WEGWEISER_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "WEGWEISER_LOG_LEVEL": "WARNING",
    }


def django_setup(secret: str) -> None:
    os.environ.update({k: v for k, v in server_env(secret).items() if k.startswith(("WEGWEISER_", "DJANGO_",
                                                                                     "DATABASE_"))})
    import django

    django.setup()


def seed(participants: int) -> None:
    """Migrate and fill both datasets unless they are there; a half-filled database needs --fresh."""
    from django.core.management import call_command
    from django.db import transaction

    from wegweiser.accounts.models import Organisation, User
    from wegweiser.participants import demo
    from wegweiser.participants.models import Participant

    call_command("migrate", verbosity=0)
    jobcenter = Organisation.objects.filter(name=demo.JOBCENTER).first()
    have = Participant.objects.filter(organisation=jobcenter).count() if jobcenter else 0
    if have and have != participants:
        raise SystemExit(f"{DB} holds {have:,} demo participants, not {participants:,}: run with --fresh")
    if not have:
        started = time.perf_counter()
        demo.seed_demo(participants=participants, seed=1)
        print(f"seed_demo: {participants:,} participants in {time.perf_counter() - started:.0f} s", flush=True)
    if not User.objects.filter(username="bench-funder").exists():
        import reporting_100k

        started = time.perf_counter()
        with transaction.atomic():
            data = reporting_100k.fill(participants)
        print(f"reporting_100k.fill: {participants:,} enrolments, {data['attendance']:,} attendance rows in "
              f"{time.perf_counter() - started:.0f} s", flush=True)
    if not have:
        import psycopg

        with psycopg.connect(f"{SERVER}/{DB}", autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")


def session_cookie(username: str) -> str:
    """A logged-in session for `username`, past the second factor when the deployment has one."""
    from django.conf import settings
    from django.test import Client

    from wegweiser.accounts.models import User

    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    if "django_otp" in settings.INSTALLED_APPS:
        # As after entering a TOTP code: a confirmed device, and its id in the session.
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    if getattr(user, "must_change_password", False):
        User.objects.filter(pk=user.pk).update(must_change_password=False)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


# Search texts a caseworker types: whole names, parts of names, names in Arabic script, two words.
SEARCH_TEXTS = [
    "Mohammed", "Ahmad", "Fatima", "Al-Hassan", "Khalil", "Haddad", "Rezaei", "Hosseini", "Shevchenko",
    "Oleksandr", "Tesfaye", "Yohannes", "Ahmad Khalil", "Mariam Al-Ali", "Moham", "hass", "Kov", "ali",
    "Sab", "muh", "محمد", "أحمد", "فاطمة", "الحسن", "خليل", "محمد الأحمد", "علی", "Олександр",
]


def build_pools(rng: random.Random, cookies: dict[str, str], sample: int = 2000) -> dict[str, list[Target]]:
    from wegweiser.accounts.models import User
    from wegweiser.participants import policy
    from wegweiser.reporting.models import ProgrammeFunding

    caseworker = User.objects.get(username="demo-caseworker")
    cw = cookies["caseworker"]
    in_scope = list(policy.scope(caseworker).values_list("pk", "customer_number"))
    picked = rng.sample(in_scope, min(sample, len(in_scope)))
    pages = max(1, len(in_scope) // 50)
    lists = ["/", "/participants/", "/participants/?mine=1", "/participants/?sort=-contact",
             "/participants/?phase=qualification", "/participants/?nocontact=1&mine=1", "/participants/?permit=1",
             "/participants/?sort=customer_number&mine=1"]
    lists += [f"/participants/?page={rng.randint(2, min(pages, 40))}" for _ in range(8)]
    searches = [f"/participants/?q={_quote(text)}" for text in SEARCH_TEXTS]
    searches += [f"/participants/?q={_quote(number)}" for _, number in picked[:len(SEARCH_TEXTS)]]
    funding = ProgrammeFunding.objects.get(funder__name="Stiftung Bench")
    today = dt.date.today()
    reports = [
        Target("report", "/reporting/", cookies["admin"]),
        Target("report", "/reporting/?dimension=nationality", cookies["admin"]),
        Target("report", "/reporting/", cw),
        Target("report", f"/reporting/fundings/{funding.pk}/?start={today - dt.timedelta(days=900)}&end={today}",
               cookies["funder"]),
        Target("report", f"/reporting/fundings/{funding.pk}/", cookies["funder"]),
    ]
    return {
        "list": [Target("list", path, cw) for path in lists],
        "search": [Target("search", path, cw) for path in searches],
        "case_file": [Target("case_file", f"/participants/{pk}/", cw) for pk, _ in picked],
        "report": reports,
    }


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text)


# --- server ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(port: int, secret: str, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, str(ROOT / "manage.py"), "runserver", f"{HOST}:{port}", "--noreload"]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=ROOT, env=server_env(secret), stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}; see {log}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/accounts/login/")
            conn.getresponse().read()
            conn.close()
            return proc
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit(f"server did not answer within 90 s; see {log}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# --- profile --------------------------------------------------------------------------------------


def profile(pools: dict[str, list[Target]], cookies_by_user: dict[str, str]) -> None:
    """Query count, time and slowest statements per distinct page, through Django's test client."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    seen: set[str] = set()
    for kind, targets in pools.items():
        for target in targets[:12]:
            if target.path in seen:
                continue
            seen.add(target.path)
            client = Client()
            client.cookies[settings.SESSION_COOKIE_NAME] = target.cookie.split("=", 1)[1]
            client.get(target.path)  # warm
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get(target.path)
                elapsed = time.perf_counter() - started
            sql_time = sum(float(q["time"]) for q in ctx.captured_queries)
            print(f"{kind:9} {response.status_code} {elapsed * 1000:6.0f} ms {len(ctx):3d} queries "
                  f"(SQL {sql_time * 1000:.0f} ms)  {target.path}")
            for q in sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:2]:
                if float(q["time"]) > 0.02:
                    print(f"           {float(q['time']) * 1000:.0f} ms: {q['sql'][:300]}")


# --- main -----------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--fresh", action="store_true", help="drop and re-seed the load database")
    parser.add_argument("--rate", default="20", help="requests per second (open loop); several: 20,5")
    parser.add_argument("--seconds", type=float, default=60.0, help="per rate")
    parser.add_argument("--servers", type=int, default=2, help="server processes (like 2 WSGI workers)")
    parser.add_argument("--timeout", type=float, default=10.0, help="per request, seconds")
    parser.add_argument("--max-in-flight", type=int, default=64)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--profile", action="store_true", help="print queries per page instead of loading")
    parser.add_argument("--write-docs", action="store_true", help=f"record the figures in {DOCS.name}")
    parser.add_argument("--report-cache", type=int, default=120,
                        help="WEGWEISER_REPORT_SCREEN_CACHE_SECONDS of the servers (the app's default; 0 = off)")
    args = parser.parse_args()
    os.environ["WEGWEISER_REPORT_SCREEN_CACHE_SECONDS"] = str(args.report_cache)
    rates = [float(r) for r in args.rate.split(",") if r.strip()]
    if not rates or not all(0 < r <= 200 for r in rates) or not 0 < args.seconds <= 1800 \
            or not 1 <= args.servers <= 8:
        parser.error("--rate in (0, 200], --seconds in (0, 1800], --servers in 1..8")

    secret = secrets.token_urlsafe(48)
    prepare_database(args.fresh)
    django_setup(secret)
    seed(args.participants)
    rng = random.Random(args.seed)
    cookies = {"caseworker": session_cookie("demo-caseworker"), "admin": session_cookie("bench-admin"),
               "funder": session_cookie("bench-funder")}
    pools = build_pools(rng, cookies)
    if args.profile:
        profile(pools, cookies)
        return
    from django.db import connection, connections

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM participants_participant")
        rows = cursor.fetchone()[0]
    connections.close_all()

    workdir = Path(tempfile.mkdtemp(prefix="wegweiser-load-"))
    procs: list[subprocess.Popen[bytes]] = []
    runs: list[Run] = []
    try:
        ports = []
        for n in range(args.servers):
            port = free_port()
            procs.append(start_server(port, secret, workdir / f"server-{n}.log"))
            ports.append(port)
        fetch = http_fetcher(ports, args.timeout)
        for targets in pools.values():  # warm-up (each process), and every page type must answer 200
            for target in targets[:6] * args.servers:
                status, error = fetch(target)
                if status != 200:
                    raise SystemExit(f"warm-up: {target.path} answered {status} {error}; see {workdir}")
        # Service time without queueing: 10 pages of each type, one after the other.
        before = load_average()
        started = time.perf_counter()
        sequential = [timed_fetch(fetch, t) for targets in pools.values() for t in rng.choices(targets, k=10)]
        runs.append(Run("one request at a time, 10 per page type", sequential, time.perf_counter() - started,
                        before, load_average()))
        for rate in rates:
            total = int(rate * args.seconds)
            plan = plan_requests(rng, total, pools)
            before = load_average()
            print(f"load: {total} requests at {rate:g}/s for {args.seconds:g} s against 127.0.0.1:"
                  f"{','.join(map(str, ports))} (load average before: {before})", flush=True)
            started = time.perf_counter()
            results = run_open_loop(plan, rate, fetch, max_in_flight=args.max_in_flight)
            runs.append(Run(f"{rate:g} requests/s", results, time.perf_counter() - started, before, load_average()))
    finally:
        for proc in procs:
            stop_server(proc)

    date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.machine()}, {os.cpu_count()} cores ({cpu_model()}), Python {platform.python_version()}, " \
              f"PostgreSQL {pg_version}"
    print(f"date: {date}\nmachine: {machine}\nparticipants table: {rows:,} rows")
    for run in runs:
        print(f"\n{run.label}: sent {len(run.results)} in {run.wall:.1f} s; load average (1/5/15 min) "
              f"before {run.load_before}, after {run.load_after}")
        print("\n".join(format_table(summarise(run.results))))
        for r in [r for r in run.results if not r.ok][:5]:
            print(f"error: {r.kind} {r.path}: {r.status} {r.error}")
    if args.write_docs:
        write_docs(args, date, machine, rows, runs)


@dataclass(frozen=True)
class Run:
    label: str
    results: list[Result]
    wall: float
    load_before: str
    load_after: str


def verdict(runs: Sequence[Run], servers: int) -> list[str]:
    """Which targets each run met, and what the one-at-a-time service time says about capacity."""
    out = []
    for run in runs:
        summaries = summarise(run.results)
        met = [s.kind.replace("_", "-") for s in summaries if s.meets]
        missed = [s.kind.replace("_", "-") for s in summaries if s.count and not s.meets]
        out.append(f"- {run.label}: target met for {', '.join(met) or 'no page type'}"
                   f"{'; missed for ' + ', '.join(missed) if missed else ''}.")
    first = {s.kind: s for s in summarise(runs[0].results)} if runs else {}
    if first and all(first[k].count for k in MIX):
        mean = sum(share * first[kind].p50 for kind, share in MIX.items())
        cores = os.cpu_count() or 1
        out.append(f"- Capacity: one page at a time takes {mean * 1000:.0f} ms (mix-weighted median) under this "
                   f"background load; with {servers} server processes on {cores} shared cores that is very roughly "
                   f"{min(servers, cores) / mean:.0f} pages/s. Above that rate requests queue, and the latencies "
                   "of the busier runs are mostly waiting time rather than page cost.")
    return out


def write_docs(args: argparse.Namespace, date: str, machine: str, rows: int, runs: list[Run]) -> None:
    mix = ", ".join(f"{kind.replace('_', '-')} {share:.0%}" for kind, share in MIX.items())
    lines = [
        f"Run {date} on {machine}. Load averages before and after each run are given below (2 cores): "
        "anything well above 1 means other work shared the machine and the figures are pessimistic.",
        "",
        f"`.venv/bin/python bench/load.py --rate {args.rate} --seconds {args.seconds:g} --servers {args.servers}`: "
        f"open-loop requests from a Python thread pool on the same machine to {args.servers} "
        "`manage.py runserver --noreload` processes on 127.0.0.1 (threaded, WEGWEISER_DEBUG=0, 2FA on, sessions "
        "OTP-verified, no persistent DB connections), round-robin. Latency runs from each request's due time to "
        f"its last byte. Mix: {mix}. Participants table: {rows:,} rows (the {args.participants:,}-person demo "
        "caseload of seed_demo plus the reporting_100k dataset in a second jobcenter).",
    ]
    for run in runs:
        lines += ["", f"**{run.label}** ({len(run.results)} requests in {run.wall:.0f} s; load average "
                      f"1/5/15 min before {run.load_before}, after {run.load_after}):", "",
                  *format_table(summarise(run.results))]
    lines += ["", *verdict(runs, args.servers)]
    lines += [
        "",
        "Pages: *list* = caseworker dashboard and participant list (mine / team, filters, sorts, pages up to 40); "
        "*search* = list with `q` (whole, partial and two-word names, Arabic and Cyrillic script, customer "
        "numbers); *case-file* = random files in `demo-caseworker`'s scope (team Nord, about half the caseload); "
        "*report* = reporting dashboard (jobcenter admin over 100,000 enrolments, caseworker) and the funder's "
        "protected report page (seven breakdowns; last month and the whole 900 days).",
        "",
        "What was found and fixed (`--profile`, then EXPLAIN ANALYZE; participants migration 0003, indexes only):",
        "",
        "- Every list count filters the need-to-know scope (organisation, caseworker or team, not merged). It was "
        "an index scan over the whole organisation with a filter (100,000 rows, 64 ms for team Nord's 50,165 "
        "files); the partial index `participant_scope_idx` (organisation, team, caseworker WHERE merged_into IS "
        "NULL) makes it an index-only scan (10 ms, no heap fetches).",
        "- Search (`customer_number` iexact OR every name token in `search_text` LIKE '%token%') had no usable "
        "index: 77 ms for the count, and for a rare name late in the alphabet (\"Shevchenko\") the page query "
        "walked the name index through 87,000 rows (230–280 ms). An expression index on UPPER(customer_number) "
        "and, on PostgreSQL, a pg_trgm GIN index on `search_text` turn both into bitmap scans (2 ms / 11 ms).",
        "- Sorting the list by last contact sorted all 50,000 files of the scope (165–210 ms); "
        "(organisation, last_contact_on, id) gives the first page in index order (8 ms).",
        "- Before these indexes (first run, 2026-11-26 14:18 UTC, one server process, load average 7 before): "
        "at 20 requests/s every page type had a p50 of 20–23 s and 19 of 64 report requests timed out.",
        "- Case file: 29 queries, about 40 ms of Python per request. About a dozen of the queries come from "
        "other apps' blocks on the page (plan, interests, enrolments, partners, restriction), each checking the "
        "scope again; each is an index probe, no N+1 over the file's rows.",
        f"- Reports: the funnel statement makes one correlated probe into outcomes per enrolment (100,000) "
        "plus a hashed scan of 240,000 attendance rows, 0.45–0.9 s per report on this machine (docs/reporting.md); "
        "at 20 requests/s, 5 % of them reports, that alone kept a third of the CPU busy and every page type "
        "missed its target (15:15 UTC run, load average 1.5 before: p95 list 633 ms, search 584 ms, case file "
        "1,096 ms, report 3,197 ms). A covering index on outcomes saved nothing measurable. The report screens "
        "now keep their figures per user, filters and language for WEGWEISER_REPORT_SCREEN_CACHE_SECONDS "
        f"(this run: {args.report_cache} s; the page says \"Stand: HH:MM\"); stored funder reports, downloads "
        "and the API always compute fresh. `--report-cache 0` measures without it. Next step if fresh figures "
        "are needed under load: keep the furthest stage per enrolment as an indexed column updated by the "
        "attendance, completion and outcome services.",
        "- The dataset has no recommendation feedback, plans or interests rows; those blocks of the case "
        "file stay empty, so their cost is the lookup only.",
    ]
    text = DOCS.read_text(encoding="utf-8")
    DOCS.write_text(replace_section(text, SECTION, "\n".join(lines)), encoding="utf-8")
    print(f"recorded in {DOCS}")


if __name__ == "__main__":
    threading.current_thread().name = "load-main"
    main()
