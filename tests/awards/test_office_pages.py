"""The office's inbox (filters, pages, bulk moves), the council's list and opinion, the lookup."""

import datetime
import io
import re

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.enums import DossierState
from awards.models import AwardRecord, AwardType, Batch, Dossier
from core.models import ExportJob, ExportJobStatus

pytestmark = pytest.mark.django_db

S = DossierState


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_inbox_lists_the_latest_years_batches_and_still_takes_an_older_one(staff_client):
    # Ten more years of batches, two a year, as at a ministry after a decade.
    Batch.objects.bulk_create(
        Batch(year=year, number=number, name=f"Đợt {number} năm {year}", is_open=False)
        for year in range(2003, 2013)
        for number in (1, 2)
    )
    page = staff_client.get(reverse("awards:inbox")).content.decode()
    assert "Đợt 1 năm 2011" in page and "Đợt 2 năm 2012" in page
    assert "Đợt 2 năm 2010" not in page and "Đợt 1 năm 2003" not in page
    # An older batch named by a link is still a valid filter, shown as chosen.
    old = Batch.objects.get(year=2005, number=2)
    response = staff_client.get(reverse("awards:inbox"), {"batch": old.pk})
    assert response.context["filters"].cleaned_data["batch"] == old
    assert f'<option value="{old.pk}" selected>Đợt 2 năm 2005</option>' in response.content.decode()


def test_inbox_filters_by_state_and_keeps_them_in_links(staff_client, dossier_in, officer2):
    submitted = dossier_in(S.SUBMITTED)
    appraised = dossier_in(S.IN_APPRAISAL, by=officer2)
    draft = dossier_in(S.DRAFT)
    page = staff_client.get(reverse("awards:inbox")).content.decode()
    assert submitted.reference in page and appraised.reference in page
    assert draft.reference not in page  # a draft is still the unit's own

    response = staff_client.get(reverse("awards:inbox"), {"state": S.SUBMITTED})
    assert [d.reference for d in response.context["page"]] == [submitted.reference]
    response = staff_client.get(reverse("awards:inbox"), {"unit": officer2.unit.pk})
    assert [d.reference for d in response.context["page"]] == [appraised.reference]
    response = staff_client.get(reverse("awards:inbox"), {"q": submitted.full_name.upper()})
    assert [d.reference for d in response.context["page"]] == [submitted.reference]


def test_inbox_pages_keep_the_filters(staff_client, dossier_in):
    for _ in range(27):
        dossier_in(S.SUBMITTED, award_code="bang-khen-tinh")
    page = staff_client.get(reverse("awards:inbox"), {"state": S.SUBMITTED}).content.decode()
    assert "Trang 1/2" in page
    assert "?state=submitted&amp;trang=2" in page


def test_bulk_move_summarises_and_returns_to_the_filtered_inbox(staff_client, dossier_in):
    ready = [dossier_in(S.SUBMITTED), dossier_in(S.SUBMITTED)]
    too_early = dossier_in(S.DRAFT)
    next_url = reverse("awards:inbox") + "?state=submitted"
    response = staff_client.post(
        reverse("awards:inbox-move"),
        {
            "dossiers": [d.pk for d in [*ready, too_early]],
            "to_state": S.IN_APPRAISAL,
            "next": next_url,
        },
    )
    assert response.status_code == 302 and response["Location"] == next_url
    page = staff_client.get(next_url).content.decode()
    assert "Đã chuyển 2 hồ sơ sang “Đang thẩm định”" in page
    assert f"{too_early.reference} không chuyển được: Không thể chuyển hồ sơ" in page
    assert {d.state for d in Dossier.objects.filter(pk__in=[d.pk for d in ready])} == {
        S.IN_APPRAISAL
    }


def test_staff_record_the_decision_for_many_approved_at_once(staff_client, dossier_in):
    # Unit-level titles: the provincial ones go through the council's decision (below).
    chosen = [dossier_in(S.BEFORE_COUNCIL, award_code="giay-khen") for _ in range(3)]
    staff_client.post(
        reverse("awards:inbox-move"),
        {
            "dossiers": [d.pk for d in chosen],
            "to_state": S.APPROVED,
            "decision_number": "1024/QĐ-UBND",
            "decision_date": "20/05/2013",
        },
    )
    for dossier in Dossier.objects.filter(pk__in=[d.pk for d in chosen]):
        assert dossier.state == S.APPROVED
        assert dossier.decision_number == "1024/QĐ-UBND"
        assert dossier.decision_date == datetime.date(2013, 5, 20)


