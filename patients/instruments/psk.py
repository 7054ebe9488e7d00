"""Patient-Specific Complaints (PSK): up to three activities the patient names, rated 0-10.

0 = no difficulty, 10 = impossible (the reverse of the PSFS), so lower is better. The activity
names are free text kept beside the ratings (see forms.py); the answers here are ratings only.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .base import LOWER, Instrument, LicenceStatus, Mcid, Score, numeric_item

ANCHORS = (_("no difficulty"), _("impossible"))

# Only the first activity is required: a patient may name one, two or three.
ITEMS = (
    numeric_item("q1", _("Difficulty with activity 1"), 0, 10, anchors=ANCHORS),
    numeric_item("q2", _("Difficulty with activity 2"), 0, 10, anchors=ANCHORS, required=False),
    numeric_item("q3", _("Difficulty with activity 3"), 0, 10, anchors=ANCHORS, required=False),
)


@dataclass(frozen=True)
class Psk(Instrument):
    """PSK: the total is the mean of the rated activities, one decimal."""

    #: Change on one activity that counts (Stratford 1995: 3 points for a single item).
    mcid_single_activity: int = 3

    def _score(self, answers: dict[str, int]) -> Score:
        total = round(sum(answers.values()) / len(answers), 1)
        return Score(total=float(total), subscores=dict(answers))


PSK = Psk(
    code="psk",
    version="1",
    name=_("Patient-Specific Complaints (PSK)"),
    better=LOWER,
    mcid=Mcid(absolute=2, relative=None),
    source=(
        "Beurskens AJ et al. (PSK, Dutch); KNGF-richtlijn Lage rugpijn en LRS (2021), "
        "module B.3; change: Stratford P et al., Physiother Can 1995;47:258-263."
    ),
    licence=_(
        "Permission status unverified: confirm the PSK terms before embedding; "
        "use the official form with the patient."
    ),
    licence_status=LicenceStatus.UNVERIFIED,
    items=ITEMS,
)
