"""The demo's commendation round of 2013, for `make run`: a unit's proposal of six dossiers,
the office's proposal of twelve, a council session of seven members with a secret ballot
(one dossier fails), and the chairman's decision approving the eleven others.

Built only through the services, as the people would; running it twice changes nothing.
"""

import datetime

from django.db import transaction

from awards.enums import DossierState, NomineeKind
from awards.models import AwardType, Initiative
from awards.services import move_dossier
from council import proposals, services
from council.models import Session, UnitDecision
from council.unit_decisions import parse_lines, record_unit_decision
from units.models import Unit, User

from .awards import YEAR, at_nine, back_date_new_moves, new_dossier, unit_officer
from .ballots import demo_council

S = DossierState
ABSENT = "hd-uv4"
# The unit proposal: six teachers of Sở Giáo dục và Đào tạo (the demo officer's unit).
UNIT_NOMINEES = [
    "Đặng Thị Mai",
    "Ma Văn Thịnh",
    "Hà Thị Loan",
    "Nông Văn Quý",
    "Lộc Thị Hiền",
    "Vy Văn Trường",
]
# Six more, appraised from other units' dossiers sent one by one.
OTHER_NOMINEES = [
    ("so-y-te", "Khoa Nội, Bệnh viện Đa khoa tỉnh", NomineeKind.COLLECTIVE),
    ("so-y-te", "Dương Thị Nhung", NomineeKind.INDIVIDUAL),
    ("h-cao-loc", "Phòng Giáo dục và Đào tạo huyện Cao Lộc", NomineeKind.COLLECTIVE),
    ("h-cao-loc", "Hứa Văn Tình", NomineeKind.INDIVIDUAL),
    ("tp-lang-son", "Bế Thị Thanh", NomineeKind.INDIVIDUAL),
    ("so-tai-chinh", "Mông Văn Hưng", NomineeKind.INDIVIDUAL),
]
FAILS = "Vy Văn Trường"  # the dossier the council's ballot does not pass
SESSION_DAY = datetime.date(YEAR, 12, 10)


def _council(staff):
    return demo_council(YEAR, staff)


def _unit_proposal(officer):
    dossiers = [
        new_dossier(officer, "bang-khen-tinh", name=name, position="Giáo viên")
        for name in UNIT_NOMINEES
    ]
    proposal = proposals.create_proposal(
        officer,
        YEAR,
        summary="Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2013",
        dossiers=dossiers,
        signer_title="GIÁM ĐỐC",
        signer_name="Hoàng Văn Minh",
    )
    proposals.send_proposal(
        proposal, officer, number="45/TTr-SGDĐT", date=datetime.date(YEAR, 11, 5)
    )
    for dossier in dossiers:
        back_date_new_moves(dossier, at_nine(datetime.date(YEAR, 11, 5)))
    return dossiers


def _other_dossiers():
    dossiers = []
    for unit_code, name, kind in OTHER_NOMINEES:
        officer = unit_officer(Unit.objects.get(code=unit_code))
        dossier = new_dossier(officer, "bang-khen-tinh", name=name, kind=kind)
        move_dossier(dossier, S.SUBMITTED, officer)
        back_date_new_moves(dossier, at_nine(datetime.date(YEAR, 11, 6)))
        dossiers.append(dossier)
    return dossiers


