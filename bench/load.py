"""Load test on 127.0.0.1: gunicorn (2 and 4 workers) and locust headless, SQLite and PostgreSQL.

    .venv/bin/python bench/load.py [--scale 10000[:50000]] [--database sqlite postgres]
        [--workers 2 4] [--users 50] [--seconds 30] [--json FILE]

For each database: seeds a scratch database (SQLite in a temporary folder; PostgreSQL as
rugadem_bench on 127.0.0.1:5432, created and dropped here), then for each worker count starts
gunicorn on a free port of 127.0.0.1, runs locust headless for --seconds (at most
--max-requests requests) with therapists that sign in through the real form and click with a
think time of 1-3 s (bench/locustfile.py), and stops gunicorn. Prints requests per second,
median and p95 latency and errors (which must be 0) per run.
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lib import env, load  # noqa: E402
from bench.lib.seed import Scale  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=Scale.parse, default=Scale(10_000, 50_000))
    parser.add_argument(
        "--database", nargs="+", choices=("sqlite", "postgres"), default=["sqlite", "postgres"]
    )
    parser.add_argument("--workers", nargs="+", type=int, default=[2, 4])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument(
        "--jit-off-run",
        action="store_true",
        help="PostgreSQL: one more 2-worker run with the JIT compiler off",
    )
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    if not 1 <= args.seconds <= 120:
        parser.error("--seconds: 1 to 120 (the load test is bounded)")
    results = {}
    with tempfile.TemporaryDirectory(prefix="rugadem-load-") as tmp:
        print(f"Load test: {args.users} users, {args.seconds} s a run, think time 1-3 s")
        for database in args.database:
            if database == "postgres" and not env.pg_available():
                print("  postgres: not reachable on 127.0.0.1:5432, skipped")
                results[database] = {"skipped": "PostgreSQL not reachable on 127.0.0.1:5432"}
                continue
            results[database] = load.run(
                database,
                args.scale,
                args.workers,
                users=args.users,
                seconds=args.seconds,
                max_requests=args.max_requests,
                tmp=Path(tmp),
                jit_off_run=args.jit_off_run,
            )
        results["settings"] = {
            "users": args.users,
            "seconds": args.seconds,
            "think_time_s": [1, 3],
            "scale": {"patients": args.scale.patients, "measurements": args.scale.measurements},
        }
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
