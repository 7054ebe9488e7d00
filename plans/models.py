"""The exercise library and the versioned home plans built from it.

- Dose (abstract): the six dose fields, their limits and the "reps or minutes" rule, shared by
  an exercise's default dose and a plan item's dose.
- Exercise: built-in exercises (clinic empty, kept in line with plans/library/ by plans.sync)
  and a clinic's own. A clinic "editing" a built-in saves a clinic copy with the same code, so
  the built-in never changes for other clinics. Not patient data: no clinic scope, but every
  query goes through `Exercise.objects.for_clinic(clinic)`.
- HomePlan: one version of an episode's plan. Drafts change (optimistic locking with
  `lock_version`); an issued plan never changes, revising it makes version n+1.
- PlanItem: one exercise in one phase with its dose, reason and note; at issue the texts are
  copied into `frozen`, so later library edits never change what the patient received.
"""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, validate_slug
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clinic.models import Clinic, Language
from clinic.scoping import clinic_scoped
from patients.findings import CONTRAINDICATION_TAGS
from plans.reasons import reason_text
from plans.rules import HABIT_CATEGORIES

PHASES = (1, 2, 3)
MAX_TAGS = 12
MAX_STEPS = 10
MAX_STEP_LENGTH = 300

# (field, lowest, highest): the dose limits of library defaults and plan items alike.
DOSE_LIMITS = (
    ("sets", 1, 10),
    ("reps", 1, 50),
    ("minutes", 1, 60),
    ("hold_seconds", 0, 120),
    ("times_per_day", 1, 10),
    ("days_per_week", 1, 7),
)
DOSE_FIELDS = tuple(name for name, _low, _high in DOSE_LIMITS)
# Seconds a repetition takes on top of its hold, for the minutes-a-day estimate.
SECONDS_PER_REP = 3

# The texts of an exercise that exist in both languages, as `<field>_nl` and `<field>_en`.
TEXT_FIELDS = (
    "name",
    "purpose",
    "start_position",
    "steps",
    "progression",
    "regression",
    "cautions",
)
# What a plan item keeps at issue: the texts in the plan's language plus these.
FROZEN_FIELDS = (*TEXT_FIELDS, "illustration", "reason", "code", "category", "est_minutes")


def dose_validators(field: str) -> list:
    """Return the range validators of one dose field."""
    low, high = next((lo, hi) for name, lo, hi in DOSE_LIMITS if name == field)
    return [MinValueValidator(low), MaxValueValidator(high)]


def language_of(language: str) -> str:
    """Return "en" for English language codes ("en", "en-gb"), else "nl"."""
    return "en" if (language or "").lower().startswith("en") else "nl"


def validate_contraindications(value) -> None:
    """Accept a list of known contraindication tags only."""
    if not isinstance(value, list) or any(tag not in CONTRAINDICATION_TAGS for tag in value):
        raise ValidationError(_("Unknown contraindication."), code="contraindication")


def validate_tags(value) -> None:
    """Accept a short list of slug tags."""
    if not isinstance(value, list) or len(value) > MAX_TAGS:
        raise ValidationError(_("Give at most 12 tags."), code="tags")
    for tag in value:
        if not isinstance(tag, str) or len(tag) > 30:
            raise ValidationError(_("Tags are short words."), code="tags")
        validate_slug(tag)


def validate_steps(value) -> None:
    """Accept a list of up to 10 non-empty step texts."""
    if not isinstance(value, list) or len(value) > MAX_STEPS:
        raise ValidationError(_("Give at most 10 steps."), code="steps")
    if any(not isinstance(step, str) or not step.strip() for step in value):
        raise ValidationError(_("Steps cannot be empty."), code="steps")
    if any(len(step) > MAX_STEP_LENGTH for step in value):
        raise ValidationError(_("A step may be at most 300 characters."), code="steps")


