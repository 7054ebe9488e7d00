"""QBPDS scoring: the sum of 20 activities rated 0-5, total 0-100."""

import pytest
from django.core.exceptions import ValidationError

from patients import instruments

QBPDS = instruments.get("qbpds")


def answers(*values):
    return {f"q{n}": value for n, value in enumerate(values, start=1)}


@pytest.mark.parametrize(
    ("values", "total"),
    [
        ((0,) * 20, 0),
        ((5,) * 20, 100),
        ((1,) * 20, 20),
        ((0, 1, 2, 3, 4, 5) * 3 + (5, 5), 55),
    ],
)
def test_it_sums_the_ratings(values, total):
    assert QBPDS.score(answers(*values)) == instruments.Score(total=total)


@pytest.mark.parametrize("value", [-1, 6])
def test_it_rejects_a_rating_outside_0_to_5(value):
    with pytest.raises(ValidationError) as caught:
        QBPDS.score(answers(*(2,) * 19, value))
    assert list(caught.value.message_dict) == ["q20"]


def test_it_requires_all_twenty_items():
    with pytest.raises(ValidationError) as caught:
        QBPDS.score(answers(*(2,) * 19))
    assert list(caught.value.message_dict) == ["q20"]


def test_every_item_offers_0_to_5():
    assert {tuple(o.value for o in item.options) for item in QBPDS.items} == {(0, 1, 2, 3, 4, 5)}
