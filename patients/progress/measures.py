"""Progress over an episode: measures over the visits, the schedule, adherence.

Read top to bottom: which measures are followed; a measure's series with its baseline, latest
value and the change that counts; the measurement schedule (pure dates, plus the cut-off dates
the database filters with, so the dashboard and the overdue list apply the same rule); adherence
from the returned calendars; age bands for exports. Everything above the loader is pure. The
loader at the end reads one episode's progress page (like patients.findings).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from patients import instruments
from patients.instruments.base import HIGHER, LOWER, Instrument
from patients.intake.sections import change_that_counts
from patients.models import (
    CALENDAR_WEEKS,
    AdherenceEntry,
    Discharge,
    Episode,
    InstrumentResponse,
    Visit,
    WeeklyPain,
)

Text = Promise | str
Number = int | float | Decimal

# Measures -----------------------------------------------------------------------------------

#: The measures re-measured at follow-ups (the Dutch minimal data set for low back pain).
CORE = ("nprs", "psk", "qbpds")
#: The measures with a chart on the progress page, in display order.
CHARTED = (*CORE, "nq")
#: The lowest and highest possible total of each charted measure (the chart's scale).
SCALES = MappingProxyType({"nprs": (0, 10), "psk": (0, 10), "qbpds": (0, 100), "nq": (0, 64)})


def required_change(instrument: Instrument, baseline: Number) -> float | None:
    """Return the smallest improvement on baseline that counts (None: no threshold).

    Relevant means the absolute OR the relative threshold is met, so the smaller of the two
    is the one to reach (see instruments.relevant_improvement, which this mirrors).
    """
    mcid = instrument.mcid
    if mcid is None or instrument.better is None:
        return None
    options = [float(mcid.absolute)] if mcid.absolute is not None else []
    if mcid.relative is not None and float(baseline) != 0:
        options.append(mcid.relative * float(baseline))
    return min(options) if options else None


def relevance_boundary(instrument: Instrument, baseline: Number) -> float | None:
    """Return the value at which a relevant improvement on baseline is reached (None: none)."""
    change = required_change(instrument, baseline)
    if change is None:
        return None
    return float(baseline) - change if instrument.better == LOWER else float(baseline) + change


@dataclass(frozen=True)
class Point:
    """One measurement: its visit and total."""

    date: datetime.date
    visit_id: int
    value: float
    # The item answers (the PSK counts 3 points on one activity as relevant too).
    items: dict | None = field(default=None, compare=False)


@dataclass(frozen=True)
class MeasureSeries:
    """One measure over an episode's visits: the first is the baseline, the last the latest."""

    instrument: Instrument
    points: tuple[Point, ...]
    #: A fixed line to compare with (the NQ's elevated threshold), or None.
    reference: int | None = None

    @property
    def code(self) -> str:
        return self.instrument.code

    @property
    def baseline(self) -> Point | None:
        return self.points[0] if self.points else None

    @property
    def latest(self) -> Point | None:
        """Return the last measurement after the baseline (None with fewer than two)."""
        return self.points[-1] if len(self.points) > 1 else None

    @property
    def change(self) -> float | None:
        """Return latest minus baseline (None without a latest value)."""
        if self.latest is None:
            return None
        return round(self.latest.value - self.baseline.value, 2)

    @property
    def percent_change(self) -> int | None:
        """Return the change as a whole percentage of the baseline (None if it cannot be)."""
        if self.change is None or self.baseline.value == 0:
            return None
        return round(100 * self.change / self.baseline.value)

    @property
    def relevant(self) -> bool:
        """Return whether the latest value is a clinically relevant improvement."""
        if self.latest is None:
            return False
        return instruments.relevant_improvement(
            self.instrument,
            self.baseline.value,
            self.latest.value,
            baseline_items=self.baseline.items,
            latest_items=self.latest.items,
        )

    @property
    def boundary(self) -> float | None:
        """Return the value from which an improvement counts (None without threshold)."""
        if self.baseline is None:
            return None
        return relevance_boundary(self.instrument, self.baseline.value)

    @property
    def crossed_reference(self) -> bool:
        """Return whether the measure went from at or above the reference line to below it."""
        if self.reference is None or self.latest is None:
            return False
        return self.baseline.value >= self.reference > self.latest.value

    @property
    def better_label(self) -> Text:
        return BETTER_LABELS.get(self.instrument.better, "")

    @property
    def threshold_label(self) -> Text:
        """Describe the change that counts for this measure."""
        return change_that_counts(self.instrument)


