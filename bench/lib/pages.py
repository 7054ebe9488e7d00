"""Server time and query count of the main pages, in one process on a seeded scratch database.

``measure_pages()`` signs the bench therapist in with Django's test client and times each page
(median, p95, CPU median, queries); ``measure_audit()`` times the patient list with and without
access logging, interleaved; ``measure_generate()`` times plans.rules.generate() alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from bench.lib.measure import (
    QueryCounter,
    Timing,
    interleaved,
    paired_ratio,
    request,
    time_requests,
)

#: (key, label, URL name, which sample id, query string): the pages of the results table.
PAGES = (
    ("home", "start page", "home", None, ""),
    ("patient_list", "patient list (50 rows)", "patients:list", None, ""),
    ("patient_list_search", "patient list, search 'jan'", "patients:list", None, "?q=jan"),
    (
        "patient_list_sort",
        "patient list, by last visit",
        "patients:list",
        None,
        "?sort=-last_visit",
    ),
    ("patient_detail", "patient page", "patients:detail", "patient_id", ""),
    ("intake_overview", "intake overview", "patients:intake", "episode_id", ""),
    ("findings", "findings page", "patients:findings", "episode_id", ""),
    ("plan_editor", "plan editor (draft)", "plans:editor", "draft_plan_id", ""),
    ("plan_detail", "issued plan page", "plans:detail", "issued_plan_id", ""),
    ("progress", "progress page", "patients:progress", "episode_id", ""),
    ("dashboard", "dashboard, own caseload", "patients:dashboard", None, ""),
    ("dashboard_clinic", "dashboard, whole clinic (admin)", "patients:dashboard", None, ""),
    ("dashboard_cached", "dashboard, own, from the cache", "patients:dashboard", None, ""),
    ("due_list", "due list", "patients:due_list", None, ""),
    ("pdf_stored", "PDF, stored download", "plans:pdf", "issued_plan_id", ""),
)


def url_for(name: str, sample: dict, id_key: str | None, query: str = "") -> str | None:
    """Return the page's URL, or None when the page does not exist (yet) in this version."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=[sample[id_key]] if id_key else []) + query
    except NoReverseMatch:
        return None


#: Pages seen by the clinic admin rather than the bench therapist.
ADMIN_PAGES = {"dashboard_clinic"}
#: Pages whose figures are cached until the clinic's data changes (clinic/changes.py): timed
#: computing them, i.e. with a new change stamp before each request. Their "_cached" entry
#: times the same page served from the cache.
COMPUTED_PAGES = {"dashboard", "dashboard_clinic"}


def fresh_stamp(sample: dict):
    """Return a function that gives the bench clinic a new change stamp (the cache misses)."""
    from clinic import changes

    return lambda: changes.touch(sample["clinic_id"])


def signed_in_client(sample: dict, *, admin: bool = False):
    from django.test import Client

    from clinic.models import Therapist

    client = Client()
    client.force_login(Therapist.objects.get(pk=sample["admin_id" if admin else "user_id"]))
    return client


def measure_pages(sample: dict, requests: int, log=print) -> dict:
    """Return {key: Timing summary (or {"missing": True})} for PAGES and the intake sections."""
    client = signed_in_client(sample)
    admin_client = signed_in_client(sample, admin=True)
    results = {}
    for key, label, name, id_key, query in PAGES:
        url = url_for(name, sample, id_key, query)
        if url is None:
            results[key] = {"label": label, "missing": True}
            log(f"  {label:<34} (no such page in this version)")
            continue
        try:
            timing = time_requests(
                admin_client if key in ADMIN_PAGES else client,
                url,
                requests,
                reset=fresh_stamp(sample) if key in COMPUTED_PAGES else None,
            )
        except Exception as error:  # noqa: BLE001 - a broken page is reported, not fatal
            results[key] = {"label": label, "url": url, "error": f"{type(error).__name__}: {error}"}
            log(f"  {label:<34} FAILED: {results[key]['error'][:200]}")
            continue
        results[key] = {"label": label, "url": url, **timing.summary()}
        _log(log, label, timing)
        if key == "progress":
            results.update(_charts(client, url, requests, log))
    results.update(_intake_sections(client, sample, requests, log))
    return results


