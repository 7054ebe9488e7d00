"""Printing is instant: record copies are rendered by task workers, never in a web request."""

import os
import socket

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from plans import tasks
from plans.models import HomePlan
from plans.pdf import storage
from tests.plans import conftest_plans
from tests.plans.conftest_pdf import make_plan, media, pdf_url  # noqa: F401 (fixture)
from tests.plans.conftest_plans import fresh

pytestmark = pytest.mark.usefixtures("media")
draft = conftest_plans.draft
intake_allows_plans = conftest_plans.intake_allows_plans
DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def db_queue(settings):
    """The production default: the database queue, run by `manage.py db_worker`."""
    settings.TASKS = DB_BACKEND


@pytest.fixture
def renders(monkeypatch):
    calls = []
    real = storage.render_plan
    monkeypatch.setattr(
        storage, "render_plan", lambda plan, **kw: calls.append(plan.pk) or real(plan, **kw)
    )
    return calls


def run_worker():
    """Run `manage.py db_worker` until the queue is empty, in this test's transaction.

    The worker closes "old" connections between tasks; inside a test's transaction Django counts
    the test's own connection as one (autocommit off), so that is switched off here.
    """
    from unittest import mock

    from django_tasks_db.management.commands import db_worker

    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


def test_issuing_a_plan_stores_its_record_copy_once_committed(
    alice_client, draft, django_capture_on_commit_callbacks, unscoped
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        alice_client.post(reverse("plans:issue", args=[draft.pk]), {"lock_version": 1})
    plan = fresh(draft)
    assert plan.status == HomePlan.Status.ISSUED
    assert len(callbacks) == 1 and plan.pdf_sha256
    assert storage.stored_pdf(plan).startswith(b"%PDF")


def test_through_the_database_queue_issue_enqueues_and_a_worker_stores_the_copy(
    alice_client, draft, db_queue, renders, django_capture_on_commit_callbacks, unscoped
):
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(reverse("plans:issue", args=[draft.pk]), {"lock_version": 1})
    assert renders == []  # nothing rendered in the request
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "plans.tasks.store_plan_pdf" and queued.args_kwargs["args"] == [
        draft.pk
    ]
    # The print click before the worker ran: "being prepared", refreshing itself, in Dutch.
    response = alice_client.get(pdf_url(draft))
    assert response.status_code == 202
    page = response.content.decode()
    assert 'http-equiv="refresh"' in page and pdf_url(draft) in page
    assert DBTaskResult.objects.count() == 1  # the click did not enqueue a second render
    run_worker()
    assert renders == [draft.pk]
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    response = alice_client.get(pdf_url(draft))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert renders == [draft.pk]  # served from storage


def test_a_click_on_a_plan_without_a_copy_enqueues_it_and_never_renders_in_the_request(
    alice_client, episode, alice, db_queue, renders, unscoped
):
    plan = make_plan(episode, alice)  # issued without a task (as before this change)
    response = alice_client.get(pdf_url(plan))
    assert response.status_code == 202 and renders == []
    assert DBTaskResult.objects.filter(task_path="plans.tasks.store_plan_pdf").count() == 1
    run_worker()
    assert fresh(plan).pdf_sha256 and renders == [plan.pk]


def test_the_print_run_enqueues_missing_copies_and_refreshes_until_they_are_stored(
    alice_client, make_patient, make_episode, clinic, alice, db_queue, renders, unscoped
):
    plans = [
        make_plan(make_episode(make_patient(clinic, first_name=name), alice), alice)
        for name in ("Anna", "Bert")
    ]
    url = reverse("plans:batch")
    response = alice_client.post(url, {"plans": [plan.pk for plan in plans]})
    assert response.status_code == 202 and renders == []
    assert DBTaskResult.objects.count() == 2
    page = response.content.decode()
    assert f"{url}?print=1&amp;plans={plans[0].pk}&amp;plans={plans[1].pk}" in page
    run_worker()
    response = alice_client.get(url, {"print": 1, "plans": [plan.pk for plan in plans]})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert sorted(renders) == sorted(plan.pk for plan in plans)


def test_a_failed_render_says_printing_failed_and_the_next_click_retries(
    alice_client, episode, alice, db_queue, monkeypatch, unscoped
):
    plan = make_plan(episode, alice)

    def timeout(plan, **kwargs):
        raise storage.RenderTimeout("too slow")

    monkeypatch.setattr(storage, "render_plan", timeout)
    assert alice_client.get(pdf_url(plan)).status_code == 202
    run_worker()
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
    assert alice_client.get(pdf_url(plan)).status_code == 503
    assert alice_client.get(pdf_url(plan)).status_code == 202  # enqueued again
    assert DBTaskResult.objects.count() == 2


def test_the_task_ignores_drafts_and_missing_plans(draft, unscoped):
    assert tasks.store_plan_pdf.call(draft.pk) == ""
    assert tasks.store_plan_pdf.call(10**9) == ""
    assert not fresh(draft).pdf


def _redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(
    not _redis_reachable() and os.environ.get("CI") != "true",
    reason="Redis is not running on 127.0.0.1:6379 (CI=true makes this a failure)",
)
def test_through_redis_an_rq_worker_stores_the_copy(
    alice_client, episode, alice, settings, renders, unscoped
):
    """The larger-clinic setup: TASKS_REDIS_URL, django-tasks-rq, an rq worker."""
    import django_rq
    from rq import SimpleWorker

    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/14"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    from django_tasks_rq import Job

    queue = django_rq.get_queue("default", job_class=Job)
    queue.empty()
    plan = make_plan(episode, alice)
    assert alice_client.get(pdf_url(plan)).status_code == 202 and renders == []
    assert queue.count == 1
    # The worker of `manage.py rqworker default --job-class django_tasks_rq.Job`, in-process
    # (no fork) so that it sees this test's transaction.
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
    assert renders == [plan.pk] and fresh(plan).pdf_sha256
    assert alice_client.get(pdf_url(plan)).status_code == 200
