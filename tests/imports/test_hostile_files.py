"""Files made to exhaust the server: each is refused with a clear message, and reading it (or
the largest file still accepted) keeps the process under 300 MB above its idle peak.

Each file is read in a child process (tests/hostile_files.py): calamine aborts the whole
process when an allocation fails, which no `except` catches, and its memory is Rust's, which
tracemalloc does not see, so the child's peak resident size (ru_maxrss) is what is measured.
"""

import io
import zipfile

import pytest

from core.spreadsheets import SpreadsheetError, read_table
from tests import hostile_files as hostile
from tests.imports.conftest import UNIT_HEADER, unit_row
from units.resources import UnitResource

# The stated bound: what reading any one upload or import may add to a worker's memory.
PEAK_MB = 300


def refused(data, expected):
    message, rise = hostile.run_reader(data)
    assert expected in message
    assert rise < PEAK_MB, f"{rise:.0f} MB above idle"
    return rise


def test_cells_at_a1_and_xfd100000_are_refused_not_a_crash():
    # calamine would build a 100,000 × 16,384 block: 52 GB, and abort the process.
    refused(hostile.far_cell_xlsx(), "Trang tính quá lớn")


def test_two_billion_declared_shared_strings_are_refused():
    refused(hostile.declared_strings_xlsx(), "Trang tính quá lớn")


def test_shared_strings_that_inflate_far_beyond_the_file_are_refused():
    data = hostile.inflating_strings_xlsx()
    assert len(data) < 1024 * 1024  # a small upload...
    refused(data, "quá lớn khi giải nén")  # ...whose strings inflate to 128 MB


def test_more_shared_strings_than_an_import_may_hold_are_refused():
    refused(hostile.many_strings_xlsx(), "quá nhiều chữ")


def test_counts_and_strings_written_in_other_forms_are_refused_too():
    files = [
        hostile.declared_strings_xlsx(declared="+2000000000"),  # Rust reads the "+"
        hostile.declared_strings_xlsx(declared=" 2000000000 "),
        hostile.many_strings_xlsx(prefix="x:"),
    ]
    messages = [message for message, _rise in hostile.run_readers(files)]
    assert "Trang tính quá lớn" in messages[0] and "Trang tính quá lớn" in messages[1]
    assert "quá nhiều chữ" in messages[2]


def test_one_long_string_used_by_many_cells_is_refused():
    # 2,000 cells × the same 20,000 characters: 40 MB once calamine copies it into each.
    data = hostile.repeated_string_xlsx()
    assert len(data) < 100 * 1024
    refused(data, "quá nhiều chữ")


def test_the_largest_file_an_import_accepts_stays_under_the_bound():
    message, rise = hostile.run_reader(hostile.largest_accepted_xlsx(UNIT_HEADER))
    # Read whole: the rows reached the import's own checks (a million cells, 30 MB of text).
    assert message == "rows: 9999"
    assert rise < PEAK_MB, f"{rise:.0f} MB above idle"


@pytest.mark.parametrize(
    "build",
    [hostile.blank_rows_csv, hostile.commas_csv, hostile.short_cells_csv],
    ids=["blank-rows", "one-row-of-commas", "short-cells"],
)
def test_csv_files_of_the_largest_size_stay_under_the_bound(build):
    data = build()
    message, rise = hostile.run_reader(data)
    assert any(
        refusal in message for refusal in ("Không tìm thấy dòng tiêu đề", "trống", "CSV bị hỏng")
    )
    assert rise < PEAK_MB, f"{rise:.0f} MB above idle"


# Cells written in every way calamine reads, each placed at XFD100000: none slips past.
FAR = "XFD100000"
OTHER_FORMS = {
    "prefixed": '<x:row xmlns:x="{ns}" r="1"><x:c r="A1"><x:v>1</x:v></x:c>'
    '<x:c r="' + FAR + '"><x:v>2</x:v></x:c></x:row>',
    "single-quotes": "<row r='1'><c r='A1'><v>1</v></c><c r='" + FAR + "'><v>2</v></c></row>",
    "r-not-first": '<row r="1"><c r="A1"><v>1</v></c><c s="0" r="' + FAR + '"><v>2</v></c></row>',
    "greater-than-in-a-value": '<row r="1"><c r="A1"><v>1</v></c><c a=">" r="'
    + FAR
    + '"><v>2</v></c></row>',
    "lower-case": '<row r="1"><c r="A1"><v>1</v></c><c r="xfd100000"><v>2</v></c></row>',
    "spaces-around-equals": '<row r="1"><c r="A1"><v>1</v></c><c r = "'
    + FAR
    + '"><v>2</v></c></row>',
    "newline-before-r": '<row r="1"><c r="A1"><v>1</v></c><c\nr="' + FAR + '"><v>2</v></c></row>',
    "leading-zeros": '<row r="1"><c r="A1"><v>1</v></c><c r="XFD0100000"><v>2</v></c></row>',
    "no-r-many-columns": '<row r="1">' + "<c><v>1</v></c>" * 20000 + "</row>"
    '<row r="100"><c><v>1</v></c></row>',
    "no-r-after-a-far-row": '<row r="1"><c r="A1"><v>1</v></c></row><row r="99999"/>'
    "<row><c><v>1</v></c>" + "<c><v>1</v></c>" * 20 + "</row>",
    "empty-cell-elements": '<row r="1"><c r="A1"><v>1</v></c><c r="'
    + FAR
    + '" t="inlineStr"><is/></c></row>',
}


