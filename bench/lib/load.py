"""The load test: gunicorn on 127.0.0.1, locust headless against it, bounded in time and count.

One run = a seeded scratch database (SQLite file or the PostgreSQL database rugadem_bench on
the local server), gunicorn with N sync workers on a free port of 127.0.0.1 (DEBUG off, a
throwaway SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, no https redirect, cookies without Secure),
locust headless for a fixed time with therapists signing in through the real form, then both
stopped. Nothing else is ever targeted: the host is always http://127.0.0.1:<port>.
"""

from __future__ import annotations

import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.lib import env

PG_DATABASE = "rugadem_bench"
LOAD_PASSWORD = "bench-" + secrets.token_urlsafe(12)
#: (name, weight, URL name, sample key holding one id or a list of ids, query strings)
LOAD_PAGES = (
    ("patient list", 3, "patients:list", None, ("",)),
    ("patient list, search", 2, "patients:list", None, ("?q=jan", "?q=de+v", "?q=bos", "?q=an")),
    ("patient list, page", 1, "patients:list", None, ("?page=3", "?page=12&sort=-last_visit")),
    ("patient page", 2, "patients:detail", "patient_ids", ("",)),
    ("start page", 1, "home", None, ("",)),
    ("intake overview", 1, "patients:intake", "episode_id", ("",)),
    ("findings page", 2, "patients:findings", "episode_ids", ("",)),
    ("progress page", 2, "patients:progress", "episode_ids", ("",)),
    ("plan editor", 1, "plans:editor", "draft_plan_id", ("",)),
    ("issued plan page", 1, "plans:detail", "issued_plan_id", ("",)),
    ("plan PDF (stored)", 1, "plans:pdf", "issued_plan_id", ("",)),
    ("dashboard", 1, "patients:dashboard", None, ("",)),
    ("due list", 1, "patients:due_list", None, ("",)),
)


def load_pages(sample: dict) -> list[dict]:
    """Return the locust page mix with real URLs (pages this version lacks are left out)."""
    from django.urls import NoReverseMatch, reverse

    pages = []
    for name, weight, url_name, key, queries in LOAD_PAGES:
        ids = [None] if key is None else sample[key]
        ids = ids if isinstance(ids, list) else [ids]
        try:
            urls = [
                reverse(url_name, args=[] if pk is None else [pk]) + query
                for pk in ids
                for query in queries
            ]
        except NoReverseMatch:
            continue
        pages.append({"name": name, "weight": weight, "urls": urls})
    return pages


def intake_save(sample: dict) -> dict | None:
    """Return the URL and the valid POST of the draft intake's pain section (or None)."""
    from tests.patients.intake.helpers import section_data

    url = reverse_or_none("patients:intake_section", sample.get("draft_episode_id"), "pain")
    return {"url": url, "data": section_data("pain")} if url else None


def reverse_or_none(name: str, *args) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args) if all(arg is not None for arg in args) else None
    except NoReverseMatch:
        return None


def seed_database(url: str, scale, sample_path: Path, media: Path) -> None:
    """Migrate and seed ``url`` in a child process; write the sample (ids, URLs) as JSON."""
    code = (
        "import json, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "from bench.lib.load import _seed_child; _seed_child(*sys.argv[2:])"
    )
    subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            str(env.ROOT),
            url,
            f"{scale.patients}:{scale.measurements}",
            str(sample_path),
            str(media),
        ],
        check=True,
        env={**os.environ, "RUGADEM_LOAD_PASSWORD": LOAD_PASSWORD},
    )


