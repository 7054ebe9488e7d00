"""Patient rights: export everything held about a patient, erase it on request, anonymise.

Everything held about a patient is found through one explicit registry, ``SOURCES``: each
model that holds patient data, with the foreign key to its parent (the patient or an earlier
source). The export reads it, erasure deletes it in reverse order, anonymisation clears its
identifying text. A test checks that every model which reaches a patient is listed here.

The access log is never touched: it refers to patients by a plain id and is kept (at least five
years) as the record of who saw what, including the erasure itself.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass
from itertools import chain

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Count, Max, Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from clinic.models import AccessEvent, AccessSearchTerm, Clinic, Therapist
from clinic.printing.render import html_to_pdf
from patients import instruments, redflags
from patients.models import Episode, ErasureRecord, Patient, Visit
from plans.models import HomePlan

FORMAT = "rugadem.patient-export"
FORMAT_VERSION = 1
ANONYMOUS = "Anonymous"
# Identifying free text is replaced by this marker, which also keeps "filled in" rules true.
REMOVED = "[removed]"
RETENTION_YEARS = 20  # Dutch law (WGBO): a medical record is kept 20 years
PDF_TEMPLATE = "patients/rights/summary_pdf.html"
EVENT_FIELDS = (
    "at",
    "user_id",
    "role",
    "action",
    "object_type",
    "object_id",
    "outcome",
    "detail",
    "ip_address",
    "path",
)


@dataclass(frozen=True)
class Source:
    """A model holding patient data, reached from its parent through ``parent`` (an FK)."""

    key: str
    label: str
    parent: str = ""
    # Anonymisation: free text that can identify the patient is replaced by REMOVED (when
    # filled in); `reset` fields go back to their default (JSON, stored files, checksums).
    identifying: tuple[str, ...] = ()
    reset: tuple[str, ...] = ()

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)

    @property
    def history(self):
        """Return the model's historical-records manager, or None without history."""
        name = getattr(self.model._meta, "simple_history_manager_attribute", None)
        return getattr(self.model, name) if name else None


# Parents before children: erasure deletes in the reverse order, so no row is deleted while
# another still protects it.
SOURCES = (
    Source("patient", "patients.Patient"),
    Source("episodes", "patients.Episode", "patient", ("title", "diagnosis_other", "goals")),
    Source("visits", "patients.Visit", "episode", ("notes",)),
    Source(
        "complaint_history",
        "patients.ComplaintHistory",
        "episode",
        ("onset_other", "pain_location", "aggravating", "easing", "medication"),
    ),
    Source("red_flag_screens", "patients.RedFlagScreen", "episode", ("decision_note",)),
    Source("psychosocial", "patients.Psychosocial", "episode", ("notes",)),
    Source("work_lifestyle", "patients.WorkLifestyle", "episode", ("sport",)),
    Source("movement_findings", "patients.MovementFindings", "episode", ("notes",)),
    Source("instrument_responses", "patients.InstrumentResponse", "visit", reset=("labels",)),
    Source("breathing_observations", "patients.BreathingObservation", "visit", ("notes",)),
    Source(
        "plans", "plans.HomePlan", "episode", ("note",), reset=("edit_log", "pdf", "pdf_sha256")
    ),
    Source("plan_items", "plans.PlanItem", "plan", ("note",)),
    Source("calendar_returns", "patients.CalendarReturn", "visit"),
    Source("adherence_entries", "patients.AdherenceEntry", "calendar"),
    Source("weekly_pain_scores", "patients.WeeklyPain", "calendar"),
    Source("discharges", "patients.Discharge", "episode", ("reason_other", "conclusion")),
)


@dataclass
class Found:
    """The rows of one source that belong to the patient, live and historical."""

    source: Source
    rows: list[dict]
    history: list[dict]

    @property
    def ids(self) -> set:
        return {row["id"] for row in self.rows}

    @property
    def ever_ids(self) -> set:
        """Return the ids of live rows and of rows that were deleted earlier."""
        return self.ids | {row["id"] for row in self.history}


