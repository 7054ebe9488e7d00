"""Bad input on an intake section: a message next to the field, what was typed kept, nothing
saved."""

import datetime

import pytest
from django.utils import timezone

from tests.patients.intake.helpers import (
    TEXT_FIELDS,
    days_ago,
    fill,
    section_data,
    section_url,
    snapshot,
    speak_english,
)


@pytest.fixture(autouse=True)
def _english(alice):
    speak_english(alice)


def post(client, episode, key, **overrides):
    return client.post(section_url(episode, key), section_data(key, **overrides))


def errors(response):
    """Return the field errors of every part of the section form, as plain text."""
    form = response.context["form"]
    return {
        part.add_prefix(name): [str(error) for error in errs]
        for part in form.forms
        for name, errs in part.errors.items()
    }


def test_an_onset_date_in_the_future_is_refused(alice_client, episode):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = post(alice_client, episode, "history", onset_date=tomorrow.isoformat())
    assert errors(response) == {"onset_date": ["The onset date cannot be in the future."]}


def test_an_onset_date_before_birth_is_refused(alice_client, episode):
    response = post(alice_client, episode, "history", onset_date="1980-05-16")
    assert errors(response) == {
        "onset_date": ["The onset date cannot be before the date of birth (17-05-1980)."]
    }


def test_an_absurd_date_is_refused(alice_client, episode):
    response = post(alice_client, episode, "history", onset_date="99999-01-01")
    assert list(errors(response)) == ["onset_date"]


def test_another_way_of_onset_needs_its_description(alice_client, episode):
    response = post(alice_client, episode, "history", onset_mode="other", onset_other="")
    assert errors(response) == {"onset_other": ["Describe how it started."]}


def test_a_description_needs_the_other_onset(alice_client, episode):
    response = post(alice_client, episode, "history", onset_other="Bij het tuinieren")
    assert list(errors(response)) == ["onset_other"]


def test_earlier_episodes_only_go_with_a_recurrent_episode(alice_client, episode):
    response = post(alice_client, episode, "history", previous_episodes="2")
    assert errors(response) == {
        "previous_episodes": ["Tick 'recurrent episode', or leave this empty."]
    }


def test_a_recurrent_episode_takes_the_number_of_earlier_ones(alice_client, episode, unscoped):
    response = post(
        alice_client,
        episode,
        "history",
        recurrent="on",
        previous_episodes="3",
        first_onset_age="25",
    )
    assert response.status_code == 302
    assert snapshot(episode)["ComplaintHistory"][0]["previous_episodes"] == 3


def test_no_earlier_treatment_cannot_be_combined_with_a_treatment(alice_client, episode):
    response = post(alice_client, episode, "history", earlier_treatment=["none", "massage"])
    assert errors(response) == {
        "earlier_treatment": ["'None' cannot be combined with a treatment."]
    }


@pytest.mark.parametrize(
    ("key", "field", "value"),
    [
        ("history", "radiation", "to_the_moon"),
        ("history", "earlier_treatment", ["acupuncture"]),
        ("pain", "nprs-q1", "11"),
        ("pain", "nprs-q1", "-1"),
        ("pain", "psk-q1", "10.5"),
        ("pain", "qbpds-q7", "6"),
        ("redflags", "ces_bladder", "maybe"),
        ("psychosocial", "stress", "11"),
        ("psychosocial", "sbst-q9", "5"),
        ("work", "desk_hours", "25"),
        ("work", "desk_hours", "1e999999"),
        ("work", "desk_hours", "NaN"),
        ("movement", "lumbar_flexion", "broken"),
        ("diagnosis", "guideline_class", "unknown"),
    ],
)
def test_out_of_range_numbers_and_unknown_choices_are_refused(
    alice_client, episode, key, field, value
):
    before = snapshot(episode)
    response = post(alice_client, episode, key, **{field: value})
    assert (response.status_code, list(errors(response))) == (200, [field])
    assert snapshot(episode) == before


