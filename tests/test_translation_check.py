"""The CI check of the Dutch catalogue (.ci/check_translations.py) finds what it must."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / ".ci" / "check_translations.py"
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.fixture(scope="module")
def check():
    spec = importlib.util.spec_from_file_location("check_translations", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def catalogue(tmp_path, body) -> Path:
    po = tmp_path / "django.po"
    po.write_text(HEADER + body, encoding="utf-8")
    return po


def test_it_lists_fuzzy_entries_with_their_context(check, tmp_path):
    po = catalogue(
        tmp_path,
        '#, fuzzy\nmsgctxt "menu"\nmsgid "Print run"\nmsgstr "Afdrukken"\n\n'
        'msgid "Save"\nmsgstr "Opslaan"\n',
    )
    assert check.entries(po, "--only-fuzzy") == ['"Print run"  (context "menu")']


def test_it_lists_empty_entries_however_long(check, tmp_path):
    po = catalogue(tmp_path, 'msgid ""\n"A long sentence "\n"on two lines."\nmsgstr ""\n')
    assert check.entries(po, "--untranslated") == ['"A long sentence on two lines."']
