"""The built-in daily walk is done every day (7 days a week), as its reasons say.

Existing databases got 5 days from 0002; issued plans keep the dose they were issued with.
"""

from django.db import migrations


def every_day(apps, schema_editor):
    Exercise = apps.get_model("plans", "Exercise")
    Exercise.objects.filter(clinic=None, code="daily-walk").update(days_per_week=7)


def five_days(apps, schema_editor):
    Exercise = apps.get_model("plans", "Exercise")
    Exercise.objects.filter(clinic=None, code="daily-walk").update(days_per_week=5)


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_record_history")]

    operations = [migrations.RunPython(every_day, five_days)]
