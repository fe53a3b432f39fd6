"""What an XLSX would cost to read, found before calamine reads it.

calamine builds the first sheet as one dense block from A1 to its last cell, copies each
shared string into every cell that uses it, and reserves room for as many shared strings as
the file declares; an allocation it cannot make aborts the process (no `except` catches it).
So a 2 KB file with cells at A1 and XFD100000 asks for 52 GB, and a 600 MB shared-strings
part inflated from 613 KB fills the memory. `check_xlsx` inflates every member itself,
counting the real bytes (not the sizes the zip declares, which can lie), up to
MAX_MEMBER_BYTES each and MAX_TOTAL_BYTES in all, and looks in the XML for what decides
calamine's memory:

- the last row and column holding a cell, and how many cells there are (a sheet's
  <dimension> is not trusted: calamine does not reserve by it, and it can lie);
- how many shared strings there are, how long each is, and the sum of the strings that cells
  refer to (a long string used by many cells is copied into each);
- any count an element declares (`count`, `uniqueCount`), which calamine may reserve by.

Every member is looked at as if it were the first sheet and the shared strings, since
calamine finds those through the workbook's relationships, which the file chooses. Cells
written the way Excel, LibreOffice, Google Sheets and openpyxl write them (`<c r="B2" s="1"
t="s">`) are measured with byte counts and a few regular expressions over their joined
attributes (some 30 ms for 10,000 rows of 8 columns, a fifth of calamine's own read); a
member with any other cell (no `r`, a prefix, other quotes or spaces, a second `r`) is
parsed again by expat, slower and exact, which refuses a DOCTYPE.
"""

import re
from array import array
from itertools import zip_longest
from xml.parsers import expat

from ..archives import ArchiveError, inflate

# An area of 1,000,000 cells is 100 columns × 10,000 rows (the row limit of an import):
# calamine then holds ~32 MB for the block, the Python rows as much again.
MAX_CELLS = 1_000_000
MAX_SHARED_STRINGS = 1_000_000
# The bytes of text that cells take from shared strings (a string counted once per cell).
MAX_SHARED_TEXT = 32 * 1024 * 1024
# Inflated bytes, per member and in all: a 10,000-row sheet of 10 columns is some 5 MB.
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 96 * 1024 * 1024


class XlsxTooLarge(Exception):
    """The file would take more than an import may: `what` is "cells" or "text"."""

    def __init__(self, what):
        self.what = what
        super().__init__(what)


# A cell's start tag and its attributes, as Excel, LibreOffice, Google Sheets and openpyxl
# write them, r first: <c r="B2" s="1" t="s">. The attributes of all cells are joined, each
# after a NUL, and checked on that short text.
_CELL_TAG = re.compile(rb"<c(?=[\s/>])([^<>]*)>")
_PLAIN_REF = re.compile(rb'\0 r="[A-Za-z]{1,3}[0-9]{1,7}"()')
_LETTERS = {n: re.compile(rb'\0 r="[A-Za-z]{%d}[0-9]' % n) for n in (2, 3)}
_DIGITS = {n: re.compile(rb'\0 r="[A-Za-z]{1,3}[0-9]{%d}' % n) for n in range(1, 8)}
_ROWS_OF = {n: re.compile(rb'\0 r="[A-Za-z]{1,3}([0-9]{%d})"' % n) for n in range(1, 8)}
_COLUMNS_OF = {n: re.compile(rb'\0 r="([A-Za-z]{%d})[0-9]' % n) for n in (1, 2, 3)}
_LAST_COLUMN = {1: 26, 2: 702, 3: 16384}
_SHARED_REF = re.compile(rb' t="s"[^<>]*?(/?)>(?:<v>([0-9]{1,10})</v>)?')
# count, uniqueCount, Count...: the first digits of the value, whatever comes before them
# (Rust reads "+2000000000" as a number).
_DECLARED_COUNT = re.compile(rb"ount\s*=\s*[\"'][^\"'0-9]*([0-9]+)")
_PREFIXED_STRING = re.compile(rb"<[^\s<>/=\"']+:si[\s/>]")


def column_number(letters):
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


