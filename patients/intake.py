"""Pure helpers for the intake: duration category and section completeness."""

import datetime

ACUTE_WEEKS = 6
CHRONIC_WEEKS = 12

ACUTE = "acute"
SUBACUTE = "subacute"
CHRONIC = "chronic"


def duration_category(onset: datetime.date, day: datetime.date) -> str:
    """Return acute (< 6 weeks), subacute (6-12 weeks) or chronic (> 12 weeks) on ``day``."""
    weeks = (day - onset).days / 7
    if weeks < ACUTE_WEEKS:
        return ACUTE
    if weeks <= CHRONIC_WEEKS:
        return SUBACUTE
    return CHRONIC
