"""An episode's progress page: charts, the numbers, markers, adherence and the schedule."""

import base64
import datetime
import re

import pytest

from clinic.models import AccessEvent
from tests.patients.progress.helpers import (
    add_visit,
    close,
    intake_of,
    issued_plan,
    plan_items,
    record_calendar,
    respond,
    url,
)
from tests.querybudget import SEAL

D = datetime.date
pytestmark = pytest.mark.usefixtures("alice_in_english")


@pytest.fixture
def followed(episode, unscoped):
    """Alice's episode: intake on 2 Nov, follow-ups on 16 and 23 Nov, one calendar back."""
    intake = intake_of(episode)
    respond(intake, "nprs", 7)
    respond(intake, "qbpds", 40)
    respond(intake, "nq", 30)
    plan = issued_plan(episode)
    first = add_visit(episode, D(2026, 11, 16))
    respond(first, "nprs", 6)
    items = plan_items(plan)
    record_calendar(
        first, plan, days=[(items[0], 1, 7), (items[0], 2, 6), (items[1], 1, 1)], pain=[(1, 6)]
    )
    second = add_visit(episode, D(2026, 11, 23))
    respond(second, "nprs", 4)
    respond(second, "qbpds", 36)
    return episode


def page(client, episode):
    return client.get(url("progress", episode)).content.decode()


def test_it_shows_a_chart_per_measured_measure_as_an_image(alice_client, followed):
    content = page(alice_client, followed)
    # In the page (one request, issue 18) as data: images, the same SVG as the chart's URL.
    images = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', content)
    charts = [base64.b64decode(image).decode() for image in images]
    served = [
        alice_client.get(url("progress_chart", followed, code)).content.decode()
        for code in ("nprs", "qbpds", "nq")
    ]
    assert sorted(charts) == sorted(served)
    assert not any('id="rg-psk"' in chart for chart in charts)
    assert url("progress_chart", followed, "nprs") not in content
    assert "<svg" not in content  # never inline: the page's CSP has no 'unsafe-inline'


def test_it_marks_a_relevant_improvement_and_not_a_small_one(alice_client, followed):
    content = page(alice_client, followed)
    nprs = content.split("Numeric Pain Rating Scale")[-1].split("</tr>")[0]
    qbpds = content.split("Quebec Back Pain Disability Scale")[-1].split("</tr>")[0]
    assert "Clinically relevant improvement" in nprs  # 7 to 4
    assert "Clinically relevant improvement" not in qbpds  # 40 to 36: 4 points, 10%


def test_the_table_holds_the_same_numbers(alice_client, followed):
    content = page(alice_client, followed)
    assert "-3 (-43%)" in content
    assert "2 points or 30%" in content


def test_it_shows_adherence_per_week_with_the_pain_score(alice_client, followed):
    content = page(alice_client, followed)
    assert "67%" in content  # week 1: 7 of 7 days and 1 of 5
    assert "86%" in content  # week 2: 6 of 7
    assert "Overall 74% of the planned days done." in content
    assert "pain 6" in content


def test_it_shows_the_next_follow_up_and_re_measurement(alice_client, followed):
    content = page(alice_client, followed)
    assert "07-12-2026" in content  # follow-up: 23 Nov + 2 weeks
    assert "14-12-2026" in content  # NPRS and QBPDS measured on 23 Nov + 3 weeks


def test_a_closed_episode_has_no_schedule(alice_client, followed):
    close(followed, D(2026, 11, 23))
    assert "Schedule" not in page(alice_client, followed)


def test_reading_the_page_is_logged(alice_client, followed):
    page(alice_client, followed)
    event = AccessEvent.objects.get(path=url("progress", followed))
    assert event.action == AccessEvent.Action.READ and event.patient_id == followed.patient_id


def test_it_returns_404_for_other_clinic(charlie_client, followed):
    assert charlie_client.get(url("progress", followed)).status_code == 404


def test_a_colleague_of_the_same_clinic_may_read_it(client, bob, followed):
    client.force_login(bob)
    assert client.get(url("progress", followed)).status_code == 200


def test_the_page_costs_a_fixed_number_of_queries(
    alice_client, followed, django_assert_max_num_queries
):
    with django_assert_max_num_queries(11 + SEAL):
        alice_client.get(url("progress", followed))


def test_an_episode_without_measurements_says_so(alice_client, episode):
    assert "Nothing measured yet." in page(alice_client, episode)
