"""Demo dossiers for `make run`: about sixty, from a dozen units, in every state, with history.

Built only through the services, so the demo goes through the same rules as a user would;
the tests use `new_dossier` and `advance` to put a dossier in any state.
"""

import datetime
import itertools

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from awards import services
from awards.catalogue import load_catalogue
from awards.enums import NAMED_NOMINEES, CouncilRecommendation, DossierState, NomineeKind, Sex
from awards.models import (
    AwardRecord,
    AwardType,
    Batch,
    Category,
    Dossier,
    DossierDocument,
    DossierTransition,
    Initiative,
)
from core.models import Notice
from core.names import search_key
from council.selectors import goes_to_council
from units.enums import Role
from units.models import Unit, User

from .ballots import approve_through_council

S = DossierState
YEAR = 2013
DEMO_PDF = b"%PDF-1.4\n% Tai lieu mau\n%%EOF\n"

# The moves that lead from a new draft to each state (RESUBMITTED: returned, then sent again).
RESUBMITTED = "resubmitted"
ROUTES = {
    S.DRAFT: [],
    S.SUBMITTED: [S.SUBMITTED],
    S.IN_APPRAISAL: [S.SUBMITTED, S.IN_APPRAISAL],
    S.RETURNED: [S.SUBMITTED, S.IN_APPRAISAL, S.RETURNED],
    RESUBMITTED: [S.SUBMITTED, S.IN_APPRAISAL, S.RETURNED, S.SUBMITTED],
    S.BEFORE_COUNCIL: [S.SUBMITTED, S.IN_APPRAISAL, S.BEFORE_COUNCIL],
    S.APPROVED: [S.SUBMITTED, S.IN_APPRAISAL, S.BEFORE_COUNCIL, S.APPROVED],
    S.REFUSED: [S.SUBMITTED, S.IN_APPRAISAL, S.BEFORE_COUNCIL, S.REFUSED],
    S.FORWARDED: [S.SUBMITTED, S.IN_APPRAISAL, S.BEFORE_COUNCIL, S.APPROVED, S.FORWARDED],
    S.CENTRAL_APPROVED: [
        *[S.SUBMITTED, S.IN_APPRAISAL, S.BEFORE_COUNCIL, S.APPROVED, S.FORWARDED],
        S.CENTRAL_APPROVED,
    ],
    S.CENTRAL_REFUSED: [
        *[S.SUBMITTED, S.IN_APPRAISAL, S.BEFORE_COUNCIL, S.APPROVED, S.FORWARDED],
        S.CENTRAL_REFUSED,
    ],
    S.WITHDRAWN: [S.SUBMITTED, S.WITHDRAWN],
}
STATE_LEVEL_ROUTES = {S.FORWARDED, S.CENTRAL_APPROVED, S.CENTRAL_REFUSED}

COMMENTS = {
    S.RETURNED: "Đề nghị bổ sung biên bản họp Hội đồng TĐKT cơ sở có đủ chữ ký.",
    S.REFUSED: "Thành tích chưa tiêu biểu so với tiêu chuẩn của hình thức đề nghị.",
    S.CENTRAL_REFUSED: "Hội đồng TĐKT Trung ương không thống nhất đề nghị.",
    S.WITHDRAWN: "Đơn vị rút hồ sơ để hoàn thiện, đề nghị lại vào năm sau.",
}


def demo_file(name):
    """A tiny real PDF (it passes core.files' content check)."""
    return ContentFile(DEMO_PDF, name=name)


def attach_required_documents(dossier, by):
    for kind in dossier.award_type.required_documents:
        services.attach_document(dossier, by, kind, demo_file(f"{kind}.pdf"))


def advance(dossier, target, *, officer, staff, council, number=1):
    """Move a draft along ROUTES[target] through the services, as the people would. A
    dossier the provincial council decides on is approved the one way the province does it:
    a ballot of its own and the chairman's decision (demo.ballots).

    Each move is dated in the plan's year as soon as it is made, a week after the one
    before (a decision's move on its decision's day), so a decision date is checked against
    a 2013 history, as it would have been then (issue 13, point 5).
    """
    route = ROUTES[target]
    clock = _demo_start(number)
    back_date_new_moves(dossier, clock)  # the draft itself
    if S.APPROVED in route and goes_to_council(dossier.award_type):
        at = route.index(S.APPROVED)
        clock = _moves(
            dossier, route[:at], clock, officer=officer, staff=staff, council=council, number=number
        )
        clock = _approve_through_council(
            [dossier], council, staff, number=f"{100 + number}/QĐ-UBND", clock=clock
        )
        route = route[at + 1 :]
    _moves(dossier, route, clock, officer=officer, staff=staff, council=council, number=number)
    return dossier