def _seed_child(url: str, scale: str, sample_path: str, media: str) -> None:
    env.setup(url, Path(media), CACHE_URL="dbcache://rugadem_cache")
    import random

    from django.core.management import call_command
    from django.db import connections
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from bench.lib.seed import Scale, seed
    from patients.models import Episode, Patient

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    sample = seed(Scale.parse(scale), password=os.environ["RUGADEM_LOAD_PASSWORD"]).as_dict()
    rng = random.Random(11)
    with scopes_disabled():
        patients = list(Patient.objects.values_list("pk", flat=True))
        episodes = list(Episode.objects.values_list("pk", flat=True))
    sample["patient_ids"] = rng.sample(patients, min(300, len(patients)))
    sample["episode_ids"] = rng.sample(episodes, min(300, len(episodes)))
    sample["login_url"] = reverse("account_login")
    sample["pages"] = load_pages(sample)
    sample["intake_save"] = intake_save(sample)
    Path(sample_path).write_text(json.dumps(sample))
    connections.close_all()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(url: str, workers: int, port: int, media: Path, log: Path, **extra: str):
    environ = {
        **os.environ,
        **env.bench_environ(url, media, ALLOWED_HOSTS="127.0.0.1"),
        "CACHE_URL": "dbcache://rugadem_cache",
        **extra,
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "clinic.wsgi:application",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--chdir",
        str(env.ROOT),
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(  # noqa: S603 - our own fixed command line
        command, env=environ, stdout=log.open("ab"), stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({server.returncode}); see {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    stop(server)
    raise RuntimeError(f"gunicorn did not answer on 127.0.0.1:{port}; see {log}")


def stop(server) -> None:
    """Stop gunicorn (its master passes SIGTERM on to the workers) and wait for it."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def worker_rss_mb(server) -> list[float]:
    """Return the resident memory of gunicorn's worker processes (MB)."""
    try:
        import psutil

        master = psutil.Process(server.pid)
        return [round(child.memory_info().rss / 1024 / 1024) for child in master.children()]
    except Exception:  # noqa: BLE001 - memory is reported when it can be read
        return []


def run_locust(
    port: int, sample_path: Path, *, users: int, seconds: int, max_requests: int, prefix: Path
) -> dict:
    host = f"http://127.0.0.1:{port}"
    # Users start over about 5 s and each signs in (an Argon2 hash on the server). The
    # locustfile resets the statistics when the last one has signed in and stops ``seconds``
    # later; --run-time is only the upper bound.
    spawn_rate = max(1, users // 5)
    ramp = 60
    command = [
        str(Path(sys.executable).parent / "locust"),
        "-f",
        str(env.ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--host",
        host,
        "--users",
        str(users),
        "--spawn-rate",
        str(spawn_rate),
        "--run-time",
        f"{seconds + ramp}s",
        "--stop-timeout",
        "5",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    environ = {
        **os.environ,
        "RUGADEM_LOAD_SAMPLE": str(sample_path),
        "RUGADEM_LOAD_PASSWORD": LOAD_PASSWORD,
        "RUGADEM_LOAD_MAX_REQUESTS": str(max_requests),
        "RUGADEM_LOAD_REPORT": str(prefix.with_suffix(".json")),
        "RUGADEM_LOAD_USERS": str(users),
        "RUGADEM_LOAD_SECONDS": str(seconds),
    }
    with prefix.with_suffix(".log").open("wb") as log:
        subprocess.run(  # noqa: S603 - our own fixed command line
            command, env=environ, stdout=log, stderr=subprocess.STDOUT, timeout=seconds + ramp + 60
        )
    stats = read_stats(prefix)
    report = prefix.with_suffix(".json")
    stats["sign_in"] = json.loads(report.read_text())["sign_in"] if report.exists() else {}
    if not stats["sign_in"].get("window_started"):
        stats["sign_in"]["note"] = "not every user signed in within the time limit"
    return stats


def read_stats(prefix: Path) -> dict:
    """Read locust's CSV (reset once all users had signed in): the aggregate and each page."""
    with Path(f"{prefix}_stats.csv").open() as stats:
        rows = list(csv.DictReader(stats))
    pages = {}
    for row in rows:
        if not int(row["Request Count"]) and row["Name"] != "Aggregated":
            continue
        pages[row["Name"]] = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": number(row["Requests/s"]),
            "median_ms": number(row["50%"]),
            "p95_ms": number(row["95%"]),
        }
    total = pages.pop("Aggregated")
    failures = Path(f"{prefix}_failures.csv")
    errors = []
    if failures.exists():
        with failures.open() as rows_file:
            errors = list(csv.DictReader(rows_file))
    return {"total": total, "pages": pages, "errors": errors[:20]}


def number(text: str) -> float:
    try:
        return float(text)
    except (TypeError, ValueError):  # "N/A" when nothing was measured
        return 0.0


def run(
    database: str,
    scale,
    workers_list,
    *,
    users: int,
    seconds: int,
    max_requests: int,
    tmp: Path,
    jit_off_run: bool = False,
    log=print,
) -> dict:
    """Seed ``database`` ("sqlite" or "postgres") once, then a locust run per worker count.

    ``jit_off_run``: on PostgreSQL, one more run with 2 workers and the JIT compiler off (the
    fix proposed in bench/PROFILING.md), keyed "2, jit off".
    """
    media = tmp / f"media-{database}"
    if database == "postgres":
        url = env.pg_recreate(PG_DATABASE)
    else:
        url = env.sqlite_url(tmp / "load.sqlite3")
    sample_path = tmp / f"sample-{database}.json"
    results = {"database": database, "runs": {}}
    env.OUT.mkdir(exist_ok=True)
    try:
        started = time.perf_counter()
        seed_database(url, scale, sample_path, media)
        log(f"  {database}: seeded {scale} in {time.perf_counter() - started:.0f} s")
        runs = [(workers, str(workers), {}) for workers in workers_list]
        if jit_off_run and database == "postgres":
            runs.append((2, "2, jit off", {"BENCH_PG_JIT": "off"}))
        for workers, key, extra in runs:
            port = free_port()
            server_log = env.OUT / f"gunicorn-{database}-{key.replace(', ', '-')}.log"
            server_log.unlink(missing_ok=True)
            server = start_gunicorn(url, workers, port, media, server_log, **extra)
            try:
                prefix = tmp / f"locust-{database}-{key.replace(', ', '-').replace(' ', '')}"
                stats = run_locust(
                    port,
                    sample_path,
                    users=users,
                    seconds=seconds,
                    max_requests=max_requests,
                    prefix=prefix,
                )
                stats["worker_rss_mb"] = worker_rss_mb(server)
            finally:
                stop(server)
            results["runs"][key] = stats
            total = stats["total"]
            errors = total["failures"] + stats["sign_in"].get("failed", 0)
            stats["errors_total"] = errors
            stats["server_log"] = str(server_log.relative_to(env.ROOT))
            log(
                f"  {database}, {key} workers: {total['rps']:.1f} req/s, median "
                f"{total['median_ms']:.0f} ms, p95 {total['p95_ms']:.0f} ms, "
                f"{total['requests']} requests, {errors} errors, worker RSS "
                f"{stats['worker_rss_mb']} MB"
            )
    finally:
        if database == "postgres":
            env.pg_drop(PG_DATABASE)
    return results
