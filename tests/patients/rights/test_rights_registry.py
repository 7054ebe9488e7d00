"""Every model that holds data about a patient is in the rights registry (export, erasure)."""

from django.apps import apps

from patients.models import Patient
from patients.rights import services as rights


def reaches_patient(model, seen=()):
    """Return whether a chain of foreign keys leads from the model to a patient."""
    if model is Patient:
        return True
    return any(
        reaches_patient(field.related_model, (*seen, model))
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model not in (*seen, model)
    )


def test_every_model_that_reaches_a_patient_is_listed():
    listed = {source.model for source in rights.SOURCES}
    holding = {
        model
        for model in apps.get_models()
        if not model.__name__.startswith("Historical") and reaches_patient(model)
    }
    assert holding == listed


def test_parents_come_before_their_children():
    seen = {Patient}
    for source in rights.SOURCES[1:]:
        parent = source.model._meta.get_field(source.parent).related_model
        assert parent in seen, source.key
        seen.add(source.model)


def test_the_identifying_fields_exist():
    for source in rights.SOURCES:
        for name in (*source.identifying, *source.reset):
            source.model._meta.get_field(name)
