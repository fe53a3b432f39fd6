"""The workbooks in the office's document layout: what a reader sees, and that writing one
takes the same memory for 1,000 rows as for 10,000 (every list page's Excel download)."""

import datetime
import io
import tempfile
import tracemalloc

import openpyxl

from core.spreadsheets import Heading, write_official_xlsx

COLUMNS = [("TT", 6), ("Nội dung", 60), ("Đơn vị", 40), ("Hạn", 12), ("Trạng thái", 20)]


def generated_rows(count):
    """`count` rows of distinct text (so nothing is shared between them), a heading per 500."""
    for number in range(1, count + 1):
        if number % 500 == 1:
            yield Heading(f"NHÓM {number // 500 + 1}")
        yield [
            number,
            f"Nhiệm vụ số {number}: tổ chức phong trào thi đua " + "x" * (number % 80),
            f"Đơn vị số {number:06d}",
            datetime.date(2013, 1 + number % 12, 1 + number % 28),
            "Quá hạn",
        ]


def write(stream, rows, **options):
    return write_official_xlsx(
        stream,
        columns=COLUMNS,
        rows=rows,
        title="DANH SÁCH PHẦN VIỆC CỦA CÁC ĐƠN VỊ",
        subtitles=["Tính đến ngày 30/09/2013"],
        sheet_title="Phần việc",
        **options,
    )


def test_the_document_layout_reads_back_as_written():
    stream = io.BytesIO()
    rows = [
        [1, "=SUM(A1:A2)", "0123", datetime.datetime(2013, 3, 31, 17, 0), None],
        Heading("BẰNG KHEN"),
        [2, "- Gửi báo cáo", "+84 25", datetime.date(2013, 12, 31), "@x"],
    ]
    header_row = write(
        stream,
        rows,
        left_lines=["Số: 12/KH-UBND"],
        right_lines=["Lạng Sơn, ngày 01/10/2013"],
        sections={0: "QUÝ I"},
    )
    sheet = openpyxl.load_workbook(io.BytesIO(stream.getvalue())).active

    assert sheet.title == "Phần việc"
    assert [sheet.cell(row, 1).value for row in (1, 2, 3)] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LẠNG SƠN",
        "Số: 12/KH-UBND",
    ]
    assert [sheet.cell(row, 3).value for row in (1, 2, 3)] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lạng Sơn, ngày 01/10/2013",
    ]
    assert sheet["A5"].value == "DANH SÁCH PHẦN VIỆC CỦA CÁC ĐƠN VỊ" and sheet["A5"].font.b
    assert header_row == 8
    assert [cell.value for cell in sheet[header_row]] == [name for name, _width in COLUMNS]
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    # issuer and motto side by side, title and subtitle across, each heading across the table
    assert {"A1:B1", "C1:E1", "A5:E5", "A6:E6", "A9:E9", "A11:E11"} <= merged
    assert sheet["A9"].value == "QUÝ I" and sheet["A11"].value == "BẰNG KHEN"
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDE"}
    assert widths == {"A": 6, "B": 60, "C": 40, "D": 12, "E": 20}
    assert sheet.freeze_panes == f"A{header_row + 1}"
    assert sheet.print_title_rows == f"${header_row}:${header_row}"
    assert sheet.page_setup.orientation == "landscape"

    first, second = sheet[10], sheet[12]
    assert [cell.value for cell in first[1:3]] == ["=SUM(A1:A2)", "0123"]
    assert [cell.value for cell in second[1:3]] == ["- Gửi báo cáo", "+84 25"]
    assert {cell.data_type for cell in (*first[1:3], *second[1:3], second[4])} == {"s"}
    assert first[3].value == datetime.datetime(2013, 3, 31)  # the day, shown as a date
    assert first[3].number_format == second[3].number_format == "DD/MM/YYYY"
    assert first[0].number_format == "General" and first[0].value == 1
    assert all(cell.border.left.style == "thin" for cell in first)


def peak_memory_of_writing(count):
    tracemalloc.start()
    try:
        with tempfile.TemporaryFile() as stream:
            write(stream, generated_rows(count))
            size = stream.tell()
        return tracemalloc.get_traced_memory()[1], size
    finally:
        tracemalloc.stop()


def test_ten_times_the_rows_take_no_more_memory_to_write():
    small, small_file = peak_memory_of_writing(1_000)
    large, large_file = peak_memory_of_writing(10_000)
    assert large_file > 5 * small_file  # the rows were written
    # A workbook built in memory takes about ten times as much for ten times the rows.
    assert large < 1.5 * small, (small, large)


def test_official_xlsx_is_times_new_roman_with_totals_and_a_signature_block():
    import io

    from openpyxl import load_workbook

    from core.documents import date_line
    from core.spreadsheets import write_official_xlsx

    stream = io.BytesIO()
    write_official_xlsx(
        stream,
        columns=[("TT", 5), ("Tên", 30), ("Đơn vị", 30)],
        rows=[[1, "Một", "A"], [2, "Hai", "B"]],
        title="DANH SÁCH",
        issuer_lines=("SỞ NỘI VỤ TỈNH LẠNG SƠN", "BAN THI ĐUA - KHEN THƯỞNG"),
        right_lines=[date_line("Lạng Sơn", datetime.date(2026, 11, 30))],
        total_label="hồ sơ",
        signature=("TRƯỞNG BAN", "Vi Văn Đức"),
    )
    sheet = load_workbook(io.BytesIO(stream.getvalue())).active
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "Lạng Sơn, ngày 30 tháng 11 năm 2026" in values
    assert "BAN THI ĐUA - KHEN THƯỞNG" in values
    assert "Tổng cộng: 2 hồ sơ" in values
    assert values[-2:] == ["TRƯỞNG BAN", "Vi Văn Đức"]
    fonts = {c.font.name for row in sheet.iter_rows() for c in row if c.value is not None}
    assert fonts == {"Times New Roman"}
