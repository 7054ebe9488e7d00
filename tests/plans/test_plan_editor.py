"""The draft editor (plans:editor): doses, phases, order, notes, the library panel."""

import re

import pytest
from django.urls import reverse

from clinic.models import AccessEvent
from plans.models import Exercise, HomePlan
from plans.reasons import reason_text
from tests.plans.conftest_plans import (
    editor_data,
    editor_url,
    first_item,
    fresh,
    item_state,
    items_of,
)
from tests.querybudget import SEAL

pytestmark = pytest.mark.usefixtures("english", "intake_allows_plans")


def phase_codes(plan, phase):
    return [
        item.exercise.code for item in items_of(plan) if item.phase == phase and not item.is_habit
    ]


def test_it_shows_the_phases_with_reasons_in_the_plans_language(alice_client, draft, unscoped):
    HomePlan.objects.filter(pk=draft.pk).update(language="en")
    response = alice_client.get(editor_url(draft))
    item = first_item(draft)
    assert response.status_code == 200
    assert reason_text(item.reason_code, "en") in response.content.decode()
    assert item.exercise.name_en in response.content.decode()


def test_it_shows_the_minutes_a_day_per_phase(alice_client, draft):
    response = alice_client.get(editor_url(draft))
    minutes = sum(i.est_minutes for i in items_of(draft) if i.phase == 1 and not i.is_habit)
    assert f"about {minutes} minutes a day" in response.content.decode()


def test_it_warns_above_20_minutes_a_day(alice_client, draft, unscoped):
    item = first_item(draft)
    alice_client.post(
        editor_url(draft), editor_data(draft, **{f"item-{item.pk}-times_per_day": 10})
    )
    response = alice_client.get(editor_url(draft))
    assert "More than 20 minutes a day" in response.content.decode()


def test_changing_a_dose_saves_it_and_counts_the_edit(alice_client, draft):
    item = first_item(draft)
    data = editor_data(draft, **{f"item-{item.pk}-times_per_day": 3})
    response = alice_client.post(editor_url(draft), data)
    assert response.status_code == 302
    assert first_item(draft).times_per_day == 3
    assert fresh(draft).lock_version == draft.lock_version + 1


def test_an_invalid_dose_is_refused_next_to_the_field_and_nothing_is_saved(alice_client, draft):
    item, other = items_of(draft)[:2]
    before = item_state(draft)
    data = editor_data(
        draft,
        **{f"item-{item.pk}-days_per_week": 9, f"item-{other.pk}-note": "Typed and kept"},
    )
    response = alice_client.post(editor_url(draft), data)
    assert response.status_code == 200
    errors = {f.item.pk: f.errors for f in response.context["form"].item_forms}
    assert list(errors[item.pk]) == ["days_per_week"]
    assert "Not saved. Correct the marked answers" in response.content.decode()
    assert f'id="id_item-{item.pk}-days_per_week-error"' in response.content.decode()
    assert "Typed and kept" in response.content.decode()
    assert item_state(draft) == before
    assert fresh(draft).lock_version == draft.lock_version


def test_repetitions_and_minutes_together_are_refused(alice_client, draft):
    item = next(i for i in items_of(draft) if i.minutes)
    before = item_state(draft)
    response = alice_client.post(
        editor_url(draft), editor_data(draft, **{f"item-{item.pk}-reps": 10})
    )
    assert "Give repetitions or minutes, not both." in response.content.decode()
    assert item_state(draft) == before


def test_moving_down_swaps_with_the_next_item(alice_client, draft):
    first, second = phase_codes(draft, 1)[:2]
    item = first_item(draft)
    alice_client.post(editor_url(draft), editor_data(draft, op=f"down:{item.pk}"))
    assert phase_codes(draft, 1)[:2] == [second, first]


def test_moving_up_the_first_item_changes_nothing(alice_client, draft):
    before = item_state(draft)
    alice_client.post(editor_url(draft), editor_data(draft, op=f"up:{first_item(draft).pk}"))
    assert item_state(draft) == before
    assert fresh(draft).lock_version == draft.lock_version


