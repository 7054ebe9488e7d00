"""While a session is locked to self-entry, no URL but the self-entry pages is reachable."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from tests.patients.screening.helpers import nq_answers, nq_post, url
from tests.urlwalk import iter_routes, placeholder_kwargs

FORM = reverse("patients:selfentry_form")
DONE = reverse("patients:selfentry_done")
UNLOCK = reverse("patients:selfentry_unlock")
SELF_ENTRY_PAGES = {FORM, DONE, UNLOCK}
# Paths the walk cannot reverse (regex routes) or that are not routes at all.
EXTRA_PATHS = [
    "/",
    "/admin/",
    "/admin/clinic/therapist/",
    "/admin/patients/patient/",
    "/accounts/logout/",
    "/accounts/password/change/",
    "/patients/self-entry",
    "/patients/self-entry/../",
    "/static/../patients/",
    "/no-such-page/",
]


def walk_paths(intake_visit):
    """Return every route's path (real ids for the visit routes) and the extra paths."""
    paths = []
    for route in iter_routes():
        values = {"IntConverter": intake_visit.pk} if route.name.startswith("patients:") else {}
        try:
            paths.append(reverse(route.name, kwargs=placeholder_kwargs(route, values)))
        except NoReverseMatch:
            continue
    return [*paths, *EXTRA_PATHS]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def locked(alice_client, intake_visit):
    alice_client.post(url("selfentry_start", intake_visit))
    return alice_client


def assert_stays_in_self_entry(response, path, patient):
    content = response.content.decode(errors="replace")
    assert patient.last_name not in content, path
    if path in SELF_ENTRY_PAGES:
        assert response.status_code in (200, 302), path
        if response.status_code == 302:
            assert response["Location"] in SELF_ENTRY_PAGES, path
    else:
        assert response.status_code == 302, path
        assert response["Location"] == FORM, path


def test_the_walk_covers_the_patient_and_account_pages(intake_visit):
    paths = walk_paths(intake_visit)
    assert url("screening", intake_visit) in paths
    assert reverse("account_logout") in paths
    assert reverse("home") in paths
    assert len(paths) > 40


def test_every_url_sends_a_locked_session_back_to_the_questionnaire(locked, intake_visit, patient):
    for path in walk_paths(intake_visit):
        assert_stays_in_self_entry(locked.get(path), path, patient)


def test_every_post_sends_a_locked_session_back_to_the_questionnaire(locked, intake_visit, patient):
    for path in walk_paths(intake_visit):
        if path in SELF_ENTRY_PAGES:
            continue
        assert_stays_in_self_entry(locked.post(path, {"password": "x"}), path, patient)


def test_after_submitting_every_url_still_leads_back(locked, intake_visit, patient):
    locked.post(FORM, nq_post(nq_answers(12)))
    for path in walk_paths(intake_visit):
        assert_stays_in_self_entry(locked.get(path), path, patient)


def test_signing_out_is_not_possible_while_locked(locked, intake_visit):
    locked.post(reverse("account_logout"))
    assert "_auth_user_id" in locked.session


def test_static_files_are_not_redirected(locked):
    response = locked.get("/static/css/rugadem.css")
    assert response.get("Location") != FORM


def test_an_unlocked_session_reaches_the_pages_again(locked, intake_visit):
    from tests.conftest import PASSWORD

    locked.post(UNLOCK, {"password": PASSWORD})
    assert locked.get(reverse("home")).status_code == 200