def _charts(client, url: str, requests: int, log) -> dict:
    """Time the chart images the progress page links to (its "incl. charts" figure)."""
    import re

    html = request(client, url).content.decode()
    # The charts are images the page links to (/patients/episodes/<pk>/progress/<code>.svg).
    chart_urls = list(dict.fromkeys(re.findall(r'<img[^>]*\ssrc="(/patients/[^"]+\.svg)"', html)))
    if not chart_urls:
        return {}
    totals = Timing()
    per_chart = [time_requests(client, chart, requests) for chart in chart_urls]
    page = time_requests(client, url, requests)
    for n in range(requests):
        totals.wall.append(page.wall[n] + sum(chart.wall[n] for chart in per_chart))
        totals.cpu.append(page.cpu[n] + sum(chart.cpu[n] for chart in per_chart))
        totals.queries.append(page.queries[n] + sum(chart.queries[n] for chart in per_chart))
    label = f"progress page + {len(chart_urls)} charts"
    _log(log, label, totals)
    return {"progress_with_charts": {"label": label, "charts": len(chart_urls), **totals.summary()}}


def _intake_sections(client, sample: dict, requests: int, log) -> dict:
    """Time every intake section (filled) and one accepted submission; report the slowest."""
    from django.urls import reverse

    from patients.intake import sections as intake

    slowest, rows = None, {}
    for section in intake.SECTIONS:
        url = reverse("patients:intake_section", args=[sample["episode_id"], section.key])
        timing = time_requests(client, url, requests)
        rows[section.key] = timing.summary()
        if slowest is None or timing.median > rows[slowest]["median_ms"]:
            slowest = section.key
    results = {
        "intake_section": {
            "label": f"intake section, slowest ({slowest})",
            "sections": rows,
            **rows[slowest],
        }
    }
    log(
        f"  {'intake sections (median each)':<34} "
        + ", ".join(f"{key} {row['median_ms']:.0f}" for key, row in rows.items())
    )
    post = _intake_post(client, sample, requests)
    if post is not None:
        results["intake_post"] = {"label": "intake section saved (POST)", **post.summary()}
        _log(log, "intake section saved (POST)", post)
    return results


def _intake_post(client, sample: dict, requests: int) -> Timing | None:
    """Save the pain section of the draft intake (the submission the tests call valid)."""
    from patients.models import Episode
    from tests.patients.intake.helpers import section_data, section_url

    episode = Episode.objects.with_scopes_disabled().get(pk=sample["draft_episode_id"])
    return time_requests(
        client,
        section_url(episode, "pain"),
        requests,
        data=section_data("pain"),
        method="post",
        expect=(302,),
    )