BETTER_LABELS = MappingProxyType({LOWER: _("lower is better"), HIGHER: _("higher is better")})


def measure_series(
    code: str, points: Iterable[Point], *, reference: int | None = None
) -> MeasureSeries:
    """Return the series of one measure from its points (sorted by date here)."""
    ordered = tuple(sorted(points, key=lambda point: (point.date, point.visit_id)))
    return MeasureSeries(instruments.get(code), ordered, reference)


# Schedule -----------------------------------------------------------------------------------

#: The Dutch minimal data set: an episode longer than 3 months (13 weeks) is measured again
#: at least every 6 weeks, whatever the clinic's own interval.
LONG_EPISODE = datetime.timedelta(weeks=13)
LONG_EPISODE_INTERVAL = datetime.timedelta(weeks=6)
#: "Due soon" on lists: due within this many days from today.
DUE_SOON = datetime.timedelta(days=7)


@dataclass(frozen=True)
class ScheduleSettings:
    """A clinic's intervals (Clinic.followup_weeks and Clinic.remeasure_weeks)."""

    followup_weeks: int = 2
    remeasure_weeks: int = 3

    @classmethod
    def of(cls, clinic) -> ScheduleSettings:
        return cls(clinic.followup_weeks, clinic.remeasure_weeks)

    @property
    def followup(self) -> datetime.timedelta:
        return datetime.timedelta(weeks=self.followup_weeks)

    @property
    def remeasure(self) -> datetime.timedelta:
        return datetime.timedelta(weeks=self.remeasure_weeks)


def followup_due(last_visit: datetime.date, settings: ScheduleSettings) -> datetime.date:
    """Return when the next follow-up is due: the clinic's interval after the last visit."""
    return last_visit + settings.followup


def remeasure_due(
    *, last_measured: datetime.date, opened_on: datetime.date, settings: ScheduleSettings
) -> datetime.date:
    """Return when NPRS, PSK and QBPDS are due again.

    The clinic's interval after the last measurement; but once the episode is longer than
    3 months, no more than 6 weeks after it (and at once if that moment has already passed
    when the episode turns long).
    """
    regular = last_measured + settings.remeasure
    capped = max(last_measured + LONG_EPISODE_INTERVAL, opened_on + LONG_EPISODE)
    return min(regular, capped)


@dataclass(frozen=True)
class Due:
    """A due date and how it stands today."""

    date: datetime.date
    today: datetime.date

    @property
    def overdue(self) -> bool:
        return self.date < self.today

    @property
    def soon(self) -> bool:
        return self.today <= self.date <= self.today + DUE_SOON

    @property
    def days_overdue(self) -> int:
        return max(0, (self.today - self.date).days)


@dataclass(frozen=True)
class Schedule:
    """An open episode's next follow-up and re-measurement."""

    followup: Due
    remeasure: Due


def schedule(
    *,
    opened_on: datetime.date,
    last_visit: datetime.date | None,
    last_measured: datetime.date | None,
    settings: ScheduleSettings,
    today: datetime.date,
) -> Schedule:
    """Return the schedule of an open episode (the opening date stands in for what is missing)."""
    visited = last_visit or opened_on
    measured = last_measured or opened_on
    return Schedule(
        followup=Due(followup_due(visited, settings), today),
        remeasure=Due(
            remeasure_due(last_measured=measured, opened_on=opened_on, settings=settings), today
        ),
    )


def sbst_due(
    *,
    last_sbst: datetime.date | None,
    opened_on: datetime.date,
    day: datetime.date,
    settings: ScheduleSettings,
) -> bool:
    """Return whether the STarT Back is due on ``day``: never given, or due like a re-measure."""
    if last_sbst is None:
        return True
    return remeasure_due(last_measured=last_sbst, opened_on=opened_on, settings=settings) <= day


@dataclass(frozen=True)
class DueCutoffs:
    """The same rules as dates to compare stored dates with: "due on or before ``day``" is

    - follow-up: last visit <= ``visited_by``;
    - re-measurement: last measurement <= ``measured_by``, or last measurement <=
      ``measured_by_long`` in an episode opened on or before ``opened_by``.
    """

    visited_by: datetime.date
    measured_by: datetime.date
    measured_by_long: datetime.date
    opened_by: datetime.date


