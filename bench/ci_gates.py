"""CI gates that hold on a noisy shared machine: query counts, PDF size, a render-time RATIO.

    .venv/bin/python bench/ci_gates.py                     # what .ci/run runs (~30-60 s)
    .venv/bin/python bench/ci_gates.py --freeze-reference  # after a deliberate layout change

Absolute times are never asserted here (these machines vary by ±25 % between runs). On a
scratch SQLite database with a seeded clinic of 200 patients / 1,000 measurements it checks:

1. the query count of each main page is at most its fixed limit (LIMITS), and stays the same
   after the clinic grows to 400 patients / 2,000 measurements (no N+1);
2. the printed standard plan (the draft the rules generate for a full intake: 12 exercises
   and 2 daily habits) and its stored PDF/A record copy are at most 100 KiB; a standard
   8-exercise plan (bench.lib.pdf.make_plan: 6 exercises and the walk and micro-breaks as daily
   habits) prints in at most EIGHT_EXERCISE_PAGES pages in Dutch and in English, the full-intake
   plan in at most FULL_INTAKE_PAGES;
3. rendering that plan through the view, interleaved with a fixed reference document
   (bench/reference/: the same plan's HTML, CSS and illustrations as frozen on a day), takes at
   most 1.25 times as long as the reference. The ratio is of CPU time (the process's own time:
   another job on the machine does not move it): the median of the ratios of ROUNDS pairs
   rendered back to back, alternating which goes first.

Exit status 1 with a list of what failed. Raise a limit deliberately, in the same commit as
the change that needs it; refreeze the reference when the plan's layout changed on purpose.
"""

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lib import env  # noqa: E402
from bench.lib.seed import Scale  # noqa: E402

SMALL, LARGE = Scale(200, 1_000), Scale(400, 2_000)
#: The access log is sealed as it is written (clinic/accesslog.py): every page that logs pays for
#: reading the chain's head and inserting the seals (on SQLite; PostgreSQL adds its lock).
SEAL = 2
#: Queries per request at 200 patients (transaction control not counted; see bench/lib/measure.py).
LIMITS = {
    "home": 5 + SEAL,
    "patient_list": 6 + SEAL,
    "patient_list_search": 6 + SEAL + 1,  # the search words, kept apart from the sealed event
    "patient_list_sort": 6 + SEAL,
    "patient_detail": 7 + SEAL,
    "intake_overview": 6 + SEAL,
    "findings": 13 + SEAL,  # +1: the draft or issued plan its next-step button opens
    "plan_editor": 7 + SEAL + 4,  # +4: the current findings, for the ruled-out check (issue 13)
    "plan_detail": 6 + SEAL,
    "progress": 8 + SEAL,
    "dashboard": 8 + SEAL,  # computed: after a change in the clinic
    "dashboard_clinic": 8 + SEAL,
    # Issue 18: served from the cache until the clinic's data changes (clinic/changes.py):
    # session, user, therapists, the change stamp and the cached figures, the access event.
    "dashboard_cached": 4 + SEAL,
    "due_list": 6 + SEAL,
    "pdf_stored": 4 + SEAL,
    "intake_section": 6 + SEAL,
    "intake_post": 10 + SEAL,
    # Issue 18: the progress page with its charts is one request (the charts inline as data:
    # images; they were 4 more requests through the middleware, 28 queries in all), and the
    # list sorted by last visit reads Patient.last_visit_on, never the visits.
    "progress_with_charts": 8 + SEAL,
    "patient_list_sort_visit_queries": 0,
}
PDF_MAX_KIB = 100
#: Issue 16: a standard 8-exercise plan fits in 4 A4 pages. The full-intake plan has 14 blocks
#: with a 60 mm picture each at 11 pt: 6 pages (it was 7).
EIGHT_EXERCISE_PAGES = 4
FULL_INTAKE_PAGES = 6
RATIO_MAX = 1.25
ROUNDS = 9
REFERENCE = env.ROOT / "bench" / "reference"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--freeze-reference", action="store_true")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    args = parser.parse_args()
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="rugadem-gates-"))
    try:
        env.setup(env.sqlite_url(tmp / "gates.sqlite3"), tmp / "media")
        from django.core.management import call_command

        from bench.lib.seed import seed

        call_command("migrate", verbosity=0)
        sample = seed(SMALL, log=lambda _text: None).as_dict()
        if args.freeze_reference:
            freeze_reference(sample)
            return 0
        failures = query_gates(sample) + pdf_gates(sample, args.rounds)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    seconds = time.perf_counter() - started
    if failures:
        print(f"\nbench gates: {len(failures)} failed ({seconds:.0f} s):")
        for failure in failures:
            print(f"  FAIL {failure}")
        return 1
    print(f"bench gates: all passed ({seconds:.0f} s)")
    return 0


