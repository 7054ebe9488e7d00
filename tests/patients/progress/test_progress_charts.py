"""Progress charts: self-contained SVG from pygal, the same bytes for the browser and the PDF."""

import datetime
import re

import pytest
from django.utils import translation

from clinic.models import AccessEvent
from patients.progress.charts import measure_chart
from patients.progress.measures import Point, measure_series
from tests.patients.progress.helpers import add_visit, intake_of, respond, url
from tests.querybudget import SEAL

DAY = datetime.date(2026, 11, 2)


def chart(code, *values, reference=None):
    points = [Point(DAY + datetime.timedelta(weeks=2 * n), n + 1, v) for n, v in enumerate(values)]
    with translation.override("en"):
        return measure_chart(measure_series(code, points, reference=reference))


def test_the_svg_has_no_script_and_fetches_nothing():
    svg = chart("nprs", 7, 5, 3)
    assert "<script" not in svg
    assert not re.search(r"(href|src)=", svg)
    assert "url(" not in svg


def test_it_draws_the_baseline_the_band_that_counts_and_the_latest_value():
    svg = chart("nprs", 7, 5, 3)
    assert "Baseline 7" in svg
    assert "Relevant improvement: 5 or lower" in svg
    assert ">3<" in svg  # the latest value is printed beside its dot


def test_the_nq_shows_its_elevated_line_instead_of_a_band():
    svg = chart("nq", 30, 18, reference=23)
    assert "Elevated from 23" in svg and "Relevant improvement" not in svg


def test_the_same_data_gives_the_same_svg():
    assert chart("qbpds", 40, 30) == chart("qbpds", 40, 30)


def test_a_measure_without_data_says_so():
    assert "No measurements yet" in chart("psk")


@pytest.fixture
def measured(episode, unscoped):
    respond(intake_of(episode), "nprs", 7)
    respond(add_visit(episode, datetime.date(2026, 11, 16)), "nprs", 4)
    return episode


def test_the_chart_view_sends_an_svg_image(alice_client, measured):
    response = alice_client.get(url("progress_chart", measured, "nprs"))
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response.content.startswith(b"<svg")


def test_the_chart_is_never_cached_and_allows_only_its_own_styling(alice_client, measured):
    response = alice_client.get(url("progress_chart", measured, "nprs"))
    policy = response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    assert "default-src 'none'" in policy and "style-src 'unsafe-inline'" in policy


def test_reading_a_chart_is_logged(alice_client, measured):
    alice_client.get(url("progress_chart", measured, "nprs"))
    event = AccessEvent.objects.get(action=AccessEvent.Action.READ, detail="nprs")
    assert event.patient_id == measured.patient_id


def test_an_unknown_measure_is_a_404(alice_client, measured):
    assert alice_client.get(url("progress_chart", measured, "sbst")).status_code == 404


def test_it_returns_404_for_other_clinic(charlie_client, measured):
    response = charlie_client.get(url("progress_chart", measured, "nprs"))
    assert response.status_code == 404


def test_the_chart_costs_few_queries(alice_client, measured, django_assert_max_num_queries):
    with django_assert_max_num_queries(8 + SEAL):
        alice_client.get(url("progress_chart", measured, "nprs"))


def dutch_chart(code, *values):
    points = [Point(DAY + datetime.timedelta(weeks=2 * n), n + 1, v) for n, v in enumerate(values)]
    with translation.override("nl"):
        return measure_chart(measure_series(code, points))


def test_numbers_use_the_decimal_comma_in_dutch():
    texts = re.findall(r"<text[^>]*>([^<]+)</text>", dutch_chart("qbpds", 40.5, 30, 18.5))
    assert "Beginwaarde 40,5" in texts and "18,5" in texts
    assert not [text for text in texts if re.search(r"\d\.\d", text)]


def test_the_band_legend_is_in_dutch():
    assert "Relevante verbetering: 5 of lager" in dutch_chart("nprs", 7, 5, 3)


def test_the_latest_value_and_last_date_fit_inside_the_chart():
    svg = dutch_chart("qbpds", 40.5, 30, 22, 20, 18.5)
    plot_x = float(re.search(r'translate\(([\d.]+), [\d.]+\)" class="plot"', svg)[1])
    value = re.search(r'x="([\d.]+)" y="[\d.]+" class="value">([^<]+)<', svg)
    # DejaVu Sans digits are about 0.64 em wide; value labels start at x, others are centred.
    assert plot_x + float(value[1]) + len(value[2]) * 15 * 0.64 <= 640
    dates = re.findall(r'<text x="([\d.]+)" y="[\d.]+" class="">(\d\d-\d\d)</text>', svg)
    last_x, last_label = dates[-1]
    assert plot_x + float(last_x) + len(last_label) * 14 * 0.64 / 2 <= 640


def test_a_chart_is_drawn_once_per_measurements_and_language(monkeypatch):
    from patients.progress import charts

    drawn = []
    draw = charts._draw
    monkeypatch.setattr(charts, "_draw", lambda series: drawn.append(series) or draw(series))
    charts._drawn.cache_clear()
    points = [Point(DAY, 1, 6), Point(DAY + datetime.timedelta(weeks=2), 2, 4.5)]
    series = measure_series("nprs", points)
    with translation.override("nl"):
        first = measure_chart(series)
        assert measure_chart(measure_series("nprs", list(points))) == first
        assert len(drawn) == 1
    with translation.override("en"):
        english = measure_chart(series)
    assert len(drawn) == 2 and "4.5" in english and "4,5" in first
    changed = [points[0], Point(points[1].date, 2, 4)]
    with translation.override("nl"):
        assert measure_chart(measure_series("nprs", changed)) != first
    assert len(drawn) == 3
