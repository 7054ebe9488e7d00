"""The observed breathing assessment of a visit: the form, its flags and previous values."""

import pytest
from django.utils import translation
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.models import BreathingObservation
from tests.patients.screening.helpers import follow_up, speak_english, url
from tests.querybudget import SEAL


@pytest.fixture(autouse=True)
def _english(alice):
    speak_english(alice)
    with translation.override("en"):
        yield


def stored(visit):
    with scopes_disabled():
        return BreathingObservation.objects.filter(visit=visit).first()


def save(client, visit, **data):
    return client.post(url("observation", visit), data)


FULL = {
    "hilo_supine": "functional",
    "hilo_sitting": "upper_chest",
    "hilo_standing": "paradoxical",
    "rate": "19",
    "rhythm": "irregular",
    "route": "mixed",
    "sighs": "True",
    "accessory_muscles": "False",
    "breath_hold_seconds": "15",
    "notes": 'Zucht veel tijdens het gesprek & zegt "moe"',
}


def test_it_saves_every_field(alice_client, intake_visit, alice):
    response = save(alice_client, intake_visit, **FULL)
    assert response.status_code == 302
    saved = stored(intake_visit)
    assert (saved.hilo_sitting, saved.rate, saved.rhythm, saved.route) == (
        "upper_chest",
        19,
        "irregular",
        "mixed",
    )
    assert (saved.sighs, saved.accessory_muscles, saved.breath_hold_seconds) == (True, False, 15)
    assert saved.updated_by == alice


def test_saving_shows_the_flags_and_findings_on_the_hub(alice_client, intake_visit):
    response = save(alice_client, intake_visit, **FULL)
    page = alice_client.get(response["Location"]).content.decode()
    for reason in (
        "upper-chest dominant when sitting",
        "paradoxical breathing when standing",
        "rate 19/min, upper-normal",
        "irregular breathing rhythm",
        "mixed nose and mouth breathing at rest",
        "sighs or yawns seen",
        "breath-hold 15 s (practice convention, not validated)",
    ):
        assert reason in page


def test_text_is_escaped(alice_client, intake_visit):
    save(alice_client, intake_visit, **FULL)
    page = alice_client.get(url("observation", intake_visit)).content.decode()
    assert "gesprek &amp; zegt &quot;moe&quot;" in page


@pytest.mark.parametrize("notes", ["<script>alert(1)</script>", "Zucht <b>veel</b>"])
def test_markup_in_the_notes_is_refused_beside_the_field_and_nothing_is_saved(
    alice_client, intake_visit, notes
):
    """Found by the form fuzz harness: the notes were the one free-text field without it."""
    response = save(alice_client, intake_visit, **{**FULL, "notes": notes})
    assert response.status_code == 200
    assert response.context["form"].errors["notes"] == [
        "HTML is not allowed here. Remove the < sign or the tag."
    ]
    assert response.context["form"]["hilo_sitting"].value() == "upper_chest"
    assert stored(intake_visit) is None


@pytest.mark.parametrize(
    ("rate", "text"),
    [
        (8, "8/min, abnormal vital sign, medical review"),
        (9, "9/min"),
        (16, "16/min"),
        (17, "17/min, upper-normal"),
        (20, "20/min, upper-normal"),
        (21, "21/min, elevated, consider a medical cause"),
        (24, "24/min, elevated, consider a medical cause"),
        (25, "25/min, abnormal vital sign, medical review"),
    ],
)
def test_the_saved_rate_is_shown_with_its_flag(alice_client, intake_visit, rate, text):
    save(alice_client, intake_visit, rate=str(rate))
    response = alice_client.get(url("observation", intake_visit))
    assert response.context["form"].saved_rate_text() == text


@pytest.mark.parametrize(
    ("rate", "finding"),
    [
        (8, "rate_abnormal"),
        (9, None),
        (16, None),
        (17, "rate_upper_normal"),
        (20, "rate_upper_normal"),
        (21, "rate_elevated"),
        (24, "rate_elevated"),
        (25, "rate_abnormal"),
    ],
)
def test_the_rate_flag_becomes_a_finding_at_the_boundaries(
    alice_client, intake_visit, rate, finding
):
    save(alice_client, intake_visit, rate=str(rate))
    findings = alice_client.get(url("screening", intake_visit)).context["screening"].findings
    assert [f.code for f in findings] == ([finding] if finding else [])


