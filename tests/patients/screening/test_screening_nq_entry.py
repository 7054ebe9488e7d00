"""The NQ fast-entry grid: all 16 items on one page, complete or draft."""

from decimal import Decimal

import pytest
from django.utils import translation
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.models import InstrumentResponse
from tests.patients.screening.helpers import follow_up, nq_answers, nq_post, speak_english, url
from tests.querybudget import SEAL


@pytest.fixture(autouse=True)
def _english(alice):
    speak_english(alice)
    with translation.override("en"):
        yield


def stored(visit):
    with scopes_disabled():
        return InstrumentResponse.objects.filter(visit=visit, instrument="nq").first()


def submit(client, visit, answers, action="save"):
    return client.post(url("nq_entry", visit), nq_post(answers, action))


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "normal"),
        (19, "normal"),
        (20, "borderline"),
        (22, "borderline"),
        (23, "elevated"),
        (24, "elevated"),
        (64, "elevated"),
    ],
)
def test_a_complete_nq_is_stored_with_its_total_and_band(alice_client, intake_visit, total, band):
    response = submit(alice_client, intake_visit, nq_answers(total))
    assert response.status_code == 302
    saved = stored(intake_visit)
    assert (saved.valid, saved.total, saved.band) == (True, Decimal(total), band)


def test_saving_redirects_to_the_screening_hub(alice_client, intake_visit):
    response = submit(alice_client, intake_visit, nq_answers(10))
    assert response["Location"] == url("screening", intake_visit)


def test_the_answers_are_stored_as_ints_by_item_key(alice_client, intake_visit):
    submit(alice_client, intake_visit, nq_answers(30))
    assert stored(intake_visit).answers == nq_answers(30)


def test_a_missing_item_is_an_error_next_to_it_and_nothing_is_saved(alice_client, intake_visit):
    answers = nq_answers(30)
    del answers["q7"]
    response = submit(alice_client, intake_visit, answers)
    assert response.status_code == 200
    assert response.context["form"].errors["q7"] == ["Question 7 (Short of breath): please answer."]
    assert stored(intake_visit) is None


def test_a_wrong_value_and_a_missing_item_are_both_reported(alice_client, intake_visit):
    data = nq_post(nq_answers(30))
    data["q3"] = "5"
    del data["q12"]
    errors = alice_client.post(url("nq_entry", intake_visit), data).context["form"].errors
    assert set(errors) == {"q3", "q12"}


def test_after_a_missing_item_the_other_answers_are_kept(alice_client, intake_visit):
    answers = nq_answers(30)
    del answers["q7"]
    response = submit(alice_client, intake_visit, answers)
    assert 'name="q1" value="4" id="id_q1_4" checked' in response.content.decode()


def test_a_draft_with_a_missing_item_is_stored_without_total_or_band(alice_client, intake_visit):
    answers = nq_answers(40)
    del answers["q16"]
    submit(alice_client, intake_visit, answers, action="draft")
    saved = stored(intake_visit)
    assert (saved.valid, saved.total, saved.band, saved.answers) == (False, None, "", answers)


def test_a_draft_with_all_16_answered_is_scored_as_complete(alice_client, intake_visit):
    submit(alice_client, intake_visit, nq_answers(23), action="draft")
    saved = stored(intake_visit)
    assert (saved.valid, saved.total, saved.band) == (True, Decimal(23), "elevated")


def test_an_empty_draft_is_refused(alice_client, intake_visit):
    response = alice_client.post(url("nq_entry", intake_visit), {"action": "draft"})
    assert response.status_code == 200
    assert "Answer at least one question" in str(response.context["form"].non_field_errors())
    assert stored(intake_visit) is None