class _Member:
    """What one member holds, as far as calamine's memory is concerned."""

    def __init__(self):
        self.cells = 0
        self.max_row = 0
        self.max_col = 0
        self.shared_cells = 0
        self.shared_refs = None  # the indices, once counted exactly
        self.string_lengths = array("Q")
        self.regular = True

    def check(self):
        if self.cells > MAX_CELLS or self.max_row * self.max_col > MAX_CELLS:
            raise XlsxTooLarge("cells")
        if len(self.string_lengths) > MAX_SHARED_STRINGS:
            raise XlsxTooLarge("text")


def _plain_cells(xml):
    """The cells' attributes joined (each after a NUL) if every cell is written the plain way,
    else None. A cell the plain way cannot hide a second `r` (calamine takes the last one), a
    quote, a space or a ">" that would move its reference out of sight of the searches."""
    if b":c" in xml:  # perhaps a prefixed cell (<x:c>): the exact scan handles those
        return None
    tags = _CELL_TAG.findall(xml)
    if not tags:
        return b""
    joined = b"\0" + b"\0".join(tags)
    if (
        joined.count(b'r="') != len(tags)
        or len(_PLAIN_REF.findall(joined)) != len(tags)
        or joined.count(b'"') != 2 * joined.count(b"=")
        or any(character in joined for character in (b"'", b"\t", b"\n", b"\r", b" =", b"= "))
    ):
        return None
    return joined


def _last_row_digits(cells):
    # Searched from six digits down: one pass each, and most sheets stop at the second.
    if _DIGITS[6].search(cells):
        return 7 if _DIGITS[7].search(cells) else 6
    return next(n for n in range(5, 0, -1) if _DIGITS[n].search(cells))


def _scan_regular(xml, member):
    """Fill `member` from the member's bytes with C-speed counts and searches, or set
    `member.regular` False for a member written otherwise."""
    counts = _DECLARED_COUNT.findall(xml)
    if counts and max(map(int, counts)) > MAX_CELLS:
        raise XlsxTooLarge("cells")
    cells = _plain_cells(xml)
    if cells is None:
        member.regular = False
        return
    member.cells = cells.count(b"\0")
    if cells:
        member.check()
        # The longest references bound the last row and column; read them exactly only when
        # the bound is too high (a sheet of 10,000 rows has few rows of five digits).
        letters = 3 if _LETTERS[3].search(cells) else 2 if _LETTERS[2].search(cells) else 1
        digits = _last_row_digits(cells)
        member.max_col, member.max_row = _LAST_COLUMN[letters], 10**digits - 1
        if member.max_row * member.max_col > MAX_CELLS:
            member.max_row = max(map(int, set(_ROWS_OF[digits].findall(cells))))
        if member.max_row * member.max_col > MAX_CELLS:
            member.max_col = max(map(column_number, set(_COLUMNS_OF[letters].findall(cells))))
        member.shared_cells = cells.count(b' t="s"')
    if b":si" in xml and _PREFIXED_STRING.search(xml):
        member.regular = False  # <x:si>: the exact scan counts those
        return
    if b"<si" not in xml:
        return
    strings = xml.count(b"<si>")
    if strings > MAX_SHARED_STRINGS:
        raise XlsxTooLarge("text")
    if strings != sum(map(xml.count, (b"<si", b":si"))):
        member.regular = False  # a prefixed <si>, or one with attributes
        return
    # Each string is counted from its <si> to the next one: its text is never longer.
    member.string_lengths = array("Q", map(len, xml.split(b"<si>")[1:]))


def _shared_refs(xml):
    """The shared-string indices the cells of a regular member use, or None if some cell's
    index is not where the pattern looks."""
    found = _SHARED_REF.findall(xml)
    if any(not empty and not index for empty, index in found):
        return None
    return array("I", (int(index) for empty, index in found if index))


