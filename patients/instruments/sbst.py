"""STarT Back Screening Tool: nine items, risk stratification into low, medium and high."""

from django.utils.translation import gettext_lazy as _

from .base import Band, Instrument, Item, LicenceStatus, Option, Score, band_for, choice_items

AGREEMENT = (
    Option(0, _("Disagree")),
    Option(1, _("Agree")),
)

BOTHERSOMENESS = (
    Option(0, _("Not at all")),
    Option(1, _("Slightly")),
    Option(2, _("Moderately")),
    Option(3, _("Very much")),
    Option(4, _("Extremely")),
)

# Short topics written for this project (time frame: the last two weeks), in published order.
AGREEMENT_TOPICS = (
    _("Back pain spreading down a leg"),
    _("Shoulder or neck pain"),
    _("Walking only short distances because of back pain"),
    _("Dressing more slowly because of back pain"),
    _("Not feeling safe to be physically active"),
    _("Worrying thoughts"),
    _("Feeling the pain is terrible and will not get better"),
    _("Not enjoying things"),
)

# Item 9 scores 1 only for "very much" or "extremely".
BOTHER_SCORES_FROM = 3
PSYCHOSOCIAL_KEYS = ("q5", "q6", "q7", "q8", "q9")
HIGH_RISK_FROM = 4

# Without a high psychosocial subscore, the total decides between low and medium.
TOTAL_BANDS = (
    Band(3, "low", _("Low risk")),
    Band(9, "medium", _("Medium risk")),
)
HIGH = Band(9, "high", _("High risk"))


class Sbst(Instrument):
    """SBST: total 0-9, psychosocial subscore 0-5, risk band by Hill et al. (2008)."""

    def _score(self, answers: dict[str, int]) -> Score:
        scored = {**answers, "q9": int(answers["q9"] >= BOTHER_SCORES_FROM)}
        total = sum(scored.values())
        psychosocial = sum(scored[key] for key in PSYCHOSOCIAL_KEYS)
        band = HIGH if psychosocial >= HIGH_RISK_FROM else band_for(total, TOTAL_BANDS)
        return Score(total=total, band=band.code, subscores={"psychosocial": psychosocial})


SBST = Sbst(
    code="sbst",
    version="1",
    name=_("STarT Back Screening Tool (SBST)"),
    # Stratification only: there is no better direction and no change threshold.
    better=None,
    mcid=None,
    source=(
        "Hill JC et al. A primary care back pain screening tool. Arthritis Rheum "
        "2008;59(5):632-641; Dutch version: Bier JD et al. 2017. Copyright Keele University."
    ),
    licence=_(
        "Free for clinical use; embedding in a commercial product needs Keele University's "
        "permission."
    ),
    licence_status=LicenceStatus.PERMISSION_NEEDED,
    items=(
        *choice_items(AGREEMENT_TOPICS, AGREEMENT),
        Item(key="q9", topic=_("Overall bothersomeness of the back pain"), options=BOTHERSOMENESS),
    ),
    bands=(*TOTAL_BANDS, HIGH),
)
