"""NPRS scoring: the rating is the total, banded none / mild / moderate / severe."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from patients import instruments

NPRS = instruments.get("nprs")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("rating", "band"),
    [
        (0, "none"),
        (1, "mild"),
        (2, "mild"),
        (3, "mild"),
        (4, "moderate"),
        (6, "moderate"),
        (7, "severe"),
        (10, "severe"),
    ],
)
def test_it_bands_the_rating(rating, band):
    assert NPRS.score({"q1": rating}) == instruments.Score(total=rating, band=band)


@pytest.mark.parametrize("rating", [-1, 11])
def test_it_rejects_a_rating_outside_0_to_10(rating):
    with pytest.raises(ValidationError) as caught:
        NPRS.score({"q1": rating})
    assert caught.value.message_dict["q1"] == [
        "Question 1 (Average pain over the last 24 hours): enter a whole number from 0 to 10."
    ]


@pytest.mark.parametrize("rating", ["5", 5.0, True, [5]])
def test_it_rejects_a_rating_that_is_not_an_int(rating):
    with pytest.raises(ValidationError) as caught:
        NPRS.score({"q1": rating})
    assert "whole number" in caught.value.message_dict["q1"][0]


def test_it_rejects_a_missing_rating():
    with pytest.raises(ValidationError) as caught:
        NPRS.score({})
    assert caught.value.message_dict == {
        "q1": ["Question 1 (Average pain over the last 24 hours): please answer."]
    }
