"""The clinic dashboard, the due list and the outcome export: aggregated in the database.

A fixed number of queries whatever the number of patients: the caseload per therapist (with
follow-ups and re-measurements due and overdue), the outcomes of the episodes discharged in a
period (relevant improvement per measure, the NQ change, the GPE), and the adherence per
episode. The rules are the pure ones of patients.progress.measures, written as database expressions:
`relevant_q` mirrors instruments.relevant_improvement and `due_q` mirrors progress.schedule
(tests hold each pair to the same answers).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import (
    Avg,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Least
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual

from patients import instruments
from patients.instruments.base import LOWER
from patients.models import (
    AdherenceEntry,
    CalendarReturn,
    Episode,
    InstrumentResponse,
    Visit,
)
from patients.progress import measures as progress
from patients.progress.measures import ScheduleSettings

#: The measures whose relevant improvement the dashboard counts.
OUTCOMES = progress.CORE
#: Comparisons with a threshold allow for float rounding, like instruments.relevant_improvement.
TOLERANCE = Value(-5e-10)
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Scope:
    """What the dashboard looks at: one therapist's caseload or the clinic's, and a period."""

    therapist_id: int | None
    start: datetime.date
    end: datetime.date
    today: datetime.date
    settings: ScheduleSettings

    def episodes(self) -> QuerySet[Episode]:
        episodes = Episode.objects.all()
        if self.therapist_id is not None:
            episodes = episodes.filter(therapist_id=self.therapist_id)
        return episodes


# Rules as database expressions --------------------------------------------------------------


def relevant_q(code: str, baseline: str, latest: str) -> Q:
    """Return the condition "latest is a relevant improvement on baseline" for two columns."""
    instrument = instruments.get(code)
    mcid = instrument.mcid
    if mcid is None or instrument.better is None:
        return Q(pk__in=[])
    change = F(baseline) - F(latest) if instrument.better == LOWER else F(latest) - F(baseline)
    conditions = Q(pk__in=[])
    if mcid.absolute is not None:
        conditions |= _at_least(change, Value(mcid.absolute))
    if mcid.relative is not None:
        # A baseline of 0 leaves nothing to improve on relatively (totals are never negative).
        above_zero = Q(GreaterThan(F(baseline), Value(0.0)))
        conditions |= _at_least(change, Value(mcid.relative) * F(baseline)) & above_zero
    return conditions


def _at_least(value, threshold) -> Q:
    difference = ExpressionWrapper(value - threshold, output_field=FloatField())
    return Q(GreaterThanOrEqual(difference, TOLERANCE))


def correlated(model) -> QuerySet:
    """Return rows of ``model`` for a subquery tied to a row of the outer, clinic-scoped query.

    The subquery filters on an OuterRef to a row the scoped outer query already limited to the
    user's clinic (an episode), so it cannot reach another clinic's rows; repeating the clinic
    filter inside would add a join to each of its thousands of evaluations. Never use it for
    anything but such a correlated subquery.
    """
    return model._base_manager.all()


def due_q(day: datetime.date, settings: ScheduleSettings) -> tuple[Q, Q]:
    """Return the conditions "follow-up due by ``day``" and "re-measurement due by ``day``".

    They read the annotations `last_visit` and `last_measured` of `with_last_dates`.
    """
    cut = progress.due_cutoffs(day, settings)
    followup = Q(last_visit__lte=cut.visited_by)
    remeasure = Q(last_measured__lte=cut.measured_by) | Q(
        last_measured__lte=cut.measured_by_long, opened_on__lte=cut.opened_by
    )
    return followup, remeasure


def with_last_dates(episodes: QuerySet[Episode]) -> QuerySet[Episode]:
    """Annotate the last visit and the last core measurement (the opening date without one)."""
    visits = correlated(Visit).filter(episode=OuterRef("pk")).order_by("-date")
    measured = visits.filter(responses__instrument__in=progress.CORE, responses__valid=True)
    return episodes.annotate(
        last_visit=Coalesce(Subquery(visits.values("date")[:1]), F("opened_on")),
        last_measured=Coalesce(Subquery(measured.values("date")[:1]), F("opened_on")),
    )


# Caseload -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseloadRow:
    """One therapist's open episodes, with follow-ups and re-measurements due and overdue."""

    therapist_id: int
    open: int
    followup_soon: int
    followup_overdue: int
    remeasure_soon: int
    remeasure_overdue: int