class Dose(models.Model):
    """The six dose fields: a library exercise's default dose and a plan item's dose.

    Either repetitions or minutes, never both: "10 times" or "5 minutes" is one clear dose.
    The check constraints are named per table (`Dose.dose_constraints("plan_item")`), so every
    subclass lists them in its own Meta.
    """

    sets = models.PositiveSmallIntegerField(
        _("sets"), null=True, blank=True, validators=dose_validators("sets")
    )
    reps = models.PositiveSmallIntegerField(
        _("repetitions"), null=True, blank=True, validators=dose_validators("reps")
    )
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), null=True, blank=True, validators=dose_validators("minutes")
    )
    hold_seconds = models.PositiveSmallIntegerField(
        _("hold (seconds)"), null=True, blank=True, validators=dose_validators("hold_seconds")
    )
    times_per_day = models.PositiveSmallIntegerField(
        _("times a day"), validators=dose_validators("times_per_day")
    )
    days_per_week = models.PositiveSmallIntegerField(
        _("days a week"), validators=dose_validators("days_per_week")
    )

    class Meta:
        abstract = True

    @staticmethod
    def dose_constraints(prefix: str) -> list:
        """Return the named check constraints of the dose fields (ranges; reps or minutes)."""
        checks = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__isnull": True})
                | Q(**{f"{name}__gte": low, f"{name}__lte": high}),
                name=f"{prefix}_{name}_range",
            )
            for name, low, high in DOSE_LIMITS
        ]
        checks.append(
            models.CheckConstraint(
                condition=Q(reps__isnull=False, minutes__isnull=True)
                | Q(reps__isnull=True, minutes__isnull=False),
                name=f"{prefix}_reps_or_minutes",
            )
        )
        return checks

    def clean(self):
        if (self.reps is None) == (self.minutes is None):
            raise ValidationError(
                {"reps": _("Give either repetitions or minutes.")}, code="reps_or_minutes"
            )

    def dose(self) -> dict:
        """Return the dose fields as a dict."""
        return {name: getattr(self, name) for name in DOSE_FIELDS}

    def daily_volume(self) -> int:
        """Return a relative amount of practice a day (see PlanItem.est_minutes)."""
        per_set = (self.minutes or 0) * 60
        if self.reps:
            per_set = self.reps * (SECONDS_PER_REP + (self.hold_seconds or 0))
        return (self.sets or 1) * per_set * (self.times_per_day or 1)


class ExerciseQuerySet(models.QuerySet):
    def for_clinic(self, clinic):
        """Return the built-ins plus the clinic's own; the clinic's copy of a code wins."""
        clinic_id = getattr(clinic, "pk", clinic)
        own_codes = Exercise.objects.filter(clinic_id=clinic_id).values("code")
        builtin = Q(clinic__isnull=True) & ~Q(code__in=own_codes)
        return self.filter(Q(clinic_id=clinic_id) | builtin)

    def active(self):
        return self.filter(active=True)

    def tag_names(self) -> list[str]:
        """Return every tag used by these exercises, sorted."""
        return sorted({tag for tags in self.values_list("tags", flat=True) for tag in tags or ()})

    def matching(self, *, query: str = "", category: str = "", tag: str = ""):
        """Filter on a search term (names, purpose, code), a category and a tag."""
        queryset = self
        if query:
            queryset = queryset.filter(
                Q(name_nl__icontains=query)
                | Q(name_en__icontains=query)
                | Q(purpose_nl__icontains=query)
                | Q(purpose_en__icontains=query)
                | Q(code__icontains=query)
            )
        if category:
            queryset = queryset.filter(category=category)
        if tag:
            # JSON "contains" is not available on SQLite; tags are validated slugs, so their
            # quoted JSON form only matches a whole tag.
            queryset = queryset.filter(tags__icontains=json.dumps(tag))
        return queryset


