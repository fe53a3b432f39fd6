"""The text part of the roll-over: which years move on, which stay, and that each is listed."""

import datetime

import pytest

from plan.yearshift import (
    KEPT_CITATION,
    KEPT_LAW,
    KEPT_LEGAL_BASIS,
    KEPT_RANGE,
    move_years,
    review_legal_bases,
    shift_date,
)


def moved(text, from_year=2013, to_year=2014):
    return move_years(text, from_year, to_year)[0]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Phát động phong trào thi đua năm 2013.", "Phát động phong trào thi đua năm 2014."),
        # Last year's results and next year's work move with the working year.
        (
            "Tổng kết công tác TĐKT năm 2012, triển khai nhiệm vụ công tác năm 2013",
            "Tổng kết công tác TĐKT năm 2013, triển khai nhiệm vụ công tác năm 2014",
        ),
        ("triển khai nhiệm vụ công tác năm 2014.", "triển khai nhiệm vụ công tác năm 2015."),
        ("nhân dịp đầu xuân 2013.", "nhân dịp đầu xuân 2014."),
        # School years, however the dash is written.
        ("năm học 2012-2013.", "năm học 2013-2014."),
        ("năm học 2012 - 2013", "năm học 2013 - 2014"),
        ("năm học 2012 – 2013 của ngành", "năm học 2013 – 2014 của ngành"),
        ("2012 - 2013", "2013 - 2014"),
        ("năm học 2013-2014", "năm học 2014-2015"),
        # Dates keep their written form.
        ("trước ngày 25/02/2013  để theo dõi", "trước ngày 25/02/2014  để theo dõi"),
        ("ngày 5/3/2013", "ngày 5/3/2014"),
        ("từ 01/01/2013 - 31/12/2013", "từ 01/01/2014 - 31/12/2014"),
        ("tháng 6/2013", "tháng 6/2014"),
        ("quý I/2013", "quý I/2014"),
    ],
)
def test_years_of_the_working_year_move_on(before, after):
    assert moved(before) == after


@pytest.mark.parametrize(
    "text",
    [
        "Luật Thi đua, Khen thưởng năm 2003",
        "Luật Thi đua, Khen thưởng ngày 26/11/2003 và các văn bản hướng dẫn",
        "Nghị định 42/2010/NĐ-CP",
        "theo Nghị định số 39/2012/NĐ-CP của Chính phủ",
        "Nghị quyết số 86/2012/NQ-HĐND ngày 11/12/2012",
        "Quyết định số 123/QĐ-UBND ngày 05/01/2013",
        "giai đoạn 2011 - 2015",
        "Giai đoạn 2012-2013",
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 24 tháng 01 năm 2013 của UBND tỉnh",
        "giai đoạn 2011-2015",
        "giai đoạn 2010 - 2020",
        "kỷ niệm 65 năm (11/6/1948-11/6/2013)",
        "kỷ niệm 65 năm (11/6/1948 - 11/6/2013)",
        "cụm 7 tỉnh biên giới phía bắc",
        "năm 2009",
    ],
)
def test_citations_laws_periods_and_anniversaries_stay_as_written(text):
    assert moved(text) == text


def test_every_change_is_listed_with_where_it_is():
    text = "Tổng kết năm 2012 và năm học 2012-2013; hạn 25/02/2013."
    new, changes = move_years(text, 2013, 2014)
    assert new == "Tổng kết năm 2013 và năm học 2013-2014; hạn 25/02/2014."
    assert [(c.found, c.replaced) for c in changes] == [
        ("2012", "2013"),
        ("2012-2013", "2013-2014"),
        ("25/02/2013", "25/02/2014"),
    ]
    assert all(c.moved and not c.note for c in changes)
    assert changes[1].context == "Tổng kết năm 2012 và năm học [2012-2013]; hạn 25/02/2013."


def test_what_is_kept_but_names_the_working_year_is_listed_for_review():
    text = (
        "Quyết định số 123/QĐ-UBND ngày 05/01/2013; Luật sửa đổi năm 2013; "
        "kỷ niệm (11/6/1948-11/6/2013); Luật Thi đua, Khen thưởng năm 2003; giai đoạn 2011-2015"
    )
    new, changes = move_years(text, 2013, 2014)
    assert new == text
    assert [(c.found, c.note) for c in changes] == [
        ("123/QĐ-UBND ngày 05/01/2013", KEPT_CITATION),
        ("Luật sửa đổi năm 2013", KEPT_LAW),
        ("11/6/1948-11/6/2013", KEPT_RANGE),
    ]
    assert not any(c.moved for c in changes)


def test_the_legal_bases_are_kept_and_those_citing_last_year_are_listed():
    lines = [
        "Căn cứ Luật Thi đua, Khen thưởng ngày 26/11/2003;",
        "Căn cứ Nghị quyết số 86/2012/NQ-HĐND ngày 11/12/2012 về mục tiêu, nhiệm vụ kế hoạch "
        "năm 2013;",
        "Thực hiện Chỉ thị số 08/CT-UBND ngày 09/9/2011 giai đoạn 2011 - 2015,",
    ]
    review = review_legal_bases(lines, 2013, 2014)
    assert [(c.found, c.replaced, c.note) for c in review] == [
        (lines[1], lines[1], KEPT_LEGAL_BASIS)
    ]


def test_rolling_over_two_years_moves_by_two():
    assert moved("năm học 2012-2013, năm 2013", 2013, 2015) == "năm học 2014-2015, năm 2015"


def test_a_29th_of_february_becomes_the_28th():
    assert moved("ngày 29/02/2012", 2012, 2013) == "ngày 28/02/2013"
    assert shift_date(datetime.date(2012, 2, 29), 1) == datetime.date(2013, 2, 28)
    assert shift_date(datetime.date(2013, 3, 31), 1) == datetime.date(2014, 3, 31)


def test_text_without_years_is_unchanged_and_lists_nothing():
    assert move_years("Họp Hội đồng TĐKT tỉnh.", 2013, 2014) == ("Họp Hội đồng TĐKT tỉnh.", [])