def caseload(scope: Scope, therapist_ids: Sequence[int]) -> list[CaseloadRow]:
    """Return the open episodes per therapist and what is due (one query).

    One count per therapist and figure over the open episodes, each episode's dates worked
    out once: grouped by therapist instead, the database would run the date subqueries again
    for every figure that reads them.
    """
    overdue_followup, overdue_remeasure = due_q(scope.today - ONE_DAY, scope.settings)
    soon_followup, soon_remeasure = due_q(scope.today + progress.DUE_SOON, scope.settings)
    figures = {
        "open": Q(),
        "followup_soon": soon_followup & ~overdue_followup,
        "followup_overdue": overdue_followup,
        "remeasure_soon": soon_remeasure & ~overdue_remeasure,
        "remeasure_overdue": overdue_remeasure,
    }
    if scope.therapist_id is not None:
        therapist_ids = [scope.therapist_id]
    counts = _distinct_rows(
        with_last_dates(scope.episodes().filter(status=Episode.Status.OPEN))
    ).aggregate(
        **{
            f"{name}_{pk}": Count("pk", filter=Q(therapist_id=pk) & condition)
            for pk in therapist_ids
            for name, condition in figures.items()
        }
    )
    rows = (
        CaseloadRow(pk, **{name: counts[f"{name}_{pk}"] for name in figures})
        for pk in therapist_ids
    )
    return [row for row in rows if row.open]


def _distinct_rows(queryset: QuerySet) -> QuerySet:
    """Keep an annotated queryset a subquery of its own under an aggregate.

    SQLite flattens a plain subquery into the aggregate around it, and then runs each
    correlated subquery again wherever a figure reads its result; a DISTINCT subquery is
    computed once (the rows are distinct anyway: each has its primary key).
    """
    return queryset.distinct()


def caseload_total(rows: Sequence[CaseloadRow]) -> CaseloadRow:
    """Return the clinic's row: the therapists' rows added up."""
    fields = ("open", "followup_soon", "followup_overdue", "remeasure_soon", "remeasure_overdue")
    return CaseloadRow(0, **{name: sum(getattr(row, name) for row in rows) for name in fields})


def due_list(scope: Scope) -> QuerySet[Episode]:
    """Return the open episodes with a follow-up or re-measurement due within a week or overdue."""
    followup, remeasure = due_q(scope.today + progress.DUE_SOON, scope.settings)
    episodes = scope.episodes().filter(status=Episode.Status.OPEN)
    return (
        with_last_dates(episodes)
        .filter(followup | remeasure)
        .select_related("patient", "therapist")
        .order_by(Least("last_visit", "last_measured"), "pk")
    )


# Outcomes of the discharged episodes ---------------------------------------------------------


@dataclass(frozen=True)
class MeasureOutcome:
    """Of the discharged episodes measured at least twice: how many improved relevantly."""

    code: str
    measured: int
    relevant: int

    @property
    def instrument(self):
        return instruments.get(self.code)

    @property
    def percent(self) -> int | None:
        return round(100 * self.relevant / self.measured) if self.measured else None


@dataclass(frozen=True)
class Outcomes:
    discharged: int
    measures: tuple[MeasureOutcome, ...]
    nq_measured: int
    nq_change: float | None
    gpe_answered: int
    gpe_success: int

    @property
    def gpe_percent(self) -> int | None:
        return round(100 * self.gpe_success / self.gpe_answered) if self.gpe_answered else None


def discharged(scope: Scope) -> QuerySet[Episode]:
    """Return the episodes closed in the scope's period."""
    return scope.episodes().filter(
        status=Episode.Status.CLOSED, closed_on__gte=scope.start, closed_on__lte=scope.end
    )


def first_and_last(episodes: QuerySet[Episode], codes: Sequence[str]) -> QuerySet[Episode]:
    """Annotate each episode, per measure, with its first (baseline) and last total, and with
    `<code>_twice`: whether it was measured at two visits or more (else the last is the first).

    Correlated subqueries that walk the visits in date order through the indexes: far cheaper
    than sorting every response of the period.
    """
    annotations = {}
    for code in codes:
        # From the visits side: the (episode, date) index, with the row id, gives the order.
        visits = correlated(Visit).filter(
            episode=OuterRef("pk"), responses__instrument=code, responses__valid=True
        )
        total = "responses__total"
        annotations[f"{code}_first"] = Subquery(visits.order_by("date", "pk").values(total)[:1])
        annotations[f"{code}_last"] = Subquery(visits.order_by("-date", "-pk").values(total)[:1])
        annotations[f"{code}_twice"] = Exists(visits.order_by().values("pk")[1:2])
    return episodes.annotate(**annotations)


