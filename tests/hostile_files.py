"""Hostile files, built in the test: XLSX, CSV and ODT made to exhaust a reader's memory.

Each builder returns bytes. `run_reader` reads a file in a child process (calamine aborts the
whole process on a failed allocation, and tracemalloc does not see Rust's memory) and returns
what the reader said and how far the child's peak resident memory rose above its idle peak.
"""

import io
import json
import os
import random
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships"><sheets><sheet name="Trang 1" sheetId="1" r:id="rId1"/>'
    "</sheets></workbook>"
)
_REL = '<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{type}" Target="{target}"/>'  # noqa: E501


def sheet_xml(cells, dimension=None):
    """A worksheet part whose <sheetData> is `cells` (XML text, rows and cells)."""
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0"?><worksheet xmlns="{MAIN}">{declared}'
        f"<sheetData>{cells}</sheetData></worksheet>"
    )


def shared_strings_xml(strings, declared=None):
    count = len(strings) if declared is None else declared
    items = "".join(f"<si><t>{text}</t></si>" for text in strings)
    return f'<sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}">{items}</sst>'


def xlsx(sheet, shared=None, level=6):
    """An XLSX package around one worksheet part (XML text or bytes) and optional shared strings."""
    relations = [_REL.format(n=1, type="worksheet", target="worksheets/sheet1.xml")]
    if shared is not None:
        relations.append(_REL.format(n=2, type="sharedStrings", target="sharedStrings.xml"))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships">' + "".join(relations) + "</Relationships>",
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", shared)
    return stream.getvalue()


def row(number, cells):
    """A <row> of (reference, XML inside the cell, type) cells."""
    inner = "".join(
        f'<c r="{ref}"{f" t={chr(34)}{kind}{chr(34)}" if kind else ""}>{value}</c>'
        for ref, value, kind in cells
    )
    return f'<row r="{number}">{inner}</row>'


def far_cell_xlsx():
    """Two cells, A1 and XFD100000: calamine asks for a 100,000 × 16,384 block (52 GB)."""
    return xlsx(
        sheet_xml(
            row(1, [("A1", "<v>1</v>", None)]) + row(100000, [("XFD100000", "<v>2</v>", None)])
        )
    )


def declared_strings_xlsx(declared="2000000000"):
    """One shared string declared as two billion: calamine reserves room for them all."""
    return xlsx(
        sheet_xml(row(1, [("A1", "<v>0</v>", "s")])),
        shared_strings_xml(["a"], declared=declared),
    )


def inflating_strings_xlsx(megabytes=128):
    """A shared-strings part of `megabytes` MB that compresses some 1000:1 (a zip bomb), with
    a central directory that declares the honest size."""
    one = "<si><t>" + "a" * 1000 + "</t></si>"
    count = megabytes * 1024 * 1024 // len(one)
    shared = f'<sst xmlns="{MAIN}">' + one * count + "</sst>"
    return xlsx(sheet_xml(row(1, [("A1", "<v>0</v>", "s")])), shared, level=9)


def many_strings_xlsx(count=1_100_000, prefix=""):
    """More short shared strings than an import may hold, each different (so they compress
    like real text, under the ratio a bomb has); `prefix` "x:" writes them <x:si>."""
    p = prefix
    shared = f'<{p}sst xmlns{":" + p[:-1] if p else ""}="{MAIN}">' + "".join(
        f"<{p}si><{p}t>{i}</{p}t></{p}si>" for i in range(count)
    )
    return xlsx(sheet_xml(row(1, [("A1", "<v>0</v>", "s")])), shared + f"</{p}sst>", level=9)


def repeated_string_xlsx(cells=2000, length=20000):
    """One long shared string that many cells use: calamine copies it into each (40 MB)."""
    text = "".join(random.Random(1).choices("abcdefghijklmnopqrstuvwxyz0123456789", k=length))
    rows = "".join(row(n, [(f"A{n}", "<v>0</v>", "s")]) for n in range(1, cells + 1))
    return xlsx(sheet_xml(rows), shared_strings_xml([text]))


def largest_accepted_xlsx(header, rows=9999, columns=100):
    """What an import may still read: the header, then `rows` rows across `columns` columns
    (a block of a million cells), the header's columns taking ~30 MB of shared text."""
    letters = [_letters(n) for n in range(1, columns + 1)]
    strings = [*header, "".join(random.Random(2).choices("abcdefghij", k=400))]
    long_text = len(header)
    out = [row(1, [(f"{letters[i]}1", f"<v>{i}</v>", "s") for i in range(len(header))])]
    for number in range(2, rows + 2):
        cells = [(f"{letters[i]}{number}", f"<v>{long_text}</v>", "s") for i in range(len(header))]
        cells += [(f"{letters[i]}{number}", "<v>1</v>", None) for i in range(len(header), columns)]
        out.append(row(number, cells))
    return xlsx(sheet_xml("".join(out)), shared_strings_xml(strings))