def due_cutoffs(day: datetime.date, settings: ScheduleSettings) -> DueCutoffs:
    """Return the cut-off dates for "due on or before ``day``" (see remeasure_due)."""
    return DueCutoffs(
        visited_by=day - settings.followup,
        measured_by=day - settings.remeasure,
        measured_by_long=day - LONG_EPISODE_INTERVAL,
        opened_by=day - LONG_EPISODE,
    )


# Adherence ----------------------------------------------------------------------------------

LOW, PARTIAL, GOOD = "low", "partial", "good"
#: (lowest share, code, label), highest first: the share of planned days done.
ADHERENCE_BANDS = (
    (0.8, GOOD, _("80% or more")),
    (0.5, PARTIAL, _("50 to 79%")),
    (0.0, LOW, _("under 50%")),
)
NOT_BROUGHT_BACK = "not_brought_back"


@dataclass(frozen=True)
class Cell:
    """One entry of a returned calendar: an exercise's days done in one week."""

    week: int
    days_done: int
    days_planned: int


def adherence_share(cells: Iterable[Cell]) -> float | None:
    """Return the share of planned days done (days beyond the plan do not count extra)."""
    cells = list(cells)
    planned = sum(cell.days_planned for cell in cells)
    if not planned:
        return None
    return sum(min(cell.days_done, cell.days_planned) for cell in cells) / planned


def adherence_band(share: float | None) -> str | None:
    """Return the band code of a share (None without a share)."""
    if share is None:
        return None
    # Rounded like instruments.relevant_improvement: 4 of 5 days is 80%, float or not.
    return next(code for lowest, code, _label in ADHERENCE_BANDS if round(share - lowest, 9) >= 0)


def adherence_band_label(code: str | None) -> Text:
    if code == NOT_BROUGHT_BACK:
        return _("calendar not brought back")
    return next((label for _lowest, band, label in ADHERENCE_BANDS if band == code), "")


@dataclass(frozen=True)
class WeekAdherence:
    """One week of a returned calendar: the share of planned days done and the pain score."""

    week: int
    share: float | None
    pain: int | None

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)

    @property
    def band(self) -> str | None:
        return adherence_band(self.share)


def weekly_adherence(
    cells: Iterable[Cell], pain: Mapping[int, int], weeks: Sequence[int]
) -> tuple[WeekAdherence, ...]:
    """Return each of ``weeks`` with its share of planned days done and its pain score."""
    by_week: dict[int, list[Cell]] = {}
    for cell in cells:
        by_week.setdefault(cell.week, []).append(cell)
    return tuple(
        WeekAdherence(week, adherence_share(by_week.get(week, ())), pain.get(week))
        for week in weeks
    )


# Exports ------------------------------------------------------------------------------------


def age_band(age: int) -> str:
    """Return a ten-year age band such as "40-49" (pseudonymised exports show only this)."""
    if age >= 90:
        return "90+"
    low = max(0, age) // 10 * 10
    return f"{low}-{low + 9}"


# The progress page of one episode (the only part of this module that reads the database) ----


@dataclass(frozen=True)
class CalendarSummary:
    """One returned calendar: per week the share of planned days done and the pain score."""

    visit: Visit
    brought_back: bool
    plan_version: int
    cells: tuple[Cell, ...]
    weeks: tuple[WeekAdherence, ...]

    @property
    def share(self) -> float | None:
        return adherence_share(self.cells)

    @property
    def percent(self) -> int | None:
        share = self.share
        return None if share is None else round(share * 100)

    @property
    def band(self) -> str | None:
        return adherence_band(self.share) if self.brought_back else NOT_BROUGHT_BACK

    @property
    def band_label(self) -> Text:
        return adherence_band_label(self.band)


@dataclass(frozen=True)
class VisitRow:
    """One visit with its valid responses, keyed by instrument code."""

    visit: Visit
    values: Mapping[str, InstrumentResponse]

    @property
    def sbst_band(self) -> Text:
        """Return the STarT Back risk group measured at the visit ("" if none)."""
        response = self.values.get("sbst")
        return instruments.get("sbst").band_label(response.band) if response else ""


