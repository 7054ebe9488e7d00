"""What a printed plan shows, as plain frozen data: the seam between the database and the PDF.

`plan_document(plan)` reads a HomePlan (frozen texts for issued plans, live texts for drafts)
into a `PlanDocument`; the templates render only that. Rendering tests build a PlanDocument
directly, without a database.
"""

import datetime
from dataclasses import dataclass, field, replace
from itertools import groupby

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clinic.printing.fetcher import static_path, static_url
from plans import library, rules
from plans.models import PlanItem
from plans.reasons import reason_text

PHASE_WEEKS = 2
MAX_TICKS_PER_DAY = 3  # an exercise done 2 or 3 times a day gets a box per time
MAX_LOGO_BYTES = 1024 * 1024
# The printed exercise block (print.css): letters a line in the text column beside the picture
# and in the picture's own column, and the lines the picture is tall.
TEXT_COLUMN_CHARS = 68
PICTURE_COLUMN_CHARS = 33
PICTURE_LINES = 9


@dataclass(frozen=True, slots=True)
class Dose:
    """How much of an exercise: the fields a therapist can edit per plan item."""

    sets: int | None = None
    reps: int | None = None
    minutes: int | None = None
    hold_seconds: int | None = None
    times_per_day: int | None = None
    days_per_week: int | None = None

    def text(self) -> str:
        """Return the dose as one line in the active language: "10 times · twice a day"."""
        return " · ".join(part for part in self._parts() if part)

    def _parts(self):
        if self.sets and self.sets > 1 and self.reps:
            yield ngettext(
                "%(sets)d round of %(reps)d times", "%(sets)d rounds of %(reps)d times", self.sets
            ) % {"sets": self.sets, "reps": self.reps}
        elif self.reps:
            yield ngettext("%(count)d time", "%(count)d times", self.reps) % {"count": self.reps}
        elif self.sets and self.sets > 1:
            yield ngettext("%(count)d round", "%(count)d rounds", self.sets) % {"count": self.sets}
        if self.hold_seconds:
            count = self.hold_seconds
            yield ngettext("hold %(count)d second", "hold %(count)d seconds", count) % {
                "count": count
            }
        if self.minutes:
            count = self.minutes
            yield ngettext("%(count)d minute", "%(count)d minutes", count) % {"count": count}
        if self.times_per_day:
            count = self.times_per_day
            yield ngettext("once a day", "%(count)d times a day", count) % {"count": count}
        if self.days_per_week == 7:
            yield _("every day")
        elif self.days_per_week:
            count = self.days_per_week
            yield ngettext("%(count)d day a week", "%(count)d days a week", count) % {
                "count": count
            }


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise as the patient reads it, all texts in the plan's language."""

    code: str
    name: str
    reason: str
    start_position: str
    steps: tuple[str, ...]
    dose: Dose
    cautions: str = ""
    note: str = ""
    illustration: str = ""  # a static path; "" prints no picture (and no empty frame)
    # Shown in full in an earlier phase: printed short, with a pointer back.
    repeat_of_phase: int | None = None
    # A daily habit (walk, micro-breaks): its own block, from week 1 through the whole plan.
    habit: bool = False

    @property
    def caution_under_picture(self) -> bool:
        """Whether "take care" goes under the picture rather than under the steps.

        Whichever column it makes the shorter block: the text column beside a picture holds
        about TEXT_COLUMN_CHARS a line, the picture's column (under a 9-line picture) about
        PICTURE_COLUMN_CHARS. An estimate in letters: the printed block only gets taller or
        shorter by a line or two when it is off.
        """
        if not self.illustration or not self.cautions:
            return False
        texts = (self.name, self.dose.text(), self.reason, self.start_position, *self.steps)
        text_lines = sum(_lines(text, TEXT_COLUMN_CHARS) for text in texts)
        beside = text_lines + _lines(self.cautions, TEXT_COLUMN_CHARS)
        under = max(text_lines, PICTURE_LINES + _lines(self.cautions, PICTURE_COLUMN_CHARS))
        return under < beside