def test_changing_the_phase_moves_the_item_to_the_end_of_that_phase(alice_client, draft):
    item = first_item(draft, phase=1)
    alice_client.post(editor_url(draft), editor_data(draft, **{f"item-{item.pk}-phase": 3}))
    assert phase_codes(draft, 3)[-1] == item.exercise.code
    assert item.exercise.code not in phase_codes(draft, 1)
    orders = [i.order for i in items_of(draft) if i.phase == 3]
    assert orders == list(range(1, len(orders) + 1))


def test_an_exercise_cannot_be_twice_in_one_phase(alice_client, draft):
    codes = phase_codes(draft, 3)
    item = next(i for i in items_of(draft) if i.phase == 2 and i.exercise.code in codes)
    before = item_state(draft)
    response = alice_client.post(
        editor_url(draft), editor_data(draft, **{f"item-{item.pk}-phase": 3})
    )
    assert "already in that phase" in response.content.decode()
    assert item_state(draft) == before


def test_remove_deletes_the_item(alice_client, draft):
    item = first_item(draft)
    count = len(items_of(draft))
    alice_client.post(editor_url(draft), editor_data(draft, op=f"remove:{item.pk}"))
    assert len(items_of(draft)) == count - 1
    assert item.pk not in [i.pk for i in items_of(draft)]


def test_remove_also_saves_what_was_typed(alice_client, draft):
    item, other = items_of(draft)[:2]
    data = editor_data(draft, op=f"remove:{item.pk}", **{f"item-{other.pk}-note": "Rustig aan"})
    alice_client.post(editor_url(draft), data)
    assert [i.note for i in items_of(draft) if i.pk == other.pk] == ["Rustig aan"]


def test_adding_from_the_library_uses_its_default_dose(alice_client, draft, unscoped):
    exercise = Exercise.objects.get(clinic=None, code="chin-tuck")
    alice_client.post(editor_url(draft), editor_data(draft, op=f"add:{exercise.pk}:2"))
    added = next(i for i in items_of(draft) if i.exercise_id == exercise.pk)
    assert (added.phase, added.reps, added.sets) == (2, exercise.reps, exercise.sets)
    assert added.added_by_therapist and added.reason_code == ""


def test_an_added_exercise_asks_for_a_reason(alice_client, draft, unscoped):
    exercise = Exercise.objects.get(clinic=None, code="chin-tuck")
    alice_client.post(editor_url(draft), editor_data(draft, op=f"add:{exercise.pk}:2"))
    response = alice_client.get(editor_url(draft))
    assert "Reason needed" in response.content.decode()


def test_adding_another_clinics_exercise_is_refused(alice_client, draft, other_clinic, unscoped):
    from tests.plans.conftest_plans import copy_exercise

    foreign = copy_exercise(
        Exercise.objects.get(clinic=None, code="chin-tuck"), clinic=other_clinic, code="x-only"
    )
    before = item_state(draft)
    response = alice_client.post(editor_url(draft), editor_data(draft, op=f"add:{foreign.pk}:1"))
    assert "not in your clinic" in response.content.decode()
    assert item_state(draft) == before


def test_a_note_per_item_and_for_the_plan_is_saved(alice_client, draft):
    item = first_item(draft)
    data = editor_data(draft, **{"plan-note": "Veel succes!", f"item-{item.pk}-note": "Op bed"})
    alice_client.post(editor_url(draft), data)
    assert fresh(draft).note == "Veel succes!"
    assert first_item(draft).note == "Op bed"


def test_html_already_in_a_note_is_shown_escaped(alice_client, draft, unscoped):
    """A note stored before notes refused markup (or written outside the editor)."""
    item = first_item(draft)
    type(item).objects.filter(pk=item.pk).update(note="<b>vet</b>")
    response = alice_client.get(editor_url(draft))
    assert b"<b>vet</b>" not in response.content
    assert b"&lt;b&gt;vet&lt;/b&gt;" in response.content


def test_an_unknown_action_is_refused(alice_client, draft):
    before = item_state(draft)
    response = alice_client.post(editor_url(draft), editor_data(draft, op="explode:1"))
    assert response.status_code == 200
    assert item_state(draft) == before
    # Said at the top (the button is no field to stand next to), not as "correct the marked".
    assert "Unknown action." in response.content.decode()
    assert "Not saved. Correct the marked answers" not in response.content.decode()


def test_the_library_panel_filters_by_search_category_and_tag(alice_client, draft):
    response = alice_client.get(editor_url(draft) + "?q=kin&category=mobility&tag=neck")
    content = response.content.decode()
    assert "Kin intrekken" in content
    assert "Dagelijks wandelen</strong>" not in content


