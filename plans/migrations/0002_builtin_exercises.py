"""Load the built-in exercises (clinic empty = shared by every clinic).

Once this imported the live library (plans/library.py), so later edits never reached existing
databases. Since issue 14 it does nothing: the built-ins are the data files of
plans/library/exercises/, brought into the database after every `migrate` by
plans.sync.sync_after_migrate (and by `manage.py sync_exercises`), idempotently, leaving clinic
copies alone. No migration imports live code.
"""

from django.db import migrations


def load_builtins(apps, schema_editor):
    """Nothing: see the module docstring (the sync runs after every migrate)."""


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    # Going back leaves the rows: plan items may refer to them (PROTECT), and loading again
    # updates them in place.
    operations = [migrations.RunPython(load_builtins, migrations.RunPython.noop)]
