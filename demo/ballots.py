"""The demo's provincial council and the one path by which a dossier it decides on is
approved: a session, every member voting for, and a decision whose signed number the office
records (council.services). Shared by the demo year and the tests that need an approved
dossier.
"""

import datetime

from django.contrib.auth.models import Group

from council import selectors, services
from council.models import CouncilMember
from units.enums import Role
from units.models import User

from .accounts import DEMO_PASSWORD

# (username, full name, role in the council, position); "council" is the demo account.
MEMBERS = [
    ("hd-chu-tich", "Lý Văn Quang", "Chủ tịch Hội đồng", "Phó Chủ tịch UBND tỉnh"),
    ("hd-pho-ct", "Nông Thị Hằng", "Phó Chủ tịch Hội đồng", "Giám đốc Sở Nội vụ"),
    ("council", "Vi Văn Đức", "Ủy viên thường trực", "Trưởng Ban Thi đua - Khen thưởng"),
    ("hd-uv1", "Hoàng Văn Bình", "Ủy viên", "Chánh Văn phòng UBND tỉnh"),
    ("hd-uv2", "Lương Thị Thu", "Ủy viên", "Chủ tịch Liên đoàn Lao động tỉnh"),
    ("hd-uv3", "Triệu Văn Khánh", "Ủy viên", "Giám đốc Sở Tài chính"),
    ("hd-uv4", "Chu Thị Nga", "Ủy viên", "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh"),
]


def _member_user(username, full_name):
    user = User.objects.filter(username=username).first()
    if user is None:
        family, _space, given = full_name.rpartition(" ")
        user = User(username=username, first_name=given, last_name=family)
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(Group.objects.get_or_create(name=Role.COUNCIL_MEMBER)[0])
    return user


def demo_council(year, staff):
    """{username: member} of the demo council of `year`, seating whoever is not seated yet."""
    members = {}
    for order, (username, name, role, position) in enumerate(MEMBERS):
        user = _member_user(username, name)
        seat = CouncilMember.objects.filter(year=year, user=user).first()
        members[username] = seat or services.add_member(
            year,
            staff,
            full_name=name,
            council_role=role,
            position=position,
            user=user,
            order=order,
        )
    return members


def approve_through_council(dossiers, staff, *, number, date, session_date=None):
    """Approve dossiers before the council as the province does: a session on them with every
    member present and voting for, the chairman's decision drafted from it and its signed
    number recorded. Uses the year's council, or seats the demo council if there is none."""
    dossiers = list(dossiers)
    year = dossiers[0].year
    members = list(selectors.members_of(year))
    if not members:
        members = list(demo_council(year, staff).values())
    session_date = session_date or date - datetime.timedelta(days=5)
    session = services.open_session(year, staff, date=session_date, dossiers=dossiers)
    services.set_attendance(session, staff, members)
    items = list(session.items.all())
    for member in members:
        if member.user_id:
            services.cast_votes(session, member.user, {item.pk: "for" for item in items})
    services.close_ballot(session, staff)
    decision = services.draft_decision(session, staff, signer_name="Lý Văn Quang")
    services.record_decision(decision, staff, number=number, date=date)
    for dossier in dossiers:
        dossier.refresh_from_db()
    return decision
