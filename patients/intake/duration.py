"""The duration category of a complaint (acute, subacute, chronic): pure, no models, so the
Episode model and the intake both use it."""

import datetime

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Text = Promise | str

ACUTE_WEEKS = 6
CHRONIC_WEEKS = 12

ACUTE = "acute"
SUBACUTE = "subacute"
CHRONIC = "chronic"
DURATION_CHOICES = (
    (ACUTE, _("Acute (under 6 weeks)")),
    (SUBACUTE, _("Subacute (6 to 12 weeks)")),
    (CHRONIC, _("Chronic (over 12 weeks)")),
)


def duration_category(onset: datetime.date, day: datetime.date) -> str:
    """Return acute (< 6 weeks), subacute (6-12 weeks) or chronic (> 12 weeks) on ``day``."""
    weeks = (day - onset).days / 7
    if weeks < ACUTE_WEEKS:
        return ACUTE
    if weeks <= CHRONIC_WEEKS:
        return SUBACUTE
    return CHRONIC


def duration_label(category: str | None) -> Text:
    """Return the label of a duration category ("" for none)."""
    return dict(DURATION_CHOICES).get(category, "")
