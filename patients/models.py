"""Patients, their treatment episodes and visits, and everything measured at a visit.

Every model here holds patient data and therefore uses a clinic-scoped default manager
(see clinic/scoping.py): inside a request it only sees the signed-in user's clinic.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clinic.models import Clinic, Language
from clinic.scoping import clinic_scoped
from patients import instruments, redflags
from patients.intake.duration import duration_category
from patients.record.names import search_text
from patients.record.terms import search_filter
from patients.screening import breathing


class PatientQuerySet(models.QuerySet):
    def search(self, term: str):
        """Filter on name, patient number or date of birth (dd-mm-yyyy or yyyy-mm-dd)."""
        return self.filter(search_filter(term))


class Patient(models.Model):
    clinic = models.ForeignKey(
        Clinic, on_delete=models.PROTECT, related_name="patients", verbose_name=_("clinic")
    )
    number = models.PositiveIntegerField(_("patient number"), editable=False)
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=120)
    date_of_birth = models.DateField(_("date of birth"))
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    occupation = models.CharField(_("occupation"), max_length=120, blank=True)
    # The names as the search compares them (names.search_text), kept in step by save().
    search_name = models.CharField(_("search name"), max_length=600, editable=False, default="")
    # The date of the latest visit of any of the patient's episodes, kept in step by Visit.save()
    # and Visit.delete() (refresh_last_visit): the patient list sorts on it through an index.
    last_visit_on = models.DateField(_("last visit"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = clinic_scoped("clinic", models.Manager.from_queryset(PatientQuerySet))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("patient")
        verbose_name_plural = _("patients")
        ordering = ["last_name", "first_name", "number"]
        constraints = [
            models.UniqueConstraint(fields=["clinic", "number"], name="patient_number_per_clinic"),
            models.CheckConstraint(
                condition=Q(language__in=["nl", "en"]), name="patient_language_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["clinic", "last_name", "first_name"], name="patient_name_idx"),
            models.Index(fields=["clinic", "date_of_birth"], name="patient_dob_idx"),
            models.Index(fields=["clinic", "search_name"], name="patient_search_idx"),
            models.Index(fields=["clinic", "last_visit_on"], name="patient_last_visit_idx"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} ({self.number})"

    def save(self, *args, **kwargs):
        self.search_name = self.search_key(self.first_name, self.last_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"first_name", "last_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_name"}
        elif update_fields is None and not self._state.adding:
            # The visits keep last_visit_on (refresh_last_visit): an edit of the patient's
            # details must not write back the date it read before a visit was added meanwhile.
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "last_visit_on"
            ]
        super().save(*args, **kwargs)

    @staticmethod
    def search_key(first_name: str, last_name: str) -> str:
        """Return the search column's value for these names (for updates that skip save())."""
        return search_text(f"{first_name} {last_name}")

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day):
        """Return the patient's age in whole years on ``day``."""
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class Episode(models.Model):
    """One treatment episode for one complaint; everything clinical hangs on it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Referral(models.TextChoices):
        DIRECT = "direct", _("Direct access")
        GP = "gp", _("GP")
        SPECIALIST = "specialist", _("Specialist")

    class Region(models.TextChoices):
        LOW_BACK = "low_back", _("Low back")
        THORACIC = "thoracic", _("Upper and mid back")
        NECK = "neck", _("Neck")
        LOW_BACK_LEG = "low_back_leg", _("Low back with leg pain")
        OTHER = "other", _("Other")

    class Diagnosis(models.TextChoices):
        MUSCLE_STRAIN = "muscle_strain", _("Muscle strain")
        OVERLOAD = "overload", _("Overload")
        BLOCKAGE = "blockage", _("Blockage")
        NON_SPECIFIC = "non_specific", _("Non-specific")
        OTHER = "other", _("Other")

    class GuidelineClass(models.TextChoices):
        NSLBP = "nslbp", _("Non-specific low back pain")
        LRS = "lrs", _("Lumbosacral radicular syndrome")
        SPECIFIC = "specific", _("Suspected specific pathology")

    clinic = models.ForeignKey(
        Clinic, on_delete=models.PROTECT, related_name="episodes", verbose_name=_("clinic")
    )
    patient = models.ForeignKey(
        Patient, on_delete=models.PROTECT, related_name="episodes", verbose_name=_("patient")
    )
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="episodes",
        verbose_name=_("treating therapist"),
    )
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    referral = models.CharField(_("referral route"), max_length=12, choices=Referral.choices)
    region = models.CharField(
        _("complaint region"), max_length=14, choices=Region.choices, default=Region.LOW_BACK
    )
    title = models.CharField(
        _("complaint"),
        max_length=120,
        blank=True,
        help_text=_("A short description, e.g. 'low back pain since lifting'."),
    )
    # Working diagnosis and goals: the last intake section.
    diagnosis = models.CharField(
        _("working diagnosis"), max_length=14, choices=Diagnosis.choices, blank=True
    )
    diagnosis_other = models.CharField(_("other diagnosis"), max_length=200, blank=True)
    guideline_class = models.CharField(
        _("guideline class"), max_length=10, choices=GuidelineClass.choices, blank=True
    )
    goals = models.TextField(_("the patient's goals"), max_length=2000, blank=True)
    # Why an episode was closed without a discharge record (empty when it had one).
    close_note = models.TextField(
        _("closed without a discharge because"), max_length=500, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = clinic_scoped("clinic")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("episode")
        verbose_name_plural = _("episodes")
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "closed"]), name="episode_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(referral__in=["direct", "gp", "specialist"]),
                name="episode_referral_valid",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="episode_closed_after_opened",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="open", closed_on__isnull=True)
                    | Q(status="closed", closed_on__isnull=False)
                ),
                name="episode_status_matches_closed_on",
            ),
        ]
        indexes = [models.Index(fields=["clinic", "status", "therapist"], name="episode_open_idx")]

    def __str__(self):
        return self.title or self.get_region_display()

    @property
    def is_open(self):
        return self.status == self.Status.OPEN


class Visit(models.Model):
    class Kind(models.TextChoices):
        INTAKE = "intake", _("Intake")
        FOLLOW_UP = "follow_up", _("Follow-up")
        DISCHARGE = "discharge", _("Discharge")

    episode = models.ForeignKey(
        Episode, on_delete=models.PROTECT, related_name="visits", verbose_name=_("episode")
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("therapist"),
    )
    notes = models.TextField(_("notes"), max_length=4000, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = clinic_scoped("episode__clinic")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["intake", "follow_up", "discharge"]), name="visit_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["episode"], condition=Q(kind="intake"), name="one_intake_visit_per_episode"
            ),
        ]
        # The latest visit per episode (patient list, timelines) read from the index alone.
        indexes = [models.Index(fields=["episode", "date"], name="visit_episode_date_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d-%m-%Y}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        refresh_last_visit(self.episode_id)

    def delete(self, *args, **kwargs):
        episode_id = self.episode_id
        result = super().delete(*args, **kwargs)
        refresh_last_visit(episode_id)
        return result


def refresh_last_visit(episode_id: int) -> None:
    """Set the last visit date of the episode's patient from its visits (one UPDATE)."""
    patient_id = (
        Episode.objects.with_scopes_disabled().filter(pk=episode_id).values("patient_id")[:1]
    )
    latest = (
        Visit.objects.with_scopes_disabled()
        .filter(episode__patient_id=models.OuterRef("pk"))
        .order_by("-date")
        .values("date")[:1]
    )
    # update() writes no history row and leaves updated_at alone: not an edit of the record.
    Patient.objects.with_scopes_disabled().filter(pk__in=patient_id).update(
        last_visit_on=models.Subquery(latest)
    )


