"""The progress tests' fixtures: Alice reading English on a fixed day, and a known clinic for
the dashboard tests.

`alice_in_english`: Alice's interface is English and the clock stands at the test module's
`NOW` (default 26 November 2026, noon); a module opts in with
`pytestmark = pytest.mark.usefixtures("alice_in_english")`.

The dashboard's clinic (`clinic_data`):

Today is 26 November 2026; the default period is the 365 days up to today.

- E1 alice, open since 2 Nov, intake only: follow-up (16 Nov) and re-measurement (23 Nov)
  overdue.
- E2 alice, open since 19 Nov, NPRS at the intake, a follow-up on 24 Nov with 3 of 5 days done
  (partial adherence): nothing due this week.
- E3 bob, open since 12 Nov, intake only: follow-up due today, re-measurement on 3 Dec.
- E4 alice, closed 15 Oct: NPRS 7 -> 4 and QBPDS 50 -> 35 relevant, PSK 6 -> 5 not, NQ 30 ->
  20, GPE 6 (success); 13 of 14 days done (good adherence).
- E5 bob, closed 1 Sep: NPRS 5 -> 4 not relevant, QBPDS once, NQ 25 -> 27, GPE 4; calendar not
  brought back.
- E6 alice, closed June 2025 (before the period): NPRS 8 -> 2.
- Charlie's clinic: a closed episode with NPRS 9 -> 1 in the period.
"""

import datetime

import pytest
from django.utils import translation

from tests.patients.progress.helpers import (
    TODAY,
    add_visit,
    discharged,
    intake_of,
    issued_plan,
    plan_items,
    record_calendar,
    respond,
    speak_english,
)

D = datetime.date


@pytest.fixture
def alice_in_english(alice, time_machine, request):
    """Let Alice read English, with the clock at the module's NOW (default 26 Nov, noon)."""
    speak_english(alice)
    time_machine.move_to(getattr(request.module, "NOW", datetime.datetime(2026, 11, 26, 12, 0)))
    with translation.override("en"):
        yield


@pytest.fixture
def today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 26, 12, 0))
    return TODAY


@pytest.fixture
def clinic_data(today, make_patient, make_episode, clinic, alice, bob, foreign_episode, unscoped):
    e1 = make_episode(make_patient(clinic), alice, opened_on=D(2026, 11, 2))
    e2 = make_episode(make_patient(clinic), alice, opened_on=D(2026, 11, 19))
    respond(intake_of(e2), "nprs", 6)
    plan = issued_plan(e2, on=D(2026, 11, 19), items=((1, 5),))
    record_calendar(add_visit(e2, D(2026, 11, 24)), plan, days=[(plan_items(plan)[0], 1, 3)])
    e3 = make_episode(make_patient(clinic), bob, opened_on=D(2026, 11, 12))
    e4 = make_episode(make_patient(clinic), alice, opened_on=D(2026, 8, 1))
    plan = issued_plan(e4, on=D(2026, 8, 1), items=((1, 7),))
    item = plan_items(plan)[0]
    record_calendar(add_visit(e4, D(2026, 8, 15)), plan, days=[(item, 1, 7), (item, 2, 6)])
    discharged(e4, D(2026, 10, 15), nprs=(7, 4), psk=(6, 5), qbpds=(50, 35), nq=(30, 20), gpe=6)
    e5 = make_episode(make_patient(clinic), bob, opened_on=D(2026, 6, 1))
    plan = issued_plan(e5, on=D(2026, 6, 1))
    record_calendar(add_visit(e5, D(2026, 6, 15)), plan, brought_back=False)
    discharged(e5, D(2026, 9, 1), nprs=(5, 4), qbpds=(60,), nq=(25, 27), gpe=4)
    e6 = make_episode(make_patient(clinic), alice, opened_on=D(2025, 5, 1))
    discharged(e6, D(2025, 6, 1), nprs=(8, 2))
    discharged(foreign_episode, D(2026, 11, 20), nprs=(9, 1))
    return {"e1": e1, "e2": e2, "e3": e3, "e4": e4, "e5": e5, "e6": e6}
