"""Benchmark of the printed home plan (issue 6). Prints figures; asserts nothing.

    .venv/bin/python bench/bench_pdf.py [--runs 15] [--batch 40] [--json FILE]

Uses a throwaway SQLite database and media folder (production settings, DEBUG off). Measures
(bench/lib/pdf.py): the first render of a 1-, 3- and 4-page draft plan through the view,
interleaved with a bare WeasyPrint render of the same HTML (median, p95, ratio); the first
download of an issued plan (renders and stores the PDF/A record copy) against a bare PDF/A
render; a stored download; a batch of 40 unstored plans through the batch view; PDF sizes,
resident memory after the renders (steady state) and peak memory.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lib import env  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--batch", type=int, default=40)
    parser.add_argument("--stored-requests", type=int, default=200)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="rugadem-bench-"))
    try:
        url = env.sqlite_url(tmp / "bench.sqlite3")
        environ = env.bench_environ(url, tmp / "media")
        # Migrate in a child process, so this process's peak memory is that of a worker.
        subprocess.run(
            [sys.executable, str(env.ROOT / "manage.py"), "migrate", "-v0"],
            check=True,
            env={**os.environ, **environ},
        )
        env.setup(url, tmp / "media", SECRET_KEY=environ["SECRET_KEY"])
        from bench.lib import pdf

        print(f"PDF (python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")
        results = pdf.run(args.runs, args.batch, args.stored_requests)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
