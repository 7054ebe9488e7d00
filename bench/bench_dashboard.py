"""Benchmark the clinic dashboard and an episode's progress page on a throwaway SQLite database.

    .venv/bin/python bench/bench_dashboard.py [--patients 5000] [--requests 30]

Targets (issue 7): the dashboard with 5,000 patients and 50,000 measurements in a small,
constant number of queries and a median of at most 150 ms; the progress page at most 100 ms
median including its charts. Seeds the bench clinic (bench/lib/seed.py) with 10 measurements a
patient: episodes open and discharged over two years, follow-ups with NPRS, PSK and QBPDS, NQ
and STarT Back at the intake, a GPE at the discharge, issued plans with their calendars
returned at follow-ups. Prints the median and p95 server time (Django's test client, the whole
middleware stack) and the queries per request.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lib import env  # noqa: E402
from bench.lib.seed import Scale  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    with env.scratch():
        from django.urls import reverse

        from bench.lib.measure import time_requests
        from bench.lib.pages import _charts, _log, signed_in_client
        from bench.lib.seed import seed

        sample = seed(Scale(args.patients, 10 * args.patients)).as_dict()
        admin = signed_in_client(sample, admin=True)
        therapist = signed_in_client(sample)
        n = args.requests
        for label, client, name, requests in (
            ("dashboard, whole clinic (admin)", admin, "patients:dashboard", n),
            ("dashboard, own caseload (therapist)", therapist, "patients:dashboard", n),
            ("due list (admin)", admin, "patients:due_list", n),
            ("outcome export CSV (admin)", admin, "patients:dashboard_csv", 5),
        ):
            _log(print, label, time_requests(client, reverse(name), requests))
        progress = reverse("patients:progress", args=[sample["episode_id"]])
        _log(print, "progress page (HTML)", time_requests(therapist, progress, n))
        _charts(therapist, progress, n, print)


if __name__ == "__main__":
    main()
