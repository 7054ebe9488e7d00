"""Nijmegen Questionnaire scoring: sum 0-64, normal / borderline / elevated at a set threshold."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from patients import instruments
from patients.instruments import nq

NQ = instruments.get("nq")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def answers_totalling(total):
    """Return 16 valid answers that add up to total."""
    values = [min(4, max(0, total - 4 * n)) for n in range(16)]
    return {f"q{n}": value for n, value in enumerate(values, start=1)}


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "normal"),
        (19, "normal"),
        (20, "borderline"),
        (21, "borderline"),
        (22, "borderline"),
        (23, "elevated"),
        (24, "elevated"),
        (64, "elevated"),
    ],
)
def test_it_bands_the_total_at_the_default_threshold(total, band):
    assert NQ.score(answers_totalling(total)) == instruments.Score(total=total, band=band)


@pytest.mark.parametrize(
    ("threshold", "total", "band"),
    [
        (25, 24, "borderline"),
        (25, 25, "elevated"),
        (21, 20, "borderline"),
        (21, 21, "elevated"),
        (20, 19, "normal"),
        (20, 20, "elevated"),
        (18, 17, "normal"),
        (18, 18, "elevated"),
    ],
)
def test_it_bands_against_the_clinic_threshold(threshold, total, band):
    score = NQ.score(answers_totalling(total), elevated_threshold=threshold)
    assert score.band == band


@pytest.mark.parametrize("threshold", [0, 65, "23", 23.0, True])
def test_it_refuses_a_malformed_threshold(threshold):
    with pytest.raises(ValueError):
        NQ.score(answers_totalling(10), elevated_threshold=threshold)


def test_it_rejects_a_missing_item():
    response = answers_totalling(30)
    del response["q4"]
    with pytest.raises(ValidationError) as caught:
        NQ.score(response)
    assert caught.value.message_dict == {"q4": ["Question 4 (Dizzy spells): please answer."]}


def test_it_rejects_a_value_of_5():
    with pytest.raises(ValidationError) as caught:
        NQ.score({**answers_totalling(30), "q16": 5})
    assert caught.value.message_dict == {
        "q16": ["Question 16 (Feeling anxious): 5 is not one of the answer options."]
    }


@pytest.mark.parametrize(
    ("key", "topic"),
    [
        ("q1", "Chest pain"),
        ("q4", "Dizzy spells"),
        ("q10", "Tingling fingers"),
        ("q16", "Feeling anxious"),
    ],
)
def test_items_follow_the_published_order(key, topic):
    assert str(NQ.item(key).topic) == topic


def test_options_run_from_never_to_very_often():
    labels = [(o.value, str(o.label)) for o in NQ.items[0].options]
    assert labels == [
        (0, "Never"),
        (1, "Rarely"),
        (2, "Sometimes"),
        (3, "Often"),
        (4, "Very often"),
    ]


def test_a_draft_is_scored_with_the_clinic_threshold_once_complete():
    score = NQ.draft_score(answers_totalling(24), elevated_threshold=25)
    assert (score.band, score.valid) == ("borderline", True)


@pytest.mark.parametrize(
    ("threshold", "codes"),
    [(23, ["normal", "borderline", "elevated"]), (20, ["normal", "elevated"])],
)
def test_there_is_no_borderline_band_at_or_below_20(threshold, codes):
    assert [band.code for band in nq.bands_for(threshold)] == codes
