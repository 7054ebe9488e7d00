"""Follow-up and discharge workflows: the returned calendar, re-measurement, closing.

Keyword-only, one transaction each; views record the access events. Reads that the forms and
views share (which plan's calendar came back, what was entered at other visits) come first.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clinic.printing.fetcher import private_url
from patients.intake.forms import InstrumentEntry
from patients.models import (
    CALENDAR_WEEKS,
    AdherenceEntry,
    CalendarReturn,
    Discharge,
    Episode,
    InstrumentResponse,
    Visit,
    WeeklyPain,
)
from patients.progress import measures as progress
from patients.progress.charts import measure_chart
from plans import services as plan_services
from plans.models import HomePlan, PlanItem
from plans.pdf import document as pdf_document
from plans.pdf import html_to_pdf

#: Weeks per plan phase, as on the printed calendar.
PHASE_WEEKS = pdf_document.PHASE_WEEKS


class FollowupError(Exception):
    """A workflow was refused; ``message`` tells the user why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def phase_weeks(phase: int) -> tuple[int, ...]:
    """Return the calendar weeks of a plan phase (phase 1: weeks 1 and 2)."""
    first = (phase - 1) * PHASE_WEEKS + 1
    return tuple(range(first, first + PHASE_WEEKS))


def calendar_phases(items) -> tuple[int, ...]:
    """Return the phases the printed calendar has a block for: those holding an exercise.

    Daily habits (walk, micro-breaks) have no phase of their own: they run through them all.
    """
    phases = sorted({item.phase for item in items if not item.is_habit})
    return tuple(phases) if phases else tuple(sorted({item.phase for item in items}))


def item_weeks(item, phases: tuple[int, ...]) -> tuple[int, ...]:
    """Return the calendar weeks of an item: its phase's, or every block's for a daily habit."""
    if item.is_habit:
        return tuple(week for phase in phases for week in phase_weeks(phase))
    return phase_weeks(item.phase)


def week_start(plan: HomePlan, week: int) -> datetime.date:
    """Return the first day of a calendar week (week 1 starts on the day the plan was issued)."""
    return timezone.localdate(plan.issued_at) + datetime.timedelta(weeks=week - 1)


# Reads ------------------------------------------------------------------------------------


def calendar_plan(episode: Episode, day: datetime.date) -> HomePlan | None:
    """Return the plan whose calendar comes back on ``day``: the last one issued before it."""
    plans = HomePlan.objects.filter(episode=episode).exclude(status=HomePlan.Status.DRAFT)
    before = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return plans.filter(issued_at__lt=before).order_by("-issued_at", "-version").first()


def plan_in_force(episode: Episode, day: datetime.date) -> HomePlan | None:
    """Return the latest plan issued by the end of ``day`` (issued that day too): the plan the
    patient follows from then on, even when its calendar does not come back yet."""
    plans = HomePlan.objects.filter(episode=episode).exclude(status=HomePlan.Status.DRAFT)
    until = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
    return plans.filter(issued_at__lte=until).order_by("-issued_at", "-version").first()


def calendar_items(plan: HomePlan) -> list[PlanItem]:
    """Return the plan's items in calendar order (phase, then place in the phase)."""
    return list(plan.items.select_related("exercise").order_by("phase", "order", "pk"))


@dataclass(frozen=True)
class Elsewhere:
    """What of a plan's calendar was entered at other visits (shown, not editable here)."""

    days: Mapping[tuple[int, int], tuple[int, datetime.date]] = field(default_factory=dict)
    pain: Mapping[int, tuple[int, datetime.date]] = field(default_factory=dict)


def entered_elsewhere(plan: HomePlan, visit: Visit | None) -> Elsewhere:
    """Return the days and pain scores of ``plan``'s calendar entered at visits other than this."""
    calendars = CalendarReturn.objects.filter(plan=plan)
    if visit is not None:
        calendars = calendars.exclude(visit=visit)
    entries = AdherenceEntry.objects.filter(calendar__in=calendars).values_list(
        "item_id", "week", "days_done", "calendar__visit__date"
    )
    pain = WeeklyPain.objects.filter(calendar__in=calendars).values_list(
        "week", "score", "calendar__visit__date"
    )
    return Elsewhere(
        days={(item, week): (done, day) for item, week, done, day in entries},
        pain={week: (score, day) for week, score, day in pain},
    )


