"""The demo year's emulation work: registrations, pacts, score sheets with self-scores (one
grouping cross-checked to 100 %, the others not), inspections and exemplars below and above
section II's targets. Built through emulation.services, once: a second call changes nothing."""

import datetime
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from emulation import services
from emulation.enums import CollectiveTitle, NomineeKind, SpreadMethod
from emulation.models import (
    Inspection,
    InspectionPlan,
    Movement,
    Registration,
    ScoreSheetTemplate,
    TemplateCriterion,
)
from plan.enums import RequirementKind
from plan.models import Plan, Requirement
from units.enums import UnitKind
from units.models import Cluster, Unit, User

from .plan import PDF

SCORE_SHEET = [
    ("I. Thực hiện nhiệm vụ chính trị", "Hoàn thành các chỉ tiêu, nhiệm vụ được giao", 30,
     "Báo cáo tổng kết năm"),
    ("I. Thực hiện nhiệm vụ chính trị", "Đổi mới, sáng tạo trong quản lý, điều hành", 10,
     "Sáng kiến được công nhận"),
    ("II. Công tác thi đua, khen thưởng", "Ban hành kế hoạch, đăng ký và ký giao ước thi đua",
     15, "Kế hoạch, bản đăng ký"),
    ("II. Công tác thi đua, khen thưởng", "Xây dựng, nhân rộng điển hình tiên tiến", 15,
     "Danh sách điển hình"),
    ("III. Xây dựng tổ chức", "Chấp hành chế độ báo cáo đúng hạn", 10, "Văn bản gửi đúng hạn"),
    ("III. Xây dựng tổ chức", "Xây dựng tổ chức đảng, đoàn thể trong sạch vững mạnh", 20,
     "Kết quả đánh giá, xếp loại"),
]  # fmt: skip

# The grouping cross-checked to 100 % in the demo; the others stop part way.
FULLY_CHECKED = "Khối nội chính"
# The schools under Sở Giáo dục và Đào tạo that it inspects below the 30 % target.
SCHOOLS = [
    ("thpt-viet-bac", "Trường THPT Việt Bắc"),
    ("thpt-chu-van-an", "Trường THPT Chu Văn An"),
    ("thpt-dinh-lap", "Trường THPT Đình Lập"),
    ("thpt-loc-binh", "Trường THPT Lộc Bình"),
]
MOVEMENTS = [
    (5, "Thi đua ái quốc: kỷ niệm 65 năm ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái "
     "quốc (11/6/1948 - 11/6/2013)", (1, 1), (6, 11)),
    (15, "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau", (3, 1), (12, 31)),
    (16, "Xây dựng nông thôn mới", (3, 1), (12, 31)),
    (29, "Thi đua chuyên đề chào mừng Ngày Doanh nhân Việt Nam", (9, 1), (10, 13)),
]  # fmt: skip


def _pdf(name):
    return ContentFile(PDF, name=name)


def _moment(day, rng):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.randint(7, 16))))


def score_sheet_template():
    template, created = ScoreSheetTemplate.objects.get_or_create(name="Bảng chấm điểm cụm, khối")
    if created:
        TemplateCriterion.objects.bulk_create(
            TemplateCriterion(template=template, group=group, position=n, text=text,
                              max_points=points, evidence=evidence)
            for n, (group, text, points, evidence) in enumerate(SCORE_SHEET, start=1)
        )  # fmt: skip
    return template


def _registrations(year, officers, rng):
    plan = Plan.objects.get(year=year)
    requirement, _created = Requirement.objects.get_or_create(
        plan=plan,
        kind=RequirementKind.REGISTRATION,
        defaults={"title": f"Đăng ký thi đua năm {year}", "due_on": datetime.date(year, 3, 15)},
    )
    participating = Unit.objects.filter(is_participating=True).order_by("code")
    requirement.units.set(participating)
    for unit in participating:
        if rng.random() < 0.15:
            continue  # not registered
        day = datetime.date(year, 3, 15) - datetime.timedelta(days=rng.randint(-10, 30))
        # Entered by the office, as received on paper: only the office may back-date.
        services.register(
            unit, year, officers["staff"],
            targets={
                "collective_title": rng.choice(CollectiveTitle.values[:2]),
                "people_advanced": rng.randint(10, 80),
                "people_base_soldier": rng.randint(1, 8),
                "people_province_soldier": rng.randint(0, 2),
            },
            file=_pdf("dang-ky.pdf"), registered_at=_moment(day, rng),
        )  # fmt: skip


