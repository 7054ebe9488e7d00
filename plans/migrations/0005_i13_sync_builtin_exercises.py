"""Issue 13: bring the built-in exercises of EXISTING databases in line with the library.

New texts (the starter as the method describes it, slow breathing from 8-10 a minute, the
micro-break dose, B1 fixes) and the new posture set-up exercise. The work is done by
`plans.sync.sync_builtins`, the same code as the `sync_exercises` command: an idempotent upsert
by code of the rows without a clinic; clinic copies are left alone. The category "daily" is
now labelled "Daily habit".
"""

from django.db import migrations, models


def sync(apps, schema_editor):
    """Nothing since issue 14: plans.sync.sync_after_migrate runs after every migrate, without
    this migration importing the live library."""


class Migration(migrations.Migration):
    dependencies = [("plans", "0004_i13_rules_dropped")]

    operations = [
        migrations.AlterField(
            model_name="exercise",
            name="category",
            field=models.CharField(
                choices=[
                    ("breathing", "Breathing"),
                    ("mobility", "Mobility"),
                    ("trunk", "Trunk"),
                    ("daily", "Daily habit"),
                ],
                max_length=10,
                verbose_name="category",
            ),
        ),
        # Going back leaves the rows as they are: plan items refer to them.
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
