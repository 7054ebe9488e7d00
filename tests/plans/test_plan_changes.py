"""What changed between two saves of a draft, and how it reads (plans/changes.py)."""

from django.utils import translation

from plans import changes


def snap(items, note=""):
    return {"note": note, "language": "nl", "next_appointment": None, "items": items}


def item(phase=1, order=1, reps=10, note="", name="Open boek"):
    return {
        "name": name,
        "phase": phase,
        "order": order,
        "note": note,
        "sets": 1,
        "reps": reps,
        "minutes": None,
        "hold_seconds": None,
        "times_per_day": 2,
        "days_per_week": 7,
    }


def test_no_change_is_an_empty_list():
    assert changes.diff(snap({1: item()}), snap({1: item()})) == []


def test_a_dose_change_names_the_field_and_both_values():
    found = changes.diff(snap({1: item(reps=10)}), snap({1: item(reps=8)}))
    assert found == [
        {"op": "dose", "name": "Open boek", "phase": 1, "field": "reps", "old": 10, "new": 8}
    ]
    with translation.override("en"):
        assert changes.describe(found[0]) == (
            "Open boek (phase 1): repetitions changed from 10 to 8."
        )


def test_added_removed_moved_and_reordered_are_told_apart():
    before = snap({1: item(order=1, name="A"), 2: item(order=2, name="B"), 3: item(name="C")})
    after = snap(
        {1: item(order=2, name="A"), 2: item(order=1, name="B"), 4: item(phase=2, name="D")}
    )
    ops = sorted(change["op"] for change in changes.diff(before, after))
    assert ops == ["added", "removed", "reordered"]


def test_a_move_between_phases():
    found = changes.diff(snap({1: item(phase=1)}), snap({1: item(phase=3)}))
    assert found[0] == {"op": "moved", "name": "Open boek", "old": 1, "new": 3}


def test_the_plan_note_is_a_change():
    assert changes.diff(snap({}, note="a"), snap({}, note="b")) == [{"op": "note"}]


def test_since_returns_the_entries_after_an_edit_number():
    log = [{"version": 2}, {"version": 3}, {"version": 4}]
    assert changes.since(log, 2) == [{"version": 3}, {"version": 4}]


def test_the_log_keeps_the_most_recent_entries():
    log = [{"version": n} for n in range(changes.MAX_LOG_ENTRIES)]
    assert changes.append(log, {"version": 99})[-1] == {"version": 99}
    assert len(changes.append(log, {"version": 99})) == changes.MAX_LOG_ENTRIES


def test_an_unknown_change_still_reads():
    with translation.override("en"):
        assert changes.describe({"op": "??"}) == "Changed"
