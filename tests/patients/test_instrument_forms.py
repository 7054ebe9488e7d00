"""Forms generated from instrument definitions."""

import pytest
from django import forms
from django.utils import translation

from patients import instruments
from patients.instruments.forms import instrument_form_class

NQ_FORM = instrument_form_class(instruments.get("nq"))
NPRS_FORM = instrument_form_class(instruments.get("nprs"))
PSK_FORM = instrument_form_class(instruments.get("psk"))
PSK_DRAFT_FORM = instrument_form_class(instruments.get("psk"), partial=True)
FULL_NQ = {f"q{n}": "2" for n in range(1, 17)}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def bound(form_class, data):
    form = form_class(data=data)
    form.is_valid()
    return form


def test_a_valid_response_returns_int_answers():
    form = bound(NQ_FORM, FULL_NQ)
    assert (form.is_valid(), form.answers()) == (True, {f"q{n}": 2 for n in range(1, 17)})


def test_a_missing_answer_is_an_error_on_its_field():
    data = {**FULL_NQ}
    del data["q7"]
    assert bound(NQ_FORM, data).errors == {"q7": ["This field is required."]}


@pytest.mark.parametrize("value", ["5", "-1", "abc", "2.5"])
def test_an_unknown_choice_is_an_error_on_its_field(value):
    form = bound(NQ_FORM, {**FULL_NQ, "q3": value})
    assert list(form.errors) == ["q3"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("11", "Ensure this value is less than or equal to 10."),
        ("-1", "Ensure this value is greater than or equal to 0."),
        ("abc", "Enter a whole number."),
    ],
)
def test_a_numeric_item_rejects_out_of_range_and_text(value, message):
    assert bound(NPRS_FORM, {"q1": value}).errors == {"q1": [message]}


def test_a_numeric_item_accepts_its_bounds():
    assert [bound(NPRS_FORM, {"q1": v}).answers() for v in ("0", "10")] == [{"q1": 0}, {"q1": 10}]


def test_a_partial_form_accepts_missing_answers():
    form = bound(instrument_form_class(instruments.get("nq"), partial=True), {"q2": "3"})
    assert (form.is_valid(), form.answers()) == (True, {"q2": 3})


def test_a_partial_form_still_rejects_bad_values():
    form = bound(instrument_form_class(instruments.get("nq"), partial=True), {"q2": "7"})
    assert list(form.errors) == ["q2"]


def test_choice_items_are_radio_buttons_labelled_with_their_topic():
    field = NQ_FORM.base_fields["q4"]
    assert (type(field.widget), str(field.label)) == (forms.RadioSelect, "Dizzy spells")


def test_numeric_items_are_integer_fields_with_bounds():
    field = NPRS_FORM.base_fields["q1"]
    assert (type(field), field.min_value, field.max_value) == (forms.IntegerField, 0, 10)


def test_numeric_items_explain_their_end_points():
    help_text = str(NPRS_FORM.base_fields["q1"].help_text)
    assert help_text == "0 = no pain, 10 = worst pain imaginable"


def test_all_fields_are_required_unless_partial():
    draft_form = instrument_form_class(instruments.get("nq"), partial=True)
    required = [f.required for f in NQ_FORM.base_fields.values()]
    draft_required = [f.required for f in draft_form.base_fields.values()]
    assert (set(required), set(draft_required)) == ({True}, {False})


def test_the_nq_form_shares_one_option_set_for_a_grid():
    assert [o.value for o in NQ_FORM.shared_options] == [0, 1, 2, 3, 4]


def test_a_form_with_mixed_options_has_no_shared_set():
    assert instrument_form_class(instruments.get("sbst")).shared_options is None


def test_the_psk_form_pairs_each_rating_with_an_activity_name():
    assert list(PSK_FORM.base_fields) == ["activity1", "q1", "activity2", "q2", "activity3", "q3"]


def test_the_psk_form_returns_ratings_and_names_separately():
    form = bound(PSK_FORM, {"activity1": "Walking", "q1": "6", "activity3": "Cycling", "q3": "4"})
    assert (form.answers(), form.activity_names()) == (
        {"q1": 6, "q3": 4},
        {"q1": "Walking", "q3": "Cycling"},
    )


def test_a_psk_rating_needs_a_name():
    form = bound(PSK_FORM, {"activity1": "Walking", "q1": "6", "q2": "4"})
    assert form.errors == {"activity2": ["Name the activity you rated."]}


def test_a_psk_name_needs_a_rating():
    form = bound(PSK_FORM, {"activity1": "Walking", "q1": "6", "activity2": "Lifting"})
    assert form.errors == {"q2": ["Rate this activity from 0 to 10."]}


def test_a_psk_draft_may_name_an_activity_before_rating_it():
    form = bound(PSK_DRAFT_FORM, {"activity1": "Walking"})
    assert (form.is_valid(), form.answers(), form.activity_names()) == (True, {}, {"q1": "Walking"})


def test_a_psk_draft_still_needs_a_name_for_a_rating():
    assert list(bound(PSK_DRAFT_FORM, {"q1": "5"}).errors) == ["activity1"]


def test_the_psk_form_requires_the_first_activity():
    assert list(bound(PSK_FORM, {"activity2": "Lifting", "q2": "3"}).errors) == ["q1"]


def test_a_psk_activity_name_is_at_most_100_characters():
    form = bound(PSK_FORM, {"activity1": "x" * 101, "q1": "5"})
    assert list(form.errors) == ["activity1"]


def test_an_unbound_form_has_no_answers():
    assert NQ_FORM().answers() == {}