class Exercise(Dose):
    """One exercise of the library: built-in (no clinic) or a clinic's own."""

    class Category(models.TextChoices):
        BREATHING = "breathing", _("Breathing")
        MOBILITY = "mobility", _("Mobility")
        TRUNK = "trunk", _("Trunk")
        # Daily habits (walk, micro-breaks): outside the phases' budget, from week 1 on.
        DAILY = "daily", _("Daily habit")

    clinic = models.ForeignKey(
        Clinic,
        verbose_name=_("clinic"),
        on_delete=models.PROTECT,
        related_name="exercises",
        null=True,
        blank=True,
        help_text=_("Empty for the built-in exercises shared by every clinic."),
    )
    code = models.SlugField(_("code"), max_length=50)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    purpose_nl = models.TextField(_("purpose (Dutch)"), max_length=1000)
    purpose_en = models.TextField(_("purpose (English)"), max_length=1000)
    start_position_nl = models.TextField(_("start position (Dutch)"), max_length=1000)
    start_position_en = models.TextField(_("start position (English)"), max_length=1000)
    steps_nl = models.JSONField(_("steps (Dutch)"), default=list, validators=[validate_steps])
    steps_en = models.JSONField(_("steps (English)"), default=list, validators=[validate_steps])
    progression_nl = models.TextField(_("progression (Dutch)"), max_length=1000, blank=True)
    progression_en = models.TextField(_("progression (English)"), max_length=1000, blank=True)
    regression_nl = models.TextField(_("easier variant (Dutch)"), max_length=1000, blank=True)
    regression_en = models.TextField(_("easier variant (English)"), max_length=1000, blank=True)
    cautions_nl = models.TextField(_("cautions (Dutch)"), max_length=1000, blank=True)
    cautions_en = models.TextField(_("cautions (English)"), max_length=1000, blank=True)
    contraindications = models.JSONField(
        _("contraindications"),
        default=list,
        blank=True,
        validators=[validate_contraindications],
        help_text=_("The plan rules never suggest the exercise when one of these applies."),
    )
    tags = models.JSONField(_("tags"), default=list, blank=True, validators=[validate_tags])
    est_minutes = models.PositiveSmallIntegerField(
        _("minutes a day (estimate)"),
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("All sessions of a day at the default dose, getting into position included."),
    )
    illustration = models.CharField(
        _("illustration"),
        max_length=200,
        blank=True,
        help_text=_("Static path of the SVG picture, e.g. plans/exercises/open-book.svg."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive exercises are not added to new plans.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")
        ordering = ["category", "name_nl"]
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "code"],
                condition=Q(clinic__isnull=False),
                name="exercise_code_unique_per_clinic",
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(clinic__isnull=True),
                name="exercise_code_unique_builtin",
            ),
            models.CheckConstraint(
                condition=Q(category__in=["breathing", "mobility", "trunk", "daily"]),
                name="exercise_category_valid",
            ),
            models.CheckConstraint(
                condition=Q(est_minutes__gte=1, est_minutes__lte=60),
                name="exercise_est_minutes_range",
            ),
            *Dose.dose_constraints("exercise"),
        ]

    def __str__(self):
        return self.name_nl

    @property
    def is_builtin(self) -> bool:
        return self.clinic_id is None

    def text(self, field: str, language: str):
        """Return the nl or en value of a text field, falling back to the other language."""
        first, second = ("en", "nl") if language_of(language) == "en" else ("nl", "en")
        return getattr(self, f"{field}_{first}") or getattr(self, f"{field}_{second}")


class HomePlanQuerySet(models.QuerySet):
    def drafts(self):
        return self.filter(status=HomePlan.Status.DRAFT)

    def issued(self):
        return self.filter(status=HomePlan.Status.ISSUED)


