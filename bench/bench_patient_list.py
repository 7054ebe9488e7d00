"""Benchmark the patient list page on a throwaway SQLite database.

    .venv/bin/python bench/bench_patient_list.py [--patients 10000] [--requests 30]

Seeds one clinic with N patients (about half with episodes and visits), signs a therapist in
with Django's test client and times the list page (50 rows): plain, with a search term and
sorted by last visit. Prints median and p95 server time in ms and the query count per request.
The CPU columns are the process time of the same requests: on a busy machine they show the
cost of the page itself, where wall-clock time also counts waiting for a CPU.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_NAMES = [
    "Anna",
    "Bram",
    "Chantal",
    "Daan",
    "Eva",
    "Fleur",
    "Gijs",
    "Hanna",
    "Iris",
    "Joost",
    "Kees",
    "Lotte",
    "Mila",
    "Noah",
    "Olga",
    "Pieter",
    "Roos",
    "Sem",
    "Tess",
    "Vera",
]
LAST_NAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
]


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
    """Create one clinic with five therapists and ``n_patients`` patients; return a therapist."""
    from django_scopes import scopes_disabled

    from clinic.models import Clinic, Therapist
    from patients.models import Episode, Patient, Visit

    rng = random.Random(7)
    today = datetime.date.today()
    with scopes_disabled():
        clinic = Clinic.objects.create(name="Praktijk Bench")
        staff = [
            Therapist.objects.create_user(
                email=f"t{i}@bench.test", password=None, clinic=clinic, first_name=f"Therapeut {i}"
            )
            for i in range(5)
        ]
        Patient.objects.bulk_create(
            [
                Patient(
                    clinic=clinic,
                    number=n + 1,
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    date_of_birth=today - datetime.timedelta(days=rng.randint(6000, 32000)),
                )
                for n in range(n_patients)
            ],
            batch_size=2000,
        )
        episodes = []
        for patient in Patient.objects.filter(clinic=clinic).only("pk").iterator():
            if rng.random() < 0.55:
                opened = today - datetime.timedelta(days=rng.randint(0, 700))
                closed = rng.random() < 0.6 and opened < today
                episodes.append(
                    Episode(
                        clinic=clinic,
                        patient=patient,
                        therapist=rng.choice(staff),
                        opened_on=opened,
                        referral="direct",
                        status="closed" if closed else "open",
                        closed_on=min(opened + datetime.timedelta(days=60), today)
                        if closed
                        else None,
                    )
                )
        Episode.objects.bulk_create(episodes, batch_size=2000)
        visits = []
        for episode in Episode.objects.filter(clinic=clinic).iterator():
            visits.append(
                Visit(
                    episode=episode,
                    kind="intake",
                    date=episode.opened_on,
                    therapist=episode.therapist,
                )
            )
            last = episode.closed_on or today
            for _ in range(rng.randint(0, 4)):
                day = episode.opened_on + datetime.timedelta(
                    days=rng.randint(0, (last - episode.opened_on).days)
                )
                visits.append(
                    Visit(episode=episode, kind="follow_up", date=day, therapist=episode.therapist)
                )
        Visit.objects.bulk_create(visits, batch_size=5000)
        print(f"seeded {n_patients} patients, {len(episodes)} episodes, {len(visits)} visits")
    return staff[0]


def measure(client, label: str, params: dict, requests: int) -> None:
    """Time ``requests`` GETs of the list page and print median, p95 and the query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    url = reverse("patients:list")
    client.get(url, params)  # warm up: templates, the session's activity stamp
    wall, cpu = [], []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as queries:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, params)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, response.status_code
    rows = response.content.count(b'<td><a href="/patients/')
    print(
        f"{label:<28} rows {rows:>3}  median {statistics.median(wall):5.1f} ms  "
        f"p95 {p95(wall):5.1f} ms  (cpu median {statistics.median(cpu):5.1f}, "
        f"p95 {p95(cpu):5.1f})  queries {len(queries)}"
    )


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rugadem-bench-") as tmp:
        configure(Path(tmp))
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import override_settings

        call_command("migrate", verbosity=0)
        therapist = seed(args.patients)
        client = Client()
        client.force_login(therapist)
        # No collectstatic in a throwaway run: plain static storage instead of the manifest.
        static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        from django.conf import settings

        with override_settings(STORAGES={**settings.STORAGES, "staticfiles": static}):
            measure(client, "list", {}, args.requests)
            measure(client, "list, search 'jan'", {"q": "jan"}, args.requests)
            measure(client, "list, sort last visit", {"sort": "-last_visit"}, args.requests)
            measure(
                client, "list, open episodes, page 3", {"episode": "open", "page": 3}, args.requests
            )


if __name__ == "__main__":
    main()
