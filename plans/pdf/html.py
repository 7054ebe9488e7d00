"""PlanDocument -> HTML (the cheap, testable half of printing a plan)."""

import hashlib

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from clinic.printing.fetcher import private_url
from plans.pdf.document import PlanDocument

PLAN_TEMPLATE = "plans/pdf/plan.html"


def plan_html(doc: PlanDocument) -> str:
    """Render the plan's HTML in the patient's language."""
    with override(doc.language):
        context = {
            "doc": doc,
            "calendar": doc.calendar(),
            "page_label": page_label(),
            "logo_url": logo_url(doc),
            # A date format: Dutch writes month abbreviations in lower case ("13 nov").
            "short_date": pgettext("date format: day and short month", "j M"),
        }
        return render_to_string(PLAN_TEMPLATE, context)


def plan_files(doc: PlanDocument) -> dict[str, tuple[bytes, str]]:
    """Return the files the renderer may fetch beyond static files: the clinic's logo."""
    if not doc.clinic.logo:
        return {}
    return {logo_url(doc): (doc.clinic.logo, doc.clinic.logo_type)}


def logo_url(doc: PlanDocument) -> str:
    """Return the private URL of the clinic's logo ("" without one)."""
    if not doc.clinic.logo:
        return ""
    return private_url("logo-" + hashlib.sha256(doc.clinic.logo).hexdigest()[:16])


def page_label() -> tuple[str, str, str]:
    """Split "Page X of Y" around its numbers, which CSS counters fill in on each page."""
    label = _("Page %(page)s of %(pages)s") % {"page": "\x00", "pages": "\x01"}
    before, _sep, rest = label.partition("\x00")
    between, _sep, after = rest.partition("\x01")
    return before, between, after
