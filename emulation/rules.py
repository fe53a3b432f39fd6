"""Who may do what in the year's emulation work: the office runs it, a grouping's leading
unit cross-checks its members, each member scores itself and sees only its own scores."""

from django.db.models import Q

from units.rules import (
    belongs_to_unit,
    can_see_all_units,
    can_view_plan,
    is_office,
    is_unit_officer,
)


def can_manage_emulation(user):
    """Announce groupings, keep score sheet templates, record the province's inspections."""
    return is_office(user)


def can_see_groupings(user):
    """The year's groupings page: every signed-in user, each seeing the groupings they may
    (visible_groupings)."""
    return can_view_plan(user)


def can_view_section_two(user):
    """The province's numbers: for those who follow every unit."""
    return can_see_all_units(user)


def leads(user, cluster):
    return belongs_to_unit(user, cluster.leader)


def is_member(user, cluster):
    return (
        user.is_authenticated
        and user.unit_id is not None
        and (cluster.members.filter(pk=user.unit_id).exists())
    )


def can_see_grouping(user, cluster):
    """The office, leaders and council see every grouping; an officer those of its unit."""
    return can_see_all_units(user) or leads(user, cluster) or is_member(user, cluster)


def visible_groupings(user, queryset):
    """The query form of can_see_grouping."""
    if can_see_all_units(user):
        return queryset
    unit_id = user.unit_id or -1
    return queryset.filter(Q(members__pk=unit_id) | Q(leader_id=unit_id)).distinct()


def can_see_scores(user, cluster, unit):
    """A member's score sheet: its own officer, the leading unit, and those who follow all."""
    return can_see_all_units(user) or leads(user, cluster) or belongs_to_unit(user, unit)


def can_self_score(user, unit):
    """The member scores itself; the office may enter a sheet it received on paper."""
    return belongs_to_unit(user, unit) or is_office(user)


def can_cross_check(user, cluster):
    """Only the grouping's leading unit cross-checks (the office may stand in for it)."""
    return leads(user, cluster) or is_office(user)


def can_act_for(user, unit):
    """Register, sign the pact, record exemplars and the unit's own inspections."""
    return belongs_to_unit(user, unit) or is_office(user)


def can_register(user):
    """A unit's registration and exemplars are entered by its own officer."""
    return is_unit_officer(user)


def can_sign_pact(user, cluster):
    """A member's officer records that the unit signed its grouping's pact."""
    return is_unit_officer(user) and is_member(user, cluster)


def inspection_level(user):
    """Whose inspections the user keeps: the province's for the office (None), the unit's own
    for its officer; False for anyone else."""
    if is_office(user):
        return None
    if is_unit_officer(user):
        return user.unit
    return False


def can_keep_inspections(user, plan):
    """The office keeps the province's inspection plan, an officer its unit's."""
    level = inspection_level(user)
    if level is False:
        return False
    return plan.inspector_id == (level.pk if level is not None else None)
