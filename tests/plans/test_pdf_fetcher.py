"""The PDF renderer's URL fetcher serves only the app's static CSS/SVG and given files."""

import logging

import pytest

from clinic.printing.fetcher import RefusedURL, SafeFetcher, private_url, static_url

REFUSED = [
    "http://127.0.0.1:8000/x.svg",
    "https://example.com/static/plans/pdf/print.css",
    "HTTP://127.0.0.1/x",
    "HTTPS://rugadem.invalid.evil.test/static/plans/pdf/print.css",
    "file:///etc/passwd",
    "FILE:///etc/passwd",
    "file://localhost/etc/passwd",
    "ftp://127.0.0.1/x",
    "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>",
    "data:text/css,body{color:red}",
    "javascript:alert(1)",
    "gopher://127.0.0.1:70/x",
    "//127.0.0.1/x",
    "static/plans/pdf/print.css",
    "/static/plans/pdf/print.css",
    "http://rugadem.invalid/static/plans/pdf/print.css",
    "https://user@rugadem.invalid/static/plans/pdf/print.css",
    "https://rugadem.invalid:444/static/plans/pdf/print.css",
    "https://rugadem.invalid/static/../../../../etc/passwd",
    "https://rugadem.invalid/static/%2e%2e/%2e%2e/etc/passwd",
    "https://rugadem.invalid/static/plans/../../settings.py",
    "https://rugadem.invalid/static//etc/passwd",
    "https://rugadem.invalid/static/%2Fetc%2Fpasswd",
    "https://rugadem.invalid/static/plans%5c..%5c..%5csettings.css",
    "https://rugadem.invalid/static/plans/pdf/print.css%00.svg",
    "https://rugadem.invalid/static/plans/pdf/print.css?x=1",
    "https://rugadem.invalid/static/plans/pdf/missing.css",
    "https://rugadem.invalid/static/css/../../clinic/settings.py",
    "https://rugadem.invalid/static/bootstrap/js/bootstrap.bundle.min.js",
    "https://rugadem.invalid/media/clinic-logos/logo.png",
    "https://rugadem.invalid/private/logo-unknown",
    "https://rugadem.invalid/etc/passwd",
    "",
    "not a url",
]


@pytest.mark.parametrize("url", REFUSED)
def test_it_refuses_and_logs_every_other_url(url, caplog):
    with caplog.at_level(logging.WARNING, logger="rugadem.pdf"), pytest.raises(RefusedURL):
        SafeFetcher().fetch(url)
    assert "refused" in caplog.text


def test_it_serves_the_print_stylesheet():
    response = SafeFetcher().fetch(static_url("plans/pdf/print.css"))
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


def test_it_serves_an_exercise_illustration():
    response = SafeFetcher().fetch(static_url("plans/exercises/open-book.svg"))
    assert response.content_type == "image/svg+xml"
    assert b"<svg" in response.read()


def test_it_serves_a_file_given_to_it_as_bytes():
    url = private_url("logo-abc")
    response = SafeFetcher({url: (b"\x89PNG...", "image/png")}).fetch(url)
    assert response.content_type == "image/png"
    assert response.read() == b"\x89PNG..."


def test_a_given_file_is_not_served_to_another_fetcher():
    url = private_url("logo-abc")
    SafeFetcher({url: (b"x", "image/png")})
    with pytest.raises(RefusedURL):
        SafeFetcher().fetch(url)
