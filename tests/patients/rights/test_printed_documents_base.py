"""Issue 16: the home plan, the progress summary and the patient export share one print base
and one letterhead (templates/partials/print_base.html, print_letterhead.html)."""

import contextlib

import pytest
from django.test.signals import template_rendered
from django.utils import translation
from django_scopes import scopes_disabled

from patients.rights import services as rights
from plans.pdf.html import plan_html
from tests.patients.rights.test_printed_documents_dutch import followed, progress_pdf  # noqa: F401
from tests.plans.conftest_pdf import sample_document

SHARED = {"partials/print_base.html", "partials/print_letterhead.html"}


@contextlib.contextmanager
def templates_used():
    names = set()

    def note(sender, template, **kwargs):
        names.add(template.name)

    template_rendered.connect(note)
    try:
        yield names
    finally:
        template_rendered.disconnect(note)


def test_the_home_plan_extends_the_print_base_with_the_letterhead():
    with templates_used() as names:
        html = plan_html(sample_document("nl"))
    assert names >= SHARED
    assert '<html lang="nl">' in html
    assert '<p class="clinic-name">Fysiotherapie De Linde</p>' in html


@pytest.mark.parametrize("audience", ["patient", "gp"])
def test_the_progress_summary_extends_the_print_base_with_the_letterhead(
    followed,  # noqa: F811
    clinic,
    audience,
):
    with templates_used() as names:
        progress_pdf(followed, clinic, audience)
    assert names >= SHARED


def test_the_patient_export_extends_the_print_base_with_the_letterhead(full_record):
    with scopes_disabled(), translation.override("nl"), templates_used() as names:
        html = rights.summary_html(rights.summary(full_record))
    assert names >= SHARED
    assert '<html lang="nl">' in html
    assert f'<p class="clinic-name">{full_record.clinic.name}</p>' in html
