"""The year switcher (plan.views.years) for the pages that belong to a year."""

from django.utils.functional import SimpleLazyObject

from .rules import can_change_year, is_past_year


def year_switch(request):
    """On a page that said which year it belongs to (request.page_year): the published
    years to switch to, the current one, and whether the page is read-only for the user.
    Read lazily: pages without a year make no query."""
    year = getattr(request, "page_year", None)
    if year is None:
        return {}

    def build():
        from .views.years import published_plans, switch_url

        years = [plan.year for plan in published_plans(request)]
        current = years[0] if years else None
        return {
            "year": year,
            "current": current,
            "is_past": is_past_year(year, current),
            "read_only": not can_change_year(request.user, year, current),
            "choices": [(y, switch_url(request, y)) for y in years],
            "back_url": switch_url(request, None),
        }

    return {"year_switch": SimpleLazyObject(build)}