def query_counts(sample: dict) -> dict[str, int | None]:
    """Return the queries of one request of each page (after one untimed request)."""
    from django.urls import reverse

    from bench.lib.pages import (
        ADMIN_PAGES,
        COMPUTED_PAGES,
        PAGES,
        _intake_post,
        fresh_stamp,
        signed_in_client,
        url_for,
    )
    from patients.intake import sections as intake

    client = signed_in_client(sample)
    urls = {key: url_for(name, sample, id_key, query) for key, _l, name, id_key, query in PAGES}
    counts = {}
    admin_client = signed_in_client(sample, admin=True)
    for key, url in urls.items():
        user_client = admin_client if key in ADMIN_PAGES else client
        reset = fresh_stamp(sample) if key in COMPUTED_PAGES else None
        counts[key] = count(user_client, url, reset=reset) if url else None
    counts["intake_section"] = max(
        count(client, reverse("patients:intake_section", args=[sample["episode_id"], s.key]))
        for s in intake.SECTIONS
    )
    post = _intake_post(client, sample, 2)
    counts["intake_post"] = post.query_count if post else None
    if urls.get("progress"):
        counts["progress_with_charts"] = page_with_images(client, urls["progress"])
    if urls.get("patient_list_sort"):
        counts["patient_list_sort_visit_queries"] = count(
            client, urls["patient_list_sort"], matching='"patients_visit"'
        )
    return counts


def page_with_images(client, url: str) -> int:
    """Return the queries of a page plus those of every image it loads from this site."""
    import re

    from bench.lib.measure import request

    total = count(client, url)
    html = request(client, url).content.decode()
    for src in re.findall(r'<img[^>]+src="(/(?!static/)[^"]+)"', html):
        total += count(client, src)
    return total


def count(client, url: str, *, matching: str = "", reset=None) -> int:
    """Return the queries of one request (those whose SQL holds ``matching``, if given);
    ``reset`` (optional) runs, uncounted, before it."""
    from bench.lib.measure import QueryCounter, request

    request(client, url)
    if reset:
        reset()
    counter = QueryCounter(matching=matching)
    with counter.counting():
        request(client, url)
    return counter.count


def query_gates(sample: dict) -> list[str]:
    from bench.lib.seed import grow

    small = query_counts(sample)
    grow(sample, LARGE)
    large = query_counts(sample)
    failures = []
    print(f"Queries per request at {SMALL.patients} / {LARGE.patients} patients (limit):")
    for key, limit in LIMITS.items():
        a, b = small.get(key), large.get(key)
        print(f"  {key:<22} {a!s:>4} / {b!s:<4} (≤ {limit})")
        if a is None or b is None:
            failures.append(f"{key}: the page is missing or failed")
        elif a > limit:
            failures.append(f"{key}: {a} queries, limit {limit}")
        elif a != b:
            failures.append(
                f"{key}: {a} queries at {SMALL.patients} patients, {b} at "
                f"{LARGE.patients} (grows with the data)"
            )
    return failures


def standard_plan(sample: dict):
    from django_scopes import scopes_disabled

    from plans.models import HomePlan

    with scopes_disabled():
        return HomePlan.objects.get(pk=sample["draft_plan_id"])


def pdf_gates(sample: dict, rounds: int) -> list[str]:
    from bench.lib import pdf
    from bench.lib.measure import interleaved, paired_ratio
    from bench.lib.pages import signed_in_client

    client = signed_in_client(sample)
    plan = standard_plan(sample)
    url = pdf.pdf_url(plan)
    preview = pdf.get_pdf(client, url)
    with_record = pdf.get_pdf(client, pdf.pdf_url(_issued(sample)))
    failures = []
    sizes = {"draft preview": len(preview) / 1024, "stored record copy": len(with_record) / 1024}
    from django_scopes import scopes_disabled

    with scopes_disabled():
        items = plan.items.count()
    pages = pdf.page_count(preview)
    print(f"Standard plan: {items} exercises, {pages} pages (≤ {FULL_INTAKE_PAGES})")
    if pages > FULL_INTAKE_PAGES:
        failures.append(f"full-intake plan: {pages} pages, limit {FULL_INTAKE_PAGES}")
    for label, kib in sizes.items():
        print(f"  {label:<22} {kib:6.1f} KiB (≤ {PDF_MAX_KIB})")
        if kib > PDF_MAX_KIB:
            failures.append(f"PDF {label}: {kib:.1f} KiB, limit {PDF_MAX_KIB} KiB")
    failures += eight_exercise_pages(sample, client)
    html, fetcher = reference_document()
    timings = interleaved(
        {"plan": lambda: pdf.get_pdf(client, url), "reference": lambda: render(html, fetcher)},
        rounds,
    )
    plan_t, ref_t = timings["plan"], timings["reference"]
    cpu_ratio = paired_ratio(plan_t, ref_t, cpu=True)
    wall_ratio = paired_ratio(plan_t, ref_t)
    print(
        f"  render vs reference    CPU {plan_t.cpu_median:.0f} / {ref_t.cpu_median:.0f} ms, "
        f"ratio {cpu_ratio:.3f} (≤ {RATIO_MAX}); wall {plan_t.median:.0f} / {ref_t.median:.0f} "
        f"ms, ratio {wall_ratio:.3f} (reported only)"
    )
    if cpu_ratio > RATIO_MAX:
        failures.append(
            f"PDF render: {cpu_ratio:.3f} times the reference document's time, limit {RATIO_MAX}"
            " (profile it; refreeze the reference only for a deliberate layout change)"
        )
    return failures


