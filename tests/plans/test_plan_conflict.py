"""Two people editing one draft: the second save is refused and told what changed."""

import pytest
from django.test import Client

from plans import services
from tests.plans.conftest_plans import (
    editor_data,
    editor_url,
    first_item,
    fresh,
    item_state,
    items_of,
)

pytestmark = pytest.mark.usefixtures("english", "intake_allows_plans")


@pytest.fixture
def bob_client(bob):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(bob)
    return client


@pytest.fixture
def loaded(draft):
    """Return the editor data both alice and bob loaded (the same edit number)."""
    return editor_data(draft)


def test_the_second_save_is_refused_with_what_the_first_changed(
    alice_client, bob_client, draft, loaded
):
    item = first_item(draft)
    first = {**loaded, f"item-{item.pk}-times_per_day": 4}
    assert alice_client.post(editor_url(draft), first).status_code == 302
    second = {**loaded, f"item-{item.pk}-times_per_day": 1}
    response = bob_client.post(editor_url(draft), second)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this draft" in content
    assert "Alice" in content
    assert "times a day changed from 2 to 4" in content
    assert first_item(draft).times_per_day == 4


def test_nothing_of_the_second_save_is_written(alice_client, bob_client, draft, loaded):
    item = first_item(draft)
    alice_client.post(editor_url(draft), {**loaded, "plan-note": "Alice"})
    after_first = (item_state(draft), fresh(draft).note, fresh(draft).lock_version)
    second = {**loaded, "plan-note": "Bob", f"item-{item.pk}-reps": "", f"item-{item.pk}-note": "B"}
    bob_client.post(editor_url(draft), second)
    assert (item_state(draft), fresh(draft).note, fresh(draft).lock_version) == after_first


def test_the_refused_form_keeps_what_was_typed_with_the_new_edit_number(
    alice_client, bob_client, draft, loaded
):
    alice_client.post(editor_url(draft), {**loaded, "plan-note": "Van Alice"})
    response = bob_client.post(editor_url(draft), {**loaded, "plan-note": "Van Bob"})
    form = response.context["form"]
    assert form.plan_form["note"].value() == "Van Bob"
    assert form.plan_form["lock_version"].value() == fresh(draft).lock_version


def test_saving_again_after_the_conflict_succeeds(alice_client, bob_client, draft, loaded):
    alice_client.post(editor_url(draft), {**loaded, "plan-note": "Van Alice"})
    bob_client.post(editor_url(draft), {**loaded, "plan-note": "Van Bob"})
    retry = editor_data(draft, **{"plan-note": "Van Bob"})
    assert bob_client.post(editor_url(draft), retry).status_code == 302
    assert fresh(draft).note == "Van Bob"


def test_a_small_action_from_an_old_page_is_refused(alice_client, bob_client, draft, loaded):
    item = first_item(draft)
    alice_client.post(editor_url(draft), {**loaded, "plan-op": f"remove:{item.pk}"})
    before = item_state(draft)
    other = items_of(draft)[0]
    response = bob_client.post(editor_url(draft), {**loaded, "plan-op": f"remove:{other.pk}"})
    assert "was removed from phase 1" in response.content.decode()
    assert item_state(draft) == before


def test_a_save_that_changes_nothing_does_not_cause_a_conflict(
    alice_client, bob_client, draft, loaded
):
    alice_client.post(editor_url(draft), loaded)
    item = first_item(draft)
    assert (
        bob_client.post(editor_url(draft), {**loaded, f"item-{item.pk}-note": "x"}).status_code
        == 302
    )


def test_the_service_refuses_an_old_edit_number(draft, alice, bob, unscoped):
    item = first_item(draft)
    services.plan_item_remove(plan=draft, user=alice, lock_version=draft.lock_version, item=item)
    with pytest.raises(services.EditConflict) as conflict:
        services.plan_item_move(
            plan=draft,
            user=bob,
            lock_version=draft.lock_version,
            item=items_of(draft)[0],
            direction="down",
        )
    assert conflict.value.entries[0]["changes"][0]["op"] == "removed"