def test_a_far_cell_written_in_any_form_calamine_reads_is_refused():
    files = [
        hostile.xlsx(hostile.sheet_xml(cells.replace("{ns}", hostile.MAIN)))
        for cells in OTHER_FORMS.values()
    ]
    results = hostile.run_readers(files)
    for name, (message, _rise) in zip(OTHER_FORMS, results, strict=True):
        assert "Trang tính quá lớn" in message, name


def test_a_duplicated_r_is_refused_whichever_calamine_would_take():
    # calamine takes the last of two `r`: a file must not show one and use the other.
    cells = f'<row r="1"><c r="A1"><v>1</v></c><c r="B1" r="{FAR}"><v>2</v></c></row>'
    [(message, _rise)] = hostile.run_readers([hostile.xlsx(hostile.sheet_xml(cells))])
    assert "bị hỏng" in message or "Trang tính quá lớn" in message


def test_a_declared_dimension_is_not_trusted_either_way():
    # The sheet says A1:XFD1048576 but holds a header and one row: it is read normally.
    cells = "".join(
        hostile.row(
            n,
            [
                (f"{chr(65 + i)}{n}", f"<is><t>{v}</t></is>", "inlineStr")
                for i, v in enumerate(values)
                if v
            ],
        )
        for n, values in enumerate([UNIT_HEADER, unit_row("so-moi", "Sở Mới")], start=1)
    )
    data = hostile.xlsx(hostile.sheet_xml(cells, dimension="A1:XFD1048576"))
    dataset = read_table(data, UnitResource.columns())
    assert dataset["Mã đơn vị"] == ["so-moi"]


def _good_xlsx():
    cells = hostile.row(1, [("A1", "<is><t>Mã đơn vị</t></is>", "inlineStr")])
    return hostile.xlsx(hostile.sheet_xml(cells))


@pytest.mark.parametrize(
    "change",
    [
        lambda data: b"PK\x03\x04" + b"\0" * 64 + data,  # bytes before the first member
        lambda data: data[:-2] + (22).to_bytes(2, "little") + data[-22:],  # a second end record
    ],
    ids=["bytes-before", "second-end-record"],
)
def test_a_zip_other_readers_could_read_differently_is_refused(change):
    # zipfile and calamine's reader could then see two different sets of members: the one
    # checked would not be the one read.
    data = change(_good_xlsx())
    with pytest.raises(SpreadsheetError, match="bị hỏng"):
        read_table(data, UnitResource.columns())


def _in_central_directory(data, offset, value):
    """`data` with the 2-byte field at `offset` of every central directory entry set."""
    out = bytearray(data)
    start = out.find(b"PK\x01\x02")
    while start != -1:
        out[start + offset : start + offset + 2] = value.to_bytes(2, "little")
        start = out.find(b"PK\x01\x02", start + 4)
    return bytes(out)


@pytest.mark.parametrize(
    "offset, value",
    # Found by tests/fuzz_readers.py: zipfile raised NotImplementedError ("zip file version
    # 6.4") and the import crashed. A compression zipfile does not know fails the same way.
    [(6, 64), (10, 99)],
    ids=["needs-zip-version-6.4", "unknown-compression"],
)
def test_a_zip_asking_for_what_no_reader_here_knows_is_called_damaged(offset, value):
    data = _in_central_directory(_good_xlsx(), offset, value)
    with pytest.raises(SpreadsheetError, match="bị hỏng"):
        read_table(data, UnitResource.columns())


def test_a_member_with_no_name_is_called_damaged():
    # Found by tests/fuzz_readers.py (seed 5): zipfile's is_dir() raised IndexError on it.
    stream = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_good_xlsx())) as good, zipfile.ZipFile(stream, "w") as out:
        for info in good.infolist():
            out.writestr(info, good.read(info))
        out.writestr(zipfile.ZipInfo(""), b"x")
    with pytest.raises(SpreadsheetError, match="bị hỏng"):
        read_table(stream.getvalue(), UnitResource.columns())
