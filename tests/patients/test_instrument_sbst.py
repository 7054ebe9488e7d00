"""STarT Back scoring: total 0-9, psychosocial subscore 0-5, low / medium / high risk."""

import pytest
from django.core.exceptions import ValidationError

from patients import instruments

SBST = instruments.get("sbst")


def answers(agreed=(), q9=0):
    """Return answers agreeing with the given item numbers (1-8), item 9 as given."""
    return {**{f"q{n}": int(n in agreed) for n in range(1, 9)}, "q9": q9}


@pytest.mark.parametrize(
    ("response", "total", "psychosocial", "band"),
    [
        (answers(), 0, 0, "low"),
        (answers(agreed=(1, 2, 3)), 3, 0, "low"),
        (answers(agreed=(5, 6, 7)), 3, 3, "low"),
        (answers(agreed=(1, 2, 3, 4)), 4, 0, "medium"),
        (answers(agreed=(1, 5, 6), q9=4), 4, 3, "medium"),
        (answers(agreed=(1, 2, 3, 4, 5, 6, 7)), 7, 3, "medium"),
        (answers(agreed=(5, 6, 7), q9=3), 4, 4, "high"),
        (answers(agreed=(5, 6, 7, 8)), 4, 4, "high"),
        (answers(agreed=range(1, 9), q9=4), 9, 5, "high"),
    ],
)
def test_it_stratifies_by_total_and_psychosocial_subscore(response, total, psychosocial, band):
    score = SBST.score(response)
    assert (score.total, score.subscores, score.band) == (
        total,
        {"psychosocial": psychosocial},
        band,
    )


@pytest.mark.parametrize(("q9", "points"), [(0, 0), (1, 0), (2, 0), (3, 1), (4, 1)])
def test_item_9_scores_only_very_much_and_extremely(q9, points):
    assert SBST.score(answers(q9=q9)).total == points


@pytest.mark.parametrize(("key", "value"), [("q1", 2), ("q8", -1), ("q9", 5)])
def test_it_rejects_values_outside_the_options(key, value):
    with pytest.raises(ValidationError) as caught:
        SBST.score({**answers(), key: value})
    assert list(caught.value.message_dict) == [key]


def test_it_requires_all_nine_items():
    response = answers()
    del response["q9"]
    with pytest.raises(ValidationError):
        SBST.score(response)
