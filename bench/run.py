"""`make bench`: every benchmark in one command; prints the table and writes bench/RESULTS.md.

    make bench                                   # the full run (8 minutes on a quiet machine)
    make bench BENCH_ARGS="--quick"              # a small, fast run (about 2 minutes)
    make bench BENCH_ARGS="--scale 20000:100000 --skip-load"

Steps, each in its own process on its own scratch database (never the development database):
  1. pages at a fifth of the scale, then at the full scale (bench/bench_pages.py): median, p95
     and CPU time and the query count of the main pages; the patient list with and without the
     access log, interleaved; plans.rules.generate(); then the pages at the full scale again
     on PostgreSQL (scratch database rugadem_bench_pages), for the medians beside SQLite's;
  2. the printed plan (bench/bench_pdf.py): first renders against bare WeasyPrint, interleaved;
     the stored download; a 40-plan batch; memory;
  3. the load test (bench/load.py): gunicorn with 2 and 4 workers on 127.0.0.1, locust 30 s,
     on SQLite and on PostgreSQL (scratch database rugadem_bench on 127.0.0.1:5432);
  4. the closed-loop capacity test (bench/capacity.py): no think time, 4 to 32 users, 2 and 4
     workers, both databases, the knee at p95 <= 250 ms; and SQLite's 20 concurrent savers.
Then every figure is put next to its target (bench/lib/report.py). bench/PROFILING.md (the
profiles and fixes, written by hand) is appended to the results.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lib import env, report  # noqa: E402
from bench.lib.seed import Scale  # noqa: E402

BENCH = env.ROOT / "bench"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale",
        type=Scale.parse,
        help="PATIENTS[:MEASUREMENTS] (default 10000:50000; --quick: 1000:5000)",
    )
    parser.add_argument("--quick", action="store_true", help="small and fast: a smoke run")
    parser.add_argument("--requests", type=int, help="requests per page (default 40, quick 10)")
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--skip-postgres-pages", action="store_true")
    parser.add_argument("--skip-pdf", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-capacity", action="store_true")
    parser.add_argument("--output", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="rewrite the results from bench/out/results.json (the last run) without measuring",
    )
    args = parser.parse_args()
    if args.report_only:
        results = json.loads((env.OUT / "results.json").read_text())
        write(results, args.output, results.get("command", "make bench"))
        return
    quick = args.quick
    scale = args.scale or (Scale(1_000, 5_000) if quick else Scale(10_000, 50_000))
    requests = args.requests or (10 if quick else 40)
    env.OUT.mkdir(exist_ok=True)
    started = time.perf_counter()
    results = {"machine": env.versions(), "load_before": load_average()}
    print(f"Rugadem benchmarks at {scale} ({'quick' if quick else 'full'} run)", flush=True)

    if not args.skip_pages:
        results["pages"] = {}
        for name, at in (("small", scale.smaller(5)), ("large", scale)):
            results["pages"][name] = step(
                "bench_pages.py",
                ["--scale", f"{at.patients}:{at.measurements}", "--requests", str(requests)]
                + (["--generate-runs", "100"] if quick else []),
            )
        if env.pg_available() and not args.skip_postgres_pages:
            results["pages"]["postgres"] = step(
                "bench_pages.py",
                ["--database", "postgres", "--scale", f"{scale.patients}:{scale.measurements}"]
                # Few requests: with the JIT compiler on, one dashboard takes seconds.
                + ["--requests", "3" if quick else "8", "--generate-runs", "10"],
            )
    if not args.skip_pdf:
        pdf_args = ["--runs", "4", "--batch", "10", "--stored-requests", "50"] if quick else []
        results["pdf"] = step("bench_pdf.py", pdf_args)
    if not args.skip_load:
        load_args = ["--scale", f"{scale.patients}:{scale.measurements}"]
        if quick:
            load_args += ["--workers", "2", "--seconds", "10", "--users", "20"]
        else:
            load_args += ["--jit-off-run"]
        results["load"] = step("load.py", load_args)
    if not args.skip_capacity:
        capacity_args = [
            "--scale",
            f"{scale.patients}:{scale.measurements}",
            "--writes",
            "--floor",
        ]
        if quick:
            capacity_args += ["--workers", "2", "--users", "4", "16", "--seconds", "6"]
        results["capacity"] = step("capacity.py", capacity_args)

    results["load_after"] = load_average()
    results["seconds"] = time.perf_counter() - started
    results["command"] = "make bench" + (
        f' BENCH_ARGS="{" ".join(sys.argv[1:])}"' if sys.argv[1:] else ""
    )
    (env.OUT / "results.json").write_text(json.dumps(results, indent=2, default=str))
    print("\n" + report.markdown(results, command=results["command"]))
    write(results, args.output, results["command"])


def write(results: dict, output: Path, command: str) -> None:
    """Write the results with bench/PROFILING.md (the profiles and fixes) appended."""
    notes_file = BENCH / "PROFILING.md"
    notes = notes_file.read_text() if notes_file.exists() else ""
    output.write_text(report.markdown(results, command=command, notes=notes))
    shown = output.resolve()
    shown = shown.relative_to(env.ROOT) if shown.is_relative_to(env.ROOT) else shown
    print(f"\nWritten to {shown} ({results['seconds'] / 60:.1f} min)")


def step(script: str, arguments: list[str]) -> dict:
    """Run one benchmark script in its own process; return the figures it wrote."""
    target = env.OUT / f"{Path(script).stem}-{time.monotonic_ns()}.json"
    print(f"\n== {script} {' '.join(arguments)}", flush=True)
    subprocess.run(
        [sys.executable, str(BENCH / script), *arguments, "--json", str(target)],
        check=True,
        cwd=env.ROOT,
    )
    data = json.loads(target.read_text())
    target.unlink()
    return data


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
