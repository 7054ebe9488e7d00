"""The closed-loop capacity test (bench/capacity.py): rising users without think time."""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from pathlib import Path

from bench.lib import env, load

PG_DATABASE = "rugadem_bench_capacity"
KNEE_P95_MS = 250
SAVE_WEIGHT = "1"  # among the page mix's weights (total 19): one click in 20 saves


class CpuSampler:
    """Sample the summed CPU time of gunicorn's workers, and the whole machine's busy CPU time,
    every 0.25 s (Linux /proc). The difference is what the load generator, the database and the
    system cost: with locust on the same cores it bounds the reachable requests/s."""

    def __init__(self, server):
        self.master = server.pid
        self.samples: list[tuple[float, float, float]] = []
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def total(self) -> float:
        """The user + system CPU seconds of the master's children, from /proc/<pid>/stat."""
        ticks = os.sysconf("SC_CLK_TCK")
        seconds = 0.0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            # After the command: state, ppid, ... utime (field 14) and stime (15) of stat.
            if int(fields[1]) == self.master:
                seconds += (int(fields[11]) + int(fields[12])) / ticks
        return seconds

    @staticmethod
    def machine() -> float:
        """The CPU seconds all cores spent busy since boot: user, nice, system, irq and softirq
        from /proc/stat (not idle, iowait, or steal, the time the hypervisor gave elsewhere)."""
        fields = [
            int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        ]
        user, nice, system, _idle, _iowait, irq, softirq = fields[:7]
        return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")

    def _run(self):
        while not self.done.is_set():
            self.samples.append((time.time(), self.total(), self.machine()))
            time.sleep(0.25)

    def between(self, start: float, end: float, column: int = 1) -> float | None:
        """Return the workers' (column 2: the machine's) CPU seconds between two wall times."""
        before = [sample[column] for sample in self.samples if sample[0] <= start]
        after = [sample[column] for sample in self.samples if sample[0] >= end]
        if not before or not after:
            return None
        return after[0] - before[-1]

    def wait_past(self, at: float, timeout: float = 2.0) -> None:
        """Wait until a sample taken after ``at`` exists (locust may end right at the window's
        end, before the next sample)."""
        deadline = time.time() + timeout
        while time.time() < deadline and not (self.samples and self.samples[-1][0] >= at):
            time.sleep(0.05)

    def stop(self):
        self.done.set()
        self.thread.join()


def step(port, sample_path, users, seconds, prefix, sampler, **environ) -> dict:
    """One locust run of ``users`` closed-loop users; the figures of its measured window."""
    saved = {key: os.environ.get(key) for key in environ}
    os.environ.update(environ)
    try:
        stats = load.run_locust(
            port, sample_path, users=users, seconds=seconds, max_requests=200_000, prefix=prefix
        )
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    started = stats["sign_in"].get("window_started")
    total = stats["total"]
    if started:
        sampler.wait_past(started + seconds)
    cpu = sampler.between(started, started + seconds) if started else None
    machine = sampler.between(started, started + seconds, column=2) if started else None
    stats["users"] = users
    stats["errors_total"] = total["failures"] + stats["sign_in"].get("failed", 0)
    stats["cpu_s"] = cpu
    requests = total["requests"]
    stats["cpu_ms_per_request"] = round(cpu * 1000 / requests, 1) if cpu and requests else None
    # Everything else on the machine per request: locust itself, the database, the system.
    stats["other_cpu_ms_per_request"] = (
        round((machine - cpu) * 1000 / requests, 1) if cpu and machine and requests else None
    )
    return stats


@contextlib.contextmanager
def scratch_database(database: str, sqlite_file: Path):
    """Yield the URL of an empty scratch database (PostgreSQL's is dropped afterwards)."""
    url = env.pg_recreate(PG_DATABASE) if database == "postgres" else env.sqlite_url(sqlite_file)
    try:
        yield url
    finally:
        if database == "postgres":
            env.pg_drop(PG_DATABASE)


@contextlib.contextmanager
def serving(url: str, workers: int, media: Path, server_log: Path, **extra):
    """Yield (port, CPU sampler) of gunicorn serving ``url``; stop both afterwards."""
    env.OUT.mkdir(exist_ok=True)
    server_log.unlink(missing_ok=True)
    port = load.free_port()
    server = load.start_gunicorn(url, workers, port, media, server_log, **extra)
    sampler = None
    try:
        sampler = CpuSampler(server)
        yield port, sampler
    finally:
        if sampler is not None:
            sampler.stop()
        load.stop(server)


def run(database: str, scale, workers_list, users_list, seconds: int, tmp: Path, log=print):
    """Seed ``database`` once; for each worker count, one step per number of users."""
    media = tmp / f"media-{database}"
    sample_path = tmp / f"sample-{database}.json"
    results = {"database": database, "runs": {}}
    with scratch_database(database, tmp / "capacity.sqlite3") as url:
        started = time.perf_counter()
        load.seed_database(url, scale, sample_path, media)
        log(f"  {database}: seeded {scale} in {time.perf_counter() - started:.0f} s")
        for workers in workers_list:
            steps = results["runs"][str(workers)] = []
            server_log = env.OUT / f"gunicorn-capacity-{database}-{workers}.log"
            with serving(url, workers, media, server_log) as (port, sampler):
                for users in users_list:
                    prefix = tmp / f"cap-{database}-{workers}-{users}"
                    stats = step(
                        port,
                        sample_path,
                        users,
                        seconds,
                        prefix,
                        sampler,
                        RUGADEM_LOAD_THINK="0",
                        RUGADEM_LOAD_SAVE_WEIGHT=SAVE_WEIGHT,
                    )
                    steps.append(stats)
                    report(log, f"{database}, {workers} workers, {users} users", stats)
            results[f"knee_{workers}"] = knee(steps)
    return results


