"""InstrumentResponse.take_score: the one way a questionnaire's answers become a scored row."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from patients import instruments
from patients.models import InstrumentResponse

NQ = instruments.get("nq")
ALL_TWOS = {f"q{number}": 2 for number in range(1, 17)}  # total 32


def test_it_stores_the_total_band_and_version_of_a_complete_response():
    row = InstrumentResponse().take_score(NQ, ALL_TWOS, user=None)
    assert (row.instrument, row.version, row.total, row.valid) == ("nq", NQ.version, 32, True)
    assert isinstance(row.total, Decimal) and row.band == NQ.score(ALL_TWOS).band


def test_a_draft_keeps_its_answers_without_a_total():
    row = InstrumentResponse().take_score(NQ, {"q1": 3}, user=None)
    assert (row.answers, row.total, row.band, row.valid) == ({"q1": 3}, None, "", False)


def test_a_complete_one_refuses_missing_answers():
    with pytest.raises(ValidationError):
        InstrumentResponse().take_score(NQ, {"q1": 3}, user=None, complete=True)


def test_it_passes_the_clinic_threshold_to_the_scoring():
    row = InstrumentResponse().take_score(NQ, ALL_TWOS, user=None, elevated_threshold=33)
    assert row.band == NQ.score(ALL_TWOS, elevated_threshold=33).band
    assert row.band != NQ.score(ALL_TWOS, elevated_threshold=20).band


def test_it_marks_a_self_entered_response():
    assert InstrumentResponse().take_score(NQ, ALL_TWOS, user=None, self_entered=True).self_entered
