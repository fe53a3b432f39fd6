"""{% unit_name unit year %}: the unit's name in that year (units.lifecycle.name_in_year), so a
past year's pages keep the name a renamed unit had then. One query per year per request,
kept on the request."""

from django import template

from ..lifecycle import names_in_year

register = template.Library()


@register.simple_tag(takes_context=True)
def unit_name(context, unit, year):
    if unit is None:
        return ""
    if not year:
        return unit.name
    request = context.get("request")
    cache = getattr(request, "_unit_names", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._unit_names = cache
    if year not in cache:
        cache[year] = names_in_year(year)
    return cache[year].get(unit.pk, unit.name)
