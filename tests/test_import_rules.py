"""The import direction (README, "Where things live"): the import-linter contracts in
pyproject.toml hold, break on a planted upward import, and the pure modules stay off django.db.
"""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# Rule 4: no database and no models in these (import-linter cannot name django.db, an external
# subpackage, so this test checks it; the models are in contract 4).
PURE_MODULES = (
    "patients/instruments/base.py",
    "patients/instruments/gpe.py",
    "patients/instruments/nprs.py",
    "patients/instruments/nq.py",
    "patients/instruments/psk.py",
    "patients/instruments/qbpds.py",
    "patients/instruments/sbst.py",
    "patients/redflags.py",
    "patients/screening/breathing.py",
    "patients/intake/duration.py",
    "plans/rules.py",
    "plans/reasons.py",
)


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def copy_of_the_project(tmp_path: Path) -> Path:
    for package in ("clinic", "patients", "plans"):
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "static", "migrations", "*.svg", "*.css"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def plant(module: Path, line: str) -> None:
    module.write_text(module.read_text() + f"\n{line}  # planted\n")


def test_the_import_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("clinic/audit.py", "from patients import models", "clinic.audit -> patients.models"),
        ("clinic/web.py", "from plans import rules", "clinic.web -> plans.rules"),
        (
            "patients/intake/views.py",
            "from plans import services",
            "patients.intake.views -> plans.services",
        ),
        (
            "plans/services.py",
            "from patients.progress import followup",
            "plans.services -> patients.progress.followup",
        ),
        ("plans/rules.py", "from plans import models", "plans.rules -> plans.models"),
    ],
)
def test_a_planted_upward_import_breaks_a_contract(tmp_path, module, line, broken):
    project = copy_of_the_project(tmp_path)
    assert lint_imports(project).returncode == 0
    plant(project / module, line)
    result = lint_imports(project)
    assert result.returncode != 0
    assert broken in result.stdout


@pytest.mark.parametrize("path", PURE_MODULES)
def test_pure_modules_import_no_database(path):
    tree = ast.parse((ROOT / path).read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    # django.db.models.enums (TextChoices) is an enum type: it touches no database.
    imported -= {"django.db.models.enums", "django.db.models.enums.TextChoices"}
    assert not {
        name
        for name in imported
        if name == "django.db"
        or name.startswith("django.db.")
        or name.endswith(".models")
        or ".models." in name
    }
