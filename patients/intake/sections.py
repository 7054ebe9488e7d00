"""The intake: its sections, what is stored of them, and the workflows that save them.

Read top to bottom: the section registry (it drives the progress indicator, the navigation and
completeness); the loaded state of one episode's intake and its status; the workflows
(keyword-only, one transaction each); the findings page. The duration category: duration.py.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from patients import instruments, redflags
from patients.instruments.base import Instrument, lazy_interpolate
from patients.intake import forms
from patients.intake.duration import duration_label
from patients.intake.forms import InstrumentEntry
from patients.models import (
    ComplaintHistory,
    Episode,
    InstrumentResponse,
    MovementFindings,
    Patient,
    Psychosocial,
    RedFlagScreen,
    Visit,
    WorkLifestyle,
)
from patients.screening import breathing

Text = Promise | str

# Sections --------------------------------------------------------------------------------------

HISTORY = "history"
PAIN = "pain"
REDFLAGS = "redflags"
PSYCHOSOCIAL = "psychosocial"
WORK = "work"
MOVEMENT = "movement"
DIAGNOSIS = "diagnosis"

# What the progress indicator shows for a section.
TODO = "todo"
DRAFT = "draft"
DECISION = "decision"
DONE = "done"
STATE_CHOICES = (
    (TODO, _("To do")),
    (DRAFT, _("Incomplete")),
    (DECISION, _("Decision needed")),
    (DONE, _("Done")),
)
STATE_STYLES = MappingProxyType(
    {TODO: "light", DRAFT: "warning", DECISION: "danger", DONE: "success"}
)


@dataclass(frozen=True)
class Section:
    """One page of the intake: its form, and the one-row-per-episode model it fills (if any)."""

    key: str
    title: Text
    form_class: type[forms.IntakeSectionForm]
    model: type | None = None
    required: bool = True

    @property
    def relation(self) -> str | None:
        """Return the episode's accessor of the section's row (None without a row)."""
        return self.model._meta.model_name if self.model else None

    @property
    def instruments(self) -> tuple[str, ...]:
        return self.form_class.instrument_codes

    @property
    def template(self) -> str:
        return f"patients/intake/_{self.key}.html"


SECTIONS = (
    Section(HISTORY, _("Complaint and history"), forms.HistorySectionForm, ComplaintHistory),
    Section(PAIN, _("Pain and function"), forms.PainSectionForm),
    Section(REDFLAGS, _("Red flags"), forms.RedFlagSectionForm, RedFlagScreen),
    Section(PSYCHOSOCIAL, _("Psychosocial factors"), forms.PsychosocialSectionForm, Psychosocial),
    Section(WORK, _("Work and lifestyle"), forms.WorkSectionForm, WorkLifestyle),
    Section(MOVEMENT, _("Movement and posture"), forms.MovementSectionForm, MovementFindings),
    # Stored on the episode itself.
    Section(DIAGNOSIS, _("Working diagnosis and goals"), forms.DiagnosisSectionForm),
)
_RELATIONS = tuple(section.relation for section in SECTIONS if section.model)


def get_section(key: str) -> Section:
    """Return the section with this key; KeyError if there is none."""
    for section in SECTIONS:
        if section.key == key:
            return section
    raise KeyError(key)


def neighbours(section: Section) -> tuple[Section | None, Section | None]:
    """Return the sections before and after this one (None at either end)."""
    index = SECTIONS.index(section)
    before = SECTIONS[index - 1] if index > 0 else None
    after = SECTIONS[index + 1] if index + 1 < len(SECTIONS) else None
    return before, after


# Red-flag level on screen --------------------------------------------------------------------

LEVEL_STYLES = MappingProxyType(
    {
        redflags.NONE: "secondary",
        redflags.ROUTINE: "info",
        redflags.PROMPT: "warning",
        redflags.URGENT: "danger",
        redflags.EMERGENCY: "danger",
    }
)


@dataclass(frozen=True)
class LevelDisplay:
    """A triage level as the therapist sees it: colour, label and what to do."""

    level: str

    @property
    def label(self) -> Text:
        return dict(redflags.LEVEL_CHOICES)[self.level]

    @property
    def action(self) -> Text:
        return redflags.action_text(self.level)

    @property
    def style(self) -> str:
        return LEVEL_STYLES[self.level]

    @property
    def needs_decision(self) -> bool:
        return redflags.level_at_least(self.level, redflags.PROMPT)


# State and status ------------------------------------------------------------------------------


@dataclass(frozen=True)
class IntakeState:
    """What is stored of one episode's intake: section rows and intake-visit questionnaires."""

    episode: Episode
    rows: Mapping[str, Any]
    responses: Mapping[str, InstrumentResponse]

    def row(self, section: Section) -> Any:
        """Return the section's stored row (the episode for the diagnosis), or None."""
        if section.key == DIAGNOSIS:
            return self.episode
        return self.rows.get(section.relation)

    @property
    def history(self) -> ComplaintHistory | None:
        return self.rows.get("complainthistory")

    @property
    def screen(self) -> RedFlagScreen | None:
        return self.rows.get("redflagscreen")

    @property
    def psychosocial(self) -> Psychosocial | None:
        return self.rows.get("psychosocial")

    @property
    def work(self) -> WorkLifestyle | None:
        return self.rows.get("worklifestyle")

    @property
    def movement(self) -> MovementFindings | None:
        return self.rows.get("movementfindings")

    @property
    def age_at_onset(self) -> int | None:
        return _age_at_onset(self.episode.patient, self.history)

    @property
    def level(self) -> LevelDisplay | None:
        return LevelDisplay(self.screen.level) if self.screen else None

    @property
    def redflag_reasons(self) -> tuple[Text, ...]:
        """Return the questions (or derived flags) behind the triage level."""
        reasons = self.screen.reasons if self.screen else ()
        return tuple(redflags.flag_by_code(code).question for code in reasons)

    @property
    def duration_at_intake(self) -> Text:
        return duration_label(self.duration_on(self.episode.opened_on))

    def duration_on(self, day: datetime.date) -> str | None:
        """Return the duration category on a day (None until the onset date is known)."""
        return self.history.duration_on(day) if self.history else None

    def form(self, section: Section, data=None, *, draft: bool = False):
        """Return the section's form, pre-filled from what is stored."""
        return section.form_class(
            data,
            episode=self.episode,
            row=self.row(section),
            responses=self.responses,
            draft=draft,
        )

    def status(self, section: Section) -> str:
        """Return TODO, DRAFT, DECISION or DONE for a section."""
        if section.key == DIAGNOSIS:
            return DONE if _diagnosis_complete(self.episode) else TODO
        row = self.row(section)
        responses = [self.responses.get(code) for code in section.instruments]
        if row is None and not any(responses):
            return TODO
        if (section.model and row is None) or not all(r and r.valid for r in responses):
            return DRAFT
        if section.key == REDFLAGS and row.awaiting_decision:
            return DECISION
        return DONE


