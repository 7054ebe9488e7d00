"""Rule 6 of the restructuring (issue 14): services take no `request` (the views write the
access-log events), and each shared web helper exists once."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("clinic", "patients", "plans")
MODULES = sorted(
    path
    for app in APPS
    for path in (ROOT / app).rglob("*.py")
    if "migrations" not in path.parts and "management" not in path.parts
)
# Each helper and the one module that defines it.
HELPERS = {
    "admin_only": "clinic/web.py",
    "require_admin": "clinic/web.py",
    "clinic_staff_only": "clinic/web.py",
    "patient_context": "patients/lookups.py",
}


def name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def is_atomic(function: ast.FunctionDef) -> bool:
    return any("atomic" in ast.unparse(decorator) for decorator in function.decorator_list)


def takes_request(function: ast.FunctionDef) -> bool:
    arguments = function.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    return any(argument.arg == "request" for argument in every)


def service_functions(path: Path, tree: ast.Module):
    """Yield the workflows of a module: every function of a services module, and every
    function anywhere that runs in one transaction of its own (@transaction.atomic)."""
    if "views" in path.stem or "views" in path.parts:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and (path.name == "services.py" or is_atomic(node)):
            yield node


def test_the_services_modules_are_found():
    found = [name(path) for path in MODULES if path.name == "services.py"]
    assert "patients/record/services.py" in found and "plans/services.py" in found


@pytest.mark.parametrize("path", MODULES, ids=name)
def test_no_service_function_takes_the_request(path):
    tree = ast.parse(path.read_text())
    assert [f.name for f in service_functions(path, tree) if takes_request(f)] == []


def test_the_check_flags_a_service_with_a_request():
    tree = ast.parse("def patient_register(*, request, clinic, data):\n    pass\n")
    flagged = [f.name for f in service_functions(Path("services.py"), tree) if takes_request(f)]
    assert flagged == ["patient_register"]


def test_each_web_helper_is_defined_once():
    defined = {
        (node.name, name(path))
        for path in MODULES
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef) and node.name in HELPERS
    }
    assert defined == set(HELPERS.items())
