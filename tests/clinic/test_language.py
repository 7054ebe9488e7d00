from django.urls import reverse


def test_the_interface_is_dutch_by_default(alice_client):
    response = alice_client.get(reverse("home"))
    assert '<html lang="nl">' in response.content.decode()
    assert "Welkom" in response.content.decode()


def test_switching_to_english_changes_the_page_language(alice_client, alice):
    response = alice_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = alice_client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in page
    assert "Welcome" in page


def test_the_choice_is_remembered_on_the_user(alice_client, alice, client):
    alice_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    alice.refresh_from_db()
    assert alice.language == "en"


def test_the_choice_follows_the_user_to_another_device(alice, client):
    alice.language = "en"
    alice.save()
    client.force_login(alice)
    assert '<html lang="en">' in client.get(reverse("home")).content.decode()


def test_an_unknown_language_is_ignored(alice_client, alice):
    alice_client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    alice.refresh_from_db()
    assert alice.language == ""


def test_an_outside_redirect_target_is_refused(alice_client):
    response = alice_client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
