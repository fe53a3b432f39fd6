"""Who may do what with units and accounts: every question about roles is answered here."""

from .enums import Role


def has_role(user, role):
    return user.is_authenticated and role in user.roles


def is_office_staff(user):
    return has_role(user, Role.OFFICE_STAFF)


def is_unit_officer(user):
    return has_role(user, Role.UNIT_OFFICER) and user.unit_id is not None


def is_council_member(user):
    return has_role(user, Role.COUNCIL_MEMBER)


def is_leader(user):
    return has_role(user, Role.LEADER)


def is_admin(user):
    return user.is_authenticated and user.is_superuser


def can_view_plan(user):
    """The plan is public inside the product: every signed-in user may read it."""
    return user.is_authenticated and user.is_active


def belongs_to_unit(user, unit):
    """An officer acts only for the unit they belong to."""
    return is_unit_officer(user) and user.unit_id == unit.pk


def can_import_data(user):
    """Spreadsheet imports change many rows at once: the office and the admins only."""
    return is_office_staff(user) or is_admin(user)
