"""Fail when the Dutch interface would show English: a fuzzy or empty entry in a Dutch catalogue,
or a string in the code or templates that is not in locale/nl yet.

The second check runs `makemessages` on a temporary copy of the working tree (tracked and new
files, as they are now) and compares its msgids with the catalogue's, so it checks whatever the
tree holds, including strings other branches bring in. Run from `make lint` and `.ci/run`.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = os.environ.get("PYTHON") or str(ROOT / ".venv" / "bin" / "python")
PROJECT_PO = Path("locale/nl/LC_MESSAGES/django.po")
# Rugadem's own Dutch for allauth's pages, kept by hand (see its header).
CATALOGUES = (PROJECT_PO, Path("locale_allauth/nl/LC_MESSAGES/django.po"))
# The same options as `make messages`.
MAKEMESSAGES = [
    "makemessages",
    "-l",
    "nl",
    "--ignore=.venv",
    "--ignore=staticfiles",
    "--ignore=tests",
    "--ignore=bench",
    "--no-obsolete",
    "-v0",
]


def run(*args, cwd=ROOT, env=None) -> subprocess.CompletedProcess:
    # Fixed commands (gettext, git, manage.py) with arguments from this file only.
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)  # noqa: S603


def entries(po: Path, *flags: str) -> list[str]:
    """Return the msgids (with their context) that msgattrib selects with ``flags``."""
    result = run("msgattrib", *flags, "--no-wrap", "--no-location", "--no-obsolete", str(po))
    if result.returncode:
        sys.exit(f"msgattrib failed on {po}:\n{result.stderr}")
    found, context, current = [], None, None
    for line in [*result.stdout.splitlines(), ""]:
        if current is not None and line.startswith('"'):
            current += line[1:-1]
            continue
        if current is not None:
            if current:  # the header's msgid is empty
                found.append(f'"{current}"' + (f"  (context {context})" if context else ""))
            current, context = None, None
        if line.startswith("msgctxt "):
            context = line[len("msgctxt ") :]
        elif line.startswith("msgid "):
            current = line[len('msgid "') : -1]
    return found


def unfinished() -> list[str]:
    problems = []
    for po in CATALOGUES:
        if not (ROOT / po).exists():
            continue
        for flag, what in (("--only-fuzzy", "fuzzy"), ("--untranslated", "untranslated")):
            problems += [f"{po}: {what}: {entry}" for entry in entries(ROOT / po, flag)]
    return problems


def tree_files() -> list[str]:
    """Return the working tree's files: tracked (not deleted) and new ones not ignored."""
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    if listed.returncode:
        sys.exit(f"git ls-files failed:\n{listed.stderr}")
    names = [name for name in listed.stdout.split("\0") if name]
    return [name for name in names if (ROOT / name).is_file() and not name.startswith(".venv")]


def missing_strings() -> list[str]:
    """Return the msgids makemessages would add to the project catalogue."""
    with tempfile.TemporaryDirectory(prefix="rugadem-messages-") as tmp:
        copy = Path(tmp)
        for name in tree_files():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
        env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "clinic.settings"}
        made = run(PYTHON, "manage.py", *MAKEMESSAGES, cwd=copy, env=env)
        if made.returncode:
            sys.exit(f"makemessages failed:\n{made.stdout}{made.stderr}")
        known = set(entries(ROOT / PROJECT_PO))
        return [f"{PROJECT_PO}: missing: {e}" for e in entries(copy / PROJECT_PO) if e not in known]


def main() -> int:
    if shutil.which("msgattrib") is None:
        sys.exit("Missing GNU gettext (msgattrib). Install it: sudo apt-get install gettext")
    problems = unfinished() + missing_strings()
    for problem in problems:
        print(problem)
    if problems:
        print(
            f"\n{len(problems)} Dutch catalogue problem(s). Run `make messages`, translate the "
            "entries (no fuzzy flags left) and compile them.",
            file=sys.stderr,
        )
        return 1
    print("Dutch catalogue complete.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
