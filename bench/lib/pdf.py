"""The printed home plan: first renders vs bare WeasyPrint, stored downloads, a batch, memory.

Every render time is paired with a bare WeasyPrint render of the same HTML (same fetcher, same
font configuration), interleaved, so the ratio holds on a noisy machine even when the times
themselves move. Plans of a chosen page count are found by rendering growing plans once.
"""

from __future__ import annotations

import io
import resource

from bench.lib.measure import (
    Timing,
    interleaved,
    paired_ratio,
    request,
    rss_mb,
    time_requests,
    timed_call,
)

#: Exercises in the order a plan of n exercises takes them (n = 1..len): phase, code.
ORDER = (
    (1, "diaphragm-hooklying"),
    (2, "diaphragm-seated"),
    (3, "breathing-daily-tasks"),
    (1, "open-book"),
    (2, "tva-drawing-in"),
    (3, "microbreak-routine"),
    (1, "daily-walk"),
    (2, "cat-camel"),
    (3, "wall-slide"),
    (1, "pursed-lip-exhale"),
    (2, "chin-tuck"),
    (3, "dead-bug"),
    (1, "nasal-breathing-rest"),
    (2, "seated-rotation"),
    (3, "glute-bridge-breathing"),
    (1, "slow-paced-breathing"),
)
DOSE = ("sets", "reps", "minutes", "hold_seconds", "times_per_day", "days_per_week")
#: The plans of the results table, by page count (issue 6: 1-, 3- and 4-page plans).
PAGE_TARGETS = (1, 3, 4)
#: The standard plan (PDF size, memory, the CI ratio gate): the 4-page plan.
STANDARD_PAGES = 4


def setup_clinic():
    from clinic.models import Clinic, Therapist

    clinic = Clinic.objects.create(
        name="Fysiotherapie De Linde",
        address="Lindelaan 4\n3511 AB Utrecht",
        phone="030 123 45 67",
        email="info@delinde.test",
    )
    # No password: an Argon2 hash's ~100 MB would hide the PDF work in the peak memory.
    user = Therapist.objects.create_user(
        email="pdf@bench.rugadem.test",
        password=None,
        clinic=clinic,
        first_name="Alice",
        last_name="de Vries",
    )
    return clinic, user


def make_plan(clinic, user, number: int, exercises: int, *, issued: bool):
    """Create a patient, an episode and a plan of the first ``exercises`` of ORDER."""
    import datetime

    from django.utils import timezone

    from patients.models import Episode, Patient
    from plans.models import Exercise, HomePlan, PlanItem

    patient = Patient.objects.create(
        clinic=clinic,
        number=number,
        first_name="Anna",
        last_name=f"Jansen{number}",
        date_of_birth=datetime.date(1980, 5, 17),
    )
    episode = Episode.objects.create(
        clinic=clinic,
        patient=patient,
        therapist=user,
        referral="direct",
        goals="Weer 30 minuten fietsen.\nZonder pijn werken.",
    )
    plan = HomePlan.objects.create(episode=episode, version=1, language="nl", created_by=user)
    chosen = sorted(ORDER[:exercises], key=lambda pair: pair[0])
    orders: dict[int, int] = {}
    for phase, code in chosen:
        exercise = Exercise.objects.get(clinic=None, code=code)
        orders[phase] = orders.get(phase, 0) + 1
        PlanItem.objects.create(
            plan=plan,
            exercise=exercise,
            phase=phase,
            order=orders[phase],
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


def plan_source(plan):
    """Return the HTML and files the view renders for ``plan`` (for the bare render)."""
    from django_scopes import scopes_disabled

    from plans.models import HomePlan
    from plans.pdf import plan_document, plan_html
    from plans.pdf.html import plan_files

    with scopes_disabled():
        doc = plan_document(HomePlan.objects.get(pk=plan.pk))
        return plan_html(doc), plan_files(doc)


def bare(html: str, files, variant=None) -> bytes:
    """Render with WeasyPrint alone: the same fetcher and font configuration as the app."""
    from weasyprint import HTML

    from clinic.printing.fetcher import BASE_URL, SafeFetcher
    from clinic.printing.render import FONT_CONFIG

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=SafeFetcher(files))
    return document.write_pdf(font_config=FONT_CONFIG, pdf_variant=variant)


