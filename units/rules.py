"""Who may do what with units and accounts: every question about roles is answered here."""

from django.db.models import Q

from core.visibility import EVERYTHING, any_of, visibility_rule

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


def is_office(user):
    """The commendation office; the admin may stand in for it. Every "office or admin"
    question in the product asks this one."""
    return is_office_staff(user) or is_admin(user)


def can_import_data(user):
    """Spreadsheet imports change many rows at once: the office and the admins only."""
    return is_office(user)


def can_see_all_units(user):
    """The office, the leaders and the council follow every unit; an officer only their own."""
    return is_office(user) or is_leader(user) or is_council_member(user)


def own_unit_ids(user):
    """The user's unit and the units merged or dissolved into it (units.lifecycle): an
    officer of the successor finds their history. Read once per request (kept on the user)."""
    unit_id = getattr(user, "unit_id", None)
    if unit_id is None:
        return []
    if getattr(user, "_own_unit_ids", (None,))[0] != unit_id:
        from .lifecycle import lineage_ids  # lifecycle asks these rules: imported here

        user._own_unit_ids = (unit_id, lineage_ids(unit_id))
    return user._own_unit_ids[1]


@visibility_rule
def unit_visibility(user):
    """Which units a user may see: every unit for those who follow them all; their own unit
    and those it took over for anyone else who belongs to one."""
    if can_see_all_units(user):
        return EVERYTHING
    unit_id = getattr(user, "unit_id", None)
    return any_of((unit_id is not None, Q(pk__in=own_unit_ids(user))))


# Rows that belong to a unit (a `unit` field): seen by whoever may see the unit.
unit_owned_visibility = unit_visibility.through("unit")


def can_see_unit(user, unit):
    """A unit's page: every unit for those who follow them all, an officer's own only."""
    return unit_visibility.allows(user, unit)


def visible_units_of(user):
    """A filter for a Unit queryset: the units the user may see (unit_visibility)."""
    return unit_visibility.q(user)


def visible_units_filter(user):
    """A filter for unit-owned rows (a `unit` field): those of the units the user may see."""
    return unit_owned_visibility.q(user)


def can_open_my_unit(user):
    """ "Đơn vị của tôi" leads anyone who belongs to a unit to the unit's page."""
    return getattr(user, "unit_id", None) is not None


def can_see_notices(user):
    """A unit's notices (core.notices) are read by the people of that unit, and only theirs."""
    return getattr(user, "unit_id", None) is not None


def can_read_notices_of(user, unit):
    """A unit's notices, on its page too: only its own people read them (another unit's
    officer, the office and the admin do not)."""
    return can_see_notices(user) and user.unit_id == unit.pk


def can_list_units(user):
    """The list of every unit: for those who follow them all."""
    return can_see_all_units(user)


def can_search_units(user):
    """The unit type-ahead of the filters: anyone signed in, among the units they may see
    (visible_units_of: an officer finds only their own unit)."""
    return can_view_plan(user)


def can_change_units(user):
    """Renaming, merging, dissolving a unit and its taking part in a year: the office."""
    return is_office(user)
