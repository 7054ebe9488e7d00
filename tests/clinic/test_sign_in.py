import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

LOGIN = "account_login"


def sign_in(client, login, password, **extra):
    return client.post(reverse(LOGIN), {"login": login, "password": password}, **extra)


def test_a_correct_password_signs_in(client, alice):
    response = sign_in(client, alice.email, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def error_text(response):
    return " ".join(str(e) for e in response.context["form"].non_field_errors())


def test_unknown_account_and_wrong_password_give_the_same_message(client, alice):
    unknown = error_text(sign_in(client, "nobody@alpha.test", PASSWORD))
    wrong = error_text(sign_in(client, alice.email, "wrong-password"))
    assert unknown and unknown == wrong


@pytest.mark.parametrize(
    ("login", "password"),
    [
        ("", ""),
        ("x" * 100_000, "y" * 100_000),
        ("alice@alpha.test\x00", "p\x00"),
        ("'; DROP TABLE clinic_therapist; --", "' OR 1=1 --"),
        ("<script>alert(1)</script>", "<b>"),
        ("ålîçé@ëxåmplé.test", "💥" * 50),
        ("@", "\n\r\t"),
    ],
)
def test_odd_input_never_gives_a_server_error(client, alice, login, password):
    response = sign_in(client, login, password)
    assert response.status_code in (200, 400)
    assert "_auth_user_id" not in client.session
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_failed_sign_ins_are_rate_limited_per_account(client, alice):
    for _ in range(5):
        sign_in(client, alice.email, "wrong-password")
    response = sign_in(client, alice.email, PASSWORD)
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_the_account_limit_does_not_lock_out_other_accounts(client, alice, bob):
    for _ in range(5):
        sign_in(client, alice.email, "wrong-password")
    sign_in(client, bob.email, PASSWORD)
    assert client.session["_auth_user_id"] == str(bob.pk)


def test_failed_sign_ins_are_rate_limited_per_address(client, alice, bob):
    for number in range(20):
        sign_in(client, f"guess{number}@alpha.test", "wrong-password", REMOTE_ADDR="203.0.113.9")
    sign_in(client, bob.email, PASSWORD, REMOTE_ADDR="203.0.113.9")
    assert "_auth_user_id" not in client.session
    sign_in(client, bob.email, PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert client.session["_auth_user_id"] == str(bob.pk)


def test_sign_out_ends_the_session(alice_client):
    alice_client.post(reverse("account_logout"))
    assert "_auth_user_id" not in alice_client.session


def test_public_sign_up_is_closed(client, db):
    client.post(
        reverse("account_signup"),
        {"email": "new@x.test", "password1": "a-long-pass-1", "password2": "a-long-pass-1"},
    )
    from clinic.models import Therapist

    assert not Therapist.objects.filter(email="new@x.test").exists()


def test_password_change_works(alice_client, alice):
    response = alice_client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-long-pass-42",
            "password2": "a-new-long-pass-42",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a-new-long-pass-42")


def test_password_reset_sends_a_mail_only_for_known_accounts(client, alice, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": alice.email})
    client.post(reverse("account_reset_password"), {"email": "nobody@alpha.test"})
    assert [m.to for m in mailoutbox] == [[alice.email]]
