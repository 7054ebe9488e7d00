"""PSK scoring: the mean of the rated activities, one decimal, lower is better."""

import pytest
from django.core.exceptions import ValidationError

from patients import instruments

PSK = instruments.get("psk")


@pytest.mark.parametrize(
    ("answers", "total"),
    [
        ({"q1": 4}, 4.0),
        ({"q1": 4, "q2": 5}, 4.5),
        ({"q1": 7, "q2": 8, "q3": 8}, 7.7),
        ({"q1": 1, "q2": 1, "q3": 2}, 1.3),
        ({"q1": 0, "q3": 10}, 5.0),
        ({"q1": 0}, 0.0),
        ({"q1": 10, "q2": 10, "q3": 10}, 10.0),
    ],
)
def test_it_averages_the_rated_activities(answers, total):
    assert PSK.score(answers).total == total


def test_the_total_is_a_float():
    assert isinstance(PSK.score({"q1": 4}).total, float)


def test_it_keeps_each_rating_as_a_subscore():
    assert PSK.score({"q1": 4, "q3": 6}).subscores == {"q1": 4, "q3": 6}


def test_it_has_no_band():
    assert PSK.score({"q1": 4}).band is None


def test_unrated_activities_leave_the_response_complete():
    assert PSK.is_complete({"q1": 4})


def test_it_requires_the_first_activity():
    with pytest.raises(ValidationError) as caught:
        PSK.score({"q2": 4, "q3": 5})
    assert list(caught.value.message_dict) == ["q1"]


@pytest.mark.parametrize(("key", "rating"), [("q1", -1), ("q2", 11), ("q3", 11)])
def test_it_rejects_ratings_outside_0_to_10(key, rating):
    answers = {"q1": 5, key: rating}
    with pytest.raises(ValidationError) as caught:
        PSK.score(answers)
    assert list(caught.value.message_dict) == [key]


def test_it_declares_the_single_activity_change():
    assert PSK.mcid_single_activity == 3
