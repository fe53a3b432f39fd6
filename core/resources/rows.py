"""What the import engine passes around: a checked row, the kinds of row, the batch size."""

import gc
from contextlib import contextmanager

from import_export.results import RowResult

NEW, UPDATE, SKIP = (
    RowResult.IMPORT_TYPE_NEW,
    RowResult.IMPORT_TYPE_UPDATE,
    RowResult.IMPORT_TYPE_SKIP,
)
INVALID = RowResult.IMPORT_TYPE_INVALID
# Rows per INSERT/UPDATE statement (SQLite's parameter limit makes Django's batches smaller).
BATCH_SIZE = 2000


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector off while an import runs. Each row's objects live
    until the import ends, and every full collection their allocations trigger scans them
    and the rest of the process for garbage they are not: a fifth of a 10,000-row import in
    a server process. Reference counting still frees what is dropped; the collector runs
    again after."""
    if not gc.isenabled():
        yield  # already paused by an outer import
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class CheckedRow:
    """One row of the file after its checks: the object as the file wants it, and what is wrong."""

    __slots__ = (
        "changed",
        "errors",
        "extra",
        "import_type",
        "instance",
        "number",
        "original",
        "row",
    )

    def __init__(self, number, row, instance, original, errors):
        self.number = number  # in the dataset, from 1; `file_row` gives the file's
        self.row = row
        self.instance = instance
        # A copy of the stored object before the file's values; None for a new one.
        self.original = original
        self.errors = errors  # {column header: message}
        self.import_type = INVALID if errors else ""
        self.changed = []
        self.extra = None  # what a resource notes for the write (a unit's new aliases)
