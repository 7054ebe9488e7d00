"""Migrations import no live code: what a migration did must not change when the app does.

The only application names a migration may hold are the `<app>.models` references that
makemigrations writes for field validators and managers (Django resolves them by path and
compares them with the current models); RunPython code never uses them, and a migration that
builds on another imports that migration, not the app.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("clinic", "patients", "plans")
MIGRATIONS = sorted(path for app in APPS for path in (ROOT / app / "migrations").glob("0*.py"))


def is_app(module: str) -> bool:
    return module.split(".")[0] in APPS


def live_imports(source: str) -> list[str]:
    """Return the application modules a migration's source imports, or uses in its functions."""
    tree = ast.parse(source)
    found = []
    serialised = set()  # `import plans.models`, as makemigrations writes it
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and is_app(node.module):
            found.append(node.module)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if not is_app(alias.name):
                    continue
                if alias.name.endswith(".models") and alias.asname is None and node in tree.body:
                    serialised.add(alias.name.split(".")[0])
                else:
                    found.append(alias.name)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
            target = (
                node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else ""
            )
            if not isinstance(target, str) or (is_app(target) and ".migrations." not in target):
                found.append(f"import_module({target!r})")
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.Lambda):
            for node in ast.walk(function):
                if isinstance(node, ast.Name) and node.id in serialised:
                    found.append(f"{node.id} used in {getattr(function, 'name', 'lambda')}()")
    return found


def test_there_are_migrations_to_check():
    assert len(MIGRATIONS) > 20


@pytest.mark.parametrize("path", MIGRATIONS, ids=lambda path: str(path.relative_to(ROOT)))
def test_the_migration_imports_no_application_module(path):
    assert live_imports(path.read_text()) == []


@pytest.mark.parametrize(
    "source",
    [
        "from patients.record.names import search_text\n",
        "import plans.library\n",
        "import plans.models as live\n",
        "def forwards(apps, editor):\n    from plans.sync import sync_builtins\n",
        "import plans.models\ndef forwards(apps, editor):\n    plans.models.Exercise\n",
        "import importlib\nnames = importlib.import_module('patients.record.names')\n",
    ],
)
def test_the_check_flags_a_planted_live_import(source):
    assert live_imports(source) != []


def test_the_check_allows_serialised_validators_and_an_earlier_migration():
    source = (
        "import importlib\nimport plans.models\n"
        "previous = importlib.import_module('clinic.migrations.0004_append_only_triggers')\n"
        "VALIDATORS = [plans.models.validate_steps]\n"
    )
    assert live_imports(source) == []
