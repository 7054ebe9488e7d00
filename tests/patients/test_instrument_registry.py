"""The registry and the declarations every instrument carries."""

import dataclasses

import pytest
from django.utils import translation

from patients import instruments
from patients.instruments import Instrument, Score

CODES = ("nprs", "psk", "qbpds", "sbst", "nq", "gpe")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("code", CODES)
def test_it_returns_the_instrument_for_each_code(code):
    assert instruments.get(code).code == code


@pytest.mark.parametrize("code", CODES)
def test_it_returns_a_version_when_asked_for_it(code):
    assert instruments.get(code, version="1") is instruments.get(code)


def test_it_raises_lookup_error_for_an_unknown_code():
    with pytest.raises(LookupError):
        instruments.get("odi")


def test_it_raises_key_error_for_an_unknown_version():
    with pytest.raises(KeyError):
        instruments.get("nq", version="99")


def test_it_lists_every_shipped_instrument_once():
    assert tuple(i.code for i in instruments.all_instruments()) == CODES


def test_it_offers_code_name_choices():
    assert [code for code, _name in instruments.choices()] == list(CODES)


@pytest.mark.parametrize("instrument", instruments.all_instruments(), ids=lambda i: i.code)
def test_item_keys_follow_the_published_order(instrument):
    expected = tuple(f"q{n}" for n in range(1, len(instrument.items) + 1))
    assert instrument.item_keys == expected


@pytest.mark.parametrize("instrument", instruments.all_instruments(), ids=lambda i: i.code)
def test_every_instrument_declares_version_source_and_licence(instrument):
    assert (instrument.version, bool(instrument.source), bool(str(instrument.licence))) == (
        "1",
        True,
        True,
    )


@pytest.mark.parametrize(
    ("code", "count"),
    [("nprs", 1), ("psk", 3), ("qbpds", 20), ("sbst", 9), ("nq", 16), ("gpe", 1)],
)
def test_each_instrument_has_its_number_of_items(code, count):
    assert len(instruments.get(code).items) == count


@pytest.mark.parametrize(
    ("code", "better"),
    [
        ("nprs", "lower"),
        ("psk", "lower"),
        ("qbpds", "lower"),
        ("sbst", None),
        ("nq", "lower"),
        ("gpe", "higher"),
    ],
)
def test_each_instrument_declares_its_better_direction(code, better):
    assert instruments.get(code).better == better


@pytest.mark.parametrize(
    ("code", "absolute", "relative"),
    [("nprs", 2, 0.30), ("psk", 2, None), ("qbpds", 20, 0.30)],
)
def test_each_tracked_instrument_declares_its_mcid(code, absolute, relative):
    mcid = instruments.get(code).mcid
    assert (mcid.absolute, mcid.relative) == (absolute, relative)


@pytest.mark.parametrize("code", ["sbst", "nq", "gpe"])
def test_instruments_without_a_published_mcid_declare_none(code):
    assert instruments.get(code).mcid is None


@pytest.mark.parametrize(
    ("code", "phrase"),
    [
        ("nq", "free"),
        ("nprs", "free"),
        ("sbst", "Keele"),
        ("qbpds", "unverified"),
        ("psk", "unverified"),
    ],
)
def test_licence_notes_follow_the_product_decision(code, phrase):
    assert phrase.lower() in str(instruments.get(code).licence).lower()


def test_definitions_cannot_be_changed_at_runtime():
    with pytest.raises(dataclasses.FrozenInstanceError):
        instruments.get("nprs").version = "2"


def test_items_cannot_be_changed_at_runtime():
    with pytest.raises(dataclasses.FrozenInstanceError):
        instruments.get("nq").items[0].key = "q99"


def test_scores_cannot_be_changed():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Score(total=3).total = 4


def test_registered_objects_are_instruments():
    assert all(isinstance(i, Instrument) for i in instruments.all_instruments())


@pytest.mark.parametrize(
    ("code", "band", "label"),
    [
        ("nprs", "severe", "Severe pain"),
        ("sbst", "high", "High risk"),
        ("nq", "borderline", "Borderline"),
    ],
)
def test_it_looks_up_band_labels(code, band, label):
    assert str(instruments.get(code).band_label(band)) == label
