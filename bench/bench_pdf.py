"""Benchmark of the printed home plan (issue 6). Prints figures; asserts nothing.

    .venv/bin/python bench/bench_pdf.py [--runs 20] [--batch 40]

Uses a throwaway SQLite database and media folder (production settings, DEBUG off). Measures:
- first render of draft previews (2, 8 and 12 exercises) through the view (django.test.Client),
  interleaved with a bare WeasyPrint render of the same HTML: median, p95 and their ratio;
- the first download of an issued plan (renders the PDF/A record copy) vs bare PDF/A render;
- a stored download through the view; a batch of 40 unstored plans via the batch view;
- PDF sizes, resident memory after the runs (steady state) and peak memory.
"""

import argparse
import io
import os
import pathlib
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
TMP = pathlib.Path(tempfile.mkdtemp(prefix="rugadem-bench-"))
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "clinic.settings",
        "DATABASE_URL": f"sqlite:///{TMP / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(TMP / "media"),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
        "CACHE_URL": "locmemcache://",
        "LOG_LEVEL": "WARNING",
    }
)
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from weasyprint import HTML  # noqa: E402

from clinic.models import Clinic, Therapist  # noqa: E402
from patients.models import Episode, Patient  # noqa: E402
from plans.models import Exercise, HomePlan, PlanItem  # noqa: E402
from plans.pdf import plan_document, plan_html  # noqa: E402
from plans.pdf.fetcher import BASE_URL, SafeFetcher  # noqa: E402
from plans.pdf.html import plan_files  # noqa: E402
from plans.pdf.render import FONT_CONFIG, RECORD_VARIANT  # noqa: E402

PLANS = {
    2: {1: ("diaphragm-hooklying",), 3: ("daily-walk",)},
    8: {
        1: ("diaphragm-hooklying", "open-book", "daily-walk"),
        2: ("diaphragm-seated", "tva-drawing-in", "cat-camel"),
        3: ("breathing-daily-tasks", "microbreak-routine"),
    },
    12: {
        1: ("diaphragm-hooklying", "open-book", "daily-walk", "pursed-lip-exhale"),
        2: ("diaphragm-seated", "tva-drawing-in", "cat-camel", "chin-tuck"),
        3: ("breathing-daily-tasks", "microbreak-routine", "wall-slide", "dead-bug"),
    },
}
DOSE = ("sets", "reps", "minutes", "hold_seconds", "times_per_day", "days_per_week")


def setup_data():
    # Migrate in a child process, so this process's peak memory is that of a worker.
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], check=True)
    clinic = Clinic.objects.create(
        name="Fysiotherapie De Linde",
        address="Lindelaan 4\n3511 AB Utrecht",
        phone="030 123 45 67",
        email="info@delinde.test",
    )
    user = Therapist.objects.create_user(
        email="bench@delinde.test",
        password=None,  # no Argon2 hash: its ~100 MB would hide the PDF work in the peak
        clinic=clinic,
        first_name="Alice",
        last_name="de Vries",
    )
    return clinic, user


def make_plan(clinic, user, number, phases, *, issued):
    patient = Patient.objects.create(
        clinic=clinic,
        number=number,
        first_name="Anna",
        last_name=f"Jansen{number}",
        date_of_birth=datetime_date(),
    )
    episode = Episode.objects.create(
        clinic=clinic,
        patient=patient,
        therapist=user,
        referral="direct",
        goals="Weer 30 minuten fietsen.\nZonder pijn werken.",
    )
    plan = HomePlan.objects.create(episode=episode, version=1, language="nl", created_by=user)
    for phase, codes in phases.items():
        for order, code in enumerate(codes, start=1):
            exercise = Exercise.objects.get(clinic=None, code=code)
            PlanItem.objects.create(
                plan=plan,
                exercise=exercise,
                phase=phase,
                order=order,
                reason_code="starter",
                **{field: getattr(exercise, field) for field in DOSE},
            )
    if issued:
        for item in plan.items.select_related("exercise"):
            item.frozen = item.freeze(plan.language)
            item.save(update_fields=["frozen"])
        plan.status, plan.issued_at, plan.issued_by = "issued", timezone.now(), user
        plan.save()
    return plan


def datetime_date():
    import datetime

    return datetime.date(1980, 5, 17)


def bare(html, files, variant=None):
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=SafeFetcher(files))
    return document.write_pdf(font_config=FONT_CONFIG, pdf_variant=variant)


def timed(function, cpu=None):
    """Return (wall-clock seconds, result); append the CPU seconds to ``cpu`` if given."""
    started, started_cpu = time.perf_counter(), time.process_time()
    result = function()
    if cpu is not None:
        cpu.append(time.process_time() - started_cpu)
    return time.perf_counter() - started, result


