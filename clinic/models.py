"""The clinic (tenant) and its staff; every piece of patient data hangs off one clinic."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")


class Clinic(models.Model):
    name = models.CharField(_("name"), max_length=120)
    address = models.TextField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="clinic-logos/", blank=True)
    default_language = models.CharField(
        _("default language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    mfa_required = models.BooleanField(
        _("two-factor sign-in mandatory"),
        default=False,
        help_text=_("Staff without two-factor sign-in are sent to set it up first."),
    )
    nq_elevated_threshold = models.PositiveSmallIntegerField(
        _("Nijmegen Questionnaire: elevated from"),
        default=23,
        validators=[MinValueValidator(1), MaxValueValidator(64)],
        help_text=_("Totals at or above this value are marked as elevated (default 23)."),
    )
    followup_weeks = models.PositiveSmallIntegerField(
        _("follow-up due after (weeks)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Weeks after the last visit that the next follow-up is due."),
    )
    remeasure_weeks = models.PositiveSmallIntegerField(
        _("re-measure every (weeks)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_(
            "NPRS, PSK and QBPDS again after this many weeks; episodes longer than 3 months "
            "at least every 6 weeks."
        ),
    )
    # The highest patient number ever handed out: numbers are never reused, even after erasure.
    last_patient_number = models.PositiveIntegerField(default=0, editable=False)
    idle_timeout_minutes = models.PositiveSmallIntegerField(
        _("sign out after inactivity (minutes)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(480)],
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("clinic")
        verbose_name_plural = _("clinics")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nq_elevated_threshold__gte=1, nq_elevated_threshold__lte=64),
                name="clinic_nq_threshold_range",
            ),
            models.CheckConstraint(
                condition=models.Q(default_language__in=["nl", "en"]),
                name="clinic_default_language_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(followup_weeks__gte=1, followup_weeks__lte=12),
                name="clinic_followup_weeks_range",
            ),
            models.CheckConstraint(
                condition=models.Q(remeasure_weeks__gte=1, remeasure_weeks__lte=12),
                name="clinic_remeasure_weeks_range",
            ),
        ]

    def __str__(self):
        return self.name


class TherapistManager(BaseUserManager):
    use_in_migrations = True

    def get_queryset(self):
        # The clinic is needed on every request (scope, settings): load it with the user.
        return super().get_queryset().select_related("clinic")

    def create_user(self, email, password=None, **extra_fields):
        """Create a staff account identified by its e-mail address."""
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        """Create a platform superuser (Django admin only; belongs to no clinic)."""
        extra_fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra_fields)


class Therapist(AbstractUser):
    """A member of a clinic's staff; signs in with an e-mail address."""

    class Role(models.TextChoices):
        THERAPIST = "therapist", _("Therapist")
        ADMIN = "admin", _("Clinic admin")

    username = None
    email = models.EmailField(_("e-mail"), unique=True)
    clinic = models.ForeignKey(
        Clinic,
        verbose_name=_("clinic"),
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
        help_text=_("Empty only for platform superusers."),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.THERAPIST)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, blank=True)

    # Raising this ends every session of the user ("sign out everywhere"): it is part of the
    # session's auth hash, which Django checks on every request at no extra cost.
    session_version = models.PositiveIntegerField(default=0, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = TherapistManager()

    class Meta:
        verbose_name = _("therapist")
        verbose_name_plural = _("therapists")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["therapist", "admin"]), name="therapist_role_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(clinic__isnull=False) | models.Q(is_superuser=True),
                name="therapist_has_clinic_unless_superuser",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def is_clinic_admin(self):
        return self.role == self.Role.ADMIN

    def get_session_auth_hash(self):
        return salted_hmac(
            "rugadem.session", f"{self.password}:{self.session_version}", algorithm="sha256"
        ).hexdigest()


class AccessEvent(models.Model):
    """One access to patient data (NEN 7513 style). Append-only: rows are never changed."""

    class Action(models.TextChoices):
        READ = "read", _("Read")
        SEARCH = "search", _("Search")
        CREATE = "create", _("Create")
        CHANGE = "change", _("Change")
        PRINT = "print", _("Print")
        EXPORT = "export", _("Export")
        RESTORE = "restore", _("Restore from backup")

    class Outcome(models.TextChoices):
        OK = "ok", _("Allowed")
        DENIED = "denied", _("Denied")

    at = models.DateTimeField(_("when"), db_index=True)
    clinic = models.ForeignKey(
        Clinic, on_delete=models.PROTECT, related_name="+", null=True, verbose_name=_("clinic")
    )
    user = models.ForeignKey(
        "Therapist", on_delete=models.PROTECT, related_name="+", null=True, verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=10, blank=True)
    # A plain id, not a foreign key: the log outlives an erased patient record.
    patient_id = models.BigIntegerField(_("patient"), null=True, db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    path = models.CharField(_("path"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("access event")
        verbose_name_plural = _("access events")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    action__in=[
                        "read",
                        "search",
                        "create",
                        "change",
                        "print",
                        "export",
                        "restore",
                    ]
                ),
                name="access_event_action_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__in=["ok", "denied"]), name="access_event_outcome_valid"
            ),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.action} {self.outcome}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Access events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Access events are append-only.")

    @property
    def shown_detail(self) -> str:
        """The detail as a reviewer reads it: a search's own words while they are kept."""
        if not self.detail.startswith("q:"):
            return self.detail
        try:
            return self.search_term.term
        except AccessSearchTerm.DoesNotExist:
            return str(_("search term removed at erasure"))


class AccessEventSeal(models.Model):
    """The keyed hash chain over access events, in event order; insert-only like the log.

    Seals are written in the same transaction as their events (clinic/accesslog.py ``write``).
    """

    event = models.OneToOneField(
        AccessEvent, on_delete=models.PROTECT, related_name="seal", primary_key=True
    )
    seq = models.PositiveBigIntegerField(_("sequence"), unique=True)
    digest = models.CharField(_("digest"), max_length=64)
    # Which key made the digest (a fingerprint; empty for seals made before key ids existed).
    key_id = models.CharField(_("key id"), max_length=16, blank=True, default="")
    sealed_at = models.DateTimeField(_("sealed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("access event seal")
        ordering = ["seq"]

    def __str__(self):
        return f"{self.seq} {self.digest[:12]}"


class AccessSearchTerm(models.Model):
    """The plain text of a search in the access log, kept apart from the sealed event.

    The sealed event holds only a keyed hash of the term, so the plain text (names, birth dates)
    can be removed when a patient is erased without breaking the hash chain.
    """

    event = models.OneToOneField(
        AccessEvent, on_delete=models.PROTECT, related_name="search_term", primary_key=True
    )
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="+", null=True)
    term = models.CharField(_("search term"), max_length=200)

    class Meta:
        verbose_name = _("access log search term")

    def __str__(self):
        return self.term


class SubmissionToken(models.Model):
    """A form submission that created something: a repeat of the same token creates nothing."""

    token = models.CharField(max_length=64, primary_key=True)
    user = models.ForeignKey("Therapist", on_delete=models.CASCADE, related_name="+")
    result_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.token
