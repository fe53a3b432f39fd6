"""A page's GET parameters as values a query can take: a URL is typed, pasted or guessed, and
a value that cannot mean anything is ignored rather than sent to the database (PostgreSQL
refuses a NUL byte in a string, SQLite an integer wider than 64 bits)."""

import re

# The C0 control characters and DEL: no name or search contains them; a NUL breaks
# PostgreSQL and any of them a spreadsheet cell (openpyxl refuses them in an export).
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
LARGEST_ID = 2**63 - 1


def text(value):
    """The text of a parameter without control characters ("" when absent)."""
    return _CONTROL.sub("", value or "")


def whole_number(value, low=1, high=LARGEST_ID):
    """The parameter as an int between `low` and `high`; None if it is not one."""
    value = str(value or "").strip()
    if not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if low <= number <= high else None
