"""Breathing-pattern screening workflows: the NQ response, the observation and the findings.

The findings are a list of positive screening findings, each with its reason; never one
combined score and never a diagnosis (see patients/screening/breathing.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from patients import instruments
from patients.models import BreathingObservation, Episode, InstrumentResponse, Visit
from patients.screening import breathing
from patients.screening.breathing import BreathingFinding

NQ = instruments.get("nq")

#: The observation fields a therapist records (and observation_save stores).
OBSERVATION_FIELDS = (
    "hilo_supine",
    "hilo_sitting",
    "hilo_standing",
    "rate",
    "rhythm",
    "route",
    "sighs",
    "accessory_muscles",
    "breath_hold_seconds",
    "notes",
)


@dataclass(frozen=True)
class Previous:
    """The latest NQ and observation of earlier visits in the same episode (None if none)."""

    nq: InstrumentResponse | None
    observation: BreathingObservation | None


@dataclass(frozen=True)
class VisitScreening:
    """Everything the screening hub shows for one visit."""

    nq: InstrumentResponse | None
    observation: BreathingObservation | None
    findings: tuple[BreathingFinding, ...]
    previous: Previous
    threshold: int

    @property
    def complete(self) -> bool:
        """Return whether the NQ is scored and the breathing observed: the screening is done."""
        return self.nq is not None and self.nq.valid and self.observation is not None

    @property
    def rate_text(self) -> str | None:
        """Return the observed rate with its flag text (None when not recorded)."""
        rate = self.observation.rate if self.observation is not None else None
        return rate_text(rate) if rate is not None else None


@dataclass(frozen=True)
class ScreenedVisit:
    """An episode's latest visit with a screening (None if none yet) and its findings."""

    visit: Visit | None
    findings: tuple[BreathingFinding, ...]


def rate_text(rate: int) -> str:
    """Return a resting rate with its flag text, e.g. "19/min, upper-normal"."""
    flag = breathing.rate_flag(rate)
    if flag is None:
        return _("%(rate)s/min") % {"rate": rate}
    # Translators: e.g. "19/min, upper-normal".
    return _("%(rate)s/min, %(flag)s") % {"rate": rate, "flag": breathing.rate_flag_text(flag)}


def nq_threshold(visit: Visit) -> int:
    """Return the clinic's elevated threshold for the NQ."""
    return visit.episode.clinic.nq_elevated_threshold


@transaction.atomic
def screening_submit(
    *, visit: Visit, answers: Mapping[str, int], user, self_entered: bool = False
) -> InstrumentResponse:
    """Save the visit's NQ: scored when all 16 are answered, a draft without total if not."""
    scored = InstrumentResponse(visit=visit).take_score(
        NQ,
        NQ.clean(answers, partial=True),
        user=user,
        self_entered=self_entered,
        elevated_threshold=nq_threshold(visit),
    )
    response, _created = InstrumentResponse.objects.update_or_create(
        visit=visit,
        instrument=NQ.code,
        defaults={name: getattr(scored, name) for name in InstrumentResponse.SCORED_FIELDS},
    )
    return response


@transaction.atomic
def observation_save(*, visit: Visit, data: Mapping, user) -> BreathingObservation:
    """Create or update the visit's breathing observation from cleaned form data."""
    values = {name: data[name] for name in OBSERVATION_FIELDS if name in data}
    observation, _created = BreathingObservation.objects.update_or_create(
        visit=visit, defaults={**values, "updated_by": user}
    )
    return observation


def nq_response(visit: Visit) -> InstrumentResponse | None:
    """Return the visit's NQ response (complete or draft), or None."""
    return InstrumentResponse.objects.filter(visit=visit, instrument=NQ.code).first()


def observation_of(visit: Visit) -> BreathingObservation | None:
    """Return the visit's breathing observation, or None."""
    return BreathingObservation.objects.filter(visit=visit).first()


def findings_for(
    response: InstrumentResponse | None, observation: BreathingObservation | None, threshold: int
) -> tuple[BreathingFinding, ...]:
    """Return the positive findings of one visit's NQ (complete only) and observation."""
    nq_total = int(response.total) if response is not None and response.valid else None
    return breathing.breathing_findings(
        nq_total=nq_total, nq_threshold=threshold, **observation_values(observation)
    )


def observation_values(observation: BreathingObservation | None) -> dict:
    """Return the observation as keyword arguments of breathing.breathing_findings."""
    if observation is None:
        return {}
    hilo = {
        position: getattr(observation, f"hilo_{position}")
        for position, _label in breathing.POSITION_CHOICES
        if getattr(observation, f"hilo_{position}")
    }
    return {
        "hilo": hilo,
        "rate": observation.rate,
        "rhythm": observation.rhythm or None,
        "route": observation.route or None,
        "sighs": observation.sighs,
        "accessory": observation.accessory_muscles,
        "breath_hold_seconds": observation.breath_hold_seconds,
    }


def breathing_summary(target: Visit | Episode) -> tuple[BreathingFinding, ...]:
    """Return the breathing findings of a visit, or of an episode's latest screened visit."""
    visit = target if isinstance(target, Visit) else latest_screened_visit(target)
    if visit is None:
        return ()
    return findings_for(nq_response(visit), observation_of(visit), nq_threshold(visit))


def latest_screened_visit(episode: Episode) -> Visit | None:
    """Return the episode's latest visit with a complete NQ or an observation, or None."""
    screened = Q(breathing__isnull=False) | Q(responses__instrument=NQ.code, responses__valid=True)
    visits = Visit.objects.filter(episode=episode).filter(screened).distinct()
    return visits.order_by("-date", "-pk").first()


def findings_context(episode: Episode) -> dict:
    """Return the context of the findings page's partial (patients/screening/_findings.html)."""
    visit = latest_screened_visit(episode)
    findings = breathing_summary(visit) if visit is not None else ()
    return {"breathing_screening": ScreenedVisit(visit=visit, findings=findings)}


def previous_values(visit: Visit) -> Previous:
    """Return the latest complete NQ and the latest observation from earlier visits."""
    return Previous(nq=previous_nq(visit), observation=previous_observation(visit))


def previous_nq(visit: Visit) -> InstrumentResponse | None:
    """Return the latest complete NQ of an earlier visit in the same episode, or None."""
    responses = InstrumentResponse.objects.filter(_earlier(visit), instrument=NQ.code, valid=True)
    return responses.select_related("visit").order_by(*_LATEST_VISIT_FIRST).first()


def previous_observation(visit: Visit) -> BreathingObservation | None:
    """Return the latest observation of an earlier visit in the same episode, or None."""
    observations = BreathingObservation.objects.filter(_earlier(visit))
    return observations.select_related("visit").order_by(*_LATEST_VISIT_FIRST).first()


_LATEST_VISIT_FIRST = ("-visit__date", "-visit__pk")


def _earlier(visit: Visit) -> Q:
    # Visits are ordered by date, then by creation (pk) within a day.
    earlier = Q(visit__date__lt=visit.date) | Q(visit__date=visit.date, visit__pk__lt=visit.pk)
    return Q(visit__episode_id=visit.episode_id) & earlier


def visit_screening(visit: Visit) -> VisitScreening:
    """Return the visit's NQ, observation, findings and previous values."""
    response, observation = nq_response(visit), observation_of(visit)
    threshold = nq_threshold(visit)
    return VisitScreening(
        nq=response,
        observation=observation,
        findings=findings_for(response, observation, threshold),
        previous=previous_values(visit),
        threshold=threshold,
    )
