"""Turn the patient list's search box into a query: names, patient number, date of birth."""

import datetime
import re

from django.db.models import Q

DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")
MAX_TERMS = 5


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
    match = Q(first_name__icontains=word) | Q(last_name__icontains=word)
    if word.isdigit() and len(word) < 10:
        match |= Q(number=int(word))
    return match
