"""Names as the patient search compares them: the same however they are typed."""

import unicodedata

# Typographic apostrophes and quotes, as phones and word processors type them, become the plain
# ones: "d’Hondt" is "d'Hondt".
QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)
# Letters that Unicode does not decompose into a base letter and an accent.
LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe"})


def search_text(value: str) -> str:
    """Return ``value`` casefolded, without accents, with plain quotes: "Çelik" -> "celik"."""
    decomposed = unicodedata.normalize("NFKD", value.translate(QUOTES))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.casefold().translate(LETTERS).translate(QUOTES)
