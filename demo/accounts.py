"""Demo accounts, one per role, for `make run` and the tests. Never created when DEBUG is off."""

from django.contrib.auth.models import Group
from django.db import transaction

from units.enums import Role
from units.models import Unit, User

DEMO_PASSWORD = "thidua2013"

# username, full name (first, last), role, unit code
DEMO_ACCOUNTS = [
    # Not a person's name: one word-group, so "Xin chào, Quản trị viên" and the full name agree.
    ("admin", ("Quản trị viên", ""), Role.ADMIN, None),
    ("staff", ("Hoa", "Nguyễn Thị"), Role.OFFICE_STAFF, "ban-tdkt"),
    ("officer", ("Minh", "Hoàng Văn"), Role.UNIT_OFFICER, "so-gd-dt"),
    ("officer2", ("Lan", "Lương Thị"), Role.UNIT_OFFICER, "h-cao-loc"),
    # The unit the demo renames from 2014 (demo.unit_changes).
    ("officer3", ("Hùng", "Nông Văn"), Role.UNIT_OFFICER, "so-nn-ptnt"),
    ("council", ("Đức", "Vi Văn"), Role.COUNCIL_MEMBER, "hd-tdkt"),
    ("leader", ("Quang", "Lý Văn"), Role.LEADER, "ubnd-tinh"),
]


@transaction.atomic
def create_demo_accounts():
    """Create the demo accounts that do not exist yet; return [(username, role, unit)] for all."""
    accounts = []
    for username, (first_name, last_name), role, unit_code in DEMO_ACCOUNTS:
        unit = Unit.objects.get(code=unit_code) if unit_code else None
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first_name,
                last_name=last_name,
                unit=unit,
                is_staff=role == Role.ADMIN,
                is_superuser=role == Role.ADMIN,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.add(Group.objects.get_or_create(name=role.value)[0])
        accounts.append((username, role, unit))
    return accounts
