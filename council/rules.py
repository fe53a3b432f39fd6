"""Who may do what in the council's work. The office keeps the council's secretariat: it
lists the members, opens sessions, records attendance and decisions; members vote; leaders
and members read the tallies."""

from units.rules import is_council_member, is_leader, is_office


def can_run_council(user):
    return is_office(user)


def can_see_council_work(user):
    """Sessions, tallies, minutes and decisions."""
    return is_office(user) or is_council_member(user) or is_leader(user)


def can_vote(user):
    """Opening the voting screen; the service checks the seat and the attendance."""
    return is_council_member(user)