@pytest.mark.parametrize("rate", ["0", "81", "-3", "abc", "19.5", "9" * 5000])
def test_a_rate_outside_1_to_80_is_an_error_and_nothing_is_saved(alice_client, intake_visit, rate):
    response = save(alice_client, intake_visit, **{**FULL, "rate": rate})
    assert response.status_code == 200
    assert "rate" in response.context["form"].errors
    assert stored(intake_visit) is None


def test_the_rest_of_the_input_is_kept_after_an_error(alice_client, intake_visit):
    response = save(alice_client, intake_visit, **{**FULL, "rate": "200"})
    page = response.content.decode()
    assert 'value="upper_chest"' in page and "Zucht veel" in page
    assert response.context["form"]["hilo_sitting"].value() == "upper_chest"


@pytest.mark.parametrize(
    ("field", "value"),
    [("hilo_sitting", "upper"), ("route", "ear"), ("sighs", "maybe"), ("rhythm", "<script>")],
)
def test_an_unknown_choice_is_an_error(alice_client, intake_visit, field, value):
    response = save(alice_client, intake_visit, **{**FULL, field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert stored(intake_visit) is None


def test_a_breath_hold_over_300_seconds_is_an_error(alice_client, intake_visit):
    response = save(alice_client, intake_visit, breath_hold_seconds="301")
    assert "breath_hold_seconds" in response.context["form"].errors


def test_oversized_notes_are_an_error(alice_client, intake_visit):
    response = save(alice_client, intake_visit, notes="x" * 2001)
    assert "notes" in response.context["form"].errors


def test_an_empty_observation_is_refused(alice_client, intake_visit):
    response = save(alice_client, intake_visit)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Record at least one observation."]
    assert stored(intake_visit) is None


def test_the_breath_hold_is_labelled_as_a_practice_convention(alice_client, intake_visit):
    page = alice_client.get(url("observation", intake_visit)).content.decode()
    assert "Practice convention, not validated." in page


def test_hi_lo_is_asked_per_position_as_radios(alice_client, intake_visit):
    page = alice_client.get(url("observation", intake_visit)).content.decode()
    for position in ("supine", "sitting", "standing"):
        for result in ("functional", "upper_chest", "paradoxical", "unclear"):
            assert f'name="hilo_{position}" value="{result}"' in page


def test_saving_again_updates_the_one_observation(alice_client, intake_visit):
    save(alice_client, intake_visit, rate="12")
    save(alice_client, intake_visit, rate="22")
    with scopes_disabled():
        assert BreathingObservation.objects.filter(visit=intake_visit).count() == 1
    assert stored(intake_visit).rate == 22


def test_a_follow_up_shows_the_previous_value_beside_each_field(
    alice_client, episode, intake_visit, alice
):
    save(alice_client, intake_visit, **FULL)
    with scopes_disabled():
        later = follow_up(episode, alice)
    response = alice_client.get(url("observation", later))
    previous = {field.name: prev for field, prev in response.context["form"].rows()}
    assert str(previous["hilo_sitting"]) == "Upper-chest dominant"
    assert previous["rate"] == "19/min, upper-normal"
    assert (str(previous["sighs"]), str(previous["accessory_muscles"])) == ("Yes", "No")
    assert previous["breath_hold_seconds"] == "15 s"
    assert "Previous:" in response.content.decode()


def test_a_follow_up_starts_empty(alice_client, episode, intake_visit, alice):
    save(alice_client, intake_visit, **FULL)
    with scopes_disabled():
        later = follow_up(episode, alice)
    assert alice_client.get(url("observation", later)).context["form"]["rate"].value() is None


def test_saving_records_a_change_event(alice_client, intake_visit, patient):
    save(alice_client, intake_visit, rate="12")
    assert AccessEvent.objects.filter(action="change", patient_id=patient.pk).count() == 1


def test_it_returns_404_for_other_clinic(charlie_client, intake_visit):
    assert charlie_client.get(url("observation", intake_visit)).status_code == 404


def test_a_post_from_another_clinic_is_404_and_saves_nothing(charlie_client, intake_visit):
    assert save(charlie_client, intake_visit, **FULL).status_code == 404
    assert stored(intake_visit) is None


def test_the_form_stays_within_its_query_budget(
    alice_client, episode, intake_visit, alice, django_assert_max_num_queries
):
    save(alice_client, intake_visit, **FULL)
    with scopes_disabled():
        later = follow_up(episode, alice)
    with django_assert_max_num_queries(11 + SEAL):
        alice_client.get(url("observation", later))
