"""Timing helpers: server time of requests through Django's test client, query counts, memory.

Server time is the wall-clock time of ``Client.get()`` (the whole middleware stack, the view and
the template, no network); the CPU time of the same call is kept beside it, because on a shared
machine wall-clock time also counts waiting for a CPU. Queries are counted with an execute
wrapper (no SQL is recorded, so counting costs next to nothing).
"""

from __future__ import annotations

import contextlib
import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path


def p95(values: list[float]) -> float:
    """Return the 95th percentile (nearest rank); the value itself for a single sample."""
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


@dataclass
class Timing:
    """Samples of one measurement, in milliseconds, and the queries per request."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def p95(self) -> float:
        return p95(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")

    @property
    def query_count(self) -> int | None:
        """Return the most queries one request took (None if not counted)."""
        return max(self.queries) if self.queries else None

    def summary(self) -> dict:
        return {
            "median_ms": round(self.median, 3),
            "p95_ms": round(self.p95, 3),
            "cpu_median_ms": round(self.cpu_median, 2),
            "queries": self.query_count,
            "n": len(self.wall),
        }

    def as_dict(self) -> dict:
        return {**asdict(self), **self.summary()}


#: Transaction control is not counted (as in the test suite's pinned counts, where the test's
#: own transaction means none is sent): SQLite's BEGIN IMMEDIATE, savepoints.
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


class QueryCounter:
    """Count the queries run on the default connection while active."""

    def __init__(self, *, matching: str = ""):
        self.count = 0
        self.matching = matching  # count only the queries whose SQL holds this text

    def __call__(self, execute, sql, params, many, context):
        if not sql.lstrip().upper().startswith(TRANSACTION_CONTROL) and self.matching in sql:
            self.count += 1
        return execute(sql, params, many, context)

    @contextlib.contextmanager
    def counting(self):
        from django.db import connection

        self.count = 0
        with connection.execute_wrapper(self):
            yield self


def timed_call(function: Callable, timing: Timing, *, count_queries: bool = True):
    """Call ``function`` once, add its wall and CPU time (and queries) to ``timing``."""
    counter = QueryCounter()
    with counter.counting() if count_queries else contextlib.nullcontext():
        started, started_cpu = time.perf_counter(), time.process_time()
        result = function()
        wall = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - started_cpu) * 1000
    timing.wall.append(wall)
    timing.cpu.append(cpu)
    if count_queries:
        timing.queries.append(counter.count)
    return result


def request(client, url: str, data=None, *, method: str = "get", expect=(200,)):
    """Send one request and check its status (a benchmark of an error page measures nothing)."""
    send = getattr(client, method)
    response = send(url, data) if data is not None else send(url)
    if response.status_code not in expect:
        raise AssertionError(f"{method.upper()} {url}: status {response.status_code}")
    if getattr(response, "streaming", False):
        response.content_bytes = b"".join(response.streaming_content)
    return response


def time_requests(
    client,
    url: str,
    requests: int,
    *,
    data=None,
    method: str = "get",
    expect=(200,),
    warmup=2,
    reset=None,
) -> Timing:
    """Time ``requests`` requests of one URL after ``warmup`` untimed ones; ``reset``
    (optional) runs untimed before each timed request."""
    for _ in range(warmup):
        request(client, url, data, method=method, expect=expect)
    timing = Timing()
    for _ in range(requests):
        if reset:
            reset()
        timed_call(lambda: request(client, url, data, method=method, expect=expect), timing)
    return timing


def interleaved(functions: dict[str, Callable], runs: int, *, warmup: int = 1, reset=None):
    """Time several functions alternately so that machine noise hits all of them alike.

    The order flips every round (A B, B A, A B ...) and a full garbage collection runs, untimed,
    before every call: otherwise the garbage one render leaves is collected during the next
    one, and whichever runs second pays for the first. Returns {name: Timing}. ``reset``
    (optional) also runs untimed before every call.
    """
    for _ in range(warmup):
        for function in functions.values():
            if reset:
                reset()
            function()
    timings = {name: Timing() for name in functions}
    names = list(functions)
    for round_ in range(runs):
        for name in names if round_ % 2 == 0 else reversed(names):
            if reset:
                reset()
            gc.collect()
            timed_call(functions[name], timings[name], count_queries=False)
    return timings


def paired_ratio(a: Timing, b: Timing, *, cpu: bool = False) -> float:
    """Return the median of a_i / b_i over the rounds of an interleaved measurement.

    Each pair ran back to back, so it shares the machine's state of the moment: on a noisy
    machine the median of the pairs' ratios moves far less than the ratio of two medians.
    """
    first, second = (a.cpu, b.cpu) if cpu else (a.wall, b.wall)
    return statistics.median(x / y for x, y in zip(first, second, strict=True))


def rss_mb(field_name: str = "VmRSS") -> float:
    """Return this process's resident memory (VmRSS) or its peak so far (VmHWM) in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")