def collect(patient: Patient) -> list[Found]:
    """Return every row held about the patient, source by source (within the active scope)."""
    found, ever_ids = [], {}
    for source in SOURCES:
        model = source.model
        if source.parent:
            parent = model._meta.get_field(source.parent)
            lookup = {f"{parent.attname}__in": ever_ids[parent.related_model]}
        else:
            lookup = {"pk": patient.pk}
        history = source.history
        hist_lookup = {"id": patient.pk} if not source.parent else lookup
        item = Found(
            source,
            list(model.objects.filter(**lookup).order_by("pk").values()),
            list(history.filter(**hist_lookup).order_by("history_id").values()) if history else [],
        )
        ever_ids[model] = item.ever_ids
        found.append(item)
    return found


# Export ---------------------------------------------------------------------------------------


def export_document(*, patient: Patient, user, now: datetime.datetime | None = None) -> dict:
    """Return everything held about the patient as one JSON-ready document."""
    found = collect(patient)
    events = access_events(patient)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generated_at": now or timezone.now(),
        "generated_by": staff_name(user),
        "clinic": {"id": patient.clinic_id, "name": patient.clinic.name},
        "patient": with_displays(Patient, found[0].rows[0]),
        "records": {
            f.source.key: [with_displays(f.source.model, r) for r in f.rows] for f in found[1:]
        },
        "history": {f.source.key: f.history for f in found if f.history},
        "access_events": events,
        "staff": staff_names(found, events),
    }


def with_displays(model, row: dict) -> dict:
    """Add the readable label of each choice value, as ``<field>_display``."""
    labels = {}
    for model_field in model._meta.concrete_fields:
        value = row.get(model_field.attname)
        if model_field.choices and value not in (None, ""):
            labels[f"{model_field.attname}_display"] = str(
                dict(model_field.flatchoices).get(value, value)
            )
    return {**row, **labels}


def access_events(patient: Patient) -> list[dict]:
    """Return the access log about the patient in this clinic, oldest first."""
    events = AccessEvent.objects.filter(clinic_id=patient.clinic_id, patient_id=patient.pk)
    return list(events.order_by("at", "pk").values(*EVENT_FIELDS))


def staff_names(found: list[Found], events: list[dict]) -> dict:
    """Return the names of the staff the export refers to, by id."""
    user_fields = {
        f.attname
        for item in found
        for f in item.source.model._meta.concrete_fields
        if f.is_relation and f.related_model is Therapist
    } | {"history_user_id", "user_id"}
    rows = chain(*(chain(item.rows, item.history) for item in found), events)
    ids = {row[name] for row in rows for name in user_fields if row.get(name)}
    return {user.pk: staff_name(user) for user in Therapist.objects.filter(pk__in=ids)}


def staff_name(user) -> str:
    return user.get_full_name() or user.email


def export_filename(patient: Patient, extension: str) -> str:
    """Return the download name: patient number and date, never the patient's name."""
    return f"patient-{patient.number}-export-{timezone.localdate():%Y-%m-%d}.{extension}"


def summary(patient: Patient) -> dict:
    """Return what the readable PDF summary shows (a fixed number of queries)."""
    visits = Visit.objects.select_related("therapist", "breathing").prefetch_related("responses")
    plans = HomePlan.objects.exclude(status=HomePlan.Status.DRAFT).select_related("issued_by")
    episodes = (
        Episode.objects.filter(patient=patient)
        .select_related("therapist", "redflagscreen__decided_by")
        .prefetch_related(
            Prefetch("visits", queryset=visits),
            Prefetch("plans", queryset=plans.prefetch_related("items")),
        )
        .order_by("opened_on", "pk")
    )
    access = (
        AccessEvent.objects.filter(clinic_id=patient.clinic_id, patient_id=patient.pk)
        .values("user__first_name", "user__last_name", "user__email", "action")
        .annotate(count=Count("pk"), last=Max("at"))
        .order_by("user__last_name", "user__email", "action")
    )
    rows = [{"episode": episode, **redflag_summary(episode)} for episode in episodes]
    for row in rows:  # the band in words, in the document's language ("moderate" -> "matig")
        for visit in row["episode"].visits.all():
            for response in visit.responses.all():
                response.band_label = _band_label(response)
    actions = dict(AccessEvent.Action.choices)
    access_rows = [
        {**row, "action_label": actions.get(row["action"], row["action"])} for row in access
    ]
    return {"patient": patient, "episodes": rows, "access": access_rows}


