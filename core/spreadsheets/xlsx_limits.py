"""What an XLSX would cost to read, found before calamine reads it.

calamine builds the first sheet as one dense block from A1 to its last cell, copies each
shared string into every cell that uses it, and reserves room for as many shared strings as
the file declares; an allocation it cannot make aborts the process (no `except` catches it).
So a 2 KB file with cells at A1 and XFD100000 asks for 52 GB, and a 600 MB shared-strings
part inflated from 613 KB fills the memory. `check_xlsx` inflates every member itself,
counting the real bytes (not the sizes the zip declares), and scans the XML as it comes, in
1 MB chunks, for what decides calamine's memory:

- the last row and column holding a cell, and how many cells there are (a sheet's
  <dimension> is not trusted: calamine does not reserve by it, and it can lie);
- how many shared strings there are, how long each is, and the sum of the strings that cells
  refer to (a long string used by many cells is copied into each);
- any count an element declares (`count`, `uniqueCount`), which calamine may reserve by.

Every member is scanned as if it were the first sheet and the shared strings, since calamine
finds those through the workbook's relationships, which the file chooses. Cells written the
way Excel, LibreOffice, Google Sheets and openpyxl write them (`<c r="B2" s="1" t="s">
<v>0</v>`) are read by one regular expression; a member with any other cell (no `r`, quotes
other than "...") is scanned again by expat, slower and exact.
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


_P = rb"<(?:[^\s<>/\"'=]*:)?"
# A cell's start tag, as every program we know writes it (first alternative: its column
# letters, row digits, type, a "/" if it is empty, the <v> that follows), or any other start
# of a cell (second alternative: all groups empty), which sends the member to expat.
_CELL = re.compile(
    _P + rb"c(?:(?=\s)(?:\s+(?:r=\"([A-Za-z]{1,3})([0-9]{1,7})\"|t=\"([^\"<>]*)\""
    rb"|(?![rt]=)[\w.:-]+=\"[^\"<>]*\"))*\s*(/?)>(?:" + _P + rb"v>([0-9]{1,10})</)?|(?=[\s/>]))"
)
_SHARED_STRING = re.compile(_P + rb"si(?=[\s/>])")
_DECLARED_COUNT = re.compile(rb"ount\s*=\s*[\"']\s*([0-9]+)")  # count, uniqueCount, Count


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
        self.shared_refs = array("I")
        self.string_lengths = array("Q")
        self.in_string = False
        self.regular = True

    def check(self):
        if self.cells > MAX_CELLS or self.max_row * self.max_col > MAX_CELLS:
            raise XlsxTooLarge("cells")
        if len(self.string_lengths) > MAX_SHARED_STRINGS:
            raise XlsxTooLarge("text")

    def add_cells(self, found):
        cols, rows, types, empties, values = zip(*found, strict=True)
        if b"" in rows:
            self.regular = False
            return
        self.cells += len(found)
        self.max_row = max(self.max_row, *map(int, set(rows)))
        self.max_col = max(self.max_col, *map(column_number, set(cols)))
        shared = [v for t, e, v in zip(types, empties, values, strict=True) if t == b"s" and not e]
        if b"" in shared:  # a shared-string cell whose <v> is not where we look
            self.regular = False
            return
        self.shared_refs.extend(map(int, shared))

    def add_strings(self, chunk):
        # Each string is counted from its <si> to the next one: its text is never longer.
        if not self.in_string and b"si" not in chunk:
            return
        pieces = _SHARED_STRING.split(chunk)
        if self.in_string:
            self.string_lengths[-1] += len(pieces[0])
        if len(pieces) > 1:
            self.string_lengths.extend(map(len, pieces[1:]))
            self.in_string = True


def _scan_regular(chunks, member):
    tail = b""
    for chunk in _with_end(chunks):
        buffer = tail + chunk
        tail = b""
        if chunk:
            # Cut after a row's end (a cell and its <v> stay together), else before a tag; a
            # tag is never split, so every cell start is seen whole by one of the two scans.
            cut = buffer.rfind(b"</row>")
            cut = cut + len(b"</row>") if cut >= 0 else buffer.rfind(b"<")
            if cut >= 0:
                buffer, tail = buffer[:cut], buffer[cut:]
        counts = _DECLARED_COUNT.findall(buffer)
        if counts and max(map(int, counts)) > MAX_CELLS:
            raise XlsxTooLarge("cells")
        found = _CELL.findall(buffer)
        if found:
            member.add_cells(found)
            if not member.regular:
                return
        member.add_strings(buffer)
        member.check()


def _with_end(chunks):
    yield from chunks
    yield b""


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
            digits = value.strip()
            if key.lower().endswith("count") and digits.isdigit() and int(digits) > MAX_CELLS:
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


def _scan_exact(chunks, member):
    scan = _ExactScan(member)
    parser = expat.ParserCreate()
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.characters
    parser.StartDoctypeDeclHandler = scan.refuse_doctype
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise ArchiveError("damaged") from error


def _counted(chunks, seen):
    for chunk in chunks:
        seen[0] += len(chunk)
        if seen[0] > MAX_TOTAL_BYTES:
            raise ArchiveError("too_large")
        yield chunk


def check_xlsx(data, archive):
    """Raise XlsxTooLarge (or ArchiveError) if calamine reading the zip `data` (bytes; its
    ZipFile `archive`, opened by `open_zip`) could take more memory than an import may."""
    members = []
    seen = [0]  # inflated bytes so far, all members together
    for info in archive.infolist():
        if info.is_dir():
            continue
        member = _Member()
        try:
            before = seen[0]
            _scan_regular(_counted(inflate(data, info, MAX_MEMBER_BYTES), seen), member)
            if not member.regular:
                member, seen[0] = _Member(), before
                _scan_exact(_counted(inflate(data, info, MAX_MEMBER_BYTES), seen), member)
        except (ValueError, OverflowError) as error:
            raise ArchiveError("damaged") from error
        members.append(member)
    lengths = [member.string_lengths for member in members if member.string_lengths]
    # Usually one member holds strings; if several do, count each index at its longest.
    if len(lengths) == 1:
        longest = lengths[0]
    else:
        longest = array("Q", (max(values) for values in zip_longest(*lengths, fillvalue=0)))
    for member in members:
        refs = member.shared_refs
        if not refs:
            continue
        if max(refs) < len(longest):
            text = sum(map(longest.__getitem__, refs))
        else:  # an index past the strings: calamine refuses it, but count what is there
            text = sum(longest[index] for index in refs if index < len(longest))
        if text > MAX_SHARED_TEXT:
            raise XlsxTooLarge("text")