def load_state(episode: Episode) -> IntakeState:
    """Load an episode's intake in two queries."""
    responses = InstrumentResponse.objects.filter(
        visit__episode=episode, visit__kind=Visit.Kind.INTAKE
    )
    return _state(episode, responses)


def _state(episode: Episode, responses) -> IntakeState:
    # One query for the episode as stored now with every section row (all one-to-one).
    related = ("patient", "therapist", *_RELATIONS, "redflagscreen__decided_by")
    fetched = Episode.objects.select_related(*related).get(pk=episode.pk)
    rows = {name: _related_or_none(fetched, name) for name in _RELATIONS}
    return IntakeState(fetched, MappingProxyType(rows), _by_code(responses))


def _by_code(responses) -> Mapping[str, InstrumentResponse]:
    return MappingProxyType({response.instrument: response for response in responses})


def _related_or_none(obj, name: str):
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def _diagnosis_complete(episode: Episode) -> bool:
    other_named = episode.diagnosis != Episode.Diagnosis.OTHER or bool(episode.diagnosis_other)
    return bool(episode.diagnosis and episode.guideline_class and episode.goals and other_named)


def _age_at_onset(patient: Patient, history: ComplaintHistory | None) -> int | None:
    """Return the age at the FIRST onset of back pain (None while unknown).

    A recurrent episode needs the asked age at first onset; for a first episode it is the
    age on this episode's onset date.
    """
    if history is None:
        return None
    if history.first_onset_age is not None:
        return history.first_onset_age
    if history.recurrent:
        return None
    try:
        return redflags.age_at_onset(patient.date_of_birth, history.onset_date)
    except ValidationError:
        # The date of birth was corrected after the history: the onset age is unknown again.
        return None


