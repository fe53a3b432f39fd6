"""The year's groupings and section II's targets as plain data (export_clusters' JSON) and
as an XLSX in the office's layout."""

from django.utils import timezone

from core.spreadsheets import Heading, write_official_xlsx

from . import selectors

KINDS = {"cluster": "cum", "block": "khoi"}
# Ban TĐKT, Sở Nội vụ keeps the groupings' list: its own header, not the province's.
OFFICE_LINES = ("SỞ NỘI VỤ TỈNH LẠNG SƠN", "BAN THI ĐUA - KHEN THƯỞNG")


def _number(value):
    return None if value is None else float(value)


def clusters_data(year, as_of=None):
    """{"clusters": [...], "targets": {...}}: the shape `export_clusters --format json` writes."""
    as_of = as_of or timezone.localdate()
    standings = selectors.grouping_standings(selectors.groupings_of_year(year), as_of)
    measures, coverage = selectors.section_two(year, as_of)
    exemplars = {m.key: m for m in measures}["exemplars"]
    return {
        "clusters": [
            {
                "name": s.cluster.name,
                "kind": KINDS[s.cluster.kind],
                "leader": s.cluster.leader.name,
                "members": [
                    {
                        "unit": m.unit.name,
                        "registered": m.registered,
                        "pact_signed": m.pact_signed,
                        "self_score": _number(m.self_score),
                        "checked_score": _number(m.checked_score),
                        "rank": m.rank,
                    }
                    for m in s.members
                ],
                "cross_checked_percent": _number(s.cross_checked_percent),
            }
            for s in standings
        ],
        "targets": {
            "inspections": [
                {
                    "level": str(c.level),
                    "units_under": c.units_under,
                    "inspected": c.inspected,
                    "percent": _number(c.percent),
                }
                for c in coverage
            ],
            "exemplars": {"units": exemplars.total, "units_with_two_or_more": exemplars.done},
        },
    }


def _yes(value):
    return "Có" if value else "Chưa"


def write_clusters_xlsx(year, stream, as_of=None):
    """Every grouping with its members' standing, one heading row per grouping."""
    as_of = as_of or timezone.localdate()
    data = clusters_data(year, as_of)

    def rows():
        for cluster in data["clusters"]:
            kind = "Cụm" if cluster["kind"] == "cum" else "Khối"
            yield Heading(
                f"{kind}: {cluster['name']} – trưởng: {cluster['leader']} – đã thẩm định "
                f"{cluster['cross_checked_percent']:g}%"
            )
            for member in cluster["members"]:
                yield [
                    member["rank"] or "",
                    member["unit"],
                    _yes(member["registered"]),
                    _yes(member["pact_signed"]),
                    member["self_score"] if member["self_score"] is not None else "",
                    member["checked_score"] if member["checked_score"] is not None else "",
                ]

    write_official_xlsx(
        stream,
        columns=[
            ("Hạng", 7),
            ("Đơn vị", 45),
            ("Đăng ký", 10),
            ("Giao ước", 10),
            ("Tự chấm", 10),
            ("Thẩm định", 10),
        ],
        rows=rows(),
        title=f"KẾT QUẢ THI ĐUA CỦA CÁC CỤM, KHỐI NĂM {year}",
        subtitles=[f"Tính đến ngày {as_of:%d/%m/%Y}"],
        sheet_title=f"Cụm, khối {year}",
        issuer_lines=OFFICE_LINES,
        right_lines=[f"Lạng Sơn, ngày {as_of:%d/%m/%Y}"],
    )
