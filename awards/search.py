"""The accent-free key names are searched by, the same on SQLite and PostgreSQL.

Neither database folds Vietnamese accents the same way (SQLite has no unaccent at all), so
each searchable name is stored beside its key and both the key and the query go through
`search_key`: "Nguyễn Văn A", "nguyen van a" and "NGUYEN  VAN A" share "nguyen van a".
"""

import unicodedata

from units.names import normalise_text


def search_key(text):
    """Lower case, no accents, đ as d, single spaces."""
    decomposed = unicodedata.normalize("NFD", normalise_text(text or ""))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.replace("đ", "d").replace("Đ", "D").casefold()
