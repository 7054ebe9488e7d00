import datetime

import pytest
from django.db.models import Q

from patients.record.names import search_text
from patients.record.terms import parse_date, search_filter, word_filter


@pytest.mark.parametrize("text", ["09-03-1975", "1975-03-09", "09/03/1975", "09.03.1975"])
def test_it_reads_dutch_and_iso_dates(text):
    assert parse_date(text) == datetime.date(1975, 3, 9)


@pytest.mark.parametrize("text", ["31-02-1975", "1975", "gisteren", ""])
def test_it_reads_no_date_from_other_text(text):
    assert parse_date(text) is None


def test_a_date_searches_the_date_of_birth_only():
    assert word_filter("09-03-1975") == Q(date_of_birth=datetime.date(1975, 3, 9))


def test_a_number_also_searches_the_patient_number():
    assert ("number", 42) in word_filter("42").children


@pytest.mark.parametrize("word", ["²", "١٢", "1234567890123"])
def test_other_digits_and_long_numbers_search_names_only(word):
    assert word_filter(word) == Q(search_name__contains=search_text(word))


def test_at_most_five_words_are_used():
    assert len(search_filter("a b c d e f g").children) == 5


def test_an_empty_search_matches_everyone():
    assert search_filter("   ") == Q()
