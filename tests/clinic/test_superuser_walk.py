"""A platform superuser belongs to no clinic: every page answers with a page, a redirect or a
refusal, never a 500 (issue 15 point 13)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from clinic.models import AccessEvent, Therapist
from tests.conftest import PASSWORD
from tests.test_tenant_isolation import OBJECT_ID, id_routes
from tests.test_tenant_isolation import alpha_objects as alpha_objects  # the fixture
from tests.urlwalk import iter_routes, placeholder_kwargs

SKIP = {"account_logout", "sign_out_everywhere"}  # they end the session the walk needs


def all_routes():
    with_ids = {param.values[0]: param.values[1] for param in id_routes()}
    for route in iter_routes():
        if route.name.startswith("admin:") or route.name in SKIP:
            continue
        kwargs = with_ids.get(route.name) or placeholder_kwargs(route)
        # Regular-expression routes (allauth's keys) name their groups in the pattern.
        kwargs = kwargs or dict.fromkeys(re.findall(r"\(\?P<(\w+)>", route.pattern), "x")
        yield pytest.param(route.name, kwargs, id=route.name)


@pytest.fixture
def superuser_client(db):
    user = Therapist.objects.create_superuser("root@platform.test", PASSWORD)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.parametrize(("name", "kwargs"), list(all_routes()))
def test_no_page_gives_a_clinic_less_superuser_a_500(superuser_client, alpha_objects, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    for method in (superuser_client.get, superuser_client.post):
        response = method(url)
        assert response.status_code < 500, f"{method.__name__.upper()} {url}"


@pytest.mark.parametrize("name", ["plans:pdf", "plans:batch", "patients:selfentry_start"], ids=str)
def test_clinic_pages_refuse_a_superuser_plainly_and_log_it(superuser_client, alpha_objects, name):
    route = next(r for r in iter_routes() if r.name == name)
    kwargs = {key: OBJECT_ID for key in route.converters}
    response = superuser_client.get(reverse(name, kwargs=kwargs))
    if response.status_code == 405:
        response = superuser_client.post(reverse(name, kwargs=kwargs))
    assert response.status_code == 403
    assert AccessEvent.objects.filter(outcome="denied", user__is_superuser=True).exists()