class HomePlan(models.Model):
    """One version of an episode's home plan.

    `lock_version` goes up with every saved change; a save that carries an older number is
    refused and the editor lists what was changed meanwhile (`edit_log`). `suggestions` keeps
    what the rules proposed when the draft was made, so a revision shows them next to the
    therapist's earlier choices. `blocked_reason` holds why the last attempt to issue the draft
    was refused (red flags awaiting a decision, an unfinished intake); it is cleared at issue.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")
        SUPERSEDED = "superseded", _("Superseded")

    episode = models.ForeignKey(
        "patients.Episode",
        verbose_name=_("episode"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    version = models.PositiveIntegerField(_("version"), validators=[MinValueValidator(1)])
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    language = models.CharField(
        _("language of the plan"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    lock_version = models.PositiveIntegerField(_("edit number"), default=1, editable=False)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("revised version"),
        on_delete=models.PROTECT,
        related_name="revisions",
        null=True,
        blank=True,
    )
    note = models.TextField(_("note for the patient"), max_length=2000, blank=True)
    rules_fired = models.JSONField(_("rules that fired"), default=list, blank=True)
    # What the rules wanted but could not place (rule, phase, why, options): the editor shows
    # it with a one-click swap, the rules page lists it apart from what was placed.
    rules_dropped = models.JSONField(_("rules left out"), default=list, blank=True)
    suggestions = models.JSONField(_("rule suggestions"), default=list, blank=True)
    edit_log = models.JSONField(_("changes"), default=list, blank=True, editable=False)
    blocked_reason = models.CharField(_("why it cannot be issued"), max_length=500, blank=True)
    next_appointment = models.DateTimeField(_("next appointment"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    pdf = models.FileField(_("PDF"), upload_to="plans/pdf/", null=True, blank=True)
    pdf_sha256 = models.CharField(_("PDF checksum (SHA-256)"), max_length=64, blank=True)

    objects = clinic_scoped("episode__clinic", models.Manager.from_queryset(HomePlanQuerySet))
    history = HistoricalRecords(excluded_fields=["edit_log", "suggestions"])

    class Meta:
        verbose_name = _("home plan")
        verbose_name_plural = _("home plans")
        ordering = ["episode", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["episode", "version"], name="plan_version_per_episode"),
            models.UniqueConstraint(
                fields=["episode"], condition=Q(status="draft"), name="one_draft_plan_per_episode"
            ),
            models.UniqueConstraint(
                fields=["episode"], condition=Q(status="issued"), name="one_issued_plan_per_episode"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="plan_version_positive"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "issued", "superseded"]), name="plan_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=["nl", "en"]), name="plan_language_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(issued_at__isnull=False, issued_by__isnull=False),
                name="plan_issued_has_who_and_when",
            ),
        ]

    def __str__(self):
        return f"v{self.version} ({self.get_status_display()})"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def item_text(self, item: "PlanItem", field: str):
        """Return a text of an item in the plan's language: frozen once issued, live before.

        `field` is one of TEXT_FIELDS, "illustration", "reason" or "code".
        """
        if not self.is_draft:
            return item.frozen.get(field, "")
        return item.live_text(field, self.language)


class PlanItem(Dose):
    """One exercise in one phase of a plan, with its dose and why it is there.

    Items the rules proposed carry the rule's `reason_code`. Items the therapist adds from the
    library have no reason code: the therapist's note is then the reason (the editor asks for
    it, and a plan is not issued without it), because the patient should read why this
    exercise is in their plan, not a generic sentence.
    """

    plan = models.ForeignKey(
        HomePlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="items"
    )
    exercise = models.ForeignKey(
        Exercise, verbose_name=_("exercise"), on_delete=models.PROTECT, related_name="plan_items"
    )
    phase = models.PositiveSmallIntegerField(
        _("phase"), validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    reason_code = models.CharField(_("reason"), max_length=40, blank=True)
    note = models.TextField(_("note"), max_length=500, blank=True)
    added_by_therapist = models.BooleanField(_("added by the therapist"), default=False)
    frozen = models.JSONField(_("texts at issue"), default=dict, blank=True, editable=False)

    objects = clinic_scoped("plan__episode__clinic")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["phase", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(phase__gte=1, phase__lte=3), name="plan_item_phase_range"
            ),
            *Dose.dose_constraints("plan_item"),
        ]

    def __str__(self):
        return f"{self.phase}.{self.order} {self.exercise_id}"

    @property
    def is_habit(self) -> bool:
        """Return whether this is a daily habit (walk, micro-breaks): outside the phases' budget.

        Habits start in week 1 and run through the whole plan; they are stored in phase 1.
        The category is frozen at issue, so an issued plan keeps telling habits apart.
        """
        category = self.frozen.get("category") if self.frozen else self.exercise.category
        return category in HABIT_CATEGORIES

    def live_text(self, field: str, language: str):
        """Return a text of the item from the library (and the rules) in `language`."""
        if field == "reason":
            return reason_text(self.reason_code, language) if self.reason_code else ""
        if field in TEXT_FIELDS:
            return self.exercise.text(field, language)
        if field == "est_minutes":
            return self.est_minutes
        return getattr(self.exercise, field)

    def freeze(self, language: str) -> dict:
        """Return the texts the patient receives, copied for an issued plan."""
        return {field: self.live_text(field, language) for field in FROZEN_FIELDS}

    @property
    def est_minutes(self) -> int:
        """Estimate the minutes a day at this dose, scaled from the library's estimate.

        Frozen at issue; for drafts the library's estimate at its default dose is scaled by the
        daily volume (sets x reps x seconds per rep, or sets x minutes, times a day).
        """
        if self.frozen:
            return self.frozen.get("est_minutes", 1)
        exercise = self.exercise
        default = exercise.daily_volume()
        return max(1, -(-exercise.est_minutes * self.daily_volume() // max(default, 1)))