def eight_exercise_pages(sample: dict, client) -> list[str]:
    """Print a standard 8-exercise plan in Dutch and in English; fail above 4 pages."""
    from django_scopes import scopes_disabled

    from bench.lib import pdf
    from clinic.models import Clinic, Therapist

    failures = []
    with scopes_disabled():
        clinic = Clinic.objects.get(pk=sample["clinic_id"])
        user = Therapist.objects.get(pk=sample["user_id"])
        for number, language in enumerate(("nl", "en"), start=90_001):
            plan = pdf.make_plan(clinic, user, number, 8, issued=False)
            plan.language = language
            plan.save(update_fields=["language"])
            pages = pdf.page_count(pdf.get_pdf(client, pdf.pdf_url(plan)))
            print(f"  8-exercise plan ({language})  {pages} pages (≤ {EIGHT_EXERCISE_PAGES})")
            if pages > EIGHT_EXERCISE_PAGES:
                failures.append(
                    f"8-exercise plan ({language}): {pages} pages, limit {EIGHT_EXERCISE_PAGES}"
                )
    return failures


def _issued(sample: dict):
    from django_scopes import scopes_disabled

    from plans.models import HomePlan
    from plans.tasks import store_plan_pdf

    with scopes_disabled():
        plan = HomePlan.objects.get(pk=sample["issued_plan_id"])
    store_plan_pdf.call(plan.pk)  # what the task worker does when the plan is issued
    return plan


def reference_document():
    """Return the reference HTML and a fetcher class serving bench/reference/static/ only."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    from clinic.printing.fetcher import STATIC_TYPES, static_url

    prefix, root = static_url(""), (REFERENCE / "static").resolve()

    class ReferenceFetcher(URLFetcher):
        def __init__(self):
            super().__init__(timeout=1, allowed_protocols=(), allow_redirects=False)

        def fetch(self, url, headers=None):
            path = (root / url[len(prefix) :]).resolve() if url.startswith(prefix) else None
            if path is None or root not in path.parents or path.suffix not in STATIC_TYPES:
                raise ValueError(f"not a file of the reference document: {url[:200]}")
            body = path.read_bytes()
            return URLFetcherResponse(url, body, {"Content-Type": STATIC_TYPES[path.suffix]})

    return (REFERENCE / "plan.html").read_text(), ReferenceFetcher


def render(html: str, fetcher_class) -> bytes:
    from weasyprint import HTML

    from clinic.printing.fetcher import BASE_URL
    from clinic.printing.render import FONT_CONFIG

    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher_class()).write_pdf(
        font_config=FONT_CONFIG
    )


def freeze_reference(sample: dict) -> None:
    """Write the standard plan's HTML and every static file it fetches to bench/reference/."""
    from bench.lib.pdf import plan_source
    from clinic.printing.fetcher import SafeFetcher, static_path, static_url

    html, files = plan_source(standard_plan(sample))
    fetched = []

    class Recording(SafeFetcher):
        def fetch(self, url, headers=None):
            fetched.append(url)
            return super().fetch(url, headers)

    from weasyprint import HTML

    from clinic.printing.fetcher import BASE_URL

    HTML(string=html, base_url=BASE_URL, url_fetcher=Recording(files)).write_pdf()
    if REFERENCE.exists():
        shutil.rmtree(REFERENCE)
    (REFERENCE / "static").mkdir(parents=True)
    (REFERENCE / "plan.html").write_text(html)
    prefix = static_url("")
    for url in sorted(set(fetched)):
        if not url.startswith(prefix):
            continue
        target = REFERENCE / "static" / url[len(prefix) :]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(static_path(url), target)
    (REFERENCE / "README.md").write_text(
        "# Reference document for the PDF render-time gate\n\n"
        "The standard plan's HTML and the static files it fetches, frozen by\n"
        "`.venv/bin/python bench/ci_gates.py --freeze-reference`. bench/ci_gates.py renders it\n"
        "interleaved with the live plan and fails when the plan takes more than 1.25 times as\n"
        "long. Refreeze only after a deliberate change of the plan's layout.\n"
    )
    print(f"reference frozen: {REFERENCE.relative_to(env.ROOT)} ({len(set(fetched))} files)")


if __name__ == "__main__":
    sys.exit(main())
