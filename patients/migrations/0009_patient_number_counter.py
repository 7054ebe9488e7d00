"""Start each clinic's patient-number counter above every number handed out so far, erased
patients' numbers (kept in their erasure records) included."""

from django.db import migrations
from django.db.models import Max


def fill(apps, schema_editor):
    Clinic = apps.get_model("clinic", "Clinic")
    Patient = apps.get_model("patients", "Patient")
    ErasureRecord = apps.get_model("patients", "ErasureRecord")
    for clinic in Clinic.objects.all():
        highest = max(
            Patient.objects.filter(clinic=clinic).aggregate(n=Max("number"))["n"] or 0,
            ErasureRecord.objects.filter(clinic=clinic).aggregate(n=Max("patient_number"))["n"]
            or 0,
        )
        Clinic.objects.filter(pk=clinic.pk).update(last_patient_number=highest)


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0008_first_onset_age"),
        ("clinic", "0007_i15_access_log_anchoring"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
