"""Benchmark the main pages at one scale on a scratch database (one of bench/run.py's steps).

    .venv/bin/python bench/bench_pages.py [--scale 10000[:50000]] [--requests 40]
        [--database sqlite|postgres] [--json FILE] [--profile KEY ...]

Seeds a synthetic clinic (bench/lib/seed.py) in a fresh SQLite file (or the scratch PostgreSQL
database rugadem_bench_pages), signs a therapist in with Django's test client and prints the
median and p95 server time, CPU time and query count of each page (bench/lib/pages.py), the
patient list with and without access logging (interleaved), and plans.rules.generate().
--profile KEY writes a pyinstrument profile of that page (keys as in the JSON) to bench/out/.
"""

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lib import env  # noqa: E402
from bench.lib.seed import Scale  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=Scale.parse, default=Scale(10_000, 50_000))
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--generate-runs", type=int, default=500)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--profile", nargs="*", default=[], help="page keys to profile")
    args = parser.parse_args()
    with env.scratch(args.database):
        results = run(args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))


def run(args) -> dict:
    from bench.lib import pages
    from bench.lib.seed import seed

    started = time.perf_counter()
    sample = seed(args.scale).as_dict()
    seeded = time.perf_counter() - started
    print(f"Pages at {args.scale} ({args.database}; seeded in {seeded:.0f} s)")
    results = {
        "scale": {"patients": args.scale.patients, "measurements": args.scale.measurements},
        "database": args.database,
        "sample": sample,
        "pages": pages.measure_pages(sample, args.requests),
        "audit": pages.measure_audit(sample, args.requests * 2),
        "generate": pages.measure_generate(args.generate_runs),
    }
    if args.database == "postgres":
        results["pg_jit"] = pages.measure_pg_jit(sample, results["pages"], min(args.requests, 6))
    if args.profile:
        results["profiles"] = profile(sample, args.profile, results["pages"])
    return results


def profile(sample: dict, keys: list[str], page_results: dict) -> dict:
    """Profile 20 requests of each page with pyinstrument; write text and HTML to bench/out/."""
    from pyinstrument import Profiler

    from bench.lib.measure import request
    from bench.lib.pages import signed_in_client

    env.OUT.mkdir(exist_ok=True)
    client = signed_in_client(sample)
    written = {}
    for key in keys:
        url = page_results.get(key, {}).get("url")
        if not url:
            continue
        request(client, url)
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(20):
                request(client, url)
        path = env.OUT / f"profile-{key}"
        path.with_suffix(".txt").write_text(profiler.output_text(unicode=True, show_all=False))
        path.with_suffix(".html").write_text(profiler.output_html())
        written[key] = str(path.with_suffix(".txt"))
        print(f"  profile of {key}: {path}.txt / .html")
    return written


if __name__ == "__main__":
    main()
