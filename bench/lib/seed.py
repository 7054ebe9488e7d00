"""A synthetic clinic at a chosen scale: N patients, M measurements, and a few full records.

- Six "rich" episodes made through the application's own code (patients.demo, plans.demo and
  the follow-up workflow): complete and draft intakes, red flags, screenings, issued plans with
  versions, follow-ups with re-measurements and returned calendars, and an open draft plan.
  These are the records the benchmarked pages show.
- Around them the bulk of the clinic, written with bulk_create: patients with Dutch names,
  episodes for about 55 % of them (open and closed, over two years), an intake visit per
  episode plus follow-ups, and exactly M instrument responses ("measurements": NPRS, PSK,
  QBPDS, STarT Back and Nijmegen at intakes, the core three at follow-ups), with valid scores.

Deterministic for a given scale (one seeded random generator). Bulk rows get no history rows
(django-simple-history records saves, not bulk inserts), as after an import.
"""

from __future__ import annotations

import datetime
import io
import random
import re
from dataclasses import asdict, dataclass

FIRST_NAMES = [
    "Anna",
    "Bram",
    "Chantal",
    "Daan",
    "Eva",
    "Fleur",
    "Gijs",
    "Hanna",
    "Iris",
    "Joost",
    "Kees",
    "Lotte",
    "Mila",
    "Noah",
    "Olga",
    "Pieter",
    "Roos",
    "Sem",
    "Tess",
    "Vera",
    "Wim",
    "Yara",
    "Zoë",
    "Luuk",
    "Sanne",
    "Thijs",
    "Femke",
    "Ruben",
    "Lieke",
    "Jesse",
]
LAST_NAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
]
INTAKE_CODES = ("nprs", "psk", "qbpds", "sbst", "nq")
FOLLOW_UP_CODES = ("nprs", "psk", "qbpds")
DISCHARGE_CODES = ("nprs", "psk", "qbpds", "gpe")
#: Share of the bulk episodes with an issued home plan (and calendars at their follow-ups).
PLAN_SHARE = 0.4
LOAD_EMAIL = "load@bench.rugadem.test"