@dataclass(frozen=True, slots=True)
class Phase:
    number: int
    exercises: tuple[Exercise, ...]

    @property
    def first_week(self) -> int:
        return (self.number - 1) * PHASE_WEEKS + 1

    @property
    def last_week(self) -> int:
        return self.number * PHASE_WEEKS


@dataclass(frozen=True, slots=True)
class ClinicHeader:
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    logo: bytes | None = field(default=None, repr=False)
    logo_type: str = ""


@dataclass(frozen=True, slots=True)
class CalendarWeek:
    number: int
    days: tuple[datetime.date, ...]


@dataclass(frozen=True, slots=True)
class CalendarRow:
    """One exercise's row: as many boxes a week as its days a week, as many a day as its times."""

    name: str
    days_per_week: int = 7
    times_per_day: int = 1

    @property
    def every_day(self) -> bool:
        return self.days_per_week >= 7

    @property
    def ticks(self) -> tuple[str, ...]:
        """The boxes of one week, one line per time of the day."""
        line = " ".join("\u2610" for _ in range(min(self.days_per_week, 7)))
        # More than MAX_TICKS_PER_DAY times (a micro-break every half hour): one tick a day.
        lines = self.times_per_day if self.times_per_day <= MAX_TICKS_PER_DAY else 1
        return tuple(line for _ in range(lines))


