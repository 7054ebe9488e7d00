"""Generated junk submitted to the patient forms: never a 500, never a half-saved row."""

import datetime

from django.urls import reverse
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patients.models import Patient

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

NASTY = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "a\x00b",
    "\x00",
    "' OR 1=1 --",
    "🙂" * 30,
    "é" * 500,
    "Robert'); DROP TABLE patients_patient;--",
    "   ",
    "\u202eevil",
    "x" * 10_000,
]
text = st.one_of(st.text(max_size=40), st.text(min_size=100, max_size=400), st.sampled_from(NASTY))
dates = st.one_of(
    st.dates(min_value=datetime.date(1, 1, 1)).map(lambda d: d.isoformat()),
    st.dates(min_value=datetime.date(1890, 1, 1)).map(lambda d: d.strftime("%d-%m-%Y")),
    st.sampled_from(
        ["2999-01-01", "1800-01-01", "31-02-2020", "0000-00-00", "99999-01-01", "-1", ""]
    ),
    text,
)
patient_fields = st.fixed_dictionaries(
    {
        "first_name": text,
        "last_name": text,
        "date_of_birth": dates,
        "language": st.one_of(st.sampled_from(["nl", "en"]), text),
        "phone": st.one_of(st.from_regex(r"\A[0-9 +()\-]{4,24}\Z"), text),
        "email": st.one_of(st.emails(), text),
        "occupation": text,
    }
)


def count():
    with scopes_disabled():
        return Patient.objects.count()


@FUZZ
@given(data=patient_fields)
def test_junk_on_create_never_fails_and_saves_nothing_partial(alice_client, data):
    before = count()
    response = alice_client.post(reverse("patients:create"), data)
    assert response.status_code in (200, 302)
    assert count() == before + (response.status_code == 302)


@FUZZ
@given(data=patient_fields)
def test_junk_on_edit_never_fails_and_changes_nothing_when_refused(alice_client, patient, data):
    with scopes_disabled():
        before = Patient.objects.filter(pk=patient.pk).values().get()
    response = alice_client.post(reverse("patients:edit", args=[patient.pk]), data)
    assert response.status_code in (200, 302)
    with scopes_disabled():
        after = Patient.objects.filter(pk=patient.pk).values().get()
    if response.status_code == 200:
        assert after == before
    assert "<script>alert(1)" not in response.content.decode()