def measure_audit(sample: dict, requests: int, log=print) -> dict:
    """Time the patient list with the access log and without it, interleaved.

    Without: AccessLogMiddleware left out of the middleware (a second client builds its own
    handler) and clinic.audit.record made a no-op for that client's requests.
    """
    from django.conf import settings
    from django.test.utils import override_settings

    from clinic import audit

    url = url_for("patients:list", sample, None)
    with_log = signed_in_client(sample)
    middleware = [m for m in settings.MIDDLEWARE if m != "clinic.audit.AccessLogMiddleware"]
    with override_settings(MIDDLEWARE=middleware):
        without_log = signed_in_client(sample)
        request(without_log, url)  # builds the handler's middleware chain now
    original = audit.record
    state = {"off": False}

    def record(*args, **kwargs):
        if not state["off"]:
            original(*args, **kwargs)

    audit.record = record

    def get(client, off):
        def call():
            state["off"] = off
            try:
                return request(client, url)
            finally:
                state["off"] = False

        return call

    try:
        timings = interleaved(
            {"with": get(with_log, False), "without": get(without_log, True)}, requests, warmup=3
        )
        queries = {}
        for name, client, off in (("with", with_log, False), ("without", without_log, True)):
            counter = QueryCounter()
            with counter.counting():
                get(client, off)()
            queries[name] = counter.count
    finally:
        audit.record = original
    with_, without = timings["with"], timings["without"]
    result = {
        "with": {**with_.summary(), "queries": queries["with"]},
        "without": {**without.summary(), "queries": queries["without"]},
        "ratio": paired_ratio(with_, without),
        "cpu_ratio": paired_ratio(with_, without, cpu=True),
        "extra_queries": queries["with"] - queries["without"],
    }
    log(
        f"  {'patient list, access log on/off':<34} median {with_.median:6.1f} / "
        f"{without.median:6.1f} ms  ratio {result['ratio']:.3f} (CPU {result['cpu_ratio']:.3f})"
        f"  queries {queries['with']} / {queries['without']}"
    )
    return result


#: The pages whose time PostgreSQL's JIT compiler changes most (bench/PROFILING.md).
JIT_PAGES = ("patient_list_sort", "dashboard", "dashboard_clinic", "due_list", "progress")


def measure_pg_jit(sample: dict, page_results: dict, requests: int, log=print) -> dict:
    """On PostgreSQL: time pages with the JIT compiler on (the default) and off, interleaved.

    The setting is changed on the connection before each request (SET jit = on / off), so
    both are measured in the same minutes on the same data: the before and after of the fix
    proposed in bench/PROFILING.md.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return {}
    client = signed_in_client(sample)
    admin_client = signed_in_client(sample, admin=True)
    results = {}
    for key in JIT_PAGES:
        url = page_results.get(key, {}).get("url")
        if not url or "error" in page_results[key]:
            continue
        user_client = admin_client if key in ADMIN_PAGES else client

        def get(jit, url=url, user_client=user_client):
            def call():
                with connection.cursor() as cursor:
                    cursor.execute(f"SET jit = {jit}")
                return request(user_client, url)

            return call

        timings = interleaved({"on": get("on"), "off": get("off")}, requests, warmup=1)
        results[key] = {
            "label": page_results[key]["label"],
            "on": timings["on"].summary(),
            "off": timings["off"].summary(),
            "ratio": paired_ratio(timings["on"], timings["off"]),
        }
        log(
            f"  {page_results[key]['label']:<34} JIT on {timings['on'].median:7.1f} ms, "
            f"off {timings['off'].median:7.1f} ms"
        )
    with connection.cursor() as cursor:
        cursor.execute("RESET jit")
    return results


def measure_generate(runs: int, log=print) -> dict:
    """Time plans.rules.generate() on the findings that make every rule fire."""
    from bench.lib.findings import FULL_FINDINGS
    from plans.models import Exercise
    from plans.rules import generate

    exercises = list(Exercise.objects.filter(clinic__isnull=True))
    timing = Timing()
    generate(FULL_FINDINGS, exercises)
    for _ in range(runs):
        started = time.perf_counter()
        generate(FULL_FINDINGS, exercises)
        timing.wall.append((time.perf_counter() - started) * 1000)
    timing.cpu = list(timing.wall)
    log(
        f"  {'plans.rules.generate()':<34} median {timing.median:6.3f} ms  "
        f"p95 {timing.p95:6.3f} ms  ({runs} runs)"
    )
    return timing.summary()


def _log(log: Callable, label: str, timing: Timing) -> None:
    log(
        f"  {label:<34} median {timing.median:6.1f} ms  p95 {timing.p95:6.1f} ms  "
        f"(CPU {timing.cpu_median:6.1f})  queries {timing.query_count}"
    )