def knee(steps: list[dict]) -> dict:
    """The highest step with p95 <= 250 ms and the error rate of the steps beyond it."""
    within = [s for s in steps if s["total"]["p95_ms"] <= KNEE_P95_MS]
    best = max(within, key=lambda s: s["total"]["rps"]) if within else None
    beyond = [s for s in steps if s["total"]["p95_ms"] > KNEE_P95_MS]
    return {
        "users": best["users"] if best else None,
        "rps": best["total"]["rps"] if best else None,
        "p95_ms": best["total"]["p95_ms"] if best else None,
        "errors_below": sum(s["errors_total"] for s in steps if s in within),
        "beyond": [
            {
                "users": s["users"],
                "rps": s["total"]["rps"],
                "p95_ms": s["total"]["p95_ms"],
                "error_rate": s["errors_total"] / max(1, s["total"]["requests"]),
            }
            for s in beyond
        ],
    }


def run_writes(scale, seconds: int, tmp: Path, log=print) -> dict:
    """SQLite, 2 workers: 20 savers, and 20 users on the mix, per transaction mode."""
    media = tmp / "media-writes"
    url = env.sqlite_url(tmp / "writes.sqlite3")
    sample_path = tmp / "sample-writes.json"
    load.seed_database(url, scale, sample_path, media)
    results = {}
    for mode, extra in (
        ("reads deferred", {}),
        ("all immediate", {"BENCH_SQLITE_ALL_IMMEDIATE": "1"}),
    ):
        server_log = env.OUT / f"gunicorn-writes-{mode.replace(' ', '-')}.log"
        with serving(url, 2, media, server_log, **extra) as (port, sampler):
            for mix, weight in (("saves", "0"), ("pages", "6")):
                prefix = tmp / f"writes-{mode.replace(' ', '')}-{mix}"
                stats = step(
                    port,
                    sample_path,
                    20,
                    seconds,
                    prefix,
                    sampler,
                    RUGADEM_LOAD_THINK="0",
                    RUGADEM_LOAD_MIX=mix,
                    RUGADEM_LOAD_SAVE_WEIGHT=weight,
                )
                results[f"{mode}, {mix}"] = stats
                report(log, f"sqlite writes, {mode}, 20 users, {mix}", stats)
    return results


#: The floor run: the cheapest requests a signed-in therapist's browser sends, alone.
FLOOR_PATHS = (
    # Through every middleware (session, user, clinic scope, access checks) to one SELECT 1.
    ("health check, signed in", "/healthz"),
    # The cheapest page of the mix: a scoped lookup, the access-log event, a stored file.
    ("stored plan PDF", "stored_pdf"),
)


def run_floor(database: str, scale, users_list, seconds: int, tmp: Path, log=print) -> dict:
    """2 workers, each floor path alone at rising users: what the stack costs per request
    before a page does any work of its own."""
    media = tmp / f"media-floor-{database}"
    sample_path = tmp / f"sample-floor-{database}.json"
    results = {}
    with scratch_database(database, tmp / "floor.sqlite3") as url:
        load.seed_database(url, scale, sample_path, media)
        sample = json.loads(sample_path.read_text())
        stored = next(page for page in sample["pages"] if page["name"] == "plan PDF (stored)")
        server_log = env.OUT / f"gunicorn-floor-{database}.log"
        with serving(url, 2, media, server_log) as (port, sampler):
            for label, path in FLOOR_PATHS:
                path = stored["urls"][0] if path == "stored_pdf" else path
                steps = results[label] = []
                for users in users_list:
                    prefix = tmp / f"floor-{database}-{len(results)}-{users}"
                    stats = step(
                        port,
                        sample_path,
                        users,
                        seconds,
                        prefix,
                        sampler,
                        RUGADEM_LOAD_THINK="0",
                        RUGADEM_LOAD_MIX=f"only:{path}",
                    )
                    steps.append(stats)
                    report(log, f"floor, {database}, {label}, {users} users", stats)
    return results


def report(log, label: str, stats: dict) -> None:
    total = stats["total"]
    log(
        f"  {label}: {total['rps']:.1f} req/s, median {total['median_ms']:.0f} ms, "
        f"p95 {total['p95_ms']:.0f} ms, {total['requests']} requests, "
        f"{stats['errors_total']} errors, CPU {stats['cpu_ms_per_request']} ms/request "
        f"(+ {stats.get('other_cpu_ms_per_request')} ms load generator, database, system)"
    )
    if stats["errors"]:
        log("    " + json.dumps(stats["errors"][:3])[:400])
