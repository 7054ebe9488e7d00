"""Issue 18: issued plans' PDFs stored on S3-compatible storage (django-storages), against a
local moto S3 server on 127.0.0.1, exactly as settings.py configures it from S3_BUCKET."""

import socket

import pytest
from django.core.files.storage import storages

from plans.models import HomePlan
from plans.pdf import store_issued_pdf, stored_pdf
from plans.pdf.storage import StoredPdfDamaged
from tests.plans.conftest_pdf import make_plan

moto_server = pytest.importorskip("moto.server")
boto3 = pytest.importorskip("boto3")
BUCKET = "rugadem-test"


@pytest.fixture(scope="module")
def s3_endpoint():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3(s3_endpoint, settings, monkeypatch):
    """The settings.py storage for S3_BUCKET, pointed at the local server, with a fresh bucket."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    monkeypatch.setenv("S3_BUCKET", BUCKET)
    monkeypatch.setenv("S3_ENDPOINT_URL", s3_endpoint)
    monkeypatch.setenv("S3_REGION", "us-east-1")
    import importlib

    import clinic.settings

    configured = importlib.reload(clinic.settings).STORAGES["default"]
    importlib.reload(clinic.settings)  # leave the module as the environment had it
    field = HomePlan._meta.get_field("pdf")
    original = field.storage  # django's default_storage, a lazy object
    settings.STORAGES = {**settings.STORAGES, "default": configured}  # resets the storages
    field.storage = storages["default"]
    assert type(field.storage).__name__ == "S3Storage"
    try:
        yield client
    finally:
        # The settings fixture restores STORAGES after this; the field gets its lazy default
        # storage back, which then follows the restored settings.
        field.storage = original
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def test_an_issued_plan_is_stored_in_the_bucket_and_served_from_it(s3, episode, alice, unscoped):
    plan = make_plan(episode, alice, {1: ("diaphragm-hooklying",)})
    first = store_issued_pdf(plan)
    [stored] = s3.list_objects_v2(Bucket=BUCKET)["Contents"]
    assert stored["Key"].startswith("media/plans/pdf/") and stored["Key"].endswith(".pdf")
    body = s3.get_object(Bucket=BUCKET, Key=stored["Key"])["Body"].read()
    assert body == first and first.startswith(b"%PDF")
    # Private: no public-read grant on the object.
    grants = s3.get_object_acl(Bucket=BUCKET, Key=stored["Key"])["Grants"]
    assert not [g for g in grants if "AllUsers" in str(g.get("Grantee", {}))]
    again = HomePlan._base_manager.get(pk=plan.pk)
    assert stored_pdf(again) == first


def test_a_changed_object_in_the_bucket_counts_as_damaged(s3, episode, alice, unscoped):
    plan = make_plan(episode, alice, {1: ("diaphragm-hooklying",)})
    store_issued_pdf(plan)
    [stored] = s3.list_objects_v2(Bucket=BUCKET)["Contents"]
    s3.put_object(Bucket=BUCKET, Key=stored["Key"], Body=b"%PDF-1.7 not the record")
    with pytest.raises(StoredPdfDamaged):
        stored_pdf(HomePlan._base_manager.get(pk=plan.pk))
