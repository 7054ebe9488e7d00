"""Quebec Back Pain Disability Scale: 20 daily activities, 0 (no difficulty) to 5 (unable)."""

from django.utils.translation import gettext_lazy as _

from .base import LOWER, Instrument, LicenceStatus, Mcid, Option, Score, choice_items

OPTIONS = (
    Option(0, _("No difficulty")),
    Option(1, _("A little difficulty")),
    Option(2, _("Some difficulty")),
    Option(3, _("Considerable difficulty")),
    Option(4, _("Great difficulty")),
    Option(5, _("Unable")),
)

# Short topics written for this project, in the published order (six activity groups:
# bed/rest 1-3, sitting/standing 4-6, walking 7-9, moving 10-12, bending 13-16, heavy objects).
TOPICS = (
    _("Getting out of bed"),
    _("Sleeping through the night"),
    _("Turning over in bed"),
    _("Riding in a car"),
    _("Standing for 20-30 minutes"),
    _("Sitting for several hours"),
    _("Climbing one flight of stairs"),
    _("Walking 300-400 metres"),
    _("Walking several kilometres"),
    _("Reaching up to a high shelf"),
    _("Throwing a ball"),
    _("Running about 100 metres"),
    _("Taking food from the fridge"),
    _("Making the bed"),
    _("Putting on socks"),
    _("Bending over to clean the bath"),
    _("Moving a chair"),
    _("Pushing or pulling a heavy door"),
    _("Carrying two bags of shopping"),
    _("Lifting and carrying a heavy suitcase"),
)


class Qbpds(Instrument):
    """QBPDS: the total is the sum of the 20 ratings (0-100)."""

    def _score(self, answers: dict[str, int]) -> Score:
        return Score(total=sum(answers.values()))


QBPDS = Qbpds(
    code="qbpds",
    version="1",
    name=_("Quebec Back Pain Disability Scale (QBPDS)"),
    better=LOWER,
    mcid=Mcid(absolute=20, relative=0.30),
    source=(
        "Kopec JA et al. The Quebec Back Pain Disability Scale. Spine 1995;20(3):341-352; "
        "Dutch version: Schoppink 1996; change: Ostelo RW et al., Spine 2008;33(1):90-94."
    ),
    licence=_(
        "Permission status unverified: ask the copyright holder before embedding; "
        "use the official form with the patient."
    ),
    licence_status=LicenceStatus.UNVERIFIED,
    items=choice_items(TOPICS, OPTIONS),
)
