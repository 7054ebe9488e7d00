"""Benchmark the intake pages on a throwaway SQLite database.

    .venv/bin/python bench/bench_intake.py [--patients 2000] [--requests 30]

Seeds the bench clinic (bench/lib/seed.py), whose sample episode has a complete intake and three
follow-ups with scores, and another a draft intake; signs a therapist in with Django's test
client and times every intake page: the overview (draft and complete), each section, an
accepted submission and the findings page. Prints median and p95 server time in ms and the
query count per request. The target is a median under 100 ms for every page.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lib import env  # noqa: E402
from bench.lib.seed import Scale  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    with env.scratch():
        from django.urls import reverse

        from bench.lib.measure import time_requests
        from bench.lib.pages import _intake_sections, _log, signed_in_client
        from bench.lib.seed import seed
        from patients.intake import sections as intake

        sample = seed(Scale(args.patients, 5 * args.patients)).as_dict()
        client = signed_in_client(sample)
        n = args.requests
        for label, key in (("overview (draft)", "draft_episode_id"), ("overview", "episode_id")):
            _log(
                print,
                label,
                time_requests(client, reverse("patients:intake", args=[sample[key]]), n),
            )
        for section in intake.SECTIONS:
            url = reverse("patients:intake_section", args=[sample["draft_episode_id"], section.key])
            _log(print, f"section {section.key} (draft)", time_requests(client, url, n))
        _intake_sections(client, sample, n, print)
        for label, key in (
            ("findings (3 follow-ups)", "episode_id"),
            ("findings (draft)", "draft_episode_id"),
        ):
            url = reverse("patients:findings", args=[sample[key]])
            _log(print, label, time_requests(client, url, n))


if __name__ == "__main__":
    main()
