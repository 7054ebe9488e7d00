"""Background tasks (Django's Tasks API, django-tasks backport): printed plans are rendered here.

A plan's record copy is rendered by a worker as soon as the plan is issued (`plan_issue`
enqueues `store_plan_pdf` once the issue is committed); a print click or the morning print run
then only reads stored copies. Whatever is still missing when someone prints is enqueued again
(at most once per PENDING_SECONDS per plan) and the page says "being prepared" and refreshes:
no web request ever waits on WeasyPrint. Workers: `manage.py db_worker` (the database queue,
default) or `manage.py rqworker default --job-class django_tasks_rq.Job` (TASKS_REDIS_URL).
"""

import logging

from django.core.cache import cache
from django.db import transaction
from django_scopes import scopes_disabled
from django_tasks import TaskResultStatus, default_task_backend, task
from django_tasks.exceptions import TaskResultDoesNotExist

from plans.models import HomePlan

logger = logging.getLogger("rugadem.pdf")

# A copy asked for and not stored after this long is asked for again (a lost or crashed task).
PENDING_SECONDS = 120


@task()
def store_plan_pdf(plan_id: int) -> str:
    """Render and store an issued plan's record copy unless it has one; return its SHA-256."""
    # Imported here: the worker loads WeasyPrint on its first task, the web process never must.
    from plans.pdf.storage import store_issued_pdf  # noqa: PLC0415

    with scopes_disabled():
        plan = (
            HomePlan._base_manager.select_related(
                "episode__patient", "episode__clinic", "episode__therapist", "issued_by"
            )
            .filter(pk=plan_id)
            .first()
        )
        if plan is None or plan.is_draft:
            return ""
        if not plan.pdf_sha256:
            store_issued_pdf(plan)
        return plan.pdf_sha256


def enqueue_on_commit(plan) -> None:
    """Render the plan's record copy in the background once the current transaction commits."""
    plan_id = plan.pk
    transaction.on_commit(lambda: _enqueue(plan_id))


def request_copies(plans) -> tuple[list, bool]:
    """Make sure a task renders every issued plan without a stored copy.

    Return the plans that still have none and whether the last attempt for one of them failed
    (the caller then says "printing failed"; the next click tries again).
    """
    failed = False
    for plan in plans:
        if plan.pdf_sha256:
            continue
        key = _key(plan.pk)
        result_id = cache.get(key)
        if result_id is None:
            failed |= not _enqueue(plan.pk)
        elif _status(result_id) == TaskResultStatus.FAILED:
            cache.delete(key)
            failed = True
    missing = [plan for plan in plans if not plan.pdf_sha256]
    stored = {
        pk: (name, digest)
        for pk, name, digest in HomePlan._base_manager.filter(pk__in=[plan.pk for plan in missing])
        .exclude(pdf_sha256="")
        .values_list("pk", "pdf", "pdf_sha256")
    }
    for plan in missing:
        if plan.pk in stored:
            plan.pdf.name, plan.pdf_sha256 = stored[plan.pk]
    still = [plan for plan in missing if not plan.pdf_sha256]
    return still, failed and bool(still)


def _enqueue(plan_id: int) -> bool:
    """Enqueue the plan's render; return False if it already failed (the immediate backend)."""
    result = store_plan_pdf.enqueue(plan_id)
    if result.status == TaskResultStatus.FAILED:
        logger.error("Rendering the PDF of plan %s failed", plan_id)
        return False
    cache.set(_key(plan_id), result.id, PENDING_SECONDS)
    return True


def _status(result_id: str):
    try:
        return default_task_backend.get_result(result_id).status
    except (TaskResultDoesNotExist, NotImplementedError):
        return None


def _key(plan_id: int) -> str:
    return f"plans:pdf-task:{plan_id}"
