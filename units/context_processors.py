from . import rules


def current_role(request):
    """What the base layout needs to draw the navigation for the signed-in user's role."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "current_role": user.role,
        "nav_office": rules.is_office(user),
        "nav_officer": rules.is_unit_officer(user),
        "nav_council": rules.is_council_member(user),
        "nav_leader": rules.is_leader(user),
    }
