"""The dashboard's figures on a known clinic, aggregated in the database."""

import datetime
from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled
from hypothesis import strategies as st

from patients import instruments
from patients.models import Episode
from patients.progress import dashboard
from patients.progress import measures as progress
from tests.examples import for_each_example
from tests.patients.progress.helpers import TODAY, add_visit, intake_of, respond

D = datetime.date
YEAR_AGO = D(2025, 11, 26)

# The known clinic (an assignment, so the fixtures are found in this module).


def scope_of(clinic, therapist=None, start=YEAR_AGO, end=TODAY):
    rules = progress.ScheduleSettings.of(clinic)
    return dashboard.Scope(getattr(therapist, "pk", None), start, end, TODAY, rules)


def run(clinic, function, *args, **kwargs):
    with scope(clinic=clinic.pk):
        return function(*args, **kwargs)


def test_it_counts_open_episodes_and_what_is_due_per_therapist(clinic, clinic_data, alice, bob):
    rows = run(clinic, dashboard.caseload, scope_of(clinic), [alice.pk, bob.pk])
    assert rows == [
        dashboard.CaseloadRow(
            alice.pk,
            open=2,
            followup_soon=0,
            followup_overdue=1,
            remeasure_soon=0,
            remeasure_overdue=1,
        ),
        dashboard.CaseloadRow(
            bob.pk,
            open=1,
            followup_soon=1,
            followup_overdue=0,
            remeasure_soon=1,
            remeasure_overdue=0,
        ),
    ]


def test_it_counts_relevant_improvement_of_the_episodes_discharged_in_the_period(
    clinic, clinic_data
):
    outcomes = run(clinic, dashboard.outcomes, scope_of(clinic))
    assert outcomes.discharged == 2
    assert [(m.code, m.measured, m.relevant) for m in outcomes.measures] == [
        ("nprs", 2, 1),
        ("psk", 1, 0),
        ("qbpds", 1, 1),
    ]
    assert outcomes.nq_measured == 2 and outcomes.nq_change == pytest.approx(-4)
    assert (outcomes.gpe_answered, outcomes.gpe_success, outcomes.gpe_percent) == (2, 1, 50)


def test_it_sorts_episodes_by_adherence(clinic, clinic_data):
    bands = run(clinic, dashboard.adherence, scope_of(clinic))
    assert {band.code: band.episodes for band in bands} == {
        "good": 1,
        "partial": 1,
        "low": 0,
        "not_brought_back": 1,
    }


def test_a_therapist_scope_counts_only_their_own_episodes(clinic, clinic_data, alice, bob):
    mine = scope_of(clinic, bob)
    assert [row.therapist_id for row in run(clinic, dashboard.caseload, mine, [alice.pk])] == [
        bob.pk
    ]
    outcomes = run(clinic, dashboard.outcomes, mine)
    assert outcomes.discharged == 1 and outcomes.measures[0].relevant == 0
    bands = {band.code: band.episodes for band in run(clinic, dashboard.adherence, mine)}
    assert bands == {"good": 0, "partial": 0, "low": 0, "not_brought_back": 1}


def test_the_period_decides_which_discharges_count(clinic, clinic_data):
    outcomes = run(clinic, dashboard.outcomes, scope_of(clinic, start=D(2025, 1, 1)))
    assert outcomes.discharged == 3 and outcomes.measures[0].relevant == 2


def test_the_due_list_holds_what_is_due_this_week_or_overdue(clinic, clinic_data):
    listed = run(clinic, lambda: list(dashboard.due_list(scope_of(clinic))))
    assert listed == [clinic_data["e1"], clinic_data["e3"]]


def test_the_due_list_agrees_with_the_schedule_of_each_episode(clinic, clinic_data):
    rules = progress.ScheduleSettings.of(clinic)
    with scope(clinic=clinic.pk):
        listed = set(dashboard.due_list(scope_of(clinic)))
        for episode in dashboard.with_last_dates(Episode.objects.filter(status="open")):
            plan = progress.schedule(
                opened_on=episode.opened_on,
                last_visit=episode.last_visit,
                last_measured=episode.last_measured,
                settings=rules,
                today=TODAY,
            )
            due = any(d.overdue or d.soon for d in (plan.followup, plan.remeasure))
            assert (episode in listed) == due


@pytest.fixture
def measured_twice(episode, unscoped):
    """Return a function storing first and last NPRS/QBPDS totals on alice's episode."""
    intake, later = intake_of(episode), add_visit(episode, D(2026, 11, 16))

    def store(code, first, last):
        with scopes_disabled():
            intake.responses.all().delete()
            later.responses.all().delete()
        respond(intake, code, first)
        respond(later, code, last)

    return store


CODE_AND_VALUES = st.sampled_from(["nprs", "qbpds"]).flatmap(
    lambda code: st.tuples(
        st.just(code),
        st.integers(0, 10 if code == "nprs" else 100),
        st.integers(0, 10 if code == "nprs" else 100),
    )
)


def test_the_database_rule_agrees_with_the_python_rule(measured_twice, episode):
    @for_each_example(CODE_AND_VALUES, max_examples=40)
    def compare(values):
        code, first, last = values
        measured_twice(code, first, last)
        with scopes_disabled():
            annotated = dashboard.first_and_last(Episode.objects.filter(pk=episode.pk), [code])
            relevant = dashboard.relevant_q(code, f"{code}_first", f"{code}_last")
            expected = instruments.relevant_improvement(instruments.get(code), first, last)
            assert annotated.filter(relevant).exists() == expected
            row = annotated.get()
        assert getattr(row, f"{code}_first") == Decimal(first)


def test_the_dashboard_ignores_other_clinics(other_clinic, clinic_data, charlie):
    outcomes = run(other_clinic, dashboard.outcomes, scope_of(other_clinic))
    assert outcomes.discharged == 1 and outcomes.measures[0].relevant == 1