@dataclass(frozen=True)
class SectionStatus:
    section: Section
    state: str

    @property
    def done(self) -> bool:
        return self.state == DONE

    @property
    def label(self) -> Text:
        return dict(STATE_CHOICES)[self.state]

    @property
    def style(self) -> str:
        return STATE_STYLES[self.state]


@dataclass(frozen=True)
class IntakeStatus:
    """Progress of an intake and what is still missing before a plan can be generated."""

    sections: tuple[SectionStatus, ...]
    missing: tuple[Text, ...]
    plan_allowed: bool
    plan_blocked_reason: Text

    @property
    def complete(self) -> bool:
        """Return whether every required section is done."""
        return all(status.done for status in self.sections if status.section.required)

    @property
    def done_count(self) -> int:
        return sum(status.done for status in self.sections)

    @property
    def next_section(self) -> Section | None:
        """Return the first section that is not done (None when all are)."""
        return next((status.section for status in self.sections if not status.done), None)

    def of(self, section: Section) -> SectionStatus:
        return next(status for status in self.sections if status.section == section)


def intake_status(episode: Episode, *, state: IntakeState | None = None) -> IntakeStatus:
    """Return the intake's progress (pass a loaded state to save the queries)."""
    state = state or load_state(episode)
    sections = tuple(SectionStatus(section, state.status(section)) for section in SECTIONS)
    allowed, reason = _plan_check(state.screen)
    return IntakeStatus(sections, tuple(_missing(state, sections)), allowed, reason)


def _missing(state: IntakeState, statuses: tuple[SectionStatus, ...]) -> Iterator[Text]:
    for status in statuses:
        section = status.section
        params = {"section": section.title}
        if status.done or not section.required:
            continue
        if status.state == TODO:
            yield lazy_interpolate(_("%(section)s: not filled in yet."), params)
        elif status.state == DECISION:
            yield _("Red flags: record your decision.")
        else:
            yield from _drafts(state, section)
    if state.screen and state.screen.decision == RedFlagScreen.Decision.REFERRED:
        yield _("The patient was referred: no home plan.")


def _drafts(state: IntakeState, section: Section) -> Iterator[Text]:
    for code in section.instruments:
        response = state.responses.get(code)
        if response is None or not response.valid:
            params = {"section": section.title, "instrument": instruments.get(code).name}
            yield lazy_interpolate(_("%(section)s: %(instrument)s is not complete."), params)
    if section.model and state.row(section) is None:
        params = {"section": section.title}
        yield lazy_interpolate(_("%(section)s: the other questions are not answered."), params)


def plan_allowed(episode: Episode) -> tuple[bool, Text]:
    """Return whether the red flags allow a home plan now, and if not, why."""
    return _plan_check(RedFlagScreen.objects.filter(episode=episode).first())


def _plan_check(screen: RedFlagScreen | None) -> tuple[bool, Text]:
    if screen is None:
        return False, _("Answer the red-flag questions first.")
    if screen.decision == RedFlagScreen.Decision.REFERRED:
        return False, _("The patient was referred: no home plan.")
    if screen.awaiting_decision:
        return False, _("Record your decision on the red flags first.")
    return True, ""


# Workflows -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionSaved:
    """What saving a section did, for the message the therapist sees."""

    section: Section
    state: str
    decision_cleared: bool = False


@dataclass(frozen=True)
class ScreenSaved:
    screen: RedFlagScreen
    decision_cleared: bool


@transaction.atomic
def intake_section_save(
    *,
    episode: Episode,
    key: str,
    fields: Mapping[str, Any] | None,
    questionnaires: Sequence[InstrumentEntry] = (),
    user,
) -> SectionSaved:
    """Store one submitted section: its own fields (None: keep) and its questionnaires."""
    section = get_section(key)
    cleared = False
    if key == REDFLAGS:
        cleared = redflag_screen_save(episode=episode, answers=fields, user=user).decision_cleared
    elif key == DIAGNOSIS:
        _save_diagnosis(episode, fields)
    elif fields is not None:
        defaults = {**fields, "updated_by": user}
        section.model.objects.update_or_create(episode=episode, defaults=defaults)
    if key == HISTORY and fields is not None:
        cleared = _retriage(episode, user)
    _save_responses(episode, questionnaires, user)
    return SectionSaved(section, _section_state(episode, section), cleared)