@transaction.atomic
def create_demo_round():
    """The 2013 round, unless a session of 2013 exists already; returns whether it made it."""
    if Session.objects.filter(year=YEAR, date=SESSION_DAY).exists():
        return False
    staff = User.objects.get(username="staff")
    members = _council(staff)
    dossiers = _unit_proposal(User.objects.get(username="officer")) + _other_dossiers()
    for dossier in dossiers:
        dossier.refresh_from_db()  # the unit's proposal moved it
        move_dossier(dossier, S.IN_APPRAISAL, staff)
        back_date_new_moves(dossier, at_nine(datetime.date(YEAR, 11, 20)))
    office_proposal = proposals.create_proposal(
        staff,
        YEAR,
        summary="Về việc đề nghị xét tặng Bằng khen của Chủ tịch UBND tỉnh năm 2013",
        dossiers=dossiers,
        signer_title="TRƯỞNG BAN",
        signer_name="Vi Văn Đức",
    )
    proposals.send_proposal(office_proposal, staff, date=datetime.date(YEAR, 12, 2))
    ordered = [item.dossier for item in office_proposal.items.order_by("order")]
    session = services.open_session(
        YEAR, staff, date=SESSION_DAY, dossiers=ordered, proposal=office_proposal
    )
    for dossier in ordered:  # put before the council on the session's day
        back_date_new_moves(dossier, at_nine(SESSION_DAY))
    present = [member for username, member in members.items() if username != ABSENT]
    services.set_attendance(session, staff, present)
    items = list(session.items.select_related("dossier").order_by("order"))
    for index, member in enumerate(present):
        choices = {
            item.pk: "against" if item.dossier.full_name == FAILS and index > 1 else "for"
            for item in items
        }
        services.cast_votes(session, member.user, choices)
    services.close_ballot(session, staff)
    decision = services.draft_decision(
        session, staff, signer_name="Lý Văn Quang", signer_title="PHÓ CHỦ TỊCH",
        authority="KT. CHỦ TỊCH",
    )  # fmt: skip
    services.record_decision(
        decision, staff, number="245/QĐ-UBND", date=datetime.date(YEAR, 12, 20)
    )
    for dossier in ordered:
        back_date_new_moves(dossier, at_nine(datetime.date(YEAR, 12, 20)))
    return True


# Unit decisions on Lao động tiên tiến and Chiến sĩ thi đua cơ sở: (unit, number, head's
# title, head, advanced workers, base soldiers among them).
UNIT_DECISIONS = [
    ("so-gd-dt", "215/QĐ-SGDĐT", "GIÁM ĐỐC", "Hoàng Văn Minh",
     ["Nguyễn Văn Hùng", "Lương Thị Lan", "Hà Thị Dung", "Chu Văn Sơn"], ["Nguyễn Văn Hùng"]),
    ("h-cao-loc", "1850/QĐ-UBND", "CHỦ TỊCH", "Lương Văn Tuấn",
     ["Vi Thị Yến", "Hoàng Đức Thắng", "Nông Thị Ngọc"], ["Vi Thị Yến"]),
    ("so-y-te", "402/QĐ-SYT", "GIÁM ĐỐC", "Triệu Văn Nam",
     ["Đinh Thị Hạnh", "Lộc Văn Hải", "Lý Thanh Tâm"], ["Lộc Văn Hải"]),
]  # fmt: skip


@transaction.atomic
def create_demo_unit_decisions():
    """Three units' decisions of 2013, unless made already; returns how many were made."""
    made = 0
    advanced, soldier = (
        AwardType.objects.get(code="lao-dong-tien-tien"),
        AwardType.objects.get(code="cstd-co-so"),
    )
    for unit_code, number, title, head, workers, soldiers in UNIT_DECISIONS:
        unit = Unit.objects.get(code=unit_code)
        if UnitDecision.objects.filter(unit=unit, number=number).exists():
            continue
        officer = unit_officer(unit)
        for name in soldiers:
            Initiative.objects.get_or_create(
                unit=unit,
                authors=name,
                year=YEAR,
                defaults={
                    "title": f"Sáng kiến cải tiến công tác chuyên môn của {name}",
                    "recognised_on": datetime.date(YEAR, 11, 20),
                    "recognition_decision": f"{number.split('/')[0]}a/QĐ-HĐSK",
                },
            )
        record_unit_decision(
            unit,
            officer,
            year=YEAR,
            number=number,
            date=datetime.date(YEAR, 12, 26),
            summary="Về việc công nhận danh hiệu Lao động tiên tiến, Chiến sĩ thi đua cơ sở "
            "năm 2013",
            signer_title=title,
            signer_name=head,
            lines=parse_lines(advanced, "\n".join(workers))
            + parse_lines(soldier, "\n".join(soldiers)),
        )
        made += 1
    return made