def test_provincial_dossiers_are_not_approved_in_bulk_outside_the_council(staff_client, dossier_in):
    chosen = [dossier_in(S.BEFORE_COUNCIL, award_code="bang-khen-tinh") for _ in range(2)]
    response = staff_client.post(
        reverse("awards:inbox-move"),
        {
            "dossiers": [d.pk for d in chosen],
            "to_state": S.APPROVED,
            "decision_number": "1024/QĐ-UBND",
            "decision_date": "20/05/2013",
        },
        follow=True,
    )
    assert "do Hội đồng Thi đua - Khen thưởng tỉnh xét" in response.content.decode()
    assert set(
        Dossier.objects.filter(pk__in=[d.pk for d in chosen]).values_list("state", flat=True)
    ) == {S.BEFORE_COUNCIL}


def test_bulk_return_without_a_reason_moves_nothing(staff_client, dossier_in):
    dossier = dossier_in(S.SUBMITTED)
    response = staff_client.post(
        reverse("awards:inbox-move"),
        {"dossiers": [dossier.pk], "to_state": S.RETURNED},
        follow=True,
    )
    assert "Cần ghi lý do" in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).state == S.SUBMITTED


def test_staff_return_a_dossier_with_a_reason(staff_client, dossier_in):
    dossier = dossier_in(S.IN_APPRAISAL)
    url = reverse("awards:move", args=[dossier.pk, S.RETURNED])
    assert "Lý do" in staff_client.get(url).content.decode()
    staff_client.post(url, {"comment": "Thiếu xác nhận của cơ quan"})
    dossier.refresh_from_db()
    assert dossier.state == S.RETURNED
    assert dossier.transitions.last().comment == "Thiếu xác nhận của cơ quan"


def test_council_member_records_the_opinion(client, council, dossier_in):
    dossier = dossier_in(S.BEFORE_COUNCIL)
    client.force_login(council)
    detail = client.get(reverse("awards:dossier", args=[dossier.pk])).content.decode()
    assert "Ghi ý kiến Hội đồng" in detail
    url = reverse("awards:move", args=[dossier.pk, S.BEFORE_COUNCIL])
    response = client.post(
        url, {"comment": "Thành tích tiêu biểu, thống nhất", "recommendation": "approve"}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == S.BEFORE_COUNCIL
    assert dossier.council_recommendation == "approve"
    last = dossier.transitions.last()
    assert (last.by, last.comment) == (council, "Thành tích tiêu biểu, thống nhất")


@pytest.mark.parametrize("query", ["nguyen van an", "NGUYỄN VĂN AN", "Nguyễn Văn  An", "van an"])
def test_lookup_finds_names_with_or_without_accents(client, officer, query):
    award = AwardType.objects.get(code="cstd-co-so")
    AwardRecord.objects.create(
        name="Nguyễn Văn An",
        year=2011,
        award_type=award,
        decision_number="12/QĐ-SGDĐT",
        unit=officer.unit,
    )
    AwardRecord.objects.create(
        name="Nguyễn Văn Bình", year=2011, award_type=award, unit=officer.unit
    )
    client.force_login(officer)
    page = client.get(reverse("awards:lookup"), {"q": query}).content.decode()
    assert "Nguyễn Văn An" in page
    assert "12/QĐ-SGDĐT" in page
    assert "Nguyễn Văn Bình" not in page


def test_lookup_tells_when_nothing_is_found(client, staff):
    client.force_login(staff)
    page = client.get(reverse("awards:lookup"), {"q": "Không Có Ai"}).content.decode()
    assert "Không tìm thấy khen thưởng nào" in page


def _records(count, start=0):
    award = AwardType.objects.get(code="bang-khen-tinh")
    AwardRecord.objects.bulk_create(
        AwardRecord(name=f"Hà Thị Lan {i}", name_key=f"ha thi lan {i}", year=2012, award_type=award)
        for i in range(start, start + count)
    )


def test_lookup_queries_do_not_grow_with_records(client, staff, django_assert_max_num_queries):
    client.force_login(staff)
    _records(3)
    with django_assert_max_num_queries(10) as small:
        client.get(reverse("awards:lookup"), {"q": "ha thi lan"})
    _records(60, start=3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("awards:lookup"), {"q": "ha thi lan"}).content.decode()
    # All 63 are found, a page of 25 at a time.
    assert "63 khen thưởng" in page
    assert page.count("Hà Thị Lan") == 25
    last = client.get(reverse("awards:lookup"), {"q": "ha thi lan", "trang": 3}).content.decode()
    assert last.count("Hà Thị Lan") == 13


def test_lookup_reads_the_name_index_only_as_far_as_a_person_reads(client, staff):
    # Each query over the word-start index stops after a fixed number of rows, so a common
    # name ("nguyen van") costs the same whatever the length of the history.
    client.force_login(staff)
    _records(5)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("awards:lookup"), {"q": "ha thi lan"}).content.decode()
    assert "5 khen thưởng" in page
    reads = [q["sql"] for q in queries.captured_queries if "awardnamestart" in q["sql"]]
    assert reads
    # The rows of the index are read in a query or a subquery of their own, with its own
    # LIMIT (selectors.look_up_awards reads the few ids first, then the records by them).
    inner = re.compile(r"\(SELECT [^()]*awardnamestart[^()]*LIMIT \d+\)", re.S)
    alone = re.compile(r"SELECT [^()]*awardnamestart[^()]*LIMIT \d+", re.S)
    assert all(inner.search(sql) or alone.fullmatch(sql) for sql in reads), reads