APPROVAL_DATE = datetime.date(YEAR, 4, 15)


def _approve_through_council(dossiers, council, staff, *, number, clock):
    """The council's opinion, its ballot and the chairman's decision of APPROVAL_DATE, each
    dated in the plan's year; returns the clock after the decision."""
    for dossier in dossiers:
        record_council_opinion(dossier, council, CouncilRecommendation.APPROVE)
        back_date_new_moves(dossier, clock + STEP)
    approve_through_council(dossiers, staff, number=number, date=APPROVAL_DATE)
    clock = max(clock + 2 * STEP, at_nine(APPROVAL_DATE))
    for dossier in dossiers:
        back_date_new_moves(dossier, clock)
    return clock


def _moves(dossier, route, clock, *, officer, staff, council, number):
    """Make the moves of `route` from `clock` on, each dated a week after the one before;
    returns the clock after the last."""
    for to_state in route:
        by = officer if to_state in (S.SUBMITTED, S.WITHDRAWN) else staff
        decision = {}
        if to_state == S.APPROVED:
            clock += STEP
            record_council_opinion(dossier, council, CouncilRecommendation.APPROVE)
            back_date_new_moves(dossier, clock)
            decision = {
                "decision_number": f"{100 + number}/QĐ-UBND",
                "decision_date": APPROVAL_DATE,
            }
        elif to_state == S.REFUSED:
            clock += STEP
            record_council_opinion(dossier, council, CouncilRecommendation.REFUSE)
            back_date_new_moves(dossier, clock)
        elif to_state == S.CENTRAL_APPROVED:
            decision = {
                "central_decision_number": f"{1200 + number}/QĐ-TTg",
                "central_decision_date": datetime.date(YEAR, 10, 8),
            }
        services.move_dossier(dossier, to_state, by, COMMENTS.get(to_state, ""), **decision)
        clock += STEP
        for day in (decision.get("decision_date"), decision.get("central_decision_date")):
            if day:
                clock = max(clock, at_nine(day))
        back_date_new_moves(dossier, clock)
    return clock


STEP = datetime.timedelta(days=7)


