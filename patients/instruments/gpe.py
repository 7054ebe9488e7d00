"""Global Perceived Effect: one 7-point rating of overall change, asked at discharge."""

from django.utils.translation import gettext_lazy as _

from .base import HIGHER, Band, Instrument, Item, LicenceStatus, Option, Score, band_for

OPTIONS = (
    Option(1, _("Much worse")),
    Option(2, _("Worse")),
    Option(3, _("Slightly worse")),
    Option(4, _("Unchanged")),
    Option(5, _("Slightly improved")),
    Option(6, _("Much improved")),
    Option(7, _("Completely recovered")),
)

# Much improved and completely recovered count as success.
BANDS = (
    Band(5, "no_success", _("No success")),
    Band(7, "success", _("Success")),
)


class Gpe(Instrument):
    """GPE: the rating is the total; 6 and 7 are a success."""

    def _score(self, answers: dict[str, int]) -> Score:
        total = answers["q1"]
        return Score(total=total, band=band_for(total, self.bands).code)


GPE = Gpe(
    code="gpe",
    version="1",
    name=_("Global Perceived Effect (GPE)"),
    better=HIGHER,
    # The GPE is itself a rating of change, so there is no change-of-change threshold.
    mcid=None,
    source="Kamper SJ et al. Global rating of change scales. J Man Manip Ther 2009;17(3):163-170.",
    licence=_("Generic 7-point rating scale: free to use."),
    licence_status=LicenceStatus.FREE,
    items=(
        Item(key="q1", topic=_("Overall change since the start of treatment"), options=OPTIONS),
    ),
    bands=BANDS,
)