@pytest.mark.parametrize("value", ["5", "-1", "x", "2.5", "<b>4</b>", "9" * 5000])
def test_an_answer_outside_0_to_4_is_an_error_and_nothing_is_saved(
    alice_client, intake_visit, value
):
    data = nq_post(nq_answers(30))
    data["q3"] = value
    response = alice_client.post(url("nq_entry", intake_visit), data)
    assert response.status_code == 200
    assert "q3" in response.context["form"].errors
    assert stored(intake_visit) is None


def test_the_clinic_threshold_changes_the_band(alice_client, intake_visit, clinic):
    clinic.nq_elevated_threshold = 20
    clinic.save()
    submit(alice_client, intake_visit, nq_answers(21))
    assert stored(intake_visit).band == "elevated"


def test_with_the_default_threshold_21_is_borderline(alice_client, intake_visit):
    submit(alice_client, intake_visit, nq_answers(21))
    assert stored(intake_visit).band == "borderline"


def test_saving_again_updates_the_one_response_of_the_visit(alice_client, intake_visit):
    submit(alice_client, intake_visit, nq_answers(10))
    submit(alice_client, intake_visit, nq_answers(30))
    with scopes_disabled():
        assert InstrumentResponse.objects.filter(visit=intake_visit).count() == 1
    assert stored(intake_visit).total == Decimal(30)


def test_the_grid_shows_the_saved_answers_for_editing(alice_client, intake_visit):
    submit(alice_client, intake_visit, nq_answers(8))
    page = alice_client.get(url("nq_entry", intake_visit)).content.decode()
    assert 'name="q2" value="4" id="id_q2_4" checked' in page


def test_the_grid_has_16_rows_of_5_labelled_radios(alice_client, intake_visit):
    page = alice_client.get(url("nq_entry", intake_visit)).content.decode()
    assert page.count('type="radio"') == 80
    assert page.count('class="visually-hidden">') >= 80
    assert "3. Blurred vision: Sometimes" in page


def test_the_grid_loads_its_script_from_a_static_file(alice_client, intake_visit):
    page = alice_client.get(url("nq_entry", intake_visit)).content.decode()
    assert "js/nq-grid.js" in page
    assert "<script>" not in page


def test_a_follow_up_shows_the_previous_answers_beside_each_row(
    alice_client, episode, intake_visit, alice
):
    submit(alice_client, intake_visit, nq_answers(28))
    with scopes_disabled():
        later = follow_up(episode, alice)
    response = alice_client.get(url("nq_entry", later))
    assert response.context["form"].previous.total == Decimal(28)
    previous = [str(row.previous) for row in response.context["form"].rows()]
    assert previous == ["Very often"] * 7 + ["Never"] * 9
    assert "Previous total" in response.content.decode()


def test_the_first_visit_shows_no_previous_column(alice_client, intake_visit):
    assert "Previous total" not in alice_client.get(url("nq_entry", intake_visit)).content.decode()


def test_saving_records_a_change_event_for_the_patient(alice_client, intake_visit, patient):
    submit(alice_client, intake_visit, nq_answers(10))
    event = AccessEvent.objects.get(action=AccessEvent.Action.CHANGE)
    assert event.patient_id == patient.pk


def test_opening_the_grid_records_a_read_event(alice_client, intake_visit, patient):
    alice_client.get(url("nq_entry", intake_visit))
    assert AccessEvent.objects.filter(action="read", patient_id=patient.pk).exists()


def test_it_returns_404_for_other_clinic(charlie_client, intake_visit):
    assert charlie_client.get(url("nq_entry", intake_visit)).status_code == 404


def test_a_post_from_another_clinic_is_404_and_saves_nothing(charlie_client, intake_visit):
    response = submit(charlie_client, intake_visit, nq_answers(30))
    assert response.status_code == 404
    assert stored(intake_visit) is None


def test_the_grid_page_stays_within_its_query_budget(
    alice_client, intake_visit, django_assert_max_num_queries
):
    with django_assert_max_num_queries(11 + SEAL):
        alice_client.get(url("nq_entry", intake_visit))