@dataclass(frozen=True, slots=True)
class CalendarBlock:
    """The tick-off rows of one phase: its exercises against the days of its weeks."""

    phase: int
    weeks: tuple[CalendarWeek, ...]
    exercises: tuple[CalendarRow, ...]
    # The daily habits run through every phase: one row each in every block.
    habits: tuple[CalendarRow, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanDocument:
    """Everything one printed plan shows."""

    language: str
    clinic: ClinicHeader
    patient_name: str
    patient_number: int
    date_of_birth: datetime.date
    therapist: str
    plan_date: datetime.date
    version: int
    draft: bool
    goals: str = ""
    note: str = ""
    phases: tuple[Phase, ...] = ()
    habits: tuple[Exercise, ...] = ()
    # Sentences for the patient about what the plan holds back and why (plans.rules notes).
    notes: tuple[str, ...] = ()
    next_appointment: datetime.datetime | None = None

    @property
    def exercise_count(self) -> int:
        return sum(len(phase.exercises) for phase in self.phases)

    def calendar(self) -> tuple[CalendarBlock, ...]:
        """Return the tick-off calendar: per phase, its exercises over its two weeks."""
        return tuple(
            CalendarBlock(
                phase=phase.number,
                weeks=tuple(self._week(n) for n in range(phase.first_week, phase.last_week + 1)),
                exercises=tuple(_calendar_row(exercise) for exercise in phase.exercises),
                habits=tuple(_calendar_row(habit) for habit in self.habits),
            )
            for phase in self.phases
        )

    @property
    def covered_cautions(self) -> tuple[str, ...]:
        """Cautions the stop box on page 1 already gives: not repeated under every exercise."""
        return (library.BREATHING_CAUTION_NL, library.BREATHING_CAUTION_EN)

    def _week(self, number: int) -> CalendarWeek:
        start = self.plan_date + datetime.timedelta(weeks=number - 1)
        days = tuple(start + datetime.timedelta(days=offset) for offset in range(7))
        return CalendarWeek(number=number, days=days)


def _lines(text: str, per_line: int) -> int:
    return -(-len(text) // per_line) if text else 0


def _calendar_row(exercise: Exercise) -> CalendarRow:
    dose = exercise.dose
    return CalendarRow(
        name=exercise.name,
        days_per_week=min(max(dose.days_per_week or 7, 1), 7),
        times_per_day=max(dose.times_per_day or 1, 1),
    )


def plan_document(plan) -> PlanDocument:
    """Read a HomePlan (with its episode, patient, clinic and items) into a PlanDocument."""
    episode = plan.episode
    patient = episode.patient
    language = plan.language or patient.language
    issued_on = plan.issued_at or timezone.now()
    return PlanDocument(
        language=language,
        clinic=clinic_header(episode.clinic),
        patient_name=patient.full_name,
        patient_number=patient.number,
        date_of_birth=patient.date_of_birth,
        # "Your physiotherapist": the episode's treating therapist, whoever pressed "issue".
        therapist=_person(episode.therapist),
        plan_date=timezone.localdate(issued_on),
        version=plan.version,
        draft=plan.is_draft,
        goals=episode.goals,
        note=plan.note,
        phases=_phases(plan),
        habits=_habits(plan),
        notes=_notes(plan, language),
        next_appointment=plan.next_appointment,
    )


def _phases(plan) -> tuple[Phase, ...]:
    # One query for a single plan; none when the caller prefetched the items (the batch).
    prefetch_related_objects([plan], Prefetch("items", PlanItem.objects.select_related("exercise")))
    items = sorted(
        (item for item in plan.items.all() if not item.is_habit),
        key=lambda item: (item.phase, item.order, item.pk),
    )
    first_phase: dict[int, int] = {}  # exercise id -> the phase that shows it in full
    phases = []
    for number, group in groupby(items, key=lambda item: item.phase):
        exercises = []
        for item in group:
            exercises.append(_exercise(plan, item, first_phase.get(item.exercise_id)))
            first_phase.setdefault(item.exercise_id, number)
        phases.append(Phase(number=number, exercises=tuple(exercises)))
    return tuple(phases)


def _notes(plan, language: str) -> tuple[str, ...]:
    """Return the plan-wide reason sentences of the rules that fired (e.g. a held drill)."""
    by_id = {rule.id: rule for rule in rules.RULES}
    fired = plan.rules_fired if isinstance(plan.rules_fired, list) else []
    return tuple(
        reason_text(by_id[rule_id].reason_code, language)
        for rule_id in fired
        if rule_id in rules.PLAN_NOTE_RULES and rule_id in by_id
    )


def _habits(plan) -> tuple[Exercise, ...]:
    """Return the daily habits (items of a habit category), in their order."""
    prefetch_related_objects([plan], Prefetch("items", PlanItem.objects.select_related("exercise")))
    items = sorted(
        (item for item in plan.items.all() if item.is_habit),
        key=lambda item: (item.phase, item.order, item.pk),
    )
    return tuple(replace(_exercise(plan, item, None), habit=True) for item in items)


def _exercise(plan, item, repeat_of_phase: int | None) -> Exercise:
    def text(name):
        return plan.item_text(item, name) or ""

    # A therapist's own addition has no reason code: their note says why it is in the plan.
    reason = text("reason")
    return Exercise(
        code=text("code"),
        name=text("name"),
        reason=reason or item.note,
        start_position=text("start_position"),
        steps=tuple(text("steps") or ()),
        dose=Dose(
            sets=item.sets,
            reps=item.reps,
            minutes=item.minutes,
            hold_seconds=item.hold_seconds,
            times_per_day=item.times_per_day,
            days_per_week=item.days_per_week,
        ),
        cautions=text("cautions"),
        note=item.note if reason else "",
        illustration=illustration(text("illustration")),
        repeat_of_phase=repeat_of_phase,
    )


def illustration(path: str) -> str:
    """Return the static path of an exercise picture, or "" (no picture) if it is missing."""
    if path and path.endswith(".svg") and static_path(static_url(path)):
        return path
    return ""


def clinic_header(clinic) -> ClinicHeader:
    """Return the clinic's letterhead, with the logo's bytes when it has a usable logo."""
    logo, logo_type = _logo(clinic)
    return ClinicHeader(
        name=clinic.name,
        address=clinic.address,
        phone=clinic.phone,
        email=clinic.email,
        logo=logo,
        logo_type=logo_type,
    )


def _logo(clinic) -> tuple[bytes | None, str]:
    name = clinic.logo.name if clinic.logo else ""
    kind = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}.get(
        name.rsplit(".", 1)[-1].lower()
    )
    if not kind:
        return None, ""
    try:
        with clinic.logo.open("rb") as handle:
            data = handle.read(MAX_LOGO_BYTES + 1)
    except OSError:
        return None, ""
    return (data, kind) if len(data) <= MAX_LOGO_BYTES else (None, "")


def _person(user) -> str:
    return (user.get_full_name() or user.email) if user is not None else ""
