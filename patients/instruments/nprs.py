"""Numeric Pain Rating Scale: average pain over the last 24 hours, 0-10."""

from django.utils.translation import gettext_lazy as _

from .base import LOWER, Band, Instrument, LicenceStatus, Mcid, Score, band_for, numeric_item

BANDS = (
    Band(0, "none", _("No pain")),
    Band(3, "mild", _("Mild pain")),
    Band(6, "moderate", _("Moderate pain")),
    Band(10, "severe", _("Severe pain")),
)


class Nprs(Instrument):
    """NPRS: the single rating is the total."""

    def _score(self, answers: dict[str, int]) -> Score:
        total = answers["q1"]
        return Score(total=total, band=band_for(total, self.bands).code)


NPRS = Nprs(
    code="nprs",
    version="1",
    name=_("Numeric Pain Rating Scale (NPRS)"),
    better=LOWER,
    mcid=Mcid(absolute=2, relative=0.30),
    source=(
        "KNGF-richtlijn Lage rugpijn en LRS (2021), module B.3 Meetinstrumenten; "
        "change: Ostelo RW et al., Spine 2008;33(1):90-94."
    ),
    licence=_("Generic numeric scale without an owner: free to use."),
    licence_status=LicenceStatus.FREE,
    items=(
        numeric_item(
            "q1",
            _("Average pain over the last 24 hours"),
            0,
            10,
            anchors=(_("no pain"), _("worst pain imaginable")),
        ),
    ),
    bands=BANDS,
)
