"""Helpers for the plan tests, and the fixtures that tests/plans/conftest.py registers."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from clinic.models import Therapist
from patients.intake import sections as intake
from plans import services
from plans.models import DOSE_FIELDS, Exercise, HomePlan, PlanItem


def allow_plans(monkeypatch):
    """Let the intake's own check pass (it is tested on its own); red flags still block."""
    monkeypatch.setattr(intake, "plan_allowed", lambda episode: (True, ""), raising=False)


# Autouse in the modules that still bind the fixtures by assignment (the fuzz and PDF task
# tests); tests/plans/conftest.py registers the same fixture for the folder, on request.
intake_allows_plans = pytest.fixture(autouse=True, name="intake_allows_plans")(allow_plans)


@pytest.fixture
def draft(episode, alice, unscoped):
    """Return alice's generated draft (version 1) for the default findings."""
    return services.plan_generate(episode=episode, user=alice)


@pytest.fixture
def issued(draft, alice):
    """Return version 1, issued."""
    return services.plan_issue(plan=draft, user=alice, lock_version=draft.lock_version)


@pytest.fixture
def admin_client(client, clinic_admin):
    client.force_login(clinic_admin)
    return client


@pytest.fixture
def own_exercise(clinic, unscoped):
    """Return an exercise of alice's clinic (not built-in)."""
    builtin = Exercise.objects.get(clinic=None, code="chin-tuck")
    return copy_exercise(builtin, clinic=clinic, code="clinic-neck-glide", name_nl="Nekglijden")


def copy_exercise(exercise, **changes) -> Exercise:
    """Return a saved copy of an exercise with some fields changed."""
    exercise.pk = None
    exercise._state.adding = True
    for name, value in changes.items():
        setattr(exercise, name, value)
    exercise.save()
    return exercise


def fresh(plan) -> HomePlan:
    """Return the plan as stored now."""
    with scopes_disabled():
        return HomePlan.objects.get(pk=plan.pk)


def items_of(plan) -> list[PlanItem]:
    with scopes_disabled():
        return list(PlanItem.objects.filter(plan_id=plan.pk).select_related("exercise"))


def item_state(plan) -> list[tuple]:
    """Return the stored items as comparable tuples (phase, order, code, dose..., note)."""
    return [
        (item.phase, item.order, item.exercise.code, *item.dose().values(), item.note)
        for item in items_of(plan)
    ]


def editor_data(plan, op="save", **overrides) -> dict:
    """Return the editor's POST data for the plan as stored, with some values changed.

    Overrides use the form's field names: "plan-note", "item-<pk>-reps", ...
    """
    plan = fresh(plan)
    data = {
        "plan-lock_version": plan.lock_version,
        "plan-language": plan.language,
        "plan-next_appointment": "",
        "plan-note": plan.note,
        "plan-op": op,
    }
    for item in items_of(plan):
        prefix = f"item-{item.pk}-"
        data[prefix + "phase"] = item.phase
        data[prefix + "note"] = item.note
        for name in DOSE_FIELDS:
            value = getattr(item, name)
            data[prefix + name] = "" if value is None else value
    data.update(overrides)
    return data


def editor_url(plan) -> str:
    return reverse("plans:editor", args=[plan.pk])


def first_item(plan, phase=1) -> PlanItem:
    """Return the first exercise of a phase (daily habits are a block of their own)."""
    return next(item for item in items_of(plan) if item.phase == phase and not item.is_habit)


def make_admin(clinic, email="admin2@alpha.test") -> Therapist:
    return Therapist.objects.create_user(
        email=email, password="x" * 12, clinic=clinic, role=Therapist.Role.ADMIN
    )