@dataclass(frozen=True)
class ProgressPage:
    """Everything the progress page, its charts and the summary PDF show of one episode."""

    episode: Episode
    rows: tuple[VisitRow, ...]
    series: tuple[MeasureSeries, ...]
    calendars: tuple[CalendarSummary, ...]
    schedule: Schedule | None
    discharge: Discharge | None

    @property
    def charted(self) -> tuple[MeasureSeries, ...]:
        """Return the series with at least one measurement."""
        return tuple(series for series in self.series if series.points)

    @property
    def share(self) -> float | None:
        """Return the share of planned days done over every returned calendar."""
        return adherence_share(cell for summary in self.calendars for cell in summary.cells)

    @property
    def percent(self) -> int | None:
        share = self.share
        return None if share is None else round(share * 100)

    @property
    def gpe(self) -> InstrumentResponse | None:
        """Return the GPE given at the discharge (None before it)."""
        if self.discharge is None:
            return None
        row = next((row for row in self.rows if row.visit.pk == self.discharge.visit_id), None)
        return row.values.get("gpe") if row else None

    @property
    def gpe_label(self) -> Text:
        """Return the GPE answer in words ("" before the discharge)."""
        gpe = self.gpe
        return instruments.get("gpe").item("q1").label_for(int(gpe.total)) if gpe else ""

    @property
    def weeks(self) -> tuple[int, ...]:
        return tuple(range(1, CALENDAR_WEEKS + 1))


def load_progress(
    episode: Episode, *, settings: ScheduleSettings, nq_threshold: int, today: datetime.date
) -> ProgressPage:
    """Load an episode's progress page in four queries."""
    visits = list(
        episode.visits.select_related("calendar__plan", "discharge").order_by("date", "pk")
    )
    responses = _valid_responses(episode)
    by_visit: dict[int, dict[str, InstrumentResponse]] = {}
    for response in responses:
        by_visit.setdefault(response.visit_id, {})[response.instrument] = response
    return ProgressPage(
        episode=episode,
        rows=tuple(
            VisitRow(visit, MappingProxyType(by_visit.get(visit.pk, {}))) for visit in visits
        ),
        series=tuple(_series(code, responses, nq_threshold) for code in CHARTED),
        calendars=_calendars(visits),
        schedule=_schedule(episode, visits, responses, settings, today),
        discharge=next(filter(None, (getattr(visit, "discharge", None) for visit in visits)), None),
    )


def load_series(episode: Episode, code: str, *, nq_threshold: int) -> MeasureSeries:
    """Load one charted measure of an episode in one query (for its chart)."""
    return _series(code, _valid_responses(episode, code), nq_threshold)


def _valid_responses(episode: Episode, code: str | None = None) -> list[InstrumentResponse]:
    responses = InstrumentResponse.objects.filter(visit__episode=episode, valid=True)
    if code is not None:
        responses = responses.filter(instrument=code)
    return list(responses.select_related("visit").order_by("visit__date", "visit_id"))


def _series(code: str, responses: list[InstrumentResponse], nq_threshold: int) -> MeasureSeries:
    points = (
        Point(response.visit.date, response.visit_id, float(response.total), response.answers)
        for response in responses
        if response.instrument == code
    )
    return measure_series(code, points, reference=nq_threshold if code == "nq" else None)


def _calendars(visits: list[Visit]) -> tuple[CalendarSummary, ...]:
    returned = [visit.calendar for visit in visits if hasattr(visit, "calendar")]
    ids = [calendar.pk for calendar in returned]
    cells: dict[int, list[Cell]] = {}
    entries = AdherenceEntry.objects.filter(calendar_id__in=ids)
    for calendar_id, week, done, planned in entries.values_list(
        "calendar_id", "week", "days_done", "days_planned"
    ):
        cells.setdefault(calendar_id, []).append(Cell(week, done, planned))
    pain: dict[int, dict[int, int]] = {}
    for calendar_id, week, score in WeeklyPain.objects.filter(calendar_id__in=ids).values_list(
        "calendar_id", "week", "score"
    ):
        pain.setdefault(calendar_id, {})[week] = score
    weeks = tuple(range(1, CALENDAR_WEEKS + 1))
    return tuple(
        CalendarSummary(
            visit=calendar.visit,
            brought_back=calendar.brought_back,
            plan_version=calendar.plan.version,
            cells=tuple(cells.get(calendar.pk, ())),
            weeks=weekly_adherence(cells.get(calendar.pk, ()), pain.get(calendar.pk, {}), weeks),
        )
        for calendar in returned
    )


def _schedule(episode, visits, responses, settings, today) -> Schedule | None:
    if not episode.is_open:
        return None
    measured = [r.visit.date for r in responses if r.instrument in CORE]
    return schedule(
        opened_on=episode.opened_on,
        last_visit=max((visit.date for visit in visits), default=None),
        last_measured=max(measured, default=None),
        settings=settings,
        today=today,
    )
