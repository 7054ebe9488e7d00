"""Closed-loop capacity test on 127.0.0.1: no think time, rising users, until p95 passes 250 ms.

    .venv/bin/python bench/capacity.py [--scale 10000[:50000]] [--database sqlite postgres]
        [--workers 2 4] [--users 4 8 16 32] [--seconds 15] [--writes] [--floor] [--json FILE]

For each database: seeds a scratch database once (SQLite in a temporary folder; PostgreSQL as
rugadem_bench_capacity on 127.0.0.1:5432, created and dropped here); for each worker count
starts gunicorn (sync workers) on 127.0.0.1 and runs locust headless once per step of --users,
each user sending its next request as soon as the last one answered (bench/locustfile.py with
RUGADEM_LOAD_THINK=0) through the page mix plus intake section saves. Per step: requests/s,
median and p95, errors, and the gunicorn workers' CPU time per request in the measured window
(sampled from /proc through psutil). The knee is the highest step with p95 <= 250 ms.

--writes: SQLite only, 20 therapists saving an intake section at once, and 20 users on the page
mix with saves, each with the read transactions of issue 18 and with every request
transaction IMMEDIATE (BENCH_SQLITE_ALL_IMMEDIATE=1, the earlier behaviour).
--floor: also, 2 workers, each database: the cheapest requests alone at rising users (a signed-in
health check, the stored plan PDF), so the stack's own cost per request (session, user, scope,
access log, the database's share, the load generator's) is measured apart from the pages' work.
Bounded: --seconds 5 to 60 per step, at most 64 users, only http://127.0.0.1.
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lib import capacity, env  # noqa: E402
from bench.lib.seed import Scale  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=Scale.parse, default=Scale(10_000, 50_000))
    parser.add_argument(
        "--database", nargs="+", choices=("sqlite", "postgres"), default=["sqlite", "postgres"]
    )
    parser.add_argument("--workers", nargs="+", type=int, default=[2, 4])
    parser.add_argument("--users", nargs="+", type=int, default=[4, 8, 16, 32])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--writes", action="store_true", help="the SQLite write-lock runs")
    parser.add_argument("--floor", action="store_true", help="also the floor runs")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    if not 5 <= args.seconds <= 60 or max(args.users) > 64:
        parser.error("bounded: --seconds 5 to 60, at most 64 users")
    results = {"settings": {"seconds": args.seconds, "users": args.users, "think_time_s": 0}}
    with tempfile.TemporaryDirectory(prefix="rugadem-capacity-") as tmp:
        for database in args.database:
            if database == "postgres" and not env.pg_available():
                results[database] = {"skipped": "PostgreSQL not reachable on 127.0.0.1:5432"}
                continue
            results[database] = capacity.run(
                database, args.scale, args.workers, args.users, args.seconds, Path(tmp)
            )
            if args.floor:
                results[f"floor_{database}"] = capacity.run_floor(
                    database, args.scale, args.users, args.seconds, Path(tmp)
                )
        if args.writes:
            results["writes"] = capacity.run_writes(args.scale, args.seconds, Path(tmp))
    results["settings"]["scale"] = {
        "patients": args.scale.patients,
        "measurements": args.scale.measurements,
    }
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
