"""The one CSV writer of every export (dashboard outcomes, access reports).

Spreadsheets run a cell that starts with = + - @ (or a tab / carriage return before one) as a
formula ("CSV injection"): such text cells are written with a leading apostrophe, which shows
the text as typed. Numbers stay numbers.
"""

import csv

from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """Return ``value`` safe for a spreadsheet (text that looks like a formula stays text)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_response(filename: str, rows) -> HttpResponse:
    """Return a private, uncached CSV download of ``rows`` (header row first)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    csv.writer(response).writerows([cell(value) for value in row] for row in rows)
    return response
