"""The record history of one patient: who changed what and when, with old and new values.

django-simple-history keeps a historical row for every save of the clinical models; this
module gathers the rows that belong to one patient and compares each with the one before it.
"""

from dataclasses import dataclass
from itertools import groupby

from django.utils.translation import gettext_lazy as _

from patients.models import (
    BreathingObservation,
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

MAX_CHANGES = 300
KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
# Bookkeeping fields that say nothing about the record's content.
IGNORED = frozenset({"updated_at", "created_at", "updated_by", "entered_by"})


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class Change:
    at: object
    user: object
    label: str
    kind: str
    fields: tuple[FieldChange, ...]


def _sources(patient):
    """Return (model, filter) pairs selecting the historical rows of the patient."""
    episodes = list(Episode.objects.filter(patient=patient).values_list("pk", flat=True))
    visits = list(Visit.objects.filter(episode__in=episodes).values_list("pk", flat=True))
    sections = (ComplaintHistory, RedFlagScreen, Psychosocial, WorkLifestyle, MovementFindings)
    return (
        (Patient, {"id": patient.pk}),
        (Episode, {"id__in": episodes}),
        (Visit, {"id__in": visits}),
        *((model, {"episode_id__in": episodes}) for model in sections),
        (InstrumentResponse, {"visit_id__in": visits}),
        (BreathingObservation, {"visit_id__in": visits}),
    )


def patient_history(patient) -> list[Change]:
    """Return the patient's record changes, newest first."""
    changes = []
    for model, lookup in _sources(patient):
        rows = (
            model.history.filter(**lookup)
            .select_related("history_user")
            .order_by("id", "history_date", "history_id")
        )
        for _pk, versions in groupby(rows, key=lambda row: row.id):
            changes.extend(_changes(model, list(versions)))
    changes.sort(key=lambda change: change.at, reverse=True)
    return changes[:MAX_CHANGES]


def _changes(model, versions) -> list[Change]:
    """Compare each version of one object with the one before it."""
    label = str(model._meta.verbose_name)
    result, previous = [], None
    for version in versions:
        fields = _field_changes(model, previous, version)
        if fields or version.history_type != "~":
            result.append(
                Change(
                    version.history_date,
                    version.history_user,
                    label,
                    str(KINDS[version.history_type]),
                    tuple(fields),
                )
            )
        previous = version
    return result


def _field_changes(model, previous, version) -> list[FieldChange]:
    if previous is None:
        return []
    delta = version.diff_against(previous, foreign_keys_are_objs=False)
    names = {field.attname: field for field in model._meta.concrete_fields}
    return [
        FieldChange(str(names[c.field].verbose_name) if c.field in names else c.field, c.old, c.new)
        for c in delta.changes
        if c.field not in IGNORED
    ]
