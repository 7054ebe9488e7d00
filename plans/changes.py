"""What changed in a draft plan between two saves: snapshots, their difference, and sentences.

A save of a draft compares the plan before and after and appends the difference to the plan's
`edit_log` as plain data (codes and numbers, no sentences), so the editor can tell a therapist
whose save was refused what a colleague changed meanwhile, in the reader's own language.
"""

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from plans.models import DOSE_FIELDS, PlanItem

# Keep the log of a draft short: a conflict only needs the recent saves.
MAX_LOG_ENTRIES = 50


def snapshot(plan, items) -> dict:
    """Return the editable state of a plan and its saved items as plain data."""
    return {
        "note": plan.note,
        "language": plan.language,
        "next_appointment": plan.next_appointment.isoformat() if plan.next_appointment else None,
        "items": {
            item.pk: {
                "name": item.exercise.text("name", plan.language),
                "phase": item.phase,
                "order": item.order,
                "note": item.note,
                **item.dose(),
            }
            for item in items
        },
    }


def diff(before: dict, after: dict) -> list[dict]:
    """Return the changes from one snapshot to the next."""
    changes = [
        {"op": field} for field in ("note", "next_appointment") if before[field] != after[field]
    ]
    if before["language"] != after["language"]:
        changes.append({"op": "language", "old": before["language"], "new": after["language"]})
    old, new = before["items"], after["items"]
    for pk in old.keys() - new.keys():
        changes.append({"op": "removed", "name": old[pk]["name"], "phase": old[pk]["phase"]})
    for pk in sorted(new.keys() - old.keys()):
        changes.append({"op": "added", "name": new[pk]["name"], "phase": new[pk]["phase"]})
    for pk in sorted(old.keys() & new.keys()):
        changes.extend(_item_changes(old[pk], new[pk]))
    changes.extend(_reordered(old, new))
    return changes


def _item_changes(old: dict, new: dict) -> list[dict]:
    changes = []
    name, phase = new["name"], new["phase"]
    if old["phase"] != phase:
        changes.append({"op": "moved", "name": name, "old": old["phase"], "new": phase})
    for field in DOSE_FIELDS:
        if old[field] != new[field]:
            changes.append(
                {
                    "op": "dose",
                    "name": name,
                    "phase": phase,
                    "field": field,
                    "old": old[field],
                    "new": new[field],
                }
            )
    if old["note"] != new["note"]:
        changes.append({"op": "item_note", "name": name, "phase": phase})
    return changes


def _reordered(old: dict, new: dict) -> list[dict]:
    """Return a change per phase whose kept items now stand in another order."""
    changes = []
    for phase in (1, 2, 3):
        kept = [
            pk for pk in old.keys() & new.keys() if old[pk]["phase"] == new[pk]["phase"] == phase
        ]
        if sorted(kept, key=lambda pk: old[pk]["order"]) != sorted(
            kept, key=lambda pk: new[pk]["order"]
        ):
            changes.append({"op": "reordered", "phase": phase})
    return changes


def log_entry(*, version: int, user, at, changes: list[dict]) -> dict:
    """Return one edit-log entry."""
    return {"version": version, "by": str(user), "at": at.isoformat(), "changes": changes}


def append(log: list, entry: dict) -> list:
    """Return the log with the entry added, keeping the most recent entries."""
    return [*log, entry][-MAX_LOG_ENTRIES:]


def since(log: list, version: int) -> list[dict]:
    """Return the log entries saved after edit number `version`."""
    return [entry for entry in log if entry.get("version", 0) > version]


def describe(change: dict) -> str:
    """Return one change as a sentence in the active language."""
    op = change.get("op")
    values = {**change, **_dose_words(change)}
    template = SENTENCES.get(op)
    return template() % values if template else _("Changed")


def entry_time(entry: dict):
    """Return when an entry was saved, as a datetime (None if unreadable)."""
    return parse_datetime(entry.get("at", "") or "")


def _dose_words(change: dict) -> dict:
    if change.get("op") != "dose":
        return {}
    field = PlanItem._meta.get_field(change["field"]).verbose_name
    blank = "—"
    return {
        "field": field,
        "old": blank if change["old"] is None else change["old"],
        "new": blank if change["new"] is None else change["new"],
    }


# Functions, so each sentence is translated when it is read, in the reader's language.
SENTENCES = {
    "note": lambda: _("The note for the patient was changed."),
    "next_appointment": lambda: _("The next appointment was changed."),
    "language": lambda: _("The language of the plan was changed from %(old)s to %(new)s."),
    "removed": lambda: _("%(name)s was removed from phase %(phase)s."),
    "added": lambda: _("%(name)s was added to phase %(phase)s."),
    "moved": lambda: _("%(name)s was moved from phase %(old)s to phase %(new)s."),
    "dose": lambda: _("%(name)s (phase %(phase)s): %(field)s changed from %(old)s to %(new)s."),
    "item_note": lambda: _("The note of %(name)s (phase %(phase)s) was changed."),
    "reordered": lambda: _("The order of phase %(phase)s was changed."),
    "regenerated": lambda: _("The draft was generated again from the findings."),
}
