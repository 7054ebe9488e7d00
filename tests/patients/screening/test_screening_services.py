"""The screening workflows in patients/screening/services.py."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from patients.models import BreathingObservation, InstrumentResponse
from patients.screening import services as screening
from tests.patients.screening.helpers import follow_up, nq_answers


@pytest.fixture(autouse=True)
def _arrange(unscoped):
    with translation.override("en"):
        yield


def reasons(findings):
    return [str(finding.reason) for finding in findings]


def test_screening_submit_scores_a_complete_response(intake_visit, alice):
    response = screening.screening_submit(visit=intake_visit, answers=nq_answers(28), user=alice)
    assert (response.valid, response.total, response.band) == (True, 28, "elevated")
    assert (response.version, response.entered_by, response.self_entered) == ("1", alice, False)


def test_screening_submit_stores_a_draft_without_total(intake_visit, alice):
    answers = {"q1": 3, "q2": 4}
    response = screening.screening_submit(visit=intake_visit, answers=answers, user=alice)
    response.refresh_from_db()
    assert (response.valid, response.total, response.band, response.answers) == (
        False,
        None,
        "",
        answers,
    )


def test_screening_submit_uses_the_clinic_threshold(intake_visit, alice, clinic):
    clinic.nq_elevated_threshold = 30
    clinic.save()
    response = screening.screening_submit(visit=intake_visit, answers=nq_answers(29), user=alice)
    assert response.band == "borderline"


def test_screening_submit_rejects_a_value_of_5_and_saves_nothing(intake_visit, alice):
    with pytest.raises(ValidationError):
        screening.screening_submit(visit=intake_visit, answers={"q1": 5}, user=alice)
    assert not InstrumentResponse.objects.filter(visit=intake_visit).exists()


def test_a_self_entered_response_is_marked(intake_visit, alice):
    response = screening.screening_submit(
        visit=intake_visit, answers=nq_answers(5), user=alice, self_entered=True
    )
    assert response.self_entered


def test_observation_save_creates_then_updates(intake_visit, alice):
    screening.observation_save(visit=intake_visit, data={"rate": 12}, user=alice)
    screening.observation_save(visit=intake_visit, data={"rate": 18, "route": "nose"}, user=alice)
    observation = BreathingObservation.objects.get(visit=intake_visit)
    assert (observation.rate, observation.route, observation.updated_by) == (18, "nose", alice)


def test_observation_save_ignores_keys_that_are_not_fields(intake_visit, alice):
    observation = screening.observation_save(
        visit=intake_visit, data={"rate": 12, "visit_id": 999}, user=alice
    )
    assert observation.visit == intake_visit


def test_breathing_summary_of_a_visit_lists_each_finding(intake_visit, alice):
    screening.screening_submit(visit=intake_visit, answers=nq_answers(28), user=alice)
    screening.observation_save(
        visit=intake_visit, data={"hilo_sitting": "upper_chest", "rate": 19}, user=alice
    )
    assert reasons(screening.breathing_summary(intake_visit)) == [
        "NQ 28 ≥ 23",
        "upper-chest dominant when sitting",
        "rate 19/min, upper-normal",
    ]


def test_breathing_summary_ignores_a_draft_nq(intake_visit, alice):
    screening.screening_submit(visit=intake_visit, answers={"q1": 4}, user=alice)
    assert screening.breathing_summary(intake_visit) == ()


def test_breathing_summary_of_an_episode_uses_its_latest_screened_visit(
    episode, intake_visit, alice
):
    screening.observation_save(visit=intake_visit, data={"rate": 22}, user=alice)
    later = follow_up(episode, alice)
    screening.observation_save(visit=later, data={"route": "mouth"}, user=alice)
    follow_up(episode, alice, date=datetime.date(2026, 11, 30))  # not screened
    assert reasons(screening.breathing_summary(episode)) == ["mouth breathing at rest"]


def test_an_episode_without_a_screening_has_no_findings(episode, intake_visit):
    assert screening.breathing_summary(episode) == ()
    assert screening.findings_context(episode) == {
        "breathing_screening": screening.ScreenedVisit(visit=None, findings=())
    }


def test_previous_values_come_from_the_latest_earlier_visit(episode, intake_visit, alice):
    screening.screening_submit(visit=intake_visit, answers=nq_answers(30), user=alice)
    second = follow_up(episode, alice, date=datetime.date(2026, 11, 10))
    screening.screening_submit(visit=second, answers=nq_answers(20), user=alice)
    screening.observation_save(visit=intake_visit, data={"rate": 22}, user=alice)
    third = follow_up(episode, alice, date=datetime.date(2026, 11, 20))
    previous = screening.previous_values(third)
    assert previous.nq.total == Decimal(20)
    assert previous.observation.rate == 22


def test_previous_values_skip_a_draft(episode, intake_visit, alice):
    screening.screening_submit(visit=intake_visit, answers=nq_answers(30), user=alice)
    second = follow_up(episode, alice)
    screening.screening_submit(visit=second, answers={"q1": 1}, user=alice)
    third = follow_up(episode, alice, date=datetime.date(2026, 11, 20))
    assert screening.previous_values(third).nq.total == Decimal(30)


def test_a_later_visit_on_the_same_day_sees_the_earlier_one(episode, intake_visit, alice):
    screening.observation_save(visit=intake_visit, data={"rate": 11}, user=alice)
    same_day = follow_up(episode, alice, date=intake_visit.date)
    assert screening.previous_values(same_day).observation.rate == 11
    assert screening.previous_values(intake_visit).observation is None


def test_previous_values_stay_within_the_episode(
    make_episode, patient, episode, intake_visit, alice
):
    screening.observation_save(visit=intake_visit, data={"rate": 11}, user=alice)
    other = make_episode(patient, alice, opened_on=datetime.date(2026, 12, 1))
    assert screening.previous_values(other.visits.get()).observation is None


def test_observation_values_treat_blank_as_not_recorded(intake_visit, alice):
    observation = screening.observation_save(
        visit=intake_visit, data={"hilo_supine": "functional", "rhythm": ""}, user=alice
    )
    values = screening.observation_values(observation)
    assert (values["hilo"], values["rhythm"], values["sighs"]) == (
        {"supine": "functional"},
        None,
        None,
    )
