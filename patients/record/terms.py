"""The search box's words as a filter: names, patient number or date of birth.

No model is imported here, so the Patient manager (patients.models) can use it too.
"""

import datetime
import re

from django.db.models import Q

from patients.record.names import search_text

DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")
MAX_TERMS = 5
MAX_NUMBER_DIGITS = 9


def parse_date(text: str) -> datetime.date | None:
    """Return the date the text spells in a Dutch or ISO format, or None."""
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def search_filter(term: str) -> Q:
    """Return a Q that every word of ``term`` must match (name, number or date of birth)."""
    query = Q()
    for word in re.split(r"\s+", term.strip())[:MAX_TERMS]:
        if word:
            query &= word_filter(word)
    return query


def word_filter(word: str) -> Q:
    """Return the Q for one search word."""
    born = parse_date(word)
    if born:
        return Q(date_of_birth=born)
    # The normalised column: "Celik" finds "Çelik", "d’Hondt" finds "d'Hondt", on every database.
    match = Q(search_name__contains=search_text(word))
    # ASCII digits only: str.isdigit() also accepts characters int() refuses, such as "²".
    if re.fullmatch(rf"[0-9]{{1,{MAX_NUMBER_DIGITS}}}", word):
        match |= Q(number=int(word))
    return match
