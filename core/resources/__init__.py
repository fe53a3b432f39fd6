"""The base every spreadsheet import shares, and the widgets that read offices' cells.

`SpreadsheetResource` makes django-import-export behave as the office needs:
all or nothing (one bad row and the whole import is rolled back), every error tied to the
row number of the file and the column's header, re-importing the same file reports every row
as unchanged, and the column list the reader (`core.spreadsheets.read_table`) looks for.

The engine is split by concern: `keys` (the stored objects a file names, its unique fields),
`checks` (one row's checks), `writing` (the bulk write), `base` (the import that runs them);
`widgets` read the cells, `rows` holds what they pass around.
"""

from .base import SpreadsheetResource
from .rows import BATCH_SIZE, INVALID, NEW, SKIP, UPDATE, CheckedRow, collector_paused
from .widgets import (
    ChoiceWidget,
    DateWidget,
    NumberWidget,
    SchoolYearWidget,
    TextWidget,
    YesNoWidget,
    as_text,
    is_blank,
)

__all__ = [
    "BATCH_SIZE",
    "INVALID",
    "NEW",
    "SKIP",
    "UPDATE",
    "CheckedRow",
    "ChoiceWidget",
    "DateWidget",
    "NumberWidget",
    "SchoolYearWidget",
    "SpreadsheetResource",
    "TextWidget",
    "YesNoWidget",
    "as_text",
    "collector_paused",
    "is_blank",
]
