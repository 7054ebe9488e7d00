"""Generated junk posted to the erasure form: never a 500, and nothing erased unless valid."""

import datetime

from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from patients.models import ErasureRecord
from tests.patients.record.test_patient_fuzz import NASTY
from tests.patients.rights.helpers import stored_counts

FUZZ = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

text = st.one_of(st.text(max_size=40), st.sampled_from([*NASTY, "r" * 1001]))
junk = st.fixed_dictionaries(
    {
        "patient_request": st.one_of(st.sampled_from(["on", "", "off", "1"]), text),
        "requested_on": st.one_of(
            st.dates(min_value=datetime.date(1, 1, 1)).map(lambda d: d.isoformat()),
            st.sampled_from(["2999-01-01", "31-02-2020", "0000-00-00", "-1", ""]),
            text,
        ),
        "reason": text,
        # Never the real number (1): a valid erasure is not what this test is about.
        "confirm_number": st.one_of(st.integers(min_value=2).map(str), text),
    }
)


@FUZZ
@given(data=junk)
def test_junk_never_fails_and_erases_nothing(admin_client, patient, data):
    before = stored_counts(patient.pk)
    response = admin_client.post(reverse("patients:erase", args=[patient.pk]), data)
    assert response.status_code == 200
    assert stored_counts(patient.pk) == before
    assert not ErasureRecord.objects.exists()
    assert "<script>alert(1)" not in response.content.decode()


@FUZZ
@given(reason=text)
def test_a_confirmed_request_either_erases_everything_or_nothing(
    admin_client, make_patient, clinic, reason
):
    patient = make_patient(clinic)
    data = {
        "patient_request": "on",
        "requested_on": timezone.localdate().isoformat(),
        "reason": reason,
        "confirm_number": str(patient.number),
    }
    response = admin_client.post(reverse("patients:erase", args=[patient.pk]), data)
    assert response.status_code in (200, 302)
    erased = response.status_code == 302
    event("erased" if erased else "refused")
    assert (stored_counts(patient.pk) is None) == erased
    assert ErasureRecord.objects.filter(patient_id=patient.pk).exists() == erased