def last_sbst_date(episode: Episode, *, before: Visit | None = None) -> datetime.date | None:
    """Return the date of the episode's latest complete STarT Back (other than at ``before``)."""
    responses = InstrumentResponse.objects.filter(
        visit__episode=episode, instrument="sbst", valid=True
    )
    if before is not None:
        responses = responses.exclude(visit=before)
    return responses.order_by("-visit__date").values_list("visit__date", flat=True).first()


def baseline_psk(episode: Episode) -> InstrumentResponse | None:
    """Return the episode's first complete PSK: its activities are rated again at follow-ups."""
    responses = InstrumentResponse.objects.filter(
        visit__episode=episode, instrument="psk", valid=True
    )
    return responses.order_by("visit__date", "visit_id").first()


def visit_responses(visit: Visit | None) -> dict[str, InstrumentResponse]:
    """Return the visit's responses keyed by instrument code (none for a new visit)."""
    if visit is None:
        return {}
    return {response.instrument: response for response in visit.responses.all()}


@dataclass(frozen=True)
class FollowupData:
    """What a follow-up or discharge page is built from."""

    plan: HomePlan | None
    items: tuple[PlanItem, ...]
    elsewhere: Elsewhere
    stored: CalendarReturn | None
    responses: Mapping[str, InstrumentResponse]
    psk_baseline: InstrumentResponse | None
    sbst_due: bool
    #: Without a calendar to enter: the plan issued on the visit's own day, if any.
    issued_same_day: HomePlan | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        """Return the questionnaires on the page: the core, the STarT Back when due or given."""
        sbst = ("sbst",) if self.sbst_due or "sbst" in self.responses else ()
        return (*progress.CORE, *sbst)


def followup_data(
    episode: Episode,
    visit: Visit | None,
    *,
    settings: progress.ScheduleSettings,
    today: datetime.date,
    with_sbst: bool = False,
) -> FollowupData:
    """Read what the follow-up page of ``visit`` (None: a new one on ``today``) shows."""
    stored = CalendarReturn.objects.select_related("plan").filter(visit=visit).first()
    day = visit.date if visit is not None else today
    plan = stored.plan if stored is not None else calendar_plan(episode, day)
    baseline = baseline_psk(episode)
    if visit is not None and baseline is not None and baseline.visit_id == visit.pk:
        baseline = None  # Rated first at this visit: its names can still be corrected here.
    due = progress.sbst_due(
        last_sbst=last_sbst_date(episode, before=visit),
        opened_on=episode.opened_on,
        day=day,
        settings=settings,
    )
    return FollowupData(
        plan=plan,
        items=tuple(calendar_items(plan)) if plan is not None else (),
        elsewhere=entered_elsewhere(plan, visit) if plan is not None else Elsewhere(),
        stored=stored,
        responses=visit_responses(visit),
        psk_baseline=baseline,
        sbst_due=due or with_sbst,
        issued_same_day=plan_in_force(episode, day) if plan is None else None,
    )


