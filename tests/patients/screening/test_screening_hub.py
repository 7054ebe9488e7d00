"""The screening hub of a visit: NQ status, observation and breathing findings."""

import datetime
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.models import BreathingObservation, InstrumentResponse
from patients.screening import services as screening
from tests.patients.screening.helpers import follow_up, nq_answers, speak_english, url
from tests.querybudget import SEAL


@pytest.fixture(autouse=True)
def _english(alice):
    speak_english(alice)
    with translation.override("en"):
        yield


def respond(visit, total, valid=True, band=""):
    with scopes_disabled():
        return InstrumentResponse.objects.create(
            visit=visit,
            instrument="nq",
            version="1",
            answers=nq_answers(total),
            total=Decimal(total) if valid else None,
            band=band,
            valid=valid,
        )


def observe(visit, **fields):
    with scopes_disabled():
        return BreathingObservation.objects.create(visit=visit, **fields)


def hub(client, visit):
    return client.get(url("screening", visit))


def test_a_new_visit_shows_nothing_entered(alice_client, intake_visit):
    page = hub(alice_client, intake_visit).content.decode()
    assert "Not entered yet." in page
    assert "Not recorded yet." in page
    assert "No positive breathing findings." in page


def test_it_lists_each_positive_finding_with_its_reason(alice_client, intake_visit):
    respond(intake_visit, 28)
    observe(intake_visit, hilo_sitting="upper_chest", rate=19)
    page = hub(alice_client, intake_visit).content.decode()
    for reason in ("NQ 28 ≥ 23", "upper-chest dominant when sitting", "rate 19/min, upper-normal"):
        assert reason in page


def test_it_shows_no_combined_score_and_no_diagnosis(alice_client, intake_visit):
    respond(intake_visit, 28)
    observe(intake_visit, hilo_sitting="upper_chest", rate=19)
    page = hub(alice_client, intake_visit).content.decode()
    assert "not a diagnosis and not a combined score" in page
    assert "hyperventilation" not in page.lower()


def test_a_draft_nq_gives_no_nq_finding(alice_client, intake_visit):
    respond(intake_visit, 40, valid=False)
    response = hub(alice_client, intake_visit)
    assert response.context["screening"].findings == ()
    assert "Draft: 16 of 16 questions answered; not scored." in response.content.decode()


def test_it_shows_the_total_and_band_of_a_complete_nq(alice_client, intake_visit):
    respond(intake_visit, 23, band="elevated")
    page = hub(alice_client, intake_visit).content.decode()
    assert "Total 23 of 64" in page
    assert "Elevated from 23 (clinic setting)." in page


def test_the_clinic_threshold_changes_the_nq_finding(alice_client, intake_visit, clinic):
    clinic.nq_elevated_threshold = 20
    clinic.save()
    respond(intake_visit, 21)
    assert "NQ 21 ≥ 20" in hub(alice_client, intake_visit).content.decode()


def test_it_shows_the_previous_nq_total_at_a_follow_up(alice_client, episode, intake_visit, alice):
    respond(intake_visit, 31)
    with scopes_disabled():
        later = follow_up(episode, alice)
    assert "Previous (02-11-2026): 31" in hub(alice_client, later).content.decode()


def test_each_visit_keeps_its_own_findings(alice_client, episode, intake_visit, alice):
    observe(intake_visit, rate=22)
    with scopes_disabled():
        later = follow_up(episode, alice)
    observe(later, rate=14)
    assert "rate 22/min" in hub(alice_client, intake_visit).content.decode()
    assert "rate 22/min" not in hub(alice_client, later).content.decode()


def test_it_offers_self_entry_as_a_post_form(alice_client, intake_visit):
    page = hub(alice_client, intake_visit).content.decode()
    assert f'action="{url("selfentry_start", intake_visit)}"' in page


def test_the_browser_may_not_keep_it_for_the_back_button(alice_client, intake_visit):
    assert "no-store" in hub(alice_client, intake_visit)["Cache-Control"]


def test_opening_it_records_a_read_event(alice_client, intake_visit, patient):
    hub(alice_client, intake_visit)
    assert AccessEvent.objects.filter(action="read", patient_id=patient.pk).count() == 1


def test_it_returns_404_for_other_clinic(charlie_client, intake_visit):
    assert hub(charlie_client, intake_visit).status_code == 404


def test_another_clinics_visit_is_logged_as_denied(charlie_client, intake_visit):
    hub(charlie_client, intake_visit)
    assert AccessEvent.objects.filter(outcome=AccessEvent.Outcome.DENIED).exists()


def test_it_needs_no_post(alice_client, intake_visit):
    assert alice_client.post(url("screening", intake_visit)).status_code == 405


def test_the_hub_stays_within_its_query_budget(
    alice_client, intake_visit, django_assert_max_num_queries
):
    respond(intake_visit, 28)
    observe(intake_visit, hilo_sitting="upper_chest", rate=19)
    with django_assert_max_num_queries(14 + SEAL):
        hub(alice_client, intake_visit)


class TestFindingsPartial:
    """templates/patients/screening/_findings.html, included by the findings page."""

    def render(self, episode, latest_visit):
        with scopes_disabled():
            context = {
                "episode": episode,
                "latest_visit": latest_visit,
                **screening.findings_context(episode),
            }
            return render_to_string("patients/screening/_findings.html", context)

    def test_it_shows_the_findings_of_the_latest_screened_visit(self, episode, intake_visit, alice):
        respond(intake_visit, 28)
        with scopes_disabled():
            later = follow_up(episode, alice, date=datetime.date(2026, 11, 20))
        html = self.render(episode, later)
        assert "NQ 28 ≥ 23" in html
        assert "From the Intake visit of 02-11-2026." in html

    def test_a_later_screening_replaces_the_earlier_one(self, episode, intake_visit, alice):
        respond(intake_visit, 28)
        with scopes_disabled():
            later = follow_up(episode, alice)
        observe(later, route="mouth")
        html = self.render(episode, later)
        assert "mouth breathing at rest" in html
        assert "NQ 28" not in html

    def test_without_a_screening_it_links_to_start_one(self, episode, intake_visit):
        html = self.render(episode, intake_visit)
        assert "No breathing screening recorded yet." in html
        assert url("screening", intake_visit) in html

    def test_without_its_context_it_still_links_to_the_screening(self, episode, intake_visit):
        respond(intake_visit, 28)
        context = {"episode": episode, "latest_visit": intake_visit}
        html = render_to_string("patients/screening/_findings.html", context)
        assert url("screening", intake_visit) in html
        assert "No breathing screening recorded yet." not in html