class _ExactScan:
    """The same figures as the regular expression, from expat, for cells written otherwise:
    a cell without `r` is the one after the previous, a row without `r` the one after."""

    def __init__(self, member):
        self.member = member
        self.row = self.col = 0
        self.cell_type = None
        self.in_cell = self.counted = False
        self.text = None

    def start(self, name, attributes):
        local = name.rpartition(":")[2]
        if local == "c":
            reference = attributes.get("r")
            if reference is None:
                self.col += 1
            else:
                match = re.fullmatch(r"([A-Za-z]{1,3})([0-9]{1,7})", reference)
                if match is None:
                    raise ArchiveError("damaged")  # calamine refuses it too
                self.col = column_number(match[1].encode())
                self.row = int(match[2])
            self.cell_type = attributes.get("t")
            self.in_cell, self.counted = True, False
        elif local in ("v", "is") and self.in_cell and not self.counted:
            self.counted = True
            member = self.member
            member.cells += 1
            member.max_row = max(member.max_row, self.row)
            member.max_col = max(member.max_col, self.col)
            member.check()
        if local == "v" and self.in_cell and self.cell_type == "s":
            self.text = []
        if local == "row":
            reference = attributes.get("r")
            self.row = int(reference) if reference and reference.isdigit() else self.row + 1
            self.col = 0
        elif local == "si":
            self.member.string_lengths.append(0)
            self.member.check()
        for key, value in attributes.items():
            digits = re.search(r"[0-9]+", value) if key.lower().endswith("count") else None
            if digits and int(digits[0]) > MAX_CELLS:
                raise XlsxTooLarge("cells")

    def end(self, name):
        local = name.rpartition(":")[2]
        if local == "c":
            self.in_cell = False
        elif local == "v" and self.text is not None:
            index = "".join(self.text).strip()
            self.member.shared_refs.append(int(index) if index.isdigit() else 0)
            self.text = None

    def characters(self, data):
        if self.text is not None:
            self.text.append(data)
        elif self.member.string_lengths:
            self.member.string_lengths[-1] += len(data.encode())

    def refuse_doctype(self, *args):
        raise ArchiveError("damaged")  # no spreadsheet has one; entities could expand


def _scan_exact(xml, member):
    scan = _ExactScan(member)
    member.shared_refs = array("I")
    parser = expat.ParserCreate()
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.characters
    parser.StartDoctypeDeclHandler = scan.refuse_doctype
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as error:
        raise ArchiveError("damaged") from error


def _inflated(data, info, seen):
    """The member's bytes, inflated here; `seen` counts the bytes of all members so far."""
    chunks = []
    for chunk in inflate(data, info, MAX_MEMBER_BYTES):
        seen[0] += len(chunk)
        if seen[0] > MAX_TOTAL_BYTES:
            raise ArchiveError("too_large")
        chunks.append(chunk)
    return b"".join(chunks)


def check_xlsx(data, archive):
    """Raise XlsxTooLarge (or ArchiveError) if calamine reading the zip `data` (bytes; its
    ZipFile `archive`, opened by `open_zip`) could take more memory than an import may."""
    members = []
    seen = [0]  # inflated bytes so far, all members together
    for info in archive.infolist():
        if info.is_dir():
            continue
        xml = _inflated(data, info, seen)
        member = _Member()
        try:
            _scan_regular(xml, member)
            if not member.regular:
                member = _Member()
                _scan_exact(xml, member)
        except (ValueError, OverflowError) as error:
            raise ArchiveError("damaged") from error
        member.check()
        members.append((info, member))
    del xml
    lengths = [member.string_lengths for info, member in members if member.string_lengths]
    # Usually one member holds strings; if several do, count each index at its longest.
    if len(lengths) == 1:
        longest = lengths[0]
    else:
        longest = array("Q", (max(values) for values in zip_longest(*lengths, fillvalue=0)))
    most = max(longest, default=0)
    for info, member in members:
        refs = member.shared_refs
        if refs is None:
            if member.shared_cells * most <= MAX_SHARED_TEXT:
                continue
            refs = _shared_refs(_inflated(data, info, [0]))
            if refs is None:  # cells written otherwise: count them exactly
                member = _Member()
                _scan_exact(_inflated(data, info, [0]), member)
                refs = member.shared_refs
        if not refs:
            continue
        if max(refs) < len(longest):
            text = sum(map(longest.__getitem__, refs))
        else:  # an index past the strings: calamine refuses it, but count what is there
            text = sum(longest[index] for index in refs if index < len(longest))
        if text > MAX_SHARED_TEXT:
            raise XlsxTooLarge("text")
