import pytest
from django.http import Http404
from django_scopes import ScopeError, scope

from clinic.scoping import get_scoped_or_404
from patients.models import Episode, InstrumentResponse, Patient, Visit


@pytest.mark.parametrize("model", [Patient, Episode, Visit, InstrumentResponse])
def test_an_unscoped_query_fails_loudly(db, model):
    with pytest.raises(ScopeError):
        list(model.objects.all())


def test_a_scoped_query_sees_only_its_own_clinic(patient, foreign_patient, clinic):
    with scope(clinic=clinic.pk):
        assert list(Patient.objects.all()) == [patient]


def test_related_managers_are_scoped_too(episode, foreign_episode, clinic):
    with scope(clinic=clinic.pk):
        assert Visit.objects.count() == 1
        assert list(Episode.objects.filter(patient=foreign_episode.patient)) == []


def test_another_clinics_object_is_not_found(foreign_patient, clinic):
    with scope(clinic=clinic.pk), pytest.raises(Http404):
        get_scoped_or_404(Patient, pk=foreign_patient.pk)
