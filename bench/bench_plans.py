"""Benchmark the plan rules and the plan editor page.

Targets (issue 5): generate() median under 5 ms for a full set of findings; the plan editor
page under 100 ms median. Runs on a throwaway SQLite database:

    .venv/bin/python bench/bench_plans.py [--runs 200] [--requests 50]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DB_DIR = tempfile.mkdtemp(prefix="rugadem-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{DB_DIR}/bench.sqlite3"
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("CACHE_URL", "locmemcache://")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["DJANGO_SETTINGS_MODULE"] = "clinic.settings"
warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_scopes import scope  # noqa: E402

from patients.findings import Findings  # noqa: E402

# Every finding that makes some rule fire, at once (without red flags): the slowest input.
FULL_FINDINGS = Findings(
    duration="acute",
    nprs=8,
    onset_mode="sudden_lifting",
    recurrent=True,
    sbst_risk="high",
    stress=9,
    fear_of_movement=True,
    desk_hours=9.0,
    heavy_work=True,
    sleep_poor=True,
    activity_low=True,
    nq_total=30,
    nq_elevated=True,
    hilo_supine="paradoxical",
    rate_flag="elevated",
    breath_route="mouth",
    sighs=True,
    accessory_muscles=True,
    thoracic_limited=True,
    forward_head=True,
    increased_kyphosis=True,
    flexion_painful=True,
    extension_painful=True,
    late_pregnancy=True,
)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_generate(runs: int) -> list[float]:
    from plans.models import Exercise
    from plans.rules import generate

    # The models the view passes in, loaded once: generate() itself is pure.
    exercises = list(Exercise.objects.filter(clinic__isnull=True))
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        generate(FULL_FINDINGS, exercises)
        samples.append(time.perf_counter() - start)
    return samples


def arrange():
    """Create a clinic, a therapist, a patient with an episode and a generated draft."""
    import datetime

    from clinic.models import Clinic, Therapist
    from patients.models import Episode, Patient, RedFlagScreen, Visit
    from plans import services

    clinic = Clinic.objects.create(name="Bench")
    user = Therapist.objects.create_user(email="bench@bench.test", password="x" * 12, clinic=clinic)
    with scope(clinic=clinic.pk):
        patient = Patient.objects.create(
            clinic=clinic,
            number=1,
            first_name="B",
            last_name="Ench",
            date_of_birth=datetime.date(1980, 1, 1),
        )
        episode = Episode.objects.create(
            clinic=clinic, patient=patient, therapist=user, referral="direct"
        )
        Visit.objects.create(episode=episode, kind="intake", therapist=user)
        RedFlagScreen.objects.create(episode=episode, level="none", updated_by=user)
        plan = services.plan_generate(episode=episode, user=user, findings=FULL_FINDINGS)
        items = plan.items.count()
    return user, plan, items


def bench_editor(user, plan, requests: int) -> tuple[list[float], list[float], int]:
    """Return the wall-clock and CPU times (s) of the editor page, and its query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    url = reverse("plans:editor", args=[plan.pk])
    assert client.get(url).status_code == 200  # warm up: templates, the session's activity stamp
    wall, cpu = [], []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as queries:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        assert response.status_code == 200
    return wall, cpu, len(queries)


def p95_ms(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--requests", type=int, default=50)
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    # Production settings otherwise, but no collectstatic manifest for a throwaway run.
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": static}).enable()
    generate_samples = bench_generate(options.runs)
    user, plan, items = arrange()
    wall, cpu, queries = bench_editor(user, plan, options.requests)
    print(
        f"generate() full findings: median {median_ms(generate_samples):.2f} ms, "
        f"p95 {p95_ms(generate_samples):.2f} ms ({options.runs} runs; target < 5 ms)"
    )
    print(
        f"plan editor page ({items} items): median {median_ms(wall):.1f} ms, "
        f"p95 {p95_ms(wall):.1f} ms (cpu median {median_ms(cpu):.1f} ms), "
        f"{queries} queries ({options.requests} requests; target < 100 ms)"
    )


if __name__ == "__main__":
    main()