def outcomes(scope: Scope) -> Outcomes:
    """Return the outcomes of the episodes discharged in the period (two queries)."""
    closed = discharged(scope)
    twice = {code: Q(**{f"{code}_twice": True}) for code in (*OUTCOMES, "nq")}
    gpe = correlated(InstrumentResponse).filter(
        visit__episode=OuterRef("pk"),
        visit__kind=Visit.Kind.DISCHARGE,
        instrument="gpe",
        valid=True,
    )
    episodes = first_and_last(closed, (*OUTCOMES, "nq")).annotate(
        gpe_band=Subquery(gpe.values("band")[:1])
    )
    figures = _distinct_rows(episodes).aggregate(
        discharged=Count("pk"),
        **{f"{code}_measured": Count("pk", filter=twice[code]) for code in OUTCOMES},
        **{
            f"{code}_relevant": Count(
                "pk", filter=twice[code] & relevant_q(code, f"{code}_first", f"{code}_last")
            )
            for code in OUTCOMES
        },
        nq_measured=Count("pk", filter=twice["nq"]),
        nq_change=Avg(
            ExpressionWrapper(F("nq_last") - F("nq_first"), output_field=FloatField()),
            filter=twice["nq"],
        ),
        gpe_answered=Count("pk", filter=Q(gpe_band__isnull=False)),
        gpe_success=Count("pk", filter=Q(gpe_band="success")),
    )
    return Outcomes(
        discharged=figures["discharged"],
        measures=tuple(
            MeasureOutcome(code, figures[f"{code}_measured"], figures[f"{code}_relevant"])
            for code in OUTCOMES
        ),
        nq_measured=figures["nq_measured"],
        nq_change=figures["nq_change"],
        gpe_answered=figures["gpe_answered"],
        gpe_success=figures["gpe_success"],
    )


# Adherence ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdherenceBand:
    code: str
    label: object
    episodes: int


def adherence_per_episode(scope: Scope) -> QuerySet:
    """Return per episode the days done (up to the plan) and the days planned, over the
    calendars returned in the period: one grouped pass over the period's entries."""
    entries = AdherenceEntry.objects.filter(
        calendar__visit__date__gte=scope.start, calendar__visit__date__lte=scope.end
    )
    if scope.therapist_id is not None:
        entries = entries.filter(calendar__visit__episode__therapist_id=scope.therapist_id)
    return entries.values(episode=F("calendar__visit__episode_id")).annotate(
        done=Sum(Least("days_done", "days_planned")), planned=Sum("days_planned")
    )


def not_brought_back(scope: Scope) -> QuerySet:
    """Return the calendars of the period that stayed at home."""
    calendars = CalendarReturn.objects.filter(
        brought_back=False, visit__date__gte=scope.start, visit__date__lte=scope.end
    )
    if scope.therapist_id is not None:
        calendars = calendars.filter(visit__episode__therapist_id=scope.therapist_id)
    return calendars


def adherence(scope: Scope) -> tuple[AdherenceBand, ...]:
    """Return how many episodes fall in each adherence band over the calendars returned in
    the period (two queries); episodes whose calendars all stayed at home are counted apart."""
    counts, bands, upper = {}, [], None
    for lowest, code, label in progress.ADHERENCE_BANDS:  # highest band first
        below_upper = ~_share_at_least(upper) if upper is not None else Q()
        counts[code] = Count("episode", filter=_share_at_least(lowest) & below_upper)
        bands.append((code, label))
        upper = lowest
    figures = adherence_per_episode(scope).filter(planned__gt=0).aggregate(**counts)
    entered = correlated(AdherenceEntry).filter(
        calendar__visit__episode_id=OuterRef("visit__episode_id"),
        calendar__visit__date__gte=scope.start,
        calendar__visit__date__lte=scope.end,
    )
    stayed_home = (
        not_brought_back(scope)
        .filter(~Exists(entered))
        .values("visit__episode_id")
        .distinct()
        .count()
    )
    home = progress.NOT_BROUGHT_BACK
    return (
        *(AdherenceBand(code, label, figures[code]) for code, label in bands),
        AdherenceBand(home, progress.adherence_band_label(home), stayed_home),
    )