def page_count(content: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


def pdf_url(plan) -> str:
    from django.urls import reverse

    return reverse("plans:pdf", args=[plan.pk])


def get_pdf(client, url: str) -> bytes:
    return request(client, url).content_bytes


def find_plans(clinic, user, client, log=print) -> dict[int, tuple[int, object, int]]:
    """Return {target pages: (exercises, draft plan, actual pages)} for PAGE_TARGETS.

    A plan of n exercises is made and rendered for n = 1, 2, ... until the largest target is
    passed; each target gets the largest plan with exactly that many pages (the smallest plan
    when no plan is that short, the nearest larger one when no plan has exactly that many).
    """
    found: dict[int, tuple[int, object, int]] = {}
    pages_of: list[tuple[int, object, int]] = []
    for n in range(1, len(ORDER) + 1):
        plan = make_plan(clinic, user, 100 + n, n, issued=False)
        pages = page_count(get_pdf(client, pdf_url(plan)))
        pages_of.append((n, plan, pages))
        if pages > max(PAGE_TARGETS):
            break
    for target in PAGE_TARGETS:
        exact = [row for row in pages_of if row[2] == target]
        larger = [row for row in pages_of if row[2] > target]
        found[target] = exact[-1] if exact else (larger[0] if larger else pages_of[-1])
    log("  page counts by exercises: " + ", ".join(f"{n}→{pages}" for n, _plan, pages in pages_of))
    return found


def first_renders(client, plans: dict, runs: int, log=print) -> dict:
    """Time each plan's draft preview through the view, interleaved with a bare render."""
    results = {}
    for target, (exercises, plan, pages) in plans.items():
        html, files = plan_source(plan)
        url = pdf_url(plan)
        holder = {}

        def view(url=url, holder=holder):
            holder["pdf"] = get_pdf(client, url)

        timings = interleaved({"view": view, "bare": lambda h=html, f=files: bare(h, f)}, runs)
        results[target] = summarise(timings, exercises=exercises, pages=pages)
        results[target]["size_kib"] = round(len(holder["pdf"]) / 1024, 1)
        show(log, f"{pages}-page plan ({exercises} exercises)", results[target])
    return results


def summarise(timings: dict[str, Timing], **extra) -> dict:
    view, bare_ = timings["view"], timings["bare"]
    return {
        **extra,
        "view": view.summary(),
        "bare": bare_.summary(),
        "ratio": paired_ratio(view, bare_),
        "cpu_ratio": paired_ratio(view, bare_, cpu=True),
    }


def show(log, label: str, result: dict) -> None:
    view, bare_ = result["view"], result["bare"]
    log(
        f"  {label:<34} view median {view['median_ms']:6.0f} ms p95 {view['p95_ms']:6.0f} | "
        f"bare {bare_['median_ms']:6.0f} ms | view/bare {result['ratio']:.3f} "
        f"(CPU {result['cpu_ratio']:.3f})"
    )


def record_copy(client, plan, runs: int, log=print) -> dict:
    """Time the record copy's render and store (the task a worker runs when a plan is issued)."""
    from clinic.printing.render import RECORD_VARIANT
    from plans.models import HomePlan
    from plans.tasks import store_plan_pdf

    html, files = plan_source(plan)

    def unstore():
        HomePlan._base_manager.filter(pk=plan.pk).update(pdf="", pdf_sha256="")

    timings = interleaved(
        {
            "view": lambda: store_plan_pdf.call(plan.pk),
            "bare": lambda: bare(html, files, RECORD_VARIANT),
        },
        runs,
        reset=unstore,
    )
    result = summarise(timings)
    show(log, "issued plan, record copy task (PDF/A)", result)
    return result


def stored_download(client, plan, requests: int, log=print) -> dict:
    from plans.tasks import store_plan_pdf

    url = pdf_url(plan)
    store_plan_pdf.call(plan.pk)  # the worker stores it once, when the plan is issued
    timing = time_requests(client, url, requests)
    log(
        f"  {'issued plan, stored download':<34} median {timing.median:6.1f} ms "
        f"p95 {timing.p95:6.1f} ms  queries {timing.query_count}"
    )
    return timing.summary()


def batch(client, clinic, user, size: int, exercises: int, log=print) -> dict:
    """Print ``size`` issued, never-stored plans through the batch view; time it once."""
    from django.urls import reverse
    from django_scopes import scopes_disabled

    with scopes_disabled():
        plans = [make_plan(clinic, user, 1000 + i, exercises, issued=True) for i in range(size)]
    data = {"plans": [plan.pk for plan in plans]}
    timing = Timing()

    def print_run():
        # The view enqueues the missing copies; one worker (in this process) renders them; the
        # page's refresh then gets the merged PDF. bench/bench_printing.py runs two workers.
        from django.core.management import call_command

        url = reverse("plans:batch")
        request(client, url, data, method="post", expect=(200, 202))
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
        return request(client, url, {"print": 1, **data})

    response = timed_call(print_run, timing)
    seconds = timing.wall[0] / 1000
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result = {
        "plans": size,
        "exercises": exercises,
        "seconds": round(seconds, 2),
        "per_plan_ms": round(seconds / size * 1000),
        "mib": round(len(response.content_bytes) / 1024 / 1024, 2),
        "child_peak_mb": round(children),
    }
    log(
        f"  {f'batch of {size} issued plans':<34} {seconds:6.1f} s "
        f"({result['per_plan_ms']} ms a plan, {result['mib']} MiB; batch workers' peak RSS "
        f"{result['child_peak_mb']} MB)"
    )
    return result


def memory(label: str, log=print) -> dict:
    result = {"rss_mb": round(rss_mb()), "peak_mb": round(rss_mb("VmHWM"))}
    log(f"  [memory {label}: RSS {result['rss_mb']} MB, peak {result['peak_mb']} MB]")
    return result


def extra_exercise_ms(first: dict) -> float | None:
    """Return the cost of one more exercise: the slope between the smallest and largest plan."""
    rows = sorted((row["exercises"], row["view"]["median_ms"]) for row in first.values())
    (n1, t1), (n2, t2) = rows[0], rows[-1]
    return None if n2 == n1 else (t2 - t1) / (n2 - n1)


def run(runs: int, batch_size: int, stored_requests: int, log=print) -> dict:
    """Run every PDF measurement (database migrated and empty); return the figures."""
    from django.test import Client
    from django_scopes import scopes_disabled

    with scopes_disabled():
        clinic, user = setup_clinic()
    client = Client()
    client.force_login(user)
    results = {"memory": {"start": memory("after start-up and migrate", log)}}
    with scopes_disabled():
        plans = find_plans(clinic, user, client, log)
    results["first_render"] = first_renders(client, plans, runs, log)
    results["extra_exercise_ms"] = extra_exercise_ms(results["first_render"])
    standard_exercises = plans[STANDARD_PAGES][0]
    with scopes_disabled():
        issued = make_plan(clinic, user, 900, standard_exercises, issued=True)
    results["record_copy"] = record_copy(client, issued, max(5, runs // 2), log)
    results["stored"] = stored_download(client, issued, stored_requests, log)
    results["memory"]["steady"] = memory("after the renders (steady state)", log)
    results["batch"] = batch(client, clinic, user, batch_size, standard_exercises, log)
    results["memory"]["after_batch"] = memory("after the batch", log)
    results["standard"] = {
        "pages": plans[STANDARD_PAGES][2],
        "exercises": standard_exercises,
        "size_kib": results["first_render"][STANDARD_PAGES]["size_kib"],
        "record_size_kib": round(len(get_pdf(client, pdf_url(issued))) / 1024, 1),
    }
    log(f"  extra exercise: {results['extra_exercise_ms']:.0f} ms")
    return results
