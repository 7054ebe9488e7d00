"""GPE scoring: 1 much worse ... 7 completely recovered; 6 and 7 are a success."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from patients import instruments

GPE = instruments.get("gpe")


@pytest.mark.parametrize(
    ("value", "band"),
    [(1, "no_success"), (4, "no_success"), (5, "no_success"), (6, "success"), (7, "success")],
)
def test_it_counts_much_improved_and_recovered_as_success(value, band):
    assert GPE.score({"q1": value}) == instruments.Score(total=value, band=band)


@pytest.mark.parametrize("value", [0, 8])
def test_it_rejects_values_outside_1_to_7(value):
    with pytest.raises(ValidationError):
        GPE.score({"q1": value})


def test_it_labels_the_seven_points_from_much_worse_to_completely_recovered():
    with translation.override("en"):
        labels = [(o.value, str(o.label)) for o in GPE.items[0].options]
    assert labels == [
        (1, "Much worse"),
        (2, "Worse"),
        (3, "Slightly worse"),
        (4, "Unchanged"),
        (5, "Slightly improved"),
        (6, "Much improved"),
        (7, "Completely recovered"),
    ]
