"""tests/examples.py keeps examples apart: each starts from the rows the test arranged."""

import pytest
from hypothesis import strategies as st

from clinic.models import Clinic
from tests.examples import for_each_example


def test_each_example_starts_from_what_the_test_arranged(db):
    Clinic.objects.create(name="Arranged")
    counts = []

    @for_each_example(st.integers(0, 100), max_examples=20)
    def store(number):
        Clinic.objects.create(name=f"Example {number}")
        counts.append(Clinic.objects.count())

    assert counts and set(counts) == {2}
    assert list(Clinic.objects.values_list("name", flat=True)) == ["Arranged"]


def test_a_failing_example_fails_the_test(db):
    with pytest.raises(AssertionError):

        @for_each_example(st.integers(0, 100), max_examples=50)
        def small(number):
            assert number < 50
