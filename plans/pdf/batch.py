"""The morning print run: many issued plans as one PDF, rendering missing copies on both cores.

Each plan's stored copy is used as it is; only plans without one are rendered (and stored).
The HTML is built here, in the request's process (database, templates, translations); only
WeasyPrint runs in the worker processes, which are forked so that they start with WeasyPrint
and the font configuration already loaded, and never touch the database.
"""

import io
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor

from pypdf import PdfWriter

from plans.pdf.document import plan_document
from plans.pdf.html import plan_files, plan_html
from plans.pdf.render import RECORD_VARIANT, html_to_pdf
from plans.pdf.storage import save_pdf, stored_pdf

MAX_WORKERS = 2


def batch_pdf(plans) -> bytes:
    """Return the stored PDFs of issued plans as one document, storing any not yet rendered."""
    plans = list(plans)  # one query, however the caller passes them
    store_missing(plans)
    return merge([stored_pdf(plan) for plan in plans])


def store_missing(plans) -> int:
    """Render and store the PDFs of issued plans that have none yet; return how many."""
    missing = [plan for plan in plans if not plan.is_draft and not plan.pdf_sha256]
    jobs = []
    for plan in missing:
        doc = plan_document(plan)
        jobs.append((plan_html(doc), plan_files(doc)))
    for plan, pdf in zip(missing, render_many(jobs), strict=True):
        save_pdf(plan, pdf)
    return len(missing)


def render_many(jobs: list[tuple[str, dict]]) -> list[bytes]:
    """Render (html, files) jobs as record copies, in parallel where that is safe."""
    workers = min(MAX_WORKERS, os.cpu_count() or 1, len(jobs))
    # Forking a process that runs other threads can copy a held lock into the child, so a
    # threaded server renders one plan after the other instead.
    if workers < 2 or threading.active_count() > 1:
        return [_render(job) for job in jobs]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(_render, jobs))


def _render(job: tuple[str, dict]) -> bytes:
    html, files = job
    return html_to_pdf(html, files=files, variant=RECORD_VARIANT)


def merge(pdfs: list[bytes]) -> bytes:
    """Concatenate PDFs into one."""
    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(io.BytesIO(pdf))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
