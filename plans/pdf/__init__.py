"""Printed home plans: HTML -> PDF with WeasyPrint and a deny-by-default URL fetcher.

Importing this package loads WeasyPrint (about 1 s): clinic/wsgi.py imports it so that each
worker pays that at start. Modules: document (PlanDocument, the data a plan shows), html (the
templates), fetcher (what the renderer may read), render (WeasyPrint, time limit), storage
(issued copies), batch (the morning print run).
"""

from clinic.printing.fetcher import SafeFetcher
from clinic.printing.render import RenderTimeout, html_to_pdf
from plans.pdf.batch import batch_pdf, merge, store_missing
from plans.pdf.document import PlanDocument, plan_document
from plans.pdf.html import plan_html
from plans.pdf.storage import (
    StoredPdfDamaged,
    pdf_filename,
    plan_pdf,
    render_plan,
    store_issued_pdf,
    stored_pdf,
)

__all__ = [
    "PlanDocument",
    "RenderTimeout",
    "SafeFetcher",
    "StoredPdfDamaged",
    "batch_pdf",
    "html_to_pdf",
    "merge",
    "pdf_filename",
    "plan_document",
    "plan_html",
    "plan_pdf",
    "render_plan",
    "store_issued_pdf",
    "store_missing",
    "stored_pdf",
]
