"""Who may do what with the person register."""

from units.rules import is_office, is_unit_officer


def can_search_people(user):
    """The person type-ahead: the office (everyone), an officer (their unit's people)."""
    return is_office(user) or is_unit_officer(user)


def can_merge_people(user):
    """Only the office merges two records of one person (they may be of two units)."""
    return is_office(user)