def test_inbox_queries_do_not_grow_with_dossiers(
    client, staff, officer2, dossier_in, django_assert_max_num_queries
):
    dossier_in(S.SUBMITTED)
    client.force_login(staff)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("awards:inbox"))
    for _ in range(6):
        dossier_in(S.SUBMITTED, award_code="bang-khen-tinh")
        dossier_in(S.FORWARDED, by=officer2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("awards:inbox"))
    assert response.context["page"].paginator.count == 13


def test_council_list_queries_do_not_grow(
    client, council, dossier_in, django_assert_max_num_queries
):
    dossier_in(S.BEFORE_COUNCIL)
    client.force_login(council)
    with django_assert_max_num_queries(10) as small:
        client.get(reverse("awards:council"))
    for _ in range(5):
        dossier_in(S.REFUSED, award_code="bang-khen-tinh")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("awards:council"))
    assert response.context["page"].paginator.count == 6


def test_a_years_dossiers_past_the_size_are_exported_by_a_background_job(
    client, staff, dossier_in, settings
):
    settings.EXPORT_BACKGROUND_ROWS = 2
    references = sorted(dossier_in(S.SUBMITTED).reference for _ in range(3))
    client.force_login(staff)
    response = client.get(reverse("awards:inbox"), {"year": 2013, "xuat": "xlsx"})
    job = ExportJob.objects.get(requested_by=staff)
    assert response["Location"] == job.get_absolute_url()
    assert (job.status, job.rows_total) == (ExportJobStatus.DONE, 3)
    download = client.get(reverse("export-job-file", args=[job.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    listed = [row[1] for row in sheet.iter_rows(values_only=True) if str(row[1]).startswith("HS-")]
    assert sorted(listed) == references


def test_the_dossier_page_reads_its_rule_sets_requirements_once(
    client, staff, dossier_in, django_assert_max_num_queries
):
    """The checklist of documents, the warnings and the list of conditions all come from the
    rule set's requirements for the dossier: one read for the page, not one for each."""
    dossier = dossier_in(S.SUBMITTED)
    client.force_login(staff)
    with django_assert_max_num_queries(30) as page:
        response = client.get(reverse("awards:dossier", args=[dossier.pk]))
    assert response.status_code == 200
    assert response.context["requirements"]
    reads = [q["sql"] for q in page.captured_queries if 'FROM "awards_requirement"' in q["sql"]]
    assert len(reads) == 1, reads
