"""Generated junk submitted to the follow-up and discharge pages: never a 500, all or nothing."""

import datetime

import pytest
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from patients.models import (
    AdherenceEntry,
    CalendarReturn,
    Discharge,
    Episode,
    InstrumentResponse,
    Visit,
    WeeklyPain,
)
from tests.patients.progress.helpers import issued_plan, plan_items, url

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NASTY = [
    "<script>alert(1)</script>",
    "a\x00b",
    "🙂" * 30,
    "x" * 5000,
    "99999999999999999999999",
    "-1",
    "8",
    "11",
    "7",
    "0",
    "3.5",
    "1e999",
    "NaN",
    "2026-02-30",
    "0001-01-01",
    "9999-12-31",
    "2026-11-16",
    "on",
    "other",
    "",
]
junk = st.one_of(
    st.sampled_from(NASTY),
    st.integers(-20, 20).map(str),
    st.text(max_size=20),
    st.lists(st.sampled_from(NASTY), min_size=2, max_size=3),
)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 26, 12, 0))


@pytest.fixture
def names(episode, unscoped):
    """Return the form's field names for alice's episode with an issued plan."""
    items = plan_items(issued_plan(episode))
    cells = [f"cal-days_{item.pk}_{week}" for item in items for week in range(1, 7)]
    measures = ["nprs-q1", "psk-q1", "psk-activity1", "qbpds-q1", "qbpds-q20", "sbst-q9"]
    return ["date", "notes", "cal-not_brought_back", *cells, "cal-pain_1", "cal-pain_5", *measures]


def counts():
    with scopes_disabled():
        models = (Visit, CalendarReturn, AdherenceEntry, WeeklyPain, InstrumentResponse, Discharge)
        return {model.__name__: model.objects.count() for model in models}


def submission(names, extra=()):
    return st.dictionaries(st.sampled_from([*names, *extra]), junk, max_size=8).map(
        lambda data: {"date": "2026-11-16", "notes": "", **data}
    )


@FUZZ
@given(data=st.data())
def test_junk_on_the_follow_up_page_never_fails_and_saves_all_or_nothing(
    alice_client, episode, names, data
):
    post = data.draw(submission(names))
    before = counts()
    response = alice_client.post(url("followup_new", episode), post)
    event(f"status {response.status_code}")
    assert response.status_code in (200, 302)
    after = counts()
    if response.status_code == 200:
        assert after == before
    else:
        assert after["Visit"] == before["Visit"] + 1
        with scopes_disabled():
            visit = Visit.objects.latest("pk")
            entries = AdherenceEntry.objects.filter(calendar__visit=visit).count()
            responses = InstrumentResponse.objects.filter(visit=visit).count()
        assert "<script" not in visit.notes
        assert after["AdherenceEntry"] - before["AdherenceEntry"] == entries
        assert after["InstrumentResponse"] - before["InstrumentResponse"] == responses


DISCHARGE_FIELDS = ["reason", "reason_other", "conclusion", "gpe-q1"]


@FUZZ
@given(data=st.data())
def test_junk_on_the_discharge_page_never_fails_and_closes_all_or_nothing(
    alice_client, episode, names, data
):
    post = data.draw(submission(names, DISCHARGE_FIELDS))
    before = counts()
    response = alice_client.post(url("discharge", episode), post)
    event(f"status {response.status_code}")
    assert response.status_code in (200, 302)
    with scopes_disabled():
        closed = Episode.objects.get(pk=episode.pk).status == Episode.Status.CLOSED
        if response.status_code == 302 and closed and counts()["Discharge"] > before["Discharge"]:
            Episode.objects.filter(pk=episode.pk).update(status="open", closed_on=None)
            Discharge.objects.all().delete()
        else:
            assert counts() == before and not closed