def backfill_last_visit(patients=None) -> int:
    """Set every patient's last visit date (after a bulk import or migration); return the count."""
    latest = (
        Visit.objects.with_scopes_disabled()
        .filter(episode__patient_id=models.OuterRef("pk"))
        .order_by("-date")
        .values("date")[:1]
    )
    queryset = patients if patients is not None else Patient.objects.with_scopes_disabled()
    return queryset.update(last_visit_on=models.Subquery(latest))


class InstrumentResponseQuerySet(models.QuerySet):
    def store(self, visit, entries, *, user, complete=False) -> None:
        """Score and save each questionnaire entry (code, answers, labels) at ``visit``.

        An entry left empty removes what the visit held for it: without answers when
        ``complete`` (a follow-up keeps complete questionnaires only, ValidationError
        otherwise), without answers and labels for a draft (the intake keeps drafts).
        """
        kept = [entry for entry in entries if entry.answers or (entry.labels and not complete)]
        emptied = [entry.code for entry in entries if entry not in kept]
        self.filter(visit=visit, instrument__in=emptied).delete()
        stored = self.filter(visit=visit, instrument__in=[entry.code for entry in kept])
        existing = {response.instrument: response for response in stored}
        responses = [
            (existing.get(entry.code) or InstrumentResponse(visit=visit)).take_score(
                instruments.get(entry.code),
                entry.answers,
                labels=entry.labels,
                user=user,
                complete=complete,
            )
            for entry in kept
        ]
        self.bulk_create([response for response in responses if response.pk is None])
        self.bulk_update(
            [response for response in responses if response.pk], InstrumentResponse.SCORED_FIELDS
        )