def _groupings(year, officers, rng, template):
    staff = officers["staff"]
    for cluster in Cluster.objects.filter(year=year).order_by("name"):
        sheet = services.copy_score_sheet(cluster, template, staff)
        criteria = list(sheet.criteria.order_by("position"))
        leader_officer = officers.get(cluster.leader_id) or staff
        checks = 1.0 if cluster.name == FULLY_CHECKED else 0.6
        for unit in cluster.members.order_by("code"):
            by = officers.get(unit.pk) or staff
            if rng.random() < 0.85:
                services.sign_pact(cluster, unit, by, signed_on=datetime.date(year, 3, 5),
                                   file=_pdf("giao-uoc.pdf"))  # fmt: skip
            for criterion in criteria:
                points = criterion.max_points - rng.randint(0, 4)
                score = services.score_criterion(criterion, unit, by, points=Decimal(points))
                if rng.random() < checks:
                    checked = max(Decimal(0), points - rng.randint(0, 2))
                    services.cross_check(
                        score, leader_officer, points=checked,
                        checked_at=_moment(datetime.date(year, 12, 20), rng),
                    )  # fmt: skip


def _inspections(year, staff, rng):
    province = InspectionPlan.objects.create(
        year=year, title=f"Kế hoạch kiểm tra công tác TĐKT năm {year} của tỉnh"
    )
    units = list(Unit.objects.filter(is_participating=True).order_by("code"))
    for unit in rng.sample(units, k=len(units) * 2 // 5):  # 40 %: above the 30 % target
        planned = datetime.date(year, rng.randint(6, 10), rng.randint(1, 28))
        Inspection.objects.create(plan=province, unit=unit, planned_on=planned,
                                  done_on=planned, findings="Thực hiện đúng quy định.")  # fmt: skip
    education = Unit.objects.get(code="so-gd-dt")
    schools = [
        Unit.objects.get_or_create(code=code, defaults={
            "name": name, "kind": UnitKind.AGENCY, "parent": education,
            "is_participating": False})[0]
        for code, name in SCHOOLS
    ]  # fmt: skip
    own = InspectionPlan.objects.create(
        year=year, inspector=education, title=f"Kế hoạch kiểm tra TĐKT năm {year} của ngành"
    )
    # One school in four: below the target.
    Inspection.objects.create(plan=own, unit=schools[0], planned_on=datetime.date(year, 11, 5),
                              done_on=datetime.date(year, 11, 5))  # fmt: skip


def _exemplars(year, officers, rng):
    for unit in Unit.objects.filter(is_participating=True).order_by("code"):
        by = officers.get(unit.pk) or officers["staff"]
        for n in range(rng.choice([0, 1, 2, 2, 3])):
            services.record_exemplar(
                unit, year, by, name=f"Điển hình {n + 1} của {unit.short_name or unit.name}",
                kind=rng.choice(NomineeKind.values), field="Cải cách hành chính",
                spread_by=rng.choice(SpreadMethod.values),
                spread_on=datetime.date(year, rng.randint(4, 11), 15),
            )  # fmt: skip


def _movements(year):
    plan = Plan.objects.get(year=year)
    for number, name, start, end in MOVEMENTS:
        movement = Movement.objects.create(
            year=year, name=name, task=plan.tasks.get(number=number),
            starts_on=datetime.date(year, *start), ends_on=datetime.date(year, *end),
        )  # fmt: skip
        movement.units.set(Unit.objects.filter(is_participating=True))


def create_demo_emulation(year):
    """Fill the year's emulation work once; False when it was there already."""
    if Registration.objects.filter(year=year).exists():
        return False
    rng = random.Random(year * 7)
    officers = {u.unit_id: u for u in User.objects.filter(groups__name="unit_officer")}
    officers["staff"] = User.objects.get(username="staff")
    _registrations(year, officers, rng)
    _groupings(year, officers, rng, score_sheet_template())
    _inspections(year, officers["staff"], rng)
    _exemplars(year, officers, rng)
    _movements(year)
    return True
