"""The plan editor's fields read well: dose labels in sentence case, the phase selector on a row
of its own (its Dutch names are long), issuing as the primary action."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("english", "intake_allows_plans")


def editor(client, plan) -> str:
    return client.get(reverse("plans:editor", args=[plan.pk])).content.decode()


def test_the_dose_labels_are_in_sentence_case(alice_client, draft):
    labels = re.findall(
        r'<label class="form-label small" for="[^"]+">([^<]+)</label>', editor(alice_client, draft)
    )
    assert {"Sets", "Repetitions", "Minutes", "Times a day", "Days a week"} <= set(labels)
    assert all(label[0].isupper() for label in labels)


def test_the_phase_selector_has_a_row_of_its_own(alice_client, draft):
    page = editor(alice_client, draft)
    assert re.search(r'<div class="col-12">\s*<label[^>]*>Phase</label>\s*<select', page)


def test_issuing_is_the_primary_action(alice_client, draft):
    primary = re.findall(r'class="btn btn-primary">([^<]+)<', editor(alice_client, draft))
    assert primary == ["Save and issue…"]