@transaction.atomic
def redflag_screen_save(*, episode: Episode, answers: Mapping[str, str], user) -> ScreenSaved:
    """Store red-flag answers with their triage; more flags or a higher level re-open the decision.

    A decision was taken on the flags positive then. A rising level, or any flag that was not
    positive before (also at the same level), clears it, so the plan waits for a new decision.
    """
    outcome = redflags.triage(answers, age_at_onset=onset_age(episode))
    if outcome.level == redflags.NOT_SCREENED:
        raise ValidationError(_("Answer every red-flag question: yes, no or unsure."))
    screen = RedFlagScreen.objects.select_for_update().filter(episode=episode).first()
    screen = screen or RedFlagScreen(episode=episode)
    rose = redflags.level_rank(outcome.level) > redflags.level_rank(screen.level)
    grew = not set(outcome.reasons) <= set(screen.reasons or ())
    cleared = bool(screen.decision) and (rose or grew)
    screen.answers = dict(answers)
    screen.level = outcome.level
    screen.reasons = list(outcome.reasons)
    screen.updated_by = user
    if cleared:
        screen.decision, screen.decision_note = "", ""
        screen.decided_by, screen.decided_at = None, None
    screen.save()
    return ScreenSaved(screen, cleared)


@transaction.atomic
def redflag_decision_record(*, episode: Episode, decision: str, note: str, user) -> RedFlagScreen:
    """Record the therapist's red-flag decision, with who and when."""
    screen = RedFlagScreen.objects.select_for_update().get(episode=episode)
    screen.decision = decision
    screen.decision_note = note
    screen.decided_by = user
    screen.decided_at = timezone.now()
    screen.save(update_fields=["decision", "decision_note", "decided_by", "decided_at"])
    return screen


def onset_age(episode: Episode) -> int | None:
    """Return the patient's age at the onset of this complaint (None until it is known)."""
    history = (
        ComplaintHistory.objects.filter(episode=episode)
        .only("onset_date", "recurrent", "first_onset_age")
        .first()
    )
    return _age_at_onset(episode.patient, history)


def _section_state(episode: Episode, section: Section) -> str:
    """Return the section's status as now stored (only its own row and questionnaires)."""
    rows = {}
    if section.model:
        rows[section.relation] = section.model.objects.filter(episode=episode).first()
    responses = InstrumentResponse.objects.filter(
        visit__episode=episode, visit__kind=Visit.Kind.INTAKE, instrument__in=section.instruments
    )
    return IntakeState(episode, rows, _by_code(responses)).status(section)


def _retriage(episode: Episode, user) -> bool:
    # A new onset date changes the onset age, and with it possibly the triage level.
    screen = RedFlagScreen.objects.filter(episode=episode).only("answers").first()
    if screen is None:
        return False
    return redflag_screen_save(episode=episode, answers=screen.answers, user=user).decision_cleared


def _save_diagnosis(episode: Episode, fields: Mapping[str, Any]) -> None:
    for name, value in fields.items():
        setattr(episode, name, value)
    episode.save(update_fields=list(fields))


def _save_responses(episode: Episode, entries: Sequence[InstrumentEntry], user) -> None:
    if not entries:
        return
    # Locking the intake visit serialises two devices saving the same questionnaires.
    visit, _created = Visit.objects.select_for_update().get_or_create(
        episode=episode,
        kind=Visit.Kind.INTAKE,
        defaults={"date": episode.opened_on, "therapist": episode.therapist},
    )
    InstrumentResponse.objects.store(visit, entries, user=user)


# Findings page ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreRow:
    """One response at one visit, compared with the first complete one."""

    response: InstrumentResponse
    band: Text
    change: Decimal | None
    relevant: bool


