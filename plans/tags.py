"""The labels of the exercise tags: tags are stored as slugs, people read them in their language.

A clinic's own tags (typed by its admin) have no translation and show as typed.
"""

from types import MappingProxyType

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

# pgettext_lazy written out each time: makemessages finds only literal calls.
TAG_LABELS = MappingProxyType(
    {
        "calming": pgettext_lazy("exercise tag", "calming"),
        "core": pgettext_lazy("exercise tag", "core"),
        "daily-life": pgettext_lazy("exercise tag", "daily life"),
        "desk": pgettext_lazy("exercise tag", "desk work"),
        "effort": pgettext_lazy("exercise tag", "effort"),
        "extension": pgettext_lazy("exercise tag", "extension"),
        "fitness": pgettext_lazy("exercise tag", "fitness"),
        "lifting": pgettext_lazy("exercise tag", "lifting"),
        "neck": pgettext_lazy("exercise tag", "neck"),
        "outdoor": pgettext_lazy("exercise tag", "outdoors"),
        "pelvic-floor": pgettext_lazy("exercise tag", "pelvic floor"),
        "prone": pgettext_lazy("exercise tag", "prone lying"),
        "quadruped": pgettext_lazy("exercise tag", "hands and knees"),
        "relaxation": pgettext_lazy("exercise tag", "relaxation"),
        "ribs": pgettext_lazy("exercise tag", "ribs"),
        "rotation": pgettext_lazy("exercise tag", "rotation"),
        "seated": pgettext_lazy("exercise tag", "seated"),
        "shoulders": pgettext_lazy("exercise tag", "shoulders"),
        "side-lying": pgettext_lazy("exercise tag", "side lying"),
        "standing": pgettext_lazy("exercise tag", "standing"),
        "starter": pgettext_lazy("exercise tag", "starter"),
        "strength": pgettext_lazy("exercise tag", "strength"),
        "supine": pgettext_lazy("exercise tag", "supine lying"),
        "upper-back": pgettext_lazy("exercise tag", "upper back"),
        "walking": pgettext_lazy("exercise tag", "walking"),
        "warm-up": pgettext_lazy("exercise tag", "warm-up"),
        "work": pgettext_lazy("exercise tag", "work"),
    }
)


def tag_label(tag: str) -> Promise | str:
    """Return the tag's label in the active language (a clinic's own tag as typed)."""
    return TAG_LABELS.get(tag, tag)