def at_nine(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def _demo_start(number):
    """When demo dossier `number` was drafted: early in the plan's year, spread out."""
    return timezone.make_aware(datetime.datetime(YEAR, 1, 7, 8, 0)) + datetime.timedelta(
        days=number % 30, minutes=number
    )


def back_date_new_moves(dossier, when):
    """Date at `when` what the services just wrote for the dossier with today's time: its
    moves, its audit rows, its documents, the unit's notices of it, its state's and its
    creation's times. Rows already dated in the
    plan's year are left as they are."""
    fresh = timezone.make_aware(datetime.datetime(YEAR + 1, 1, 1))
    DossierTransition.objects.filter(dossier=dossier, at__gte=fresh).update(at=when)
    DossierDocument.objects.filter(dossier=dossier, uploaded_at__gte=fresh).update(uploaded_at=when)
    Notice.objects.filter(
        unit_id=dossier.unit_id,
        link=reverse("awards:dossier", args=[dossier.pk]),
        created_at__gte=fresh,
    ).update(created_at=when)
    Dossier.history.filter(id=dossier.pk, history_date__gte=fresh).update(history_date=when)
    Dossier.objects.filter(pk=dossier.pk, state_changed_at__gte=fresh).update(state_changed_at=when)
    Dossier.objects.filter(pk=dossier.pk, created_at__gte=fresh).update(created_at=when)
    dossier.refresh_from_db(fields=["state_changed_at", "created_at"])


def record_council_opinion(dossier, council, recommendation):
    opinion = {
        CouncilRecommendation.APPROVE: "Thống nhất đề nghị khen thưởng.",
        CouncilRecommendation.REFUSE: "Chưa đủ tiêu chuẩn, không đề nghị.",
    }[recommendation]
    services.move_dossier(
        dossier, S.BEFORE_COUNCIL, council, opinion, recommendation=recommendation
    )


def new_dossier(officer, award_code, *, name=None, kind=NomineeKind.INDIVIDUAL, **fields):
    """A draft for the officer's unit, with every document its award type needs attached."""
    award = AwardType.objects.get(code=award_code)
    values = {
        "unit": officer.unit,
        "year": YEAR,
        "award_type": award,
        "category": Category.objects.get(code="thuong-xuyen"),
        "nominee_kind": kind,
        "achievements": "Hoàn thành xuất sắc nhiệm vụ năm 2013.",
    }
    if award.is_state_level:
        number = 2 if officer.unit.code == "so-gd-dt" else 1
        values["batch"] = Batch.objects.get(year=YEAR, number=number)
    if kind in NAMED_NOMINEES:
        values["collective_name"] = name or f"Văn phòng {officer.unit.name}"
    else:
        values.update(
            full_name=name or "Nguyễn Văn A",
            sex=Sex.MALE,
            date_of_birth=datetime.date(1975, 5, 19),
            position="Chuyên viên",
            workplace=officer.unit.name,
        )
    values.update(fields)
    dossier = services.save_dossier(Dossier(**values), officer)
    attach_required_documents(dossier, officer)
    return dossier


def give_earlier_titles(dossier, award_code, years):
    """Put the nominee's earlier titles on record (award history), as admin would."""
    award = AwardType.objects.get(code=award_code)
    for year in years:
        AwardRecord.objects.get_or_create(
            name_key=search_key(dossier.nominee_name),
            date_of_birth=dossier.date_of_birth,
            award_type=award,
            year=year,
            defaults={
                "name": dossier.nominee_name,
                "nominee_kind": dossier.nominee_kind,
                "unit": dossier.unit,
                "workplace": dossier.workplace,
                "decision_number": f"{year - 2000}/QĐ-TĐKT",
                "decision_date": datetime.date(year, 12, 20),
            },
        )


def recognised_initiative(unit, authors, title=None):
    initiative, _created = Initiative.objects.get_or_create(
        unit=unit,
        authors=authors,
        year=YEAR - 1,
        defaults={
            "title": title or f"Giải pháp nâng cao chất lượng công tác của {unit.name}",
            "recognised_on": datetime.date(YEAR, 3, 20),
            "recognition_decision": "05/QĐ-HĐKHSK",
        },
    )
    return initiative


# Units whose officers file the demo dossiers (the first two are the demo accounts').
DEMO_UNITS = [
    "so-gd-dt",
    "h-cao-loc",
    "so-y-te",
    "so-nn-ptnt",
    "tp-lang-son",
    "h-trang-dinh",
    "h-huu-lung",
    "so-tai-chinh",
    "ldld-tinh",
    "hoi-lhpn",
    "cong-an-tinh",
    "so-gtvt",
]
FAMILY = ["Nguyễn", "Hoàng", "Lương", "Vi", "Lý", "Hà", "Nông", "Đinh", "Triệu", "Chu", "Lộc"]
GIVEN = [
    ("Văn", "An"), ("Thị", "Bích"), ("Đức", "Cường"), ("Thị", "Dung"), ("Văn", "Hải"),
    ("Thị", "Hạnh"), ("Minh", "Hùng"), ("Thị", "Lan"), ("Thu", "Hương"), ("Văn", "Nam"),
    ("Thị", "Ngọc"), ("Văn", "Sơn"), ("Thị", "Thủy"), ("Đức", "Thắng"), ("Thanh", "Tâm"),
    ("Văn", "Tuấn"), ("Thị", "Yến"),
]  # fmt: skip
COLLECTIVES = [
    "Văn phòng",
    "Phòng Tổ chức cán bộ",
    "Phòng Kế hoạch - Tài chính",
    "Thanh tra",
    "Phòng Nghiệp vụ",
    "Công đoàn cơ sở",
]
PROVINCE_AWARDS = [
    ("bang-khen-tinh", NomineeKind.INDIVIDUAL),
    ("tap-the-ldxs", NomineeKind.COLLECTIVE),
    ("cstd-tinh", NomineeKind.INDIVIDUAL),
    ("co-thi-dua-tinh", NomineeKind.COLLECTIVE),
    ("bang-khen-tinh", NomineeKind.COLLECTIVE),
]
STATE_AWARDS = [
    ("bang-khen-ttg", NomineeKind.INDIVIDUAL),
    ("huan-chuong", NomineeKind.COLLECTIVE),
    ("co-thi-dua-cp", NomineeKind.COLLECTIVE),
]
TARGETS = list(ROUTES)  # twelve routes, five dossiers each


def unit_officer(unit):
    """The unit's officer: a demo account if there is one, else one that cannot sign in."""
    officer = User.objects.filter(unit=unit, groups__name=Role.UNIT_OFFICER).first()
    if officer is None:
        officer = User(
            username=f"cb-{unit.code}",
            first_name=unit.short_name or unit.name,
            last_name="Cán bộ",
            unit=unit,
        )
        officer.set_unusable_password()
        officer.save()
        officer.groups.add(Group.objects.get_or_create(name=Role.UNIT_OFFICER)[0])
    return officer


def demo_specs():
    """[(number, unit code, target, award code, nominee kind, name)] for the sixty dossiers."""
    specs, province, state = [], itertools.cycle(PROVINCE_AWARDS), itertools.cycle(STATE_AWARDS)
    for number in range(1, 61):
        # Each run of twelve numbers visits every unit once, on a different route each time.
        unit_code = DEMO_UNITS[(number + number // len(DEMO_UNITS)) % len(DEMO_UNITS)]
        target = TARGETS[number % len(TARGETS)]
        award_code, kind = next(state if target in STATE_LEVEL_ROUTES else province)
        if kind == NomineeKind.INDIVIDUAL:
            middle, given = GIVEN[number % len(GIVEN)]
            name = f"{FAMILY[number % len(FAMILY)]} {middle} {given}"
        else:
            name = COLLECTIVES[number // len(DEMO_UNITS) % len(COLLECTIVES)]
        specs.append((number, unit_code, target, award_code, kind, name))
    return specs


@transaction.atomic
def create_demo_dossiers():
    """Create the demo dossiers not made yet (running it twice changes nothing); return how many.

    Needs the demo units, the 2013 plan and the demo accounts.
    """
    load_catalogue()
    staff = User.objects.get(username="staff")
    council = User.objects.get(username="council")
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=DEMO_UNITS)}
    created, to_approve = 0, []
    for number, unit_code, target, award_code, kind, name in demo_specs():
        unit = units[unit_code]
        if kind == NomineeKind.COLLECTIVE:
            name = f"{name}, {unit.short_name or unit.name}"
        if Dossier.objects.filter(
            unit=unit, year=YEAR, award_type__code=award_code, nominee_key=search_key(name)
        ).exists():
            continue
        officer = unit_officer(unit)
        dossier = new_dossier(
            officer,
            award_code,
            name=name,
            kind=kind,
            achievements=f"Hoàn thành xuất sắc nhiệm vụ năm {YEAR}; tiêu biểu trong phong trào "
            "thi đua “Lạng Sơn chung sức xây dựng nông thôn mới”.",
            # The education sector's achievements are those of the school year (task 25).
            school_year_start=YEAR - 1 if unit_code == "so-gd-dt" else None,
        )
        if award_code == "cstd-tinh":
            dossier.initiatives.add(recognised_initiative(unit, name))
            give_earlier_titles(dossier, "cstd-co-so", range(YEAR - 2, YEAR + 1))
        route = ROUTES[target]
        if S.APPROVED in route and goes_to_council(dossier.award_type):
            # Approved together, later: one April session and decision for all of them.
            at = route.index(S.APPROVED)
            clock = _demo_start(number)
            back_date_new_moves(dossier, clock)  # the draft itself
            clock = _moves(
                dossier, route[:at], clock, officer=officer, staff=staff, council=council, number=0
            )
            to_approve.append((dossier, route[at + 1 :], officer, number, clock))
            continue
        advance(dossier, target, officer=officer, staff=staff, council=council, number=number)
        created += 1
    if to_approve:
        clock = _approve_through_council(
            [dossier for dossier, *_rest in to_approve],
            council,
            staff,
            number="101/QĐ-UBND",
            clock=max(moved for *_rest, moved in to_approve),
        )
    for dossier, rest, officer, number, _moved in to_approve:
        _moves(dossier, rest, clock, officer=officer, staff=staff, council=council, number=number)
        created += 1
    _lookup_examples(units["so-gd-dt"])
    return created


def _lookup_examples(unit):
    """A teacher with a long award history, for the history lookup."""
    award_years = {"cstd-co-so": [2010, 2011, 2012], "bang-khen-tinh": [2009], "giay-khen": [2008]}
    issuer = {"cstd-co-so": "SGDĐT", "bang-khen-tinh": "UBND", "giay-khen": "SGDĐT"}
    for award_code, years in award_years.items():
        award = AwardType.objects.get(code=award_code)
        for year in years:
            AwardRecord.objects.get_or_create(
                name_key=search_key("Nguyễn Văn An"),
                award_type=award,
                year=year,
                defaults={
                    "name": "Nguyễn Văn An",
                    "date_of_birth": datetime.date(1972, 3, 8),
                    "unit": unit,
                    "workplace": "Trường THPT Việt Bắc",
                    "decision_number": f"{year - 2000}/QĐ-{issuer[award_code]}",
                    "decision_date": datetime.date(year, 12, 20),
                },
            )