def test_an_issued_plan_opens_read_only(alice_client, issued):
    response = alice_client.get(editor_url(issued))
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[issued.pk])


def test_posting_to_an_issued_plan_changes_nothing(alice_client, issued):
    before = item_state(issued)
    item = first_item(issued)
    alice_client.post(editor_url(issued), editor_data(issued, **{f"item-{item.pk}-reps": 7}))
    assert item_state(issued) == before


def test_it_records_a_read_and_a_change(alice_client, draft):
    alice_client.get(editor_url(draft))
    alice_client.post(editor_url(draft), editor_data(draft))
    actions = list(
        AccessEvent.objects.filter(patient_id=draft.episode.patient_id).values_list(
            "action", flat=True
        )
    )
    assert {"read", "change"} <= set(actions)


def test_it_returns_404_for_other_clinic(charlie_client, draft):
    before = item_state(draft)
    assert charlie_client.get(editor_url(draft)).status_code == 404
    assert charlie_client.post(editor_url(draft), editor_data(draft, op="save")).status_code == 404
    assert item_state(draft) == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_its_query_count_is_pinned(alice_client, draft, method, django_assert_max_num_queries):
    call = getattr(alice_client, method)
    args = (editor_url(draft),) if method == "get" else (editor_url(draft), editor_data(draft))
    # GET: 13, plus 3 for the current findings (the ruled-out check: sections in one query).
    with django_assert_max_num_queries((16 if method == "get" else 15) + SEAL):
        assert call(*args).status_code in (200, 302)


def test_the_next_appointment_is_saved_in_local_time(alice_client, draft):
    import datetime

    from django.utils import timezone

    when = (timezone.localtime() + datetime.timedelta(days=7)).replace(
        hour=10, minute=30, second=0, microsecond=0
    )
    typed = when.strftime("%Y-%m-%dT%H:%M")
    alice_client.post(editor_url(draft), editor_data(draft, **{"plan-next_appointment": typed}))
    assert fresh(draft).next_appointment == when
    assert f'value="{typed}"' in alice_client.get(editor_url(draft)).content.decode()


def test_a_next_appointment_in_the_past_is_refused(alice_client, draft):
    response = alice_client.post(
        editor_url(draft), editor_data(draft, **{"plan-next_appointment": "2020-01-01T10:00"})
    )
    assert "next_appointment" in response.context["form"].plan_form.errors
    assert fresh(draft).next_appointment is None


def test_the_library_panel_names_contraindications(alice_client, draft):
    response = alice_client.get(editor_url(draft) + "?q=open")
    assert "Not with: Osteoporosis" in response.content.decode()


def test_save_and_issue_saves_then_asks_to_confirm(alice_client, draft):
    response = alice_client.post(
        editor_url(draft), editor_data(draft, op="issue", **{"plan-note": "Klaar"})
    )
    assert response["Location"] == reverse("plans:issue", args=[draft.pk])
    assert fresh(draft).note == "Klaar"
    assert fresh(draft).status == HomePlan.Status.DRAFT


@pytest.mark.parametrize("field", ["plan-note", "item-note"])
def test_markup_in_a_note_is_refused_next_to_the_field_and_nothing_is_saved(
    alice_client, draft, field
):
    """Notes are printed for the patient: plain text only, like every other printed field
    (found by the form fuzz harness: a reorder with a <script> note stored it)."""
    item = first_item(draft)
    name = f"item-{item.pk}-note" if field == "item-note" else "plan-note"
    before = item_state(draft)
    response = alice_client.post(
        editor_url(draft),
        editor_data(draft, op=f"down:{item.pk}", **{name: "<script>alert(1)</script>"}),
    )
    assert response.status_code == 200
    assert "HTML is not allowed here" in response.content.decode()
    # The far end of a long editor: the top of the page says the save was refused.
    assert "Not saved. Correct the marked answers" in response.content.decode()
    field_tag = re.search(rf'<textarea name="{name}"[^>]*>', response.content.decode())[0]
    assert "is-invalid" in field_tag  # the message stands next to the field
    assert item_state(draft) == before and fresh(draft).note == draft.note
    assert fresh(draft).lock_version == draft.lock_version
