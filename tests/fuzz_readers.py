"""Property-based check of the readers, run in a child process by tests/imports/test_fuzz.py
(calamine aborts the process on a failed allocation, which the parent must see as a failure,
not as its own death).

Hypothesis builds XLSX files cell by cell (references anywhere up to XFD1048576, written in
every form calamine reads, shared strings with declared and real counts), CSV text and ODT
zips, then mutates their bytes. Every file must give a Dataset or a SpreadsheetError
(ValidationError for documents) with a message, within a few seconds; the child prints its
peak memory above idle when done.
"""

import io
import json
import resource
import sys
import time
import zipfile

import django

django.setup()

from django.core.exceptions import ValidationError  # noqa: E402
from django.core.files import File  # noqa: E402
from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from core.files import validate_document  # noqa: E402
from core.spreadsheets import SpreadsheetError, read_table  # noqa: E402
from tests import hostile_files as hostile  # noqa: E402
from units.resources import UnitResource  # noqa: E402

COLUMNS = UnitResource.columns()
SECONDS = 10  # the most one file may take, whatever it holds
EXAMPLES = int(sys.argv[1]) if len(sys.argv) > 1 else 150
# The parent picks the seed and names it when a file fails, so the failure can be replayed:
# `python -m tests.fuzz_readers <examples> <seed>`.
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 0


def checked(test):
    return seed(SEED)(
        settings(
            max_examples=EXAMPLES,
            deadline=None,  # measured below, against SECONDS, so a slow file fails with its time
            suppress_health_check=list(HealthCheck),
            database=None,
        )(test)
    )


def letters(number):
    return hostile._letters(number)


@st.composite
def cells(draw):
    row = draw(st.one_of(st.integers(1, 30), st.integers(1, 1_048_576)))
    col = draw(st.one_of(st.integers(1, 12), st.integers(1, 16_384)))
    reference = f"{letters(col)}{row}"
    form = draw(st.sampled_from(["plain", "lower", "single", "none", "late", "spaced", "zeros"]))
    value = draw(
        st.sampled_from(
            ["<v>1</v>", "<v>0</v>", "<is><t>x</t></is>", "", "<v>7</v>", "<f>1+1</f><v>2</v>"]
        )
    )
    kind = draw(st.sampled_from(["", ' t="s"', ' t="inlineStr"', ' t="str"']))
    attribute = {
        "plain": f'r="{reference}"{kind}',
        "lower": f'r="{reference.lower()}"{kind}',
        "single": f"r='{reference}'{kind.replace(chr(34), chr(39))}",
        "none": kind.strip(),
        "late": f's="0"{kind} r="{reference}"',
        "spaced": f'r = "{reference}"{kind}',
        "zeros": f'r="{letters(col)}000{row}"{kind}',
    }[form]
    if draw(st.booleans()) and not value:
        return f"<c {attribute}/>"
    return f"<c {attribute}>{value}</c>"


@st.composite
def xlsx_files(draw):
    rows = draw(st.lists(st.lists(cells(), max_size=6), max_size=8))
    numbered = draw(st.booleans())
    sheet = "".join(
        (f'<row r="{n}">' if numbered else "<row>") + "".join(row) + "</row>"
        for n, row in enumerate(rows, start=1)
    )
    dimension = draw(st.one_of(st.none(), st.sampled_from(["A1", "A1:XFD1048576", "B2:C3"])))
    shared = None
    if draw(st.booleans()):
        strings = draw(st.lists(st.text("abcxyzĐơ", max_size=30), max_size=5))
        declared = draw(st.one_of(st.none(), st.integers(0, 3_000_000_000)))
        shared = hostile.shared_strings_xml(strings, declared=declared)
    data = hostile.xlsx(hostile.sheet_xml(sheet, dimension), shared)
    return draw(mutated(data))


@st.composite
def mutated(draw, data):
    """`data`, or with a few bytes changed, cut short, or a run of bytes repeated."""
    how = draw(st.sampled_from(["none", "flip", "truncate", "repeat"]))
    if how == "none" or not data:
        return data
    position = draw(st.integers(0, len(data) - 1))
    if how == "flip":
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            out[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(out)
    if how == "truncate":
        return data[:position]
    length = draw(st.integers(1, 64))
    return (
        data[:position]
        + data[position : position + length] * draw(st.integers(2, 200))
        + data[position:]
    )


@st.composite
def csv_files(draw):
    header = ",".join(draw(st.permutations(["Mã đơn vị", "Tên đầy đủ", "Loại đơn vị", "x"])))
    body = draw(st.text(alphabet=st.sampled_from(list("ab,;\t\"\n\r ='Đ")), max_size=400))
    text = draw(st.sampled_from(["", "\ufeff"])) + header + "\n" + body
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1258"]))
    return draw(mutated(text.encode(encoding, "replace")))


@st.composite
def odt_files(draw):
    mimetype = draw(
        st.one_of(
            st.just(b"application/vnd.oasis.opendocument.text"),
            st.binary(max_size=200),
        )
    )
    stream = io.BytesIO()
    method = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
    with zipfile.ZipFile(stream, "w", method) as archive:
        archive.writestr("mimetype", mimetype)
        if draw(st.booleans()):
            archive.writestr("content.xml", "<office:document-content/>" * draw(st.integers(0, 50)))
    return draw(mutated(stream.getvalue()))


def timed(read, data):
    started = time.perf_counter()
    read(data)
    seconds = time.perf_counter() - started
    assert seconds < SECONDS, f"{seconds:.1f} s for {data[:200]!r}"


def read_spreadsheet(data):
    try:
        dataset = read_table(data, COLUMNS)
    except SpreadsheetError as error:
        assert error.message.strip()
    else:
        assert len(dataset) >= 1


def read_document(data):
    try:
        validate_document(File(io.BytesIO(data), name="tep.odt"))
    except ValidationError as error:
        assert error.messages


@checked
@given(xlsx_files())
def test_xlsx(data):
    timed(read_spreadsheet, data)


@checked
@given(csv_files())
def test_csv(data):
    timed(read_spreadsheet, data)


@checked
@given(odt_files())
def test_odt(data):
    timed(read_document, data)


if __name__ == "__main__":
    idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    test_xlsx()
    test_csv()
    test_odt()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"rise_mb": (peak - idle) / 1024}))