@dataclass(frozen=True)
class Scale:
    patients: int
    measurements: int

    @classmethod
    def parse(cls, text: str) -> Scale:
        """Parse "10000" (measurements 5 per patient) or "10000:50000"."""
        match = re.fullmatch(r"\s*(\d+)\s*(?::\s*(\d+))?\s*", text)
        if not match:
            raise ValueError(f"scale must be PATIENTS or PATIENTS:MEASUREMENTS, not {text!r}")
        patients = int(match.group(1))
        measurements = int(match.group(2)) if match.group(2) else 5 * patients
        if patients < 20:
            raise ValueError("scale: at least 20 patients")
        return cls(patients, measurements)

    def smaller(self, factor: int = 5) -> Scale:
        return Scale(max(20, self.patients // factor), max(0, self.measurements // factor))

    def __str__(self) -> str:
        return f"{self.patients:,} patients / {self.measurements:,} measurements"


@dataclass
class Sample:
    """Ids of the seeded records that the benchmarks open, and what was seeded."""

    clinic_id: int
    user_id: int
    admin_id: int  # a clinic admin: the dashboard of the whole clinic
    email: str
    patient_id: int
    episode_id: int  # complete intake, three follow-ups, issued plan versions
    draft_episode_id: int  # intake still in progress
    draft_plan_id: int
    issued_plan_id: int
    patients: int
    episodes: int
    visits: int
    measurements: int

    def as_dict(self) -> dict:
        return asdict(self)


def seed(scale: Scale, *, password: str | None = None, rng_seed: int = 7, log=print) -> Sample:
    """Create the bench clinic in the (empty, migrated) database and return its sample ids."""
    from django.db import transaction
    from django_scopes import scopes_disabled

    rng = random.Random(rng_seed)
    with scopes_disabled(), transaction.atomic():
        clinic, staff, admin = _clinic(password)
        rich = _rich_records(clinic, staff)
        counts = _bulk(clinic, staff, scale, rng, first_number=rich["next_number"])
    analyze()
    log(
        f"seeded {counts['patients']:,} patients, {counts['episodes']:,} episodes, "
        f"{counts['visits']:,} visits, {counts['measurements']:,} measurements"
    )
    return Sample(
        clinic_id=clinic.pk,
        user_id=staff[0].pk,
        admin_id=admin.pk,
        email=staff[0].email,
        patient_id=rich["episode"].patient_id,
        episode_id=rich["episode"].pk,
        draft_episode_id=rich["draft_episode"].pk,
        draft_plan_id=rich["draft_plan"].pk,
        issued_plan_id=rich["issued_plan"].pk,
        **counts,
    )


def analyze() -> None:
    """Refresh PostgreSQL's planner statistics, as its autovacuum does soon after a bulk load.

    Without them the planner guesses on empty-table estimates (a sort by last visit took 20 s a
    request). SQLite is left as an installation leaves it: nothing runs ANALYZE there.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _clinic(password):
    from clinic.models import Clinic, Therapist

    clinic = Clinic.objects.create(
        name="Fysiotherapie De Linde (bench)",
        address="Lindelaan 4\n3511 AB Utrecht",
        phone="030 123 45 67",
        email="info@delinde.test",
    )
    # The first therapist signs in for the load test: no two-factor (the clinic does not
    # require it); without a password an Argon2 hash is not worth computing.
    staff = [
        Therapist.objects.create_user(
            email=LOAD_EMAIL,
            password=password,
            clinic=clinic,
            first_name="Lotte",
            last_name="Bench",
        )
    ]
    for n, (first, last) in enumerate((("Bram", "Jansen"), ("Carla", "Bakker"), ("Daan", "Smit"))):
        staff.append(
            Therapist.objects.create_user(
                email=f"t{n}@bench.rugadem.test",
                password=None,
                clinic=clinic,
                first_name=first,
                last_name=last,
            )
        )
    admin = Therapist.objects.create_user(
        email="admin@bench.rugadem.test",
        password=None,
        clinic=clinic,
        first_name="Anna",
        last_name="de Vries",
        role=Therapist.Role.ADMIN,
    )
    return clinic, staff, admin


def _rich_records(clinic, staff) -> dict:
    """The demo patients (full intakes, screenings, plans), follow-ups and a draft plan."""
    from patients import demo as patients_demo
    from patients.models import Patient
    from plans import demo as plans_demo
    from plans import services as plan_services
    from plans.models import HomePlan

    quiet = io.StringIO()
    # Every demo episode treated by the bench therapist, so the start page lists them.
    episodes = patients_demo.seed(clinic=clinic, staff=staff[:1], stdout=quiet)
    plans_demo.seed(clinic=clinic, staff=staff[:1], episodes=episodes, stdout=quiet)
    episode = episodes[0]  # complete intake, three issued versions
    draft_episode = next((e for e in episodes if not hasattr(e, "redflagscreen")), episodes[3])
    _follow_ups(episode, staff[0])
    issued = HomePlan.objects.filter(episode=episode).issued().order_by("-version").first()
    from plans.tasks import store_plan_pdf

    store_plan_pdf.call(issued.pk)  # its record copy, as the task worker stores it at issue
    draft = plan_services.plan_revise(plan=issued, user=staff[0])
    next_number = Patient.objects.filter(clinic=clinic).count() + 1
    return {
        "episode": episode,
        "draft_episode": draft_episode,
        "draft_plan": draft,
        "issued_plan": issued,
        "next_number": next_number,
    }


def _follow_ups(episode, user) -> None:
    """Three two-weekly follow-ups with re-measurements and the returned calendar."""
    from patients.intake.forms import InstrumentEntry
    from patients.models import InstrumentResponse
    from patients.progress import followup

    baseline = (
        InstrumentResponse.objects.filter(visit__episode=episode, instrument="psk")
        .order_by("visit__date")
        .first()
    )
    labels = dict(baseline.labels) if baseline else {}
    for step, weeks in enumerate((2, 4, 6), start=1):
        day = episode.opened_on + datetime.timedelta(weeks=weeks)
        plan = followup.calendar_plan(episode, day)
        calendar = None
        if plan is not None:
            items = followup.calendar_items(plan)
            elsewhere = followup.entered_elsewhere(plan, None)
            days = {
                (item.pk, week): max(0, item.days_per_week - step % 3)
                for item in items
                for week in followup.phase_weeks(item.phase)
                if week <= 2 and (item.pk, week) not in elsewhere.days
            }
            pain = {week: 6 - step for week in (1, 2) if week not in elsewhere.pain}
            calendar = followup.CalendarEntry(plan=plan, brought_back=True, days=days, pain=pain)
        questionnaires = [
            InstrumentEntry("nprs", {"q1": 6 - step}, {}),
            InstrumentEntry("psk", {"q1": 7 - 2 * step, "q2": 5 - step}, labels),
            InstrumentEntry("qbpds", {f"q{n}": max(0, 2 - step + n % 3) for n in range(1, 21)}, {}),
        ]
        followup.followup_record(
            episode=episode,
            user=user,
            date=day,
            notes="Gaat beter; oefeningen opgebouwd.",
            calendar=calendar,
            questionnaires=questionnaires,
        )


def _answer_sets(rng: random.Random, per_instrument: int = 12) -> dict:
    """Return valid (answers, score) pairs per instrument, to copy into bulk responses."""
    from patients import instruments

    sets = {}
    for code in {*INTAKE_CODES, *FOLLOW_UP_CODES, *DISCHARGE_CODES}:
        instrument = instruments.get(code)
        found = []
        for _ in range(per_instrument * 20):
            answers = {}
            for item in instrument.items:
                if not item.required and rng.random() < 0.5:
                    continue
                if item.options:
                    answers[item.key] = rng.choice(item.options).value
                else:
                    answers[item.key] = rng.randint(item.min_value, item.max_value)
            try:
                score = instrument.score(answers)
            except Exception:  # noqa: BLE001 - an invalid combination: draw again
                continue
            found.append((instrument.version, answers, score))
            if len(found) == per_instrument:
                break
        if not found:
            raise RuntimeError(f"could not draw valid answers for {code}")
        sets[code] = found
    return sets


def _bulk(clinic, staff, scale: Scale, rng: random.Random, *, first_number: int) -> dict:
    from patients.models import Episode, InstrumentResponse, Patient, Visit

    today = datetime.date.today()
    existing_measurements = InstrumentResponse.objects.count()
    existing_patients = first_number - 1
    patients = [
        Patient(
            clinic=clinic,
            number=number,
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            date_of_birth=today - datetime.timedelta(days=rng.randint(6500, 32000)),
            language="en" if rng.random() < 0.1 else "nl",
        )
        for number in range(first_number, max(first_number, scale.patients + 1))
    ]
    for patient in patients:  # bulk_create skips save(), which fills the search column
        patient.search_name = Patient.search_key(patient.first_name, patient.last_name)
    Patient.objects.bulk_create(patients, batch_size=2000)

    episodes = []
    for patient in Patient.objects.filter(clinic=clinic, number__gte=first_number).only("pk"):
        if rng.random() >= 0.55:
            continue
        opened = today - datetime.timedelta(days=rng.randint(0, 730))
        closed = opened < today - datetime.timedelta(days=42) and rng.random() < 0.75
        episodes.append(
            Episode(
                clinic=clinic,
                patient=patient,
                therapist=rng.choice(staff),
                opened_on=opened,
                referral=rng.choice(("direct", "gp", "specialist")),
                region=rng.choice(("low_back", "low_back", "thoracic", "low_back_leg")),
                status="closed" if closed else "open",
                closed_on=opened + datetime.timedelta(days=rng.randint(42, 120))
                if closed
                else None,
            )
        )
    for episode in episodes:
        if episode.closed_on and episode.closed_on > today:
            episode.closed_on = today
    Episode.objects.bulk_create(episodes, batch_size=2000)

    # Follow-ups: as many as the measurement budget needs (5 at an intake, 3 at a follow-up,
    # 4 at a discharge: the core three and the GPE).
    budget = max(0, scale.measurements - existing_measurements)
    closed = [episode for episode in episodes if episode.closed_on]
    fixed = len(INTAKE_CODES) * len(episodes) + len(DISCHARGE_CODES) * len(closed)
    follow_ups = max(0, -(-(budget - fixed) // len(FOLLOW_UP_CODES)))
    visits = [
        Visit(episode=episode, kind="intake", date=episode.opened_on, therapist=episode.therapist)
        for episode in episodes
    ]
    visits += [
        Visit(episode=e, kind="discharge", date=e.closed_on, therapist=e.therapist) for e in closed
    ]
    for _ in range(follow_ups if episodes else 0):
        episode = rng.choice(episodes)
        last = episode.closed_on or today
        day = episode.opened_on + datetime.timedelta(
            days=rng.randint(0, (last - episode.opened_on).days)
        )
        visits.append(
            Visit(episode=episode, kind="follow_up", date=day, therapist=episode.therapist)
        )
    Visit.objects.bulk_create(visits, batch_size=5000)
    # bulk_create skips Visit.save(), which keeps Patient.last_visit_on (versions that have it).
    from patients import models as patient_models

    if hasattr(patient_models, "backfill_last_visit"):
        patient_models.backfill_last_visit(
            Patient.objects.with_scopes_disabled().filter(clinic=clinic)
        )
    _discharges(visits, rng)
    _plans_and_calendars(episodes, visits, rng)

    codes = {"intake": INTAKE_CODES, "follow_up": FOLLOW_UP_CODES, "discharge": DISCHARGE_CODES}
    slots = [(visit, code) for visit in visits for code in codes[visit.kind]]
    if len(slots) > budget:
        slots = rng.sample(slots, budget)
    answer_sets = _answer_sets(rng)
    responses = []
    for visit, code in slots:
        version, answers, score = rng.choice(answer_sets[code])
        responses.append(
            InstrumentResponse(
                visit=visit,
                instrument=code,
                version=version,
                answers=answers,
                total=score.total,
                band=score.band or "",
                subscores=score.subscores or {},
                valid=True,
                entered_by=visit.therapist,
            )
        )
    InstrumentResponse.objects.bulk_create(responses, batch_size=5000)
    return {
        "patients": existing_patients + len(patients),
        "episodes": Episode.objects.filter(clinic=clinic).count(),
        "visits": Visit.objects.filter(episode__clinic=clinic).count(),
        "measurements": InstrumentResponse.objects.filter(visit__episode__clinic=clinic).count(),
    }


def _discharges(visits, rng: random.Random) -> None:
    from patients.models import Discharge

    reasons = ("goals_reached", "goals_reached", "self_management", "patient_stopped", "referred")
    Discharge.objects.bulk_create(
        [
            Discharge(
                episode_id=visit.episode_id,
                visit=visit,
                reason=rng.choice(reasons),
                recorded_by_id=visit.therapist_id,
            )
            for visit in visits
            if visit.kind == "discharge"
        ],
        batch_size=5000,
    )


def _plans_and_calendars(episodes, visits, rng: random.Random) -> None:
    """Issue a copy of a template plan to some episodes; calendars come back at follow-ups."""
    from django.utils import timezone

    from patients.models import AdherenceEntry, CalendarReturn, WeeklyPain
    from plans.models import HomePlan, PlanItem

    template = HomePlan.objects.issued().order_by("pk").first()
    if template is None:
        return
    template_items = list(template.items.order_by("phase", "order"))
    chosen = [episode for episode in episodes if rng.random() < PLAN_SHARE]
    plans = [
        HomePlan(
            episode=episode,
            version=1,
            status="issued",
            language=template.language,
            created_by_id=episode.therapist_id,
            issued_by_id=episode.therapist_id,
            issued_at=timezone.make_aware(
                datetime.datetime.combine(episode.opened_on, datetime.time(11))
            ),
            rules_fired=template.rules_fired,
        )
        for episode in chosen
    ]
    HomePlan.objects.bulk_create(plans, batch_size=2000)
    items = [
        PlanItem(
            plan=plan,
            **{
                field.attname: getattr(item, field.attname)
                for field in PlanItem._meta.concrete_fields
                if field.attname not in ("id", "plan_id")
            },
        )
        for plan in plans
        for item in template_items
    ]
    PlanItem.objects.bulk_create(items, batch_size=5000)
    items_by_plan: dict[int, list] = {}
    for item in items:
        items_by_plan.setdefault(item.plan_id, []).append(item)
    plan_by_episode = {plan.episode_id: plan for plan in plans}
    follow_ups: dict[int, list] = {}
    for visit in visits:
        if visit.kind == "follow_up" and visit.episode_id in plan_by_episode:
            follow_ups.setdefault(visit.episode_id, []).append(visit)
    calendars, entries, pain = [], [], []
    for episode_id, episode_visits in follow_ups.items():
        plan = plan_by_episode[episode_id]
        # The first three follow-ups bring back phase 1, 2 and 3 of the calendar.
        for phase, visit in enumerate(sorted(episode_visits, key=lambda v: v.date)[:3], start=1):
            calendar = CalendarReturn(visit=visit, plan=plan, brought_back=rng.random() < 0.85)
            calendars.append(calendar)
            if not calendar.brought_back:
                continue
            weeks = (2 * phase - 1, 2 * phase)
            for item in items_by_plan[plan.pk]:
                if item.phase != phase:
                    continue
                planned = item.days_per_week or 7
                for week in weeks:
                    done = min(planned, max(0, round(rng.gauss(planned * 0.7, 2))))
                    entries.append(
                        AdherenceEntry(
                            calendar=calendar,
                            item=item,
                            week=week,
                            days_done=done,
                            days_planned=planned,
                        )
                    )
            pain += [
                WeeklyPain(calendar=calendar, week=week, score=rng.randint(1, 8)) for week in weeks
            ]
    CalendarReturn.objects.bulk_create(calendars, batch_size=5000)
    AdherenceEntry.objects.bulk_create(entries, batch_size=5000)
    WeeklyPain.objects.bulk_create(pain, batch_size=5000)


def grow(sample: dict, scale: Scale, *, rng_seed: int = 8) -> dict:
    """Add bulk patients and measurements to the seeded clinic until it reaches ``scale``."""
    from django.db import transaction
    from django.db.models import Max
    from django_scopes import scopes_disabled

    from clinic.models import Clinic, Therapist
    from patients.models import Patient

    with scopes_disabled(), transaction.atomic():
        clinic = Clinic.objects.get(pk=sample["clinic_id"])
        staff = list(
            Therapist.objects.filter(clinic=clinic, role=Therapist.Role.THERAPIST).order_by("pk")
        )
        last = Patient.objects.filter(clinic=clinic).aggregate(last=Max("number"))["last"] or 0
        counts = _bulk(clinic, staff, scale, random.Random(rng_seed), first_number=last + 1)
    analyze()
    return counts