def _share_at_least(lowest: float) -> Q:
    return _at_least(F("done"), Value(lowest) * F("planned"))


# The outcome export (pseudonymised) ----------------------------------------------------------

#: One row per episode: the clinic's patient number, an age band and months, never a name, a
#: date of birth or a day.
CSV_COLUMNS = (
    "patient_number",
    "age_band",
    "therapist",
    "referral",
    "region",
    "guideline_class",
    "status",
    "opened_month",
    "closed_month",
    "visits",
    *(
        f"{code}_{column}"
        for code in (*OUTCOMES, "nq")
        for column in ("baseline", "latest", "change", "relevant")
    ),
    "sbst_baseline_risk",
    "gpe",
    "gpe_success",
    "discharge_reason",
    "adherence_percent",
    "calendars_not_brought_back",
)


def exported(scope: Scope) -> QuerySet[Episode]:
    """Return the episodes open at some time in the period, with what the export needs."""
    episodes = (
        scope.episodes()
        .filter(opened_on__lte=scope.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=scope.start))
    )
    visits = correlated(Visit).filter(episode=OuterRef("pk")).values("episode")
    sbst = (
        correlated(InstrumentResponse)
        .filter(visit__episode=OuterRef("pk"), instrument="sbst", valid=True)
        .order_by("visit__date")
    )
    gpe = correlated(InstrumentResponse).filter(
        visit__episode=OuterRef("pk"),
        visit__kind=Visit.Kind.DISCHARGE,
        instrument="gpe",
        valid=True,
    )
    return (
        first_and_last(episodes, (*OUTCOMES, "nq"))
        .annotate(
            visit_count=Subquery(visits.annotate(n=Count("pk")).values("n")[:1]),
            sbst_band=Subquery(sbst.values("band")[:1]),
            gpe_total=Subquery(gpe.values("total")[:1]),
            gpe_band=Subquery(gpe.values("band")[:1]),
        )
        .select_related("patient", "therapist", "discharge")
        .order_by("patient__number", "opened_on", "pk")
    )


def export_rows(scope: Scope) -> list[list]:
    """Return the export's rows (header first) in three queries."""
    adherence = {row["episode"]: row for row in adherence_per_episode(scope)}
    home: dict[int, int] = {}
    for episode_id in not_brought_back(scope).values_list("visit__episode_id", flat=True):
        home[episode_id] = home.get(episode_id, 0) + 1
    rows = [list(CSV_COLUMNS)]
    for episode in exported(scope):
        rows.append(_row(episode, adherence.get(episode.pk), home.get(episode.pk, 0)))
    return rows


def _row(episode: Episode, adherence: dict | None, stayed_home: int) -> list:
    patient = episode.patient
    discharge = getattr(episode, "discharge", None)
    share = None
    if adherence and adherence["planned"]:
        share = adherence["done"] / adherence["planned"]
    return [
        patient.number,
        progress.age_band(patient.age_on(episode.opened_on)),
        str(episode.therapist),
        episode.referral,
        episode.region,
        episode.guideline_class,
        episode.status,
        f"{episode.opened_on:%Y-%m}",
        f"{episode.closed_on:%Y-%m}" if episode.closed_on else "",
        episode.visit_count or 0,
        *(value for code in (*OUTCOMES, "nq") for value in _measure_columns(episode, code)),
        episode.sbst_band or "",
        _number(episode.gpe_total) if episode.gpe_total is not None else "",
        ("yes" if episode.gpe_band == "success" else "no") if episode.gpe_band else "",
        discharge.reason if discharge else "",
        round(share * 100) if share is not None else "",
        stayed_home,
    ]


def _measure_columns(episode: Episode, code: str) -> list:
    first, last = getattr(episode, f"{code}_first"), getattr(episode, f"{code}_last")
    if first is None:
        return ["", "", "", ""]
    if not getattr(episode, f"{code}_twice"):
        return [_number(first), "", "", ""]
    relevant = instruments.relevant_improvement(instruments.get(code), first, last)
    return [
        _number(first),
        _number(last),
        _number(last - first),
        ("yes" if relevant else "no") if code != "nq" else "",
    ]


def _number(value) -> int | float:
    """Return a total as a plain number: 7, 5.3, -2 (not Decimal("7.00"))."""
    value = round(float(value), 2)
    return int(value) if value.is_integer() else value
