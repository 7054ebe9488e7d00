"""The exercise library page (plans:library) and `Exercise.objects.for_clinic`."""

from django.urls import reverse

from plans.models import Exercise
from tests.plans.conftest_plans import copy_exercise

LIBRARY = reverse("plans:library")


def test_it_lists_the_builtin_exercises(alice_client):
    response = alice_client.get(LIBRARY)
    assert response.status_code == 200
    assert len(response.context["rows"]) >= 20


def test_it_filters_by_search_category_and_tag(alice_client):
    response = alice_client.get(LIBRARY, {"q": "adem", "category": "breathing", "tag": "desk"})
    codes = {row["exercise"].code for row in response.context["rows"]}
    assert codes == {"diaphragm-seated", "nasal-breathing-rest", "posture-setup"}


def test_an_unknown_filter_value_is_ignored(alice_client):
    response = alice_client.get(LIBRARY, {"category": "<script>", "tag": "nope"})
    assert response.status_code == 200
    assert len(response.context["rows"]) >= 20


def test_therapists_read_but_see_no_edit_links(alice_client):
    response = alice_client.get(LIBRARY)
    assert reverse("plans:exercise_create").encode() not in response.content
    assert b"/library/" + b"1/edit/" not in response.content


def test_admins_see_add_and_edit_links(admin_client):
    response = admin_client.get(LIBRARY)
    assert reverse("plans:exercise_create").encode() in response.content


def test_a_clinic_copy_replaces_the_builtin_of_the_same_code(clinic, other_clinic, unscoped):
    builtin = Exercise.objects.get(clinic=None, code="open-book")
    copy = copy_exercise(builtin, clinic=clinic, name_nl="Open boek (praktijk)")
    mine = Exercise.objects.for_clinic(clinic).filter(code="open-book")
    theirs = Exercise.objects.for_clinic(other_clinic).filter(code="open-book")
    assert list(mine) == [copy]
    assert theirs.get().clinic_id is None


def test_another_clinics_own_exercises_are_not_listed(charlie_client, own_exercise):
    response = charlie_client.get(LIBRARY)
    assert own_exercise.code not in {row["exercise"].code for row in response.context["rows"]}


def test_inactive_exercises_are_hidden_from_therapists(alice_client, own_exercise, unscoped):
    Exercise.objects.filter(pk=own_exercise.pk).update(active=False)
    response = alice_client.get(LIBRARY)
    assert own_exercise.code not in {row["exercise"].code for row in response.context["rows"]}


def test_its_query_count_is_pinned(alice_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        assert alice_client.get(LIBRARY).status_code == 200
