"""Spreadsheets in and out: reading the files offices send (`reading`, with the limits that
keep a hostile file from exhausting memory in `xlsx_limits`), and writing files that look
like theirs (`writing`). Callers import from here."""

from .reading import (
    FORMULA_STARTS,
    HEADER_SEARCH_ROWS,
    Column,
    SpreadsheetError,
    clean_text,
    detect_format,
    max_import_bytes,
    read_table,
)
from .writing import (
    DATE_FORMAT,
    ISSUER_LINES,
    MOTTO_LINES,
    OFFICE_ISSUER_LINES,
    XLSX_CONTENT_TYPE,
    Heading,
    dated_line,
    is_formula_like,
    safe_cell,
    text_cell,
    write_csv,
    write_official_xlsx,
    xlsx_response,
)

__all__ = [
    "DATE_FORMAT",
    "FORMULA_STARTS",
    "HEADER_SEARCH_ROWS",
    "ISSUER_LINES",
    "MOTTO_LINES",
    "OFFICE_ISSUER_LINES",
    "XLSX_CONTENT_TYPE",
    "Column",
    "Heading",
    "SpreadsheetError",
    "clean_text",
    "dated_line",
    "detect_format",
    "is_formula_like",
    "max_import_bytes",
    "read_table",
    "safe_cell",
    "text_cell",
    "write_csv",
    "write_official_xlsx",
    "xlsx_response",
]