@dataclass(frozen=True)
class ScoreSeries:
    """One instrument over the visits of an episode."""

    instrument: Instrument
    rows: tuple[ScoreRow, ...]

    @property
    def change_that_counts(self) -> Text:
        return change_that_counts(self.instrument)

    @property
    def better(self) -> Text:
        return {"lower": _("lower is better"), "higher": _("higher is better")}.get(
            self.instrument.better, ""
        )


def change_that_counts(instrument: Instrument) -> Text:
    """Describe the change that counts as clinically relevant for an instrument."""
    mcid = instrument.mcid
    if mcid is None:
        return _("No threshold for a relevant change.")
    params = {"points": mcid.absolute, "percent": round((mcid.relative or 0) * 100)}
    single = getattr(instrument, "mcid_single_activity", None)
    if single is not None:
        params["single"] = single
        return lazy_interpolate(
            _("%(points)s points on the mean, %(single)s on one activity"), params
        )
    if mcid.relative is None:
        return lazy_interpolate(_("%(points)s points"), params)
    return lazy_interpolate(_("%(points)s points or %(percent)s%%"), params)


@dataclass(frozen=True)
class FindingsPage:
    """Everything the findings page shows for an episode."""

    state: IntakeState
    status: IntakeStatus
    visits: tuple[Visit, ...]
    scores: tuple[ScoreSeries, ...]
    today: datetime.date

    @property
    def latest_visit(self) -> Visit | None:
        return self.visits[-1] if self.visits else None

    @property
    def duration_today(self) -> Text:
        return duration_label(self.state.duration_on(self.today))

    @property
    def unanswered_contraindications(self) -> tuple[Text, ...]:
        """Return the contraindication questions not answered yet (the plan treats them as yes).

        Osteoporosis is also asked on the red-flag screen (with long-term corticosteroids): an
        answer there counts as answered.
        """
        if self.state.movement is not None:
            return ()
        screen = self.state.screen
        answers = screen.answers if screen is not None and isinstance(screen.answers, dict) else {}
        missing = [_("late pregnancy")]
        if "osteoporosis_steroids" not in answers:
            missing.append(_("osteoporosis"))
        missing.append(_("prone lying tolerated"))
        return tuple(missing)

    @property
    def abnormal_rate(self) -> int | None:
        """Return the latest resting rate if it is abnormal (<= 8 or >= 25/min), else None."""
        for visit in reversed(self.visits):
            observation = getattr(visit, "breathing", None)
            if observation is not None and observation.rate is not None:
                return (
                    observation.rate
                    if breathing.rate_flag(observation.rate) == "abnormal"
                    else None
                )
        return None


def findings_page(episode: Episode, *, today: datetime.date | None = None) -> FindingsPage:
    """Load the findings page of an episode in three queries."""
    visits = tuple(episode.visits.select_related("breathing").order_by("date", "pk"))
    by_pk = {visit.pk: visit for visit in visits}
    responses = list(
        InstrumentResponse.objects.filter(visit__episode=episode).order_by("visit__date", "visit")
    )
    for response in responses:
        response.visit = by_pk[response.visit_id]
    intake = [r for r in responses if r.visit.kind == Visit.Kind.INTAKE]
    state = _state(episode, intake)
    scores = tuple(_series(responses))
    today = today or timezone.localdate()
    return FindingsPage(state, intake_status(episode, state=state), visits, scores, today)


def _series(responses: list[InstrumentResponse]) -> Iterator[ScoreSeries]:
    for instrument in instruments.all_instruments():
        mine = [r for r in responses if r.instrument == instrument.code]
        if mine:
            yield ScoreSeries(instrument, tuple(_score_rows(instrument, mine)))


def _score_rows(instrument: Instrument, responses) -> Iterator[ScoreRow]:
    baseline = next((r for r in responses if r.valid), None)
    for response in responses:
        band = instrument.band_label(response.band) if response.valid else ""
        if baseline is None or response is baseline or not response.valid:
            yield ScoreRow(response, band, None, False)
            continue
        change = response.total - baseline.total
        relevant = instruments.relevant_improvement(
            instrument,
            baseline.total,
            response.total,
            baseline_items=baseline.answers,
            latest_items=response.answers,
        )
        yield ScoreRow(response, band, change, relevant)