class InstrumentResponse(models.Model):
    """One completed (or draft) questionnaire at a visit, read through its instrument."""

    visit = models.ForeignKey(
        Visit, on_delete=models.PROTECT, related_name="responses", verbose_name=_("visit")
    )
    instrument = models.CharField(_("instrument"), max_length=10)
    version = models.CharField(_("version"), max_length=10)
    answers = models.JSONField(_("answers"), default=dict)
    # Free-text labels that belong to the answers (PSK: the activities in the patient's words).
    labels = models.JSONField(_("labels"), default=dict, blank=True)
    total = models.DecimalField(_("total"), max_digits=6, decimal_places=2, null=True, blank=True)
    band = models.CharField(_("band"), max_length=20, blank=True)
    subscores = models.JSONField(_("subscores"), default=dict, blank=True)
    valid = models.BooleanField(_("complete"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    self_entered = models.BooleanField(_("entered by the patient"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = clinic_scoped(
        "visit__episode__clinic", models.Manager.from_queryset(InstrumentResponseQuerySet)
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instrument response")
        verbose_name_plural = _("instrument responses")
        ordering = ["visit__date", "instrument"]
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "instrument"], name="one_response_per_instrument_per_visit"
            ),
            models.CheckConstraint(
                condition=Q(instrument__in=["nprs", "nq", "sbst", "qbpds", "psk", "gpe"]),
                name="response_instrument_known",
            ),
            models.CheckConstraint(
                condition=Q(valid=False) | Q(total__isnull=False),
                name="complete_response_has_total",
            ),
        ]

    def __str__(self):
        return f"{self.instrument} {self.total if self.valid else '…'}"

    #: What `take_score` writes: the fields a bulk_update of scored rows must name.
    SCORED_FIELDS = (
        "version",
        "answers",
        "labels",
        "total",
        "band",
        "subscores",
        "valid",
        "entered_by",
        "self_entered",
        "updated_at",
    )

    def take_score(
        self,
        instrument,
        answers,
        *,
        user,
        labels=None,
        complete=False,
        self_entered=False,
        **options,
    ) -> "InstrumentResponse":
        """Score ``answers`` of ``instrument`` into this (unsaved or existing) row, entered by
        ``user``; the caller saves it, usually with bulk_create / bulk_update(SCORED_FIELDS).

        A draft may miss answers and then has no total; ``complete=True`` refuses that
        (ValidationError). ``options`` go to the scoring (the NQ's elevated threshold).
        """
        scoring = instrument.score if complete else instrument.draft_score
        score = scoring(answers, **options)
        self.instrument, self.version = instrument.code, instrument.version
        self.answers, self.labels = dict(answers), dict(labels or {})
        self.total = None if score.total is None else Decimal(str(score.total))
        self.band, self.subscores, self.valid = score.band or "", score.subscores, score.valid
        self.entered_by, self.self_entered = user, self_entered
        # bulk_update does not touch auto_now fields.
        self.updated_at = timezone.now()
        return self


class IntakeSection(models.Model):
    """Base for the intake sections stored one row per episode, saved as each is submitted."""

    episode = models.OneToOneField(Episode, on_delete=models.PROTECT, related_name="%(class)s")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    objects = clinic_scoped("episode__clinic")
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self._meta.verbose_name} ({self.episode_id})"


class ComplaintHistory(IntakeSection):
    class OnsetMode(models.TextChoices):
        SUDDEN_LIFTING = "sudden_lifting", _("Suddenly while bending or lifting ('it shot in')")
        GRADUAL_DESK = "gradual_desk", _("Gradually, after long sitting or desk work")
        SPORT = "sport", _("After sport")
        OTHER = "other", _("Other")

    class Radiation(models.TextChoices):
        NONE = "none", _("No radiation into the leg")
        ABOVE_KNEE = "above_knee", _("Into the leg, above the knee")
        BELOW_KNEE = "below_knee", _("Into the leg, below the knee")

    class Pattern(models.TextChoices):
        MORNING = "morning", _("Worst in the morning")
        EVENING = "evening", _("Worst in the evening")
        NIGHT = "night", _("Worst at night")
        CONSTANT = "constant", _("Constant through the day")
        ACTIVITY = "activity", _("Depends on activity")

    class Sleep(models.TextChoices):
        UNDISTURBED = "undisturbed", _("Not disturbed")
        SOMETIMES = "sometimes", _("Sometimes disturbed")
        OFTEN = "often", _("Often disturbed")

    onset_date = models.DateField(_("onset date"))
    onset_mode = models.CharField(_("how it started"), max_length=16, choices=OnsetMode.choices)
    onset_other = models.CharField(_("how it started (other)"), max_length=200, blank=True)
    recurrent = models.BooleanField(_("recurrent episode"), default=False)
    previous_episodes = models.PositiveSmallIntegerField(
        _("number of earlier episodes"), null=True, blank=True, validators=[MaxValueValidator(99)]
    )
    # The onset-age red flag (first onset before 20 or after 50) is about back pain EVER, not
    # this episode: asked for a recurrent episode; a first episode's onset date gives it.
    first_onset_age = models.PositiveSmallIntegerField(
        _("age at first onset of back pain"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(120)],
    )
    pain_location = models.CharField(_("where the pain is"), max_length=300)
    radiation = models.CharField(
        _("radiation into the leg"), max_length=12, choices=Radiation.choices
    )
    pattern_24h = models.CharField(_("24-hour pattern"), max_length=10, choices=Pattern.choices)
    aggravating = models.TextField(_("aggravating factors"), max_length=1000, blank=True)
    easing = models.TextField(_("easing factors"), max_length=1000, blank=True)
    sleep = models.CharField(_("sleep"), max_length=12, choices=Sleep.choices)
    earlier_treatment = models.JSONField(_("earlier treatment"), default=list, blank=True)
    medication = models.CharField(_("medication"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("complaint and history")
        constraints = [
            models.CheckConstraint(
                condition=Q(radiation__in=["none", "above_knee", "below_knee"]),
                name="history_radiation_valid",
            ),
            models.CheckConstraint(
                condition=Q(onset_mode__in=["sudden_lifting", "gradual_desk", "sport", "other"]),
                name="history_onset_mode_valid",
            ),
        ]

    def duration_on(self, day):
        """Return the duration category on ``day``: acute < 6 weeks, subacute 6-12, chronic."""
        return duration_category(self.onset_date, day)


class RedFlagScreen(IntakeSection):
    class Decision(models.TextChoices):
        REFERRED = "referred", _("Referred to the GP or specialist")
        GP_CLEARED = "gp_cleared", _("GP contacted and cleared")
        CONTINUE = "continue_reasoned", _("Continue, with written reasoning")

    answers = models.JSONField(_("answers"), default=dict)
    level = models.CharField(_("triage level"), max_length=10, default="none")
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    decision_note = models.TextField(_("reasoning"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("red-flag screening")
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=list(redflags.LEVELS)), name="redflag_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decided_by__isnull=False, decided_at__isnull=False),
                name="redflag_decision_has_who_and_when",
            ),
            models.CheckConstraint(
                condition=~Q(decision="continue_reasoned") | ~Q(decision_note=""),
                name="redflag_continue_needs_reasoning",
            ),
        ]

    @property
    def needs_decision(self):
        return redflags.level_at_least(self.level, redflags.PROMPT)

    @property
    def awaiting_decision(self):
        return self.needs_decision and not self.decision


class Psychosocial(IntakeSection):
    class Fear(models.TextChoices):
        NONE = "none", _("No fear of movement")
        SOME = "some", _("Some fear of movement")
        STRONG = "strong", _("Strong fear of movement")

    stress = models.PositiveSmallIntegerField(
        _("stress (0-10)"), validators=[MaxValueValidator(10)]
    )
    fear_of_movement = models.CharField(_("fear of movement"), max_length=8, choices=Fear.choices)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("psychosocial factors")
        constraints = [
            models.CheckConstraint(condition=Q(stress__lte=10), name="psychosocial_stress_range"),
        ]


class WorkLifestyle(IntakeSection):
    class Breaks(models.TextChoices):
        RARELY = "rarely", _("Rarely")
        HOURLY = "hourly", _("About every hour")
        OFTEN = "often", _("Every half hour or more")

    class Quality(models.TextChoices):
        GOOD = "good", _("Good")
        FAIR = "fair", _("Fair")
        POOR = "poor", _("Poor")

    class Activity(models.TextChoices):
        LOW = "low", _("Mostly inactive")
        MODERATE = "moderate", _("Some activity")
        HIGH = "high", _("Active most days")

    desk_hours = models.DecimalField(
        _("desk hours per day"),
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    breaks = models.CharField(_("breaks from sitting"), max_length=8, choices=Breaks.choices)
    heavy_work = models.BooleanField(_("physically heavy work"), default=False)
    activity = models.CharField(_("sport and activity"), max_length=10, choices=Activity.choices)
    sport = models.CharField(_("sports, in the patient's words"), max_length=200, blank=True)
    sleep_quality = models.CharField(_("sleep quality"), max_length=6, choices=Quality.choices)

    class Meta:
        verbose_name = _("work and lifestyle")
        constraints = [
            models.CheckConstraint(
                condition=Q(desk_hours__gte=0, desk_hours__lte=24), name="work_desk_hours_range"
            ),
        ]


class MovementFindings(IntakeSection):
    class Range(models.TextChoices):
        NORMAL = "normal", _("Normal")
        LIMITED = "limited", _("Limited")
        PAINFUL = "painful", _("Painful")

    class Thoracic(models.TextChoices):
        NORMAL = "normal", _("Normal")
        LIMITED = "limited", _("Limited")

    class Lordosis(models.TextChoices):
        NORMAL = "normal", _("Normal")
        FLATTENED = "flattened", _("Flattened")
        INCREASED = "increased", _("Increased")

    lumbar_flexion = models.CharField(_("lumbar flexion"), max_length=8, choices=Range.choices)
    lumbar_extension = models.CharField(_("lumbar extension"), max_length=8, choices=Range.choices)
    lumbar_side_bending = models.CharField(
        _("lumbar side-bending"), max_length=8, choices=Range.choices
    )
    lumbar_rotation = models.CharField(_("lumbar rotation"), max_length=8, choices=Range.choices)
    thoracic_mobility = models.CharField(
        _("thoracic mobility"), max_length=8, choices=Thoracic.choices
    )
    forward_head = models.BooleanField(_("forward head posture"), default=False)
    increased_kyphosis = models.BooleanField(_("increased thoracic kyphosis"), default=False)
    lumbar_lordosis = models.CharField(
        _("lumbar lordosis"), max_length=10, choices=Lordosis.choices
    )
    prone_tolerated = models.BooleanField(_("prone lying tolerated"), default=True)
    late_pregnancy = models.BooleanField(_("late pregnancy"), default=False)
    osteoporosis = models.BooleanField(_("osteoporosis"), default=False)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("movement and posture findings")


class BreathingObservation(models.Model):
    """The observed breathing assessment at one visit (not a scored instrument)."""

    visit = models.OneToOneField(
        Visit, on_delete=models.PROTECT, related_name="breathing", verbose_name=_("visit")
    )
    hilo_supine = models.CharField(
        _("Hi-Lo lying on the back"), max_length=12, choices=breathing.HILO_CHOICES, blank=True
    )
    hilo_sitting = models.CharField(
        _("Hi-Lo sitting"), max_length=12, choices=breathing.HILO_CHOICES, blank=True
    )
    hilo_standing = models.CharField(
        _("Hi-Lo standing"), max_length=12, choices=breathing.HILO_CHOICES, blank=True
    )
    rate = models.PositiveSmallIntegerField(
        _("resting respiratory rate (breaths per minute)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(80)],
        help_text=_("Counted over a full minute."),
    )
    rhythm = models.CharField(
        _("rhythm"), max_length=10, choices=breathing.RHYTHM_CHOICES, blank=True
    )
    route = models.CharField(
        _("breathing at rest through"), max_length=6, choices=breathing.ROUTE_CHOICES, blank=True
    )
    sighs = models.BooleanField(_("sighs or yawns seen"), null=True, blank=True)
    accessory_muscles = models.BooleanField(
        _("accessory-muscle use at rest"), null=True, blank=True
    )
    breath_hold_seconds = models.PositiveSmallIntegerField(
        _("breath-hold after a relaxed exhale (seconds)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(300)],
        help_text=_("Practice convention, not a validated measure."),
    )
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    objects = clinic_scoped("visit__episode__clinic")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("breathing observation")
        verbose_name_plural = _("breathing observations")
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__isnull=True) | Q(rate__gte=1, rate__lte=80),
                name="breathing_rate_range",
            ),
            models.CheckConstraint(
                condition=Q(breath_hold_seconds__isnull=True) | Q(breath_hold_seconds__lte=300),
                name="breathing_hold_range",
            ),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} ({self.visit_id})"

    @property
    def rate_flag(self):
        return breathing.rate_flag(self.rate) if self.rate is not None else None


# Progress: the returned tick-off calendar and the discharge ----------------------------------

#: The printed calendar covers three phases of two weeks.
CALENDAR_WEEKS = 6


class CalendarReturn(models.Model):
    """The tick-off calendar of an issued plan, as brought back (or not) to one visit."""

    visit = models.OneToOneField(
        Visit, on_delete=models.PROTECT, related_name="calendar", verbose_name=_("visit")
    )
    plan = models.ForeignKey(
        "plans.HomePlan", on_delete=models.PROTECT, related_name="+", verbose_name=_("plan")
    )
    brought_back = models.BooleanField(_("calendar brought back"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    objects = clinic_scoped("visit__episode__clinic")

    class Meta:
        verbose_name = _("returned calendar")
        verbose_name_plural = _("returned calendars")

    def __str__(self):
        return f"{self._meta.verbose_name} ({self.visit_id})"


class AdherenceEntry(models.Model):
    """The days one exercise was ticked off in one week of a returned calendar."""

    calendar = models.ForeignKey(
        CalendarReturn, on_delete=models.CASCADE, related_name="entries", verbose_name=_("calendar")
    )
    item = models.ForeignKey(
        "plans.PlanItem",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("exercise in the plan"),
    )
    week = models.PositiveSmallIntegerField(
        _("week"), validators=[MinValueValidator(1), MaxValueValidator(CALENDAR_WEEKS)]
    )
    days_done = models.PositiveSmallIntegerField(_("days done"), validators=[MaxValueValidator(7)])
    # The item's days a week when the calendar was entered: adherence is read without a join.
    days_planned = models.PositiveSmallIntegerField(
        _("days planned"), validators=[MinValueValidator(1), MaxValueValidator(7)]
    )

    objects = clinic_scoped("calendar__visit__episode__clinic")

    class Meta:
        verbose_name = _("adherence entry")
        verbose_name_plural = _("adherence entries")
        ordering = ["week", "item__phase", "item__order"]
        constraints = [
            # A calendar week of an exercise is entered once, at whichever visit it came back.
            models.UniqueConstraint(
                fields=["item", "week"], name="adherence_one_entry_per_item_week"
            ),
            models.CheckConstraint(
                condition=Q(week__gte=1, week__lte=CALENDAR_WEEKS), name="adherence_week_range"
            ),
            models.CheckConstraint(condition=Q(days_done__lte=7), name="adherence_days_done_range"),
            models.CheckConstraint(
                condition=Q(days_planned__gte=1, days_planned__lte=7),
                name="adherence_days_planned_range",
            ),
        ]

    def __str__(self):
        return f"{self.week}: {self.days_done}/{self.days_planned}"


class WeeklyPain(models.Model):
    """The pain score (0-10) the patient wrote on the calendar for one week."""

    calendar = models.ForeignKey(
        CalendarReturn,
        on_delete=models.CASCADE,
        related_name="pain_scores",
        verbose_name=_("calendar"),
    )
    week = models.PositiveSmallIntegerField(
        _("week"), validators=[MinValueValidator(1), MaxValueValidator(CALENDAR_WEEKS)]
    )
    score = models.PositiveSmallIntegerField(_("pain (0-10)"), validators=[MaxValueValidator(10)])

    objects = clinic_scoped("calendar__visit__episode__clinic")

    class Meta:
        verbose_name = _("weekly pain score")
        verbose_name_plural = _("weekly pain scores")
        ordering = ["week"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "week"], name="weekly_pain_one_per_week"),
            models.CheckConstraint(
                condition=Q(week__gte=1, week__lte=CALENDAR_WEEKS), name="weekly_pain_week_range"
            ),
            models.CheckConstraint(condition=Q(score__lte=10), name="weekly_pain_score_range"),
        ]

    def __str__(self):
        return f"{self.week}: {self.score}"


class Discharge(models.Model):
    """Why and how an episode ended; the GPE is an instrument response at the same visit."""

    class Reason(models.TextChoices):
        GOALS_REACHED = "goals_reached", _("Treatment goals reached")
        SELF_MANAGEMENT = "self_management", _("Continues on their own with the home plan")
        REFERRED = "referred", _("Referred to the GP or a specialist")
        PATIENT_STOPPED = "patient_stopped", _("Stopped on the patient's initiative")
        NO_PROGRESS = "no_progress", _("No further progress expected")
        OTHER = "other", _("Other")

    episode = models.OneToOneField(
        Episode, on_delete=models.PROTECT, related_name="discharge", verbose_name=_("episode")
    )
    visit = models.OneToOneField(
        Visit, on_delete=models.PROTECT, related_name="discharge", verbose_name=_("discharge visit")
    )
    reason = models.CharField(_("reason for closing"), max_length=16, choices=Reason.choices)
    reason_other = models.CharField(_("other reason"), max_length=200, blank=True)
    conclusion = models.TextField(_("conclusion"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = clinic_scoped("episode__clinic")

    class Meta:
        verbose_name = _("discharge")
        verbose_name_plural = _("discharges")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    reason__in=[
                        "goals_reached",
                        "self_management",
                        "referred",
                        "patient_stopped",
                        "no_progress",
                        "other",
                    ]
                ),
                name="discharge_reason_valid",
            ),
            models.CheckConstraint(
                condition=~Q(reason="other") | ~Q(reason_other=""),
                name="discharge_other_reason_named",
            ),
        ]

    def __str__(self):
        return self.get_reason_display()

    @property
    def reason_text(self):
        return self.reason_other if self.reason == self.Reason.OTHER else self.get_reason_display()


# Patient rights: the record of an erasure, which outlives the erased record -------------------


class ErasureRecord(models.Model):
    """That a patient's record was erased on their request: when, why and who approved it.

    It holds no name, date of birth or contact detail: only the clinic's patient number and the
    former id, which the access log (kept untouched) still refers to.
    """

    clinic = models.ForeignKey(
        Clinic, on_delete=models.PROTECT, related_name="+", verbose_name=_("clinic")
    )
    patient_number = models.PositiveIntegerField(_("patient number"))
    # A plain id like AccessEvent.patient_id: it links the erasure to the record's access log.
    patient_id = models.BigIntegerField(_("former patient id"), db_index=True)
    requested_on = models.DateField(_("requested on"))
    reason = models.TextField(_("reason"), max_length=1000)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("performed by"),
    )
    performed_at = models.DateTimeField(_("performed at"))
    # What was removed: rows per model and the number of stored files, e.g. {"patients.visit": 3}.
    scope = models.JSONField(_("what was erased"), default=dict)

    objects = clinic_scoped("clinic")

    class Meta:
        verbose_name = _("erasure record")
        verbose_name_plural = _("erasure records")
        ordering = ["-performed_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="erasure_reason_given"),
        ]

    def __str__(self):
        return f"{self.patient_number} {self.performed_at:%Y-%m-%d}"
