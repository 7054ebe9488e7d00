"""The morning print run: many issued plans as one PDF, from their stored copies.

Copies are rendered by task workers (plans.tasks.store_plan_pdf, enqueued when a plan is issued
or when the print run finds one missing); the web request only merges stored files. Running two
workers uses both cores. `store_missing` renders in the calling process, for management commands.
"""

import io

from pypdf import PdfReader, PdfWriter

from plans.pdf.storage import store_issued_pdf, stored_pdf


def batch_pdf(plans) -> bytes:
    """Return the stored PDFs of issued plans as one document, storing any not yet rendered."""
    plans = list(plans)  # one query, however the caller passes them
    store_missing(plans)
    return merge([stored_pdf(plan) for plan in plans])


def store_missing(plans) -> int:
    """Render and store the PDFs of issued plans that have none yet, here; return how many."""
    missing = [plan for plan in plans if not plan.is_draft and not plan.pdf_sha256]
    for plan in missing:
        store_issued_pdf(plan)
    return len(missing)


def merge(pdfs: list[bytes]) -> bytes:
    """Concatenate PDFs into one, page by page.

    Pages only: a paper print run needs no bookmarks, and `PdfWriter.append` copying each
    plan's outline made the merge of 40 plans twice as slow (bench/bench_printing.py).
    """
    writer = PdfWriter()
    for pdf in pdfs:
        for page in PdfReader(io.BytesIO(pdf)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
