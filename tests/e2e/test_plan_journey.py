"""Browser: generate a home plan, edit it (reorder, a dose, an added exercise), issue it and
print it in the patient's language."""

import pytest

from plans.library import by_code
from plans.models import HomePlan
from tests.e2e import arrange, steps
from tests.e2e.helpers import assert_keyboard_reachable

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_plan_is_generated_edited_issued_and_printed_in_the_patients_language(
    page, alice, make_patient, make_episode, clinic, sign_in, unscoped, exercise_library, axe_check
):
    patient = make_patient(clinic, first_name="Emma", last_name="Clark", language="en")
    episode = make_episode(patient, alice)
    arrange.ready_for_a_plan(episode, alice)
    sign_in(alice)
    page.goto(f"/plans/episodes/{episode.pk}/")
    axe_check(page, "plans page")
    name = steps.generate_edit_and_issue(page, language="en", check=axe_check)
    axe_check(page, "issued plan")

    plan = HomePlan.objects.get(episode=episode)
    assert (plan.status, plan.version, plan.language) == ("issued", 1, "en")
    items = {(i.phase, i.order): i for i in plan.items.select_related("exercise") if not i.is_habit}
    assert [items[(1, n)].exercise.code for n in (1, 2, 3)] == [
        "diaphragm-hooklying",
        "slow-paced-breathing",
        "lateral-rib-breathing",
    ]
    habits = [i.exercise.code for i in plan.items.select_related("exercise") if i.is_habit]
    assert habits == ["daily-walk", "microbreak-routine"]
    assert items[(1, 1)].minutes == 5
    added = next(i for i in items.values() if i.exercise.code == "cat-camel")
    assert (added.phase, added.note) == (2, "Maakt je onderrug soepel.")

    steps.assert_plan_pdf(
        steps.download_pdf(page),
        patient_name="Emma Clark",
        exercises=(name["cat-camel"], name["diaphragm-hooklying"], "Maakt je onderrug soepel."),
        absent=(by_code("cat-camel").name_nl,),
        language="en",
    )


def test_the_plan_editor_can_be_worked_through_with_the_keyboard(
    page, alice, episode, sign_in, unscoped, exercise_library
):
    arrange.ready_for_a_plan(episode, alice)
    plan = arrange.draft_plan(episode, alice)
    sign_in(alice)
    page.goto(f"/plans/{plan.pk}/edit/")
    assert_keyboard_reachable(page, page.locator("#plan-form"))