def _band_label(response) -> str:
    try:
        instrument = instruments.get(response.instrument, response.version)
    except KeyError:
        return response.band
    return str(instrument.band_label(response.band) or response.band)


def redflag_summary(episode: Episode) -> dict:
    """Return the red-flag level and the questions behind it, readable."""
    screen = getattr(episode, "redflagscreen", None)
    if screen is None:
        return {"screen": None, "level": "", "reasons": []}
    reasons = []
    for code in screen.reasons:
        try:
            reasons.append(redflags.flag_by_code(code).question)
        except KeyError:
            reasons.append(code)
    return {
        "screen": screen,
        "level": dict(redflags.LEVEL_CHOICES).get(screen.level, ""),
        "reasons": reasons,
    }


def summary_html(context: dict) -> str:
    """Render the PDF summary's HTML (the cheap, testable half)."""
    return render_to_string(PDF_TEMPLATE, {**context, "generated_at": timezone.now()})


def summary_pdf(patient: Patient) -> bytes:
    """Render the readable summary of the patient's record as PDF with the safe renderer."""
    return html_to_pdf(summary_html(summary(patient)))


# Erasure ------------------------------------------------------------------------------------


@transaction.atomic
def erase_patient(
    *, patient: Patient, requested_on: datetime.date, reason: str, approved_by
) -> ErasureRecord:
    """Delete the patient's record, its history and stored files; keep an erasure record.

    Runs inside the caller's clinic scope. Files are removed once the transaction commits.
    """
    found = collect(patient)
    files = stored_files(found)
    erased = {}
    for item in reversed(found):
        erased[item.source.model._meta.label_lower] = _delete_rows(item)
    erased["history rows"] = sum(_purge_history(item) for item in found)
    erased["files"] = len(files)
    # The access log stays; the plain text of searches that could name the patient goes (the
    # sealed events keep only a keyed hash of each term, so the chain still verifies).
    erased["access log search terms"] = _delete_search_terms(patient)
    # Numbers are never handed out again, even the highest one.
    Clinic.objects.filter(pk=patient.clinic_id, last_patient_number__lt=patient.number).update(
        last_patient_number=patient.number
    )
    transaction.on_commit(lambda: _delete_files(files))
    return ErasureRecord.objects.create(
        clinic_id=patient.clinic_id,
        patient_number=patient.number,
        patient_id=patient.pk,
        requested_on=requested_on,
        reason=reason,
        approved_by=approved_by,
        performed_by=approved_by,
        performed_at=timezone.now(),
        scope=erased,
    )


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def identifying_terms(patient: Patient) -> tuple[set[str], set[str]]:
    """Return the patient's name words and the ways a number or birth date may be typed."""
    words = {
        w for w in re.split(r"[\W_]+", _fold(f"{patient.first_name} {patient.last_name}")) if w
    }
    born = patient.date_of_birth
    exact = {str(patient.number)}
    if born:
        exact |= {
            f"{born:%d-%m-%Y}",
            f"{born:%Y-%m-%d}",
            f"{born:%d/%m/%Y}",
            f"{born.day}-{born.month}-{born.year}",
            f"{born:%d%m%Y}",
        }
    return words, exact


def search_term_names_patient(term: str, patient_terms: tuple[set[str], set[str]]) -> bool:
    """Return whether a logged search term may have named the patient: a word of it starts one
    of the patient's name words (at least two letters), or it holds the number or birth date."""
    words, exact = patient_terms
    folded = _fold(term)
    tokens = [t for t in re.split(r"[\s,;]+", folded) if t]
    if any(t in exact for t in tokens) or any(e in folded for e in exact if len(e) > 6):
        return True
    parts = [p for p in re.split(r"[\W_]+", folded) if len(p) >= 2]
    return any(word.startswith(part) for part in parts for word in words)


