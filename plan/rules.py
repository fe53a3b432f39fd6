"""Who may do what with the plan's schedule: parts, reports, requirements, submissions."""

from units.rules import (
    belongs_to_unit,
    can_view_plan,
    is_admin,
    is_council_member,
    is_leader,
    is_office_staff,
)


def can_manage_schedule(user):
    """Set due dates, name units for collective phrases, cancel parts, review submissions."""
    return is_office_staff(user) or is_admin(user)


def can_see_all_units(user):
    """The office, the leaders and the council follow every unit; an officer only their own."""
    return can_manage_schedule(user) or is_leader(user) or is_council_member(user)


def can_view_dashboard(user):
    return can_manage_schedule(user) or is_leader(user)


def can_report_on_part(user, part):
    return can_manage_schedule(user) or belongs_to_unit(user, part.unit)


def can_submit_for(user, unit):
    """Officers send their own unit's documents; the office may enter one it received by post."""
    return can_manage_schedule(user) or belongs_to_unit(user, unit)


def visible_units_filter(user):
    """Keyword arguments that restrict unit-owned rows to what the user may see."""
    if can_see_all_units(user):
        return {}
    return {"unit_id": user.unit_id if user.unit_id else -1}


def can_see_unit(user, unit):
    """A unit's page: every unit for those who follow them all, an officer's own only."""
    return can_see_all_units(user) or (user.unit_id is not None and user.unit_id == unit.pk)


def visible_units_of(user):
    """Keyword arguments that restrict a Unit queryset to the units the user may see."""
    if can_see_all_units(user):
        return {}
    return {"pk": user.unit_id if user.unit_id else -1}


def can_search_units(user):
    """The unit type-ahead of the filters: anyone signed in, among the units they may see
    (visible_units_of: an officer finds only their own unit)."""
    return can_view_plan(user)
