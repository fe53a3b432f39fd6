"""How the names people write are matched to units."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Spacing normalise_text would change: a run of spaces, or any space but the plain one.
_ODD_SPACES = re.compile(r"\s\s|[^\S ]")


def normalise_text(text):
    """NFC, with stray spaces (non-breaking ones too) trimmed: what we store for any typed text."""
    if (
        # Text already so (most of a file) is returned as it is: imports call this per cell.
        not _ODD_SPACES.search(text)
        and text == text.strip()
        and unicodedata.is_normalized("NFC", text)
    ):
        return text
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def name_key(name):
    """The key two spellings share when they mean the same name.

    Documents differ in case, spacing and the punctuation a list item ends with
    ("- Ban TĐKT, Sở Nội vụ." and "Ban TĐKT, Sở Nội vụ;"), never in words.
    """
    return normalise_text(name).rstrip(" .;,").casefold()


def normalise_text_block(text):
    """NFC, each line trimmed, blank lines at the ends dropped: for notes and reasons."""
    lines = [line.strip() for line in unicodedata.normalize("NFC", text or "").splitlines()]
    return "\n".join(lines).strip()


def search_key(text):
    """Lower case, no accents, đ as d, single spaces: "Nguyễn Văn A", "nguyen van a" and
    "NGUYEN  VAN A" share "nguyen van a".

    Neither database folds Vietnamese accents the same way (SQLite has no unaccent at all), so
    each searchable name is stored beside its key and both the key and the query go through
    this function.
    """
    decomposed = unicodedata.normalize("NFD", normalise_text(text or ""))
    # Control characters (what is left of them once spacing is normalised) are no part of a
    # name, and a NUL in a query is refused by PostgreSQL: a typed or pasted one is dropped.
    bare = "".join(
        char
        for char in decomposed
        if not unicodedata.combining(char) and unicodedata.category(char) != "Cc"
    )
    return bare.replace("đ", "d").replace("Đ", "D").casefold()