def _delete_search_terms(patient: Patient) -> int:
    patient_terms = identifying_terms(patient)
    terms = AccessSearchTerm.objects.filter(clinic_id=patient.clinic_id)
    matching = [t.pk for t in terms.iterator() if search_term_names_patient(t.term, patient_terms)]
    AccessSearchTerm.objects.filter(pk__in=matching).delete()
    return len(matching)


def _delete_rows(item: Found) -> int:
    model = item.source.model
    rows = model.objects.filter(pk__in=item.ids)
    # A self-reference (a plan's previous version) protects rows deleted in the same go.
    self_refs = {
        f.name: None
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is model
    }
    if self_refs:
        rows.update(**self_refs)
    deleted, _per_model = rows.delete()
    return deleted


def _purge_history(item: Found) -> int:
    """Delete the historical rows of the source's objects (deletion itself adds one each)."""
    history = item.source.history
    if history is None:
        return 0
    deleted, _per_model = history.filter(id__in=item.ever_ids).delete()
    return deleted


def stored_files(found: list[Found]) -> set[str]:
    """Return the names of stored files (plan PDFs) referred to by live or historical rows."""
    names = set()
    for item in found:
        for model_field in item.source.model._meta.concrete_fields:
            if isinstance(model_field, models.FileField):
                rows = chain(item.rows, item.history)
                names |= {row[model_field.attname] for row in rows if row.get(model_field.attname)}
    return names


def _delete_files(names: set[str]) -> None:
    for name in names:
        default_storage.delete(name)


# Anonymisation ----------------------------------------------------------------------------------


def anonymisable(*, today: datetime.date, older_than_days: int):
    """Return patients whose episodes are all closed, the last one more than N days ago."""
    cutoff = today - datetime.timedelta(days=older_than_days)
    return (
        Patient.objects.filter(episodes__isnull=False)
        .exclude(episodes__status=Episode.Status.OPEN)
        .exclude(first_name=ANONYMOUS, last_name=ANONYMOUS)
        .annotate(last_closed=Max("episodes__closed_on"))
        .filter(last_closed__lt=cutoff)
        .order_by("pk")
    )


@transaction.atomic
def anonymise_patient(*, patient: Patient) -> None:
    """Replace what identifies the patient, keep the measurements; purge the record history.

    Runs inside a clinic scope (or with scopes disabled, in the management command).
    """
    found = collect(patient)
    files = stored_files(found)
    Patient.objects.filter(pk=patient.pk).update(
        first_name=ANONYMOUS,
        last_name=ANONYMOUS,
        search_name=Patient.search_key(ANONYMOUS, ANONYMOUS),
        date_of_birth=datetime.date(patient.date_of_birth.year, 7, 1),
        phone="",
        email="",
        occupation="",
    )
    for item in found:
        _clear_identifying(item)
        _purge_history(item)
    transaction.on_commit(lambda: _delete_files(files))
    AccessEvent.objects.create(
        at=timezone.now(),
        clinic_id=patient.clinic_id,
        patient_id=patient.pk,
        action=AccessEvent.Action.CHANGE,
        object_type=Patient._meta.label_lower,
        object_id=str(patient.pk),
        outcome=AccessEvent.Outcome.OK,
        detail="anonymisation",
        path="manage.py anonymise_closed_episodes",
    )


def _clear_identifying(item: Found) -> None:
    model = item.source.model
    rows = model.objects.filter(pk__in=item.ids)
    for name in item.source.identifying:
        rows.exclude(**{name: ""}).update(**{name: REMOVED})
    reset = {name: model._meta.get_field(name).get_default() for name in item.source.reset}
    if reset:
        rows.update(**reset)


def anonymise_closed_episodes(*, older_than_days: int, today=None) -> list[int]:
    """Anonymise every patient whose last episode closed more than N days ago; return ids."""
    today = today or timezone.localdate()
    done = []
    for patient in anonymisable(today=today, older_than_days=older_than_days):
        anonymise_patient(patient=patient)
        done.append(patient.pk)
    return done