@pytest.mark.parametrize(
    ("key", "field"), [(key, field) for key, fields in TEXT_FIELDS.items() for field in fields]
)
def test_html_in_a_text_field_is_refused_and_shown_escaped(alice_client, episode, key, field):
    before = snapshot(episode)
    response = post(alice_client, episode, key, **{field: "<script>alert('x')</script>"})
    assert errors(response)[field] == ["HTML is not allowed here: remove the < and > signs."]
    page = response.content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert snapshot(episode) == before


def test_a_less_than_sign_in_plain_text_is_fine(alice_client, episode):
    response = post(alice_client, episode, "history", aggravating="Zitten < 10 minuten")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("key", "field", "limit"),
    [
        ("history", "pain_location", 300),
        ("diagnosis", "goals", 2000),
        ("pain", "psk-activity1", 100),
    ],
)
def test_oversized_text_is_refused(alice_client, episode, key, field, limit):
    before = snapshot(episode)
    response = post(alice_client, episode, key, **{field: "x" * (limit + 1)})
    assert list(errors(response)) == [field]
    assert snapshot(episode) == before


def test_everything_else_typed_is_kept(alice_client, episode):
    response = post(alice_client, episode, "history", onset_date="", pain_location="Links laag")
    page = response.content.decode()
    assert 'value="Links laag"' in page
    assert 'value="Paracetamol"' in page
    assert response.context["form"].fields_form["earlier_treatment"].value() == [
        "exercises",
        "massage",
    ]


def test_typed_grid_answers_are_kept(alice_client, episode):
    response = post(alice_client, episode, "pain", **{"qbpds-q3": "4", "qbpds-q20": None})
    assert 'id="id_qbpds-q3_4" value="4" checked' in response.content.decode()


def test_the_message_stands_next_to_its_field(alice_client, episode):
    response = post(alice_client, episode, "pain", **{"qbpds-q7": None})
    page = response.content.decode()
    assert 'id="id_qbpds-q7_error"' in page
    assert 'aria-describedby="id_qbpds-q7_error"' in page


def test_one_missing_questionnaire_answer_saves_nothing_of_the_section(alice_client, episode):
    before = snapshot(episode)
    response = post(alice_client, episode, "pain", **{"qbpds-q20": None})
    assert (response.status_code, list(errors(response))) == (200, ["qbpds-q20"])
    assert snapshot(episode) == before


def test_an_invalid_resubmission_leaves_the_saved_section_as_it_was(alice_client, episode):
    fill(alice_client, episode, "work")
    before = snapshot(episode)
    post(alice_client, episode, "work", desk_hours="30", sport="Tennis")
    assert snapshot(episode) == before


def test_a_psk_rating_needs_the_activitys_name(alice_client, episode):
    response = post(alice_client, episode, "pain", **{"psk-activity2": ""})
    assert errors(response) == {"psk-activity2": ["Name the activity you rated."]}


def test_another_diagnosis_needs_its_name(alice_client, episode):
    response = post(alice_client, episode, "diagnosis", diagnosis="other", diagnosis_other="")
    assert errors(response) == {"diagnosis_other": ["Name the working diagnosis."]}


def test_the_diagnosis_goals_and_class_are_required(alice_client, episode):
    response = post(
        alice_client, episode, "diagnosis", diagnosis=None, goals="", guideline_class=None
    )
    assert sorted(errors(response)) == ["diagnosis", "goals", "guideline_class"]


def test_the_page_says_nothing_was_saved(alice_client, episode):
    response = post(alice_client, episode, "work", desk_hours="99")
    assert "Not saved. Correct the marked answers" in response.content.decode()


def test_an_onset_a_month_ago_is_accepted(alice_client, episode):
    response = post(alice_client, episode, "history", onset_date=days_ago(31).isoformat())
    assert response.status_code == 302