def p95(values):
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def show(label, values):
    print(
        f"  {label:<44} median {statistics.median(values) * 1000:7.1f} ms   "
        f"p95 {p95(values) * 1000:7.1f} ms   (n={len(values)})"
    )


def rss_mb(field="VmRSS"):
    """Return this process's resident memory (VmRSS) or its peak so far (VmHWM) in MB."""
    for line in pathlib.Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def memory(label):
    print(f"  [memory {label}: RSS {rss_mb():.0f} MB, peak {rss_mb('VmHWM'):.0f} MB]")


def get(client, url):
    response = client.get(url, secure=True)
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def interleaved(client, plan, runs, *, variant=None, reset=None):
    """Time the view and a bare render of the same HTML, alternating, after one warm-up."""
    url = reverse("plans:pdf", args=[plan.pk])
    with scopes_disabled():
        doc = plan_document(HomePlan.objects.get(pk=plan.pk))
    html, files = plan_html(doc), plan_files(doc)
    get(client, url), bare(html, files, variant)
    views, bares, cpu_views, cpu_bares, size = [], [], [], [], 0
    for _ in range(runs):
        if reset:
            reset()
        seconds, content = timed(lambda: get(client, url), cpu_views)
        views.append(seconds)
        size = len(content)
        bares.append(timed(lambda: bare(html, files, variant), cpu_bares)[0])
    ratio = statistics.median(cpu_views) / statistics.median(cpu_bares)
    return views, bares, size, ratio


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--batch", type=int, default=40)
    args = parser.parse_args()
    clinic, user = setup_data()
    client = Client()
    client.force_login(user)
    with scopes_disabled():
        drafts = {
            n: make_plan(clinic, user, n, phases, issued=False) for n, phases in PLANS.items()
        }
        issued = make_plan(clinic, user, 100, PLANS[8], issued=True)
    print(f"Rugadem PDF benchmark  (python {sys.version.split()[0]}, {os.cpu_count()} cores)")
    memory("after start-up, migrate and test data (Django + WeasyPrint loaded)")

    print("\nFirst render, draft preview through the view vs bare WeasyPrint, interleaved:")
    medians = {}
    for n, plan in drafts.items():
        views, bares, size, cpu_ratio = interleaved(client, plan, args.runs)
        pages = len(PdfReader(io.BytesIO(get(client, reverse("plans:pdf", args=[plan.pk])))).pages)
        show(f"{n:>2} exercises, view", views)
        show(f"{n:>2} exercises, bare WeasyPrint", bares)
        ratio = statistics.median(views) / statistics.median(bares)
        print(
            f"  {'':<44} view/bare {ratio:.3f} (CPU time {cpu_ratio:.3f})   "
            f"size {size / 1024:.1f} KiB   pages {pages}"
        )
        medians[n] = statistics.median(views)
    extra = (medians[12] - medians[8]) / 4
    print(f"  each extra exercise (8 -> 12): {extra * 1000:.0f} ms")
    memory("after the draft renders")

    print("\nFirst download of an issued plan (renders and stores the PDF/A-2b record copy):")

    def unstore():
        HomePlan._base_manager.filter(pk=issued.pk).update(pdf="", pdf_sha256="")

    views, bares, size, cpu_ratio = interleaved(
        client, issued, args.runs, variant=RECORD_VARIANT, reset=unstore
    )
    show("8 exercises, view (render + store)", views)
    show("8 exercises, bare WeasyPrint PDF/A-2b", bares)
    print(
        f"  {'':<44} view/bare {statistics.median(views) / statistics.median(bares):.3f} "
        f"(CPU time {cpu_ratio:.3f})   size {size / 1024:.1f} KiB"
    )

    print("\nStored download through the view:")
    url = reverse("plans:pdf", args=[issued.pk])
    get(client, url)
    show("8 exercises, stored copy", [timed(lambda: get(client, url))[0] for _ in range(200)])
    memory("after the stored downloads")

    print(f"\nBatch of {args.batch} issued plans, none stored yet, through the batch view:")
    with scopes_disabled():
        batch = [
            make_plan(clinic, user, 1000 + i, PLANS[8], issued=True) for i in range(args.batch)
        ]
    data = {"plans": [plan.pk for plan in batch]}
    seconds, response = timed(lambda: client.post(reverse("plans:batch"), data, secure=True))
    content = b"".join(response.streaming_content)
    print(
        f"  {seconds:.1f} s   ({seconds / args.batch * 1000:.0f} ms per plan, "
        f"{len(content) / 1024 / 1024:.1f} MiB merged)"
    )

    memory("after the batch")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  largest batch worker process: peak RSS {children:.0f} MB")


if __name__ == "__main__":
    main()
