"""Issued plans are rendered once, stored with their SHA-256 and served from storage after.

A draft is rendered on every preview (watermarked) and never stored. An issued (or later
superseded) version is rendered as the PDF/A record copy by a task worker (plans.tasks: when it
is issued, or when a print finds it missing) and from then on the stored bytes are served, after
checking their hash, so the same version always prints the same document.
"""

import hashlib
import logging

from django.core.files.base import ContentFile

from clinic.printing.render import RECORD_VARIANT, html_to_pdf
from plans.pdf.document import plan_document
from plans.pdf.html import plan_files, plan_html

logger = logging.getLogger("rugadem.pdf")


class StoredPdfDamaged(Exception):
    """The stored PDF of an issued plan no longer matches its checksum."""


def pdf_filename(plan) -> str:
    """Return the download name: patient number and version, never the patient's name."""
    return f"homeplan-{plan.episode.patient.number}-v{plan.version}.pdf"


def render_plan(plan, *, variant: str | None = None) -> bytes:
    """Render a plan to PDF bytes now (drafts are watermarked)."""
    doc = plan_document(plan)
    return html_to_pdf(plan_html(doc), files=plan_files(doc), variant=variant)


def plan_pdf(plan) -> bytes:
    """Return the PDF to hand out: a fresh preview for a draft, the stored copy otherwise."""
    if plan.is_draft:
        return render_plan(plan)
    return store_issued_pdf(plan)


def store_issued_pdf(plan) -> bytes:
    """Return an issued plan's stored PDF, rendering and storing it the first time."""
    if plan.is_draft:
        raise ValueError("Only issued plans are stored.")
    if plan.pdf_sha256:
        return stored_pdf(plan)
    return save_pdf(plan, render_plan(plan, variant=RECORD_VARIANT))


def save_pdf(plan, pdf: bytes) -> bytes:
    """Store a freshly rendered PDF unless another request stored one first; return the kept one.

    Two first downloads at once may both render; the conditional update lets only the first
    one's file become the record, so every later download gets those same bytes.
    """
    digest = hashlib.sha256(pdf).hexdigest()
    storage = plan.pdf.storage
    name = storage.save(_storage_name(plan), ContentFile(pdf))
    model = type(plan)
    # The plain base manager: this updates the row we already hold, inside or outside a scope.
    won = model._base_manager.filter(pk=plan.pk, pdf_sha256="").update(pdf=name, pdf_sha256=digest)
    if not won:
        storage.delete(name)
        plan.refresh_from_db(fields=["pdf", "pdf_sha256"])
        return stored_pdf(plan)
    plan.pdf.name, plan.pdf_sha256 = name, digest
    return pdf


def stored_pdf(plan) -> bytes:
    """Return the stored PDF after checking it against its SHA-256."""
    try:
        with plan.pdf.open("rb") as handle:
            pdf = handle.read()
    except OSError:
        logger.error("Stored PDF of plan %s cannot be read", plan.pk)
        raise StoredPdfDamaged(plan.pk) from None
    if hashlib.sha256(pdf).hexdigest() != plan.pdf_sha256:
        logger.error("Stored PDF of plan %s does not match its checksum", plan.pk)
        raise StoredPdfDamaged(plan.pk)
    return pdf


def _storage_name(plan) -> str:
    # upload_to ("plans/pdf/") is not applied by storage.save(); one folder per clinic keeps
    # equal patient numbers of different clinics apart.
    field = plan._meta.get_field("pdf")
    return f"{field.upload_to}clinic-{plan.episode.clinic_id}/{pdf_filename(plan)}"
