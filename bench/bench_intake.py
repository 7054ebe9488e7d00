"""Benchmark the intake pages on a throwaway SQLite database.

    .venv/bin/python bench/bench_intake.py [--patients 2000] [--requests 30]

Seeds one clinic with N patients, fills the intake of one episode through the pages themselves
(and adds three follow-up visits with scores), signs a therapist in with Django's test client
and times every intake page: the overview, each section (empty and filled), a rejected and an
accepted submission, and the findings page. Prints median and p95 server time in ms and the
query count per request. The target is a median under 100 ms for every page.
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def configure(tmp: Path) -> None:
    """Point Django at a fresh SQLite file with production-like settings."""
    sys.path.insert(0, str(ROOT))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="clinic.settings",
        DATABASE_URL=f"sqlite:///{tmp / 'bench.sqlite3'}",
        DEBUG="0",
        SECRET_KEY="bench-" + "x" * 60,
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="testserver,localhost",
        CACHE_URL="locmemcache://",
        MEDIA_ROOT=str(tmp / "media"),
        LOG_LEVEL="WARNING",
    )
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic
    import django

    django.setup()


def seed(n_patients: int):
    """Create a clinic, a therapist, N patients and two episodes; return them."""
    from django_scopes import scopes_disabled

    from clinic.models import Clinic, Therapist
    from patients.models import Episode, Patient, Visit

    today = datetime.date.today()
    with scopes_disabled():
        clinic = Clinic.objects.create(name="Praktijk Bench")
        therapist = Therapist.objects.create_user(
            email="t@bench.test", password=None, clinic=clinic, first_name="Therapeut"
        )
        Patient.objects.bulk_create(
            [
                Patient(
                    clinic=clinic,
                    number=n + 1,
                    first_name="Piet",
                    last_name=f"Bench{n}",
                    date_of_birth=datetime.date(1970, 1, 1) + datetime.timedelta(days=n),
                )
                for n in range(n_patients)
            ],
            batch_size=2000,
        )
        episodes = []
        for patient in Patient.objects.filter(clinic=clinic)[:2]:
            episode = Episode.objects.create(
                clinic=clinic,
                patient=patient,
                therapist=therapist,
                referral="direct",
                opened_on=today - datetime.timedelta(days=60),
            )
            Visit.objects.create(
                episode=episode, kind="intake", date=episode.opened_on, therapist=therapist
            )
            episodes.append(episode)
    return therapist, episodes


def fill(client, episode, therapist) -> None:
    """Fill the whole intake through the section pages, then add scored follow-ups."""
    from django_scopes import scopes_disabled

    from patients import instruments
    from patients.models import InstrumentResponse, Visit

    # The same valid submissions the tests use.
    from tests.patients.conftest_intake import SECTION_KEYS, section_data, section_url

    for key in SECTION_KEYS:
        response = client.post(section_url(episode, key), section_data(key))
        assert response.status_code == 302, key
    with scopes_disabled():
        for weeks in (2, 4, 6):
            visit = Visit.objects.create(
                episode=episode,
                kind="follow_up",
                therapist=therapist,
                date=episode.opened_on + datetime.timedelta(weeks=weeks),
            )
            for code, answers in (("nprs", {"q1": 4}), ("psk", {"q1": 5, "q2": 3})):
                instrument = instruments.get(code)
                score = instrument.score(answers)
                InstrumentResponse.objects.create(
                    visit=visit,
                    instrument=code,
                    version=instrument.version,
                    answers=answers,
                    total=score.total,
                    band=score.band or "",
                    valid=True,
                )


def measure(client, label: str, requests: int, url: str, data=None) -> None:
    """Time ``requests`` requests (GET, or POST with data) and print median, p95 and queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    send = client.get if data is None else client.post
    send(url, data)  # warm up: templates, the session's activity stamp
    times = []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = send(url, data)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 302), (label, response.status_code)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(
        f"{label:<34} median {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  "
        f"queries {len(queries)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rugadem-bench-") as tmp:
        configure(Path(tmp))
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import override_settings
        from django.urls import reverse

        call_command("migrate", verbosity=0)
        therapist, (filled, empty) = seed(args.patients)
        client = Client()
        client.force_login(therapist)
        # No collectstatic in a throwaway run: plain static storage instead of the manifest.
        static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        with override_settings(STORAGES={**settings.STORAGES, "staticfiles": static}):
            run(client, args.requests, therapist, filled, empty, reverse)


def run(client, requests, therapist, filled, empty, reverse) -> None:
    from tests.patients.conftest_intake import SECTION_KEYS, section_data, section_url

    fill(client, filled, therapist)
    n = requests
    measure(client, "overview (empty)", n, reverse("patients:intake", args=[empty.pk]))
    measure(client, "overview (filled)", n, reverse("patients:intake", args=[filled.pk]))
    for key in SECTION_KEYS:
        measure(client, f"section {key} (empty)", n, section_url(empty, key))
        measure(client, f"section {key} (filled)", n, section_url(filled, key))
    rejected = section_data("pain", **{"qbpds__q20": "9"})
    measure(client, "POST pain, rejected", n, section_url(filled, "pain"), rejected)
    measure(client, "POST pain, saved", n, section_url(filled, "pain"), section_data("pain"))
    measure(
        client,
        "POST red flags, saved",
        n,
        section_url(filled, "redflags"),
        section_data("redflags"),
    )
    measure(client, "findings (3 follow-ups)", n, reverse("patients:findings", args=[filled.pk]))
    measure(client, "findings (empty)", n, reverse("patients:findings", args=[empty.pk]))


if __name__ == "__main__":
    main()