def _letters(number):
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def blank_rows_csv(megabytes=4.9):
    """Rows of two empty cells: 2.6 million lists once read."""
    return b",\n" * int(megabytes * 1024 * 1024 // 2)


def commas_csv(megabytes=4.9):
    """One row of five million empty cells."""
    return b"," * int(megabytes * 1024 * 1024)


def short_cells_csv(megabytes=4.9):
    """Ten rows of short distinct cells: 1.7 million strings in the rows the header is sought in."""
    cells = (f"{i % 100:02d}" for i in range(int(megabytes * 1024 * 1024) // 3))
    text = ",".join(cells)
    step = len(text) // 10
    return "\n".join(text[i : i + step] for i in range(0, len(text), step)).encode()


def bomb_odt(gigabytes=1, declared=None):
    """An ODT of about a megabyte whose `mimetype` member inflates to `gigabytes` GiB; its
    headers say so, or say `declared` bytes."""
    block = b"\0" * (16 * 1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    # After a full flush deflate starts afresh, so one block's bytes can be repeated.
    segment = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = int(gigabytes * 1024 * 1024 * 1024) // len(block)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    raw = segment * count + compressor.flush(zlib.Z_FINISH)
    return zip_of_one("mimetype", raw, declared or count * len(block), crc)


def zip_of_one(name, raw, size, crc):
    """A zip with one deflated member `name` whose raw deflate stream is `raw`, and whose
    headers say it inflates to `size` bytes with checksum `crc` (true or not)."""
    encoded = name.encode()
    # version, flags, method (8: deflate), time and date, crc, sizes, name and extra lengths
    sizes = struct.pack("<HHHIIIIHH", 20, 0, 8, 0, crc, len(raw), size, len(encoded), 0)
    local = b"PK\x03\x04" + sizes + encoded
    # made-by version, then the same, then comment, disk, attributes and the header's offset
    central = b"PK\x01\x02" + struct.pack("<H", 20) + sizes + struct.pack("<HHHII", 0, 0, 0, 0, 0)
    end = b"PK\x05\x06" + struct.pack(
        "<HHHHIIH", 0, 0, 1, 1, len(central + encoded), len(local + raw), 0
    )
    return local + raw + central + encoded + end


_PROBE = """
import json, resource, sys
import django
django.setup()
from django.core.exceptions import ValidationError
from django.core.files import File
from core.files import validate_document
from core.spreadsheets import SpreadsheetError, read_table
from units.resources import UnitResource

reader, name, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
columns = UnitResource.columns()
idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
for path in paths:
    try:
        if reader == "table":
            with open(path, "rb") as source:
                data = source.read()
            message = "rows: %d" % len(read_table(data, columns))
            del data
        else:
            with open(path, "rb") as source:
                validate_document(File(source, name=name))
            message = "accepted"
    except SpreadsheetError as error:
        message = error.message
    except ValidationError as error:
        message = " ".join(error.messages)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"message": message, "rise_mb": (peak - idle) / 1024}), flush=True)
"""


def run_readers(files, reader="table", name="tep.odt", timeout=300):
    """[(message, MB the peak memory rose)] of `read_table` (reader "table") or the upload
    check (reader "document", each file named `name`) reading each of `files` (bytes) in
    turn, in one child process. The rise is the child's peak so far, so it only grows."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, data in enumerate(files):
            path = Path(folder) / f"{number}.bin"
            path.write_bytes(data)
            paths.append(str(path))
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings"}
        done = subprocess.run(
            [sys.executable, "-c", _PROBE, reader, name, *paths],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=timeout,
        )
    assert done.returncode == 0, (
        f"the reader's process died ({done.returncode}): {done.stderr[-3000:]}"
    )
    results = [json.loads(line) for line in done.stdout.strip().splitlines()]
    assert len(results) == len(files), done.stderr[-3000:]
    return [(result["message"], result["rise_mb"]) for result in results]


def run_reader(data, reader="table", name="tep.odt"):
    """(message, MB the peak memory rose) of reading one file; see `run_readers`."""
    return run_readers([data], reader, name)[0]
