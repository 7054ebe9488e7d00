from django.urls import reverse

from patients.models import Patient


def edit(client, patient, **changes):
    data = {
        "first_name": patient.first_name,
        "last_name": patient.last_name,
        "date_of_birth": patient.date_of_birth.strftime("%Y-%m-%d"),
        "language": patient.language,
        "phone": "",
        "email": "",
        "occupation": "",
    }
    data.update(changes)
    return client.post(reverse("patients:edit", args=[patient.pk]), data)


def test_a_change_is_recorded_with_who_and_the_old_and_new_value(alice_client, alice, patient):
    response = edit(alice_client, patient, last_name="Jansen-de Boer")
    assert response.status_code == 302
    latest = Patient.history.filter(id=patient.pk).latest("history_date")
    assert latest.history_user == alice
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("last_name", "Jansen", "Jansen-de Boer")
    ]


def test_the_history_page_shows_the_change(alice_client, patient):
    edit(alice_client, patient, last_name="Jansen-de Boer")
    page = alice_client.get(reverse("patients:record_history", args=[patient.pk]))
    assert page.status_code == 200
    change = next(c for c in page.context["changes"] if c.fields)
    assert change.fields[0].old == "Jansen" and change.fields[0].new == "Jansen-de Boer"
    assert "Jansen-de Boer" in page.content.decode()


def test_the_history_escapes_what_was_typed(alice_client, patient):
    assert edit(alice_client, patient, occupation='pijn < 3 & "zwaar"').status_code == 302
    page = alice_client.get(reverse("patients:record_history", args=[patient.pk]))
    assert "pijn &lt; 3 &amp; &quot;zwaar&quot;" in page.content.decode()


def test_another_clinics_history_is_404(charlie_client, patient):
    url = reverse("patients:record_history", args=[patient.pk])
    assert charlie_client.get(url).status_code == 404
