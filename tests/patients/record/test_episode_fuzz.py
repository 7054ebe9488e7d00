"""Generated junk submitted to the episode and visit forms: never a 500, no partial rows."""

from django.urls import reverse
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patients.models import Episode, Visit

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

NASTY = [
    "<script>alert(1)</script>",
    "a\x00b",
    "🙂" * 30,
    "x" * 5000,
    "' OR 1=1 --",
    "99999999999999999999999",
    "-1",
    "0",
    "",
]
text = st.one_of(st.text(max_size=40), st.text(min_size=100, max_size=300), st.sampled_from(NASTY))
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()), st.dates().map(lambda d: d.strftime("%d-%m-%Y")), text
)


def choice(*valid):
    return st.one_of(st.sampled_from(valid), text)


def rows():
    with scopes_disabled():
        return Episode.objects.count(), Visit.objects.count()


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "title": text,
            "region": choice(*Episode.Region.values),
            "referral": choice(*Episode.Referral.values),
            "therapist": st.one_of(st.integers(), text),
            "opened_on": dates,
        }
    )
)
def test_junk_on_episode_create_never_fails_and_saves_nothing_partial(alice_client, patient, data):
    episodes, visits = rows()
    response = alice_client.post(reverse("patients:episode_create", args=[patient.pk]), data)
    assert response.status_code in (200, 302)
    created = response.status_code == 302
    assert rows() == (episodes + created, visits + created)  # an episode comes with its intake


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "kind": choice("follow_up", "discharge", "intake"),
            "date": dates,
            "notes": text,
        }
    )
)
def test_junk_on_visit_create_never_fails_and_saves_nothing_partial(alice_client, episode, data):
    episodes, visits = rows()
    response = alice_client.post(reverse("patients:visit_create", args=[episode.pk]), data)
    assert response.status_code in (200, 302)
    assert rows() == (episodes, visits + (response.status_code == 302))
