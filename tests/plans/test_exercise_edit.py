"""Adding and editing exercises (plans:exercise_create, plans:exercise_edit): clinic admins only."""

import pytest
from django.urls import reverse

from plans.models import Exercise, PlanItem
from tests.plans.conftest_plans import items_of

pytestmark = pytest.mark.usefixtures("intake_allows_plans")


CREATE = reverse("plans:exercise_create")


def edit_url(exercise):
    return reverse("plans:exercise_edit", args=[exercise.pk])


def form_data(**changes):
    data = {
        "code": "hip-hinge",
        "category": "trunk",
        "name_nl": "Heupscharnier",
        "name_en": "Hip hinge",
        "purpose_nl": "Leren buigen vanuit je heupen.",
        "purpose_en": "Learn to bend from your hips.",
        "start_position_nl": "Sta rechtop.",
        "start_position_en": "Stand upright.",
        "steps_nl": "Buig vanuit je heupen.\nKom weer omhoog.\nAdem rustig uit.",
        "steps_en": "Bend from your hips.\nCome back up.\nBreathe out calmly.",
        "sets": 2,
        "reps": 8,
        "minutes": "",
        "hold_seconds": "",
        "times_per_day": 1,
        "days_per_week": 5,
        "est_minutes": 3,
        "cautions_nl": "",
        "cautions_en": "",
        "contraindications": ["acute_severe_pain"],
        "tags": "standing, lifting",
        "active": "on",
    }
    data.update(changes)
    return data


def builtin(code="open-book"):
    return Exercise.objects.get(clinic=None, code=code)


def test_an_admin_adds_a_clinic_exercise(admin_client, clinic):
    response = admin_client.post(CREATE, form_data())
    exercise = Exercise.objects.get(code="hip-hinge")
    assert response.status_code == 302
    assert exercise.clinic == clinic
    assert exercise.steps_nl == ["Buig vanuit je heupen.", "Kom weer omhoog.", "Adem rustig uit."]
    assert exercise.tags == ["standing", "lifting"]
    assert exercise.contraindications == ["acute_severe_pain"]


def test_a_dose_with_repetitions_and_minutes_is_refused(admin_client):
    response = admin_client.post(CREATE, form_data(minutes=5))
    assert response.status_code == 200
    assert "reps" in response.context["form"].errors
    assert "Heupscharnier" in response.content.decode()
    assert not Exercise.objects.filter(code="hip-hinge").exists()


def test_a_builtin_code_cannot_be_taken(admin_client):
    response = admin_client.post(CREATE, form_data(code="open-book"))
    assert "code" in response.context["form"].errors
    assert Exercise.objects.filter(code="open-book").count() == 1


def test_editing_a_builtin_saves_a_clinic_copy(admin_client, clinic):
    original = builtin()
    data = form_data(name_nl="Open boek, rustig", steps_nl="\n".join(original.steps_nl), reps=5)
    data.pop("code")
    admin_client.post(edit_url(original), data)
    copy = Exercise.objects.get(clinic=clinic, code="open-book")
    assert copy.name_nl == "Open boek, rustig" and copy.illustration == original.illustration
    assert builtin().name_nl == original.name_nl


def test_other_clinics_keep_the_builtin(admin_client, other_clinic):
    data = form_data(name_nl="Alleen bij ons")
    data.pop("code")
    admin_client.post(edit_url(builtin()), data)
    theirs = Exercise.objects.for_clinic(other_clinic).get(code="open-book")
    assert theirs.clinic_id is None and theirs.name_nl != "Alleen bij ons"


def test_the_clinics_drafts_use_the_copy_and_issued_plans_keep_their_texts(
    admin_client, issued, alice, unscoped
):
    from plans import services

    draft = services.plan_revise(plan=issued, user=alice)
    item = items_of(draft)[0]
    frozen = items_of(issued)[0].frozen["name"]
    data = form_data(name_nl="Aangepast")
    data.pop("code")
    admin_client.post(edit_url(item.exercise), data)
    copy = Exercise.objects.get(clinic=draft.episode.clinic, code=item.exercise.code)
    assert PlanItem.objects.get(pk=item.pk).exercise == copy
    assert items_of(issued)[0].exercise.clinic_id is None
    assert issued.item_text(items_of(issued)[0], "name") == frozen


def test_editing_an_own_exercise_changes_it_in_place(admin_client, own_exercise):
    data = form_data(name_nl="Nekglijden, zacht")
    data.pop("code")
    admin_client.post(edit_url(own_exercise), data)
    own_exercise.refresh_from_db()
    assert own_exercise.name_nl == "Nekglijden, zacht"


@pytest.mark.parametrize("url", [CREATE, "edit"])
def test_therapists_get_403(alice_client, own_exercise, url):
    target = edit_url(own_exercise) if url == "edit" else url
    assert alice_client.get(target).status_code == 403
    assert alice_client.post(target, form_data()).status_code == 403
    assert not Exercise.objects.filter(code="hip-hinge").exists()


def test_edit_returns_404_for_other_clinic(charlie_client, own_exercise):
    assert charlie_client.get(edit_url(own_exercise)).status_code == 404
    assert charlie_client.post(edit_url(own_exercise), form_data()).status_code == 404


def test_an_admin_of_another_clinic_gets_404(client, other_clinic, own_exercise):
    from tests.plans.conftest_plans import make_admin

    client.force_login(make_admin(other_clinic, "admin@beta.test"))
    assert client.get(edit_url(own_exercise)).status_code == 404


@pytest.mark.parametrize("field", ["name_nl", "purpose_en", "steps_nl"])
def test_markup_in_a_printed_text_is_refused(admin_client, field):
    response = admin_client.post(CREATE, form_data(**{field: "Buig <b>rustig</b>"}))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [  # in the admin's language, Dutch
        "HTML is hier niet toegestaan. Haal het teken < of de tag weg."
    ]
    assert not Exercise.objects.filter(code="hip-hinge").exists()