# Workflows --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarEntry:
    """What the therapist typed from a returned calendar.

    ``days`` maps (plan item id, week) to the days done; ``pain`` maps a week to its score.
    Not brought back: both stay empty.
    """

    plan: HomePlan
    brought_back: bool
    days: Mapping[tuple[int, int], int] = field(default_factory=dict)
    pain: Mapping[int, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.brought_back and not self.days and not self.pain


@transaction.atomic
def followup_record(
    *,
    episode: Episode,
    user,
    date: datetime.date,
    notes: str,
    calendar: CalendarEntry | None,
    questionnaires: Sequence[InstrumentEntry] = (),
    visit: Visit | None = None,
) -> Visit:
    """Record a follow-up (a new visit, or ``visit`` again): calendar, measurements, notes.

    Only while the episode is open: a closed episode's outcome no longer changes.
    """
    _lock_open(episode)
    if visit is None:
        visit = Visit.objects.create(
            episode=episode, kind=Visit.Kind.FOLLOW_UP, date=date, notes=notes, therapist=user
        )
    else:
        visit.date, visit.notes = date, notes
        visit.save(update_fields=["date", "notes"])
    adherence_save(visit=visit, calendar=calendar, user=user)
    InstrumentResponse.objects.store(visit, questionnaires, user=user, complete=True)
    return visit


@transaction.atomic
def adherence_save(*, visit: Visit, calendar: CalendarEntry | None, user) -> CalendarReturn | None:
    """Store the calendar returned at a visit; None (or nothing typed) removes what was stored."""
    stored = CalendarReturn.objects.select_for_update().filter(visit=visit).first()
    if calendar is None or calendar.empty:
        if stored is not None:
            stored.entries.all().delete()
            stored.pain_scores.all().delete()
            stored.delete()
        return None
    plan = stored.plan if stored is not None else calendar.plan
    entries, pain = _checked(plan, visit, calendar)
    stored = stored or CalendarReturn(visit=visit, plan=plan)
    stored.brought_back, stored.updated_by = calendar.brought_back, user
    stored.save()
    stored.entries.all().delete()
    stored.pain_scores.all().delete()
    AdherenceEntry.objects.bulk_create(
        AdherenceEntry(
            calendar=stored, item=item, week=week, days_done=done, days_planned=item.days_per_week
        )
        for item, week, done in entries
    )
    WeeklyPain.objects.bulk_create(
        WeeklyPain(calendar=stored, week=week, score=score) for week, score in pain
    )
    return stored


@transaction.atomic
def discharge_record(
    *,
    episode: Episode,
    user,
    date: datetime.date,
    notes: str,
    reason: str,
    reason_other: str = "",
    conclusion: str = "",
    calendar: CalendarEntry | None = None,
    questionnaires: Sequence[InstrumentEntry] = (),
) -> Discharge:
    """Record the discharge visit with its final measurements and GPE, and close the episode."""
    _lock_open(episode)
    visit = Visit.objects.create(
        episode=episode, kind=Visit.Kind.DISCHARGE, date=date, notes=notes, therapist=user
    )
    adherence_save(visit=visit, calendar=calendar, user=user)
    InstrumentResponse.objects.store(visit, questionnaires, user=user, complete=True)
    discharge = Discharge.objects.create(
        episode=episode,
        visit=visit,
        reason=reason,
        reason_other=reason_other if reason == Discharge.Reason.OTHER else "",
        conclusion=conclusion,
        recorded_by=user,
    )
    episode.status, episode.closed_on = Episode.Status.CLOSED, max(date, episode.opened_on)
    episode.save(update_fields=["status", "closed_on"])
    return discharge


def plan_revise_from_visit(*, visit: Visit, user) -> HomePlan:
    """Draft the next plan version with the findings as they stand after this visit.

    The issued plan's items (the therapist's earlier choices) are copied into the draft and the
    rules' new proposals are listed beside them (plans.services.plan_revise). Without an issued
    plan, a first draft is generated. Raises plans.services.PlanError (DraftExists included).
    """
    episode = visit.episode
    issued = episode.plans.issued().first()
    if issued is not None:
        return plan_services.plan_revise(plan=issued, user=user)
    return plan_services.plan_generate(episode=episode, user=user)


def _lock_open(episode: Episode) -> None:
    """Lock the episode row and refuse a closed episode (two devices closing at once)."""
    status = Episode.objects.select_for_update().values_list("status", flat=True).get(pk=episode.pk)
    if status != Episode.Status.OPEN:
        raise FollowupError(_("This episode is closed; visits can no longer be added."))


def _checked(plan: HomePlan, visit: Visit, calendar: CalendarEntry):
    """Return the calendar's (item, week, days) and (week, score); refuse what does not fit."""
    if not calendar.brought_back:
        return [], []
    items = {item.pk: item for item in plan.items.select_related("exercise")}
    phases = calendar_phases(items.values())
    elsewhere = entered_elsewhere(plan, visit)
    entries = []
    for (item_id, week), done in sorted(calendar.days.items()):
        item = items.get(item_id)
        if item is None or week not in item_weeks(item, phases) or not 0 <= done <= 7:
            raise FollowupError(_("The calendar does not match the plan. Reload the page."))
        if (item_id, week) in elsewhere.days:
            raise FollowupError(_("This week was already entered at another visit."))
        entries.append((item, week, done))
    pain = sorted(calendar.pain.items())
    if any(not 1 <= week <= CALENDAR_WEEKS or not 0 <= score <= 10 for week, score in pain):
        raise FollowupError(_("The calendar does not match the plan. Reload the page."))
    if any(week in elsewhere.pain for week, _score in pain):
        raise FollowupError(_("This week was already entered at another visit."))
    return entries, pain


# The progress summary (one printed page) ------------------------------------------------------

SUMMARY_TEMPLATE = "patients/progress/summary_pdf.html"
PATIENT, GP = "patient", "gp"


def summary_html(
    page: progress.ProgressPage,
    *,
    clinic,
    audience: str,
    conclusion: str,
    charts: Mapping[str, str],
    plan: Sequence[PlanPhase] = (),
    logo_url: str = "",
) -> str:
    """Render the summary's HTML (``charts`` maps a measure to the URL of its SVG)."""
    episode = page.episode
    context = {
        "page": page,
        "episode": episode,
        "patient": episode.patient,
        "clinic": clinic,
        "logo_url": logo_url,
        "gp": audience == GP,
        "conclusion": conclusion,
        "charts": [(series, charts[series.code]) for series in page.charted],
        "plan": plan,
        "therapist": episode.therapist,
        "printed_on": timezone.localdate(),
    }
    return render_to_string(SUMMARY_TEMPLATE, context)


def summary_pdf(page: progress.ProgressPage, *, clinic, audience: str, conclusion: str) -> bytes:
    """Render the one-page summary, for the patient in their language, for the GP in the
    clinic's; the charts (and the logo) go to the renderer as files, nothing is fetched."""
    language = page.episode.patient.language if audience == PATIENT else clinic.default_language
    header = pdf_document.clinic_header(clinic)
    files, logo_url = {}, ""
    if header.logo:
        logo_url = private_url("logo")
        files[logo_url] = (header.logo, header.logo_type)
    with translation.override(language):
        charts = {}
        for series in page.charted:
            url = private_url(f"chart-{series.code}.svg")
            files[url] = (measure_chart(series).encode(), "image/svg+xml")
            charts[series.code] = url
        html = summary_html(
            page,
            clinic=clinic,
            audience=audience,
            conclusion=conclusion,
            charts=charts,
            plan=plan_so_far(page.episode),
            logo_url=logo_url,
        )
    return html_to_pdf(html, files=files)


def summary_filename(episode: Episode) -> str:
    return f"progress-{episode.patient.number}-{timezone.localdate():%Y-%m-%d}.pdf"


@dataclass(frozen=True)
class PlanLine:
    name: str
    dose: pdf_document.Dose


@dataclass(frozen=True)
class PlanPhase:
    number: int
    exercises: tuple[PlanLine, ...]


def plan_so_far(episode: Episode) -> tuple[PlanPhase, ...]:
    """Return the latest issued plan's exercises per phase as printed (frozen names)."""
    plan = (
        HomePlan.objects.filter(episode=episode)
        .exclude(status=HomePlan.Status.DRAFT)
        .order_by("-version")
        .first()
    )
    if plan is None:
        return ()
    lines: dict[int, list[PlanLine]] = {}
    for item in calendar_items(plan):
        dose = pdf_document.Dose(**item.dose())
        lines.setdefault(item.phase, []).append(PlanLine(plan.item_text(item, "name"), dose))
    return tuple(PlanPhase(number, tuple(found)) for number, found in sorted(lines.items()))
