"""Benchmark the plan rules and the plan editor page.

Targets (issue 5): generate() median under 5 ms for a full set of findings; the plan editor
page under 100 ms median. Runs on a throwaway SQLite database:

    .venv/bin/python bench/bench_plans.py [--runs 200] [--requests 50]
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lib import env  # noqa: E402
from bench.lib.seed import Scale  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--requests", type=int, default=50)
    options = parser.parse_args()
    with env.scratch():
        from django.urls import reverse

        from bench.lib.measure import time_requests
        from bench.lib.pages import measure_generate, signed_in_client
        from bench.lib.seed import seed

        sample = seed(Scale(100, 500)).as_dict()
        measure_generate(options.runs)
        url = reverse("plans:editor", args=[sample["draft_plan_id"]])
        timing = time_requests(signed_in_client(sample), url, options.requests)
        print(
            f"plan editor page: median {timing.median:.1f} ms, p95 {timing.p95:.1f} ms "
            f"(cpu median {timing.cpu_median:.1f} ms), {timing.query_count} queries "
            f"({options.requests} requests; target < 100 ms)"
        )


if __name__ == "__main__":
    main()
