"""Hypothesis over the database without sharing state between examples.

`for_each_example(strategy)(check)` runs `check(example)` for generated examples inside the test,
after its fixtures are built once, each example in a transaction rolled back when it ends. So no
example sees what an earlier one stored: a failure shrinks and replays on its own, and no health
check has to be suppressed. Used by the form harness (tests/test_form_fuzz.py) and the property
tests that post to the database.
"""

from django.db import transaction
from hypothesis import given, settings


def for_each_example(strategy, *, max_examples: int | None = None):
    """Return a decorator that runs the decorated check at once, once per generated example."""

    def run(check):
        limits = {} if max_examples is None else {"max_examples": max_examples}

        @settings(**limits)
        @given(example=strategy)
        def one(example):
            with transaction.atomic():
                check(example)
                transaction.set_rollback(True)

        one()
        return check

    return run
