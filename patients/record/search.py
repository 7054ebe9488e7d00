"""The patient list's query: search box (names, number, date of birth), filters, sort, columns."""

import datetime

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse

from patients.models import Episode, Patient
from patients.record.terms import search_filter

# Sort key -> ordering; the patient number breaks ties so pages never overlap.
SORTS = {
    "name": ("last_name", "first_name", "number"),
    "-name": ("-last_name", "-first_name", "-number"),
    "number": ("number",),
    "-number": ("-number",),
    "born": ("date_of_birth", "number"),
    "-born": ("-date_of_birth", "number"),
    "last_visit": (F("last_visit_on").asc(nulls_first=True), "number"),
    "-last_visit": (F("last_visit_on").desc(nulls_last=True), "number"),
}
DEFAULT_SORT = "name"

OPEN, CLOSED, NONE = "open", "closed", "none"
# The columns the list shows; the rest of a patient's record stays in the database.
LIST_FIELDS = ("clinic_id", "number", "first_name", "last_name", "date_of_birth", "last_visit_on")


def episode_filter(episode: str, therapist_id: int | None) -> Q:
    """Return the Q for the episode filter (open / closed / none), optionally per therapist."""
    # Uncorrelated "pk IN (...)" subqueries: the database builds each set once, through the
    # (clinic, status, therapist) index, instead of probing the episodes again for every patient.
    episodes = Episode.objects.all()
    mine = episodes.filter(therapist_id=therapist_id) if therapist_id else episodes
    open_, closed = Episode.Status.OPEN, Episode.Status.CLOSED
    if episode == OPEN:
        return Q(pk__in=mine.filter(status=open_).values("patient_id"))
    if episode == CLOSED:
        return Q(pk__in=mine.filter(status=closed).values("patient_id")) & ~Q(
            pk__in=episodes.filter(status=open_).values("patient_id")
        )
    if episode == NONE:
        return ~Q(pk__in=episodes.values("patient_id"))
    return Q(pk__in=mine.values("patient_id")) if therapist_id else Q()


def open_therapist_id() -> Subquery:
    """Return the therapist of the outer patient's newest open episode."""
    # Correlated to the outer, clinic-scoped patient, so this cannot reach another clinic. The
    # scope's extra clinic filter would make SQLite scan the clinic's episodes for every row.
    episodes = Episode.objects.with_scopes_disabled().filter(
        patient=OuterRef("pk"), status=Episode.Status.OPEN
    )
    return Subquery(episodes.order_by("-opened_on", "-pk").values("therapist_id")[:1])


def patient_list(
    *, q: str = "", episode: str = "", therapist_id: int | None = None, sort: str = DEFAULT_SORT
) -> QuerySet:
    """Return the ids of the matching patients in list order, for the paginator to slice."""
    queryset = Patient.objects.filter(search_filter(q), episode_filter(episode, therapist_id))
    return queryset.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT])).values_list("pk", flat=True)


def list_rows(page_ids: QuerySet, *, sort: str = DEFAULT_SORT) -> QuerySet:
    """Return the patients of one page (a slice of patient_list) with the list's columns."""
    # Sorting ids alone and loading the columns for the page's rows only keeps a sort over the
    # whole clinic (by last visit) from computing every column for every patient.
    queryset = Patient.objects.filter(pk__in=page_ids).only(*LIST_FIELDS)
    queryset = queryset.annotate(open_therapist_id=open_therapist_id())
    return queryset.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


def add_row_details(patients, *, therapists, today: datetime.date) -> None:
    """Set each listed patient's age, open-episode therapist and link (no queries)."""
    by_id = {therapist.pk: therapist for therapist in therapists}
    # One reverse() for the page, not a {% url %} per row: the same path with each id.
    detail = reverse("patients:detail", args=[0]).rsplit("0", 1)
    for patient in patients:
        patient.url = f"{detail[0]}{patient.pk}{detail[1]}"
        patient.age = patient.age_on(today)
        patient.open_therapist = by_id.get(patient.open_therapist_id)
        # Formatted here, not by a filter per cell: the rows are most of the list's rendering.
        patient.born = _day(patient.date_of_birth)
        patient.last_visit = _day(patient.last_visit_on)


def _day(day: datetime.date | None) -> str:
    """Return the list's date format, d-m-Y (the same in every language), or a dash."""
    return f"{day.day:02d}-{day.month:02d}-{day.year:04d}" if day else "—"
