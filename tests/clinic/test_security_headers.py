from django.urls import reverse


def test_pages_carry_a_content_security_policy_without_unsafe_inline(alice_client):
    policy = alice_client.get(reverse("home"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def test_pages_carry_the_usual_security_headers(alice_client):
    response = alice_client.get(reverse("home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_sign_in_page_has_them_too(client, db):
    response = client.get(reverse("account_login"))
    assert "Content-Security-Policy" in response
