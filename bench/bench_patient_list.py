"""Benchmark the patient list page on a throwaway SQLite database.

    .venv/bin/python bench/bench_patient_list.py [--patients 10000] [--requests 30]

Seeds the bench clinic (bench/lib/seed.py: N patients, 5 measurements a patient, about half
with episodes and visits), signs a therapist in with Django's test client and times the list
page (50 rows): plain, with a search term, sorted by last visit, filtered on open episodes. Prints
median and p95 server time, the CPU time of the same requests (on a busy machine wall-clock time
also counts waiting for a CPU) and the query count. Targets: at most 8 queries, median 25 ms.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lib import env  # noqa: E402
from bench.lib.seed import Scale  # noqa: E402

VARIANTS = (
    ("list", ""),
    ("list, search 'jan'", "?q=jan"),
    ("list, sort last visit", "?sort=-last_visit"),
    ("list, open episodes, page 3", "?episode=open&page=3"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    with env.scratch():
        from django.urls import reverse

        from bench.lib.measure import time_requests
        from bench.lib.pages import signed_in_client
        from bench.lib.seed import seed

        sample = seed(Scale(args.patients, 5 * args.patients)).as_dict()
        client = signed_in_client(sample)
        for label, query in VARIANTS:
            timing = time_requests(client, reverse("patients:list") + query, args.requests)
            rows = client.get(reverse("patients:list") + query).content.count(
                b'<td><a href="/patients/'
            )
            print(
                f"{label:<28} rows {rows:>3}  median {timing.median:5.1f} ms  "
                f"p95 {timing.p95:5.1f} ms  (cpu median {timing.cpu_median:5.1f})  "
                f"queries {timing.query_count}"
            )


if __name__ == "__main__":
    main()
