"""Section II's numbers as a panel for the office's dashboard. The dashboard is the plan's
page and the plan knows nothing of the clusters' work (emulation builds on it), so the
dashboard's template asks for the panel by name, as a tag, instead of its view importing
emulation."""

from django import template

from ..selectors import section_two

register = template.Library()


@register.inclusion_tag("emulation/_section_two_panel.html")
def section_two_panel(year, as_of):
    measures, coverage = section_two(year, as_of)
    return {"year": year, "as_of": as_of, "measures": measures, "coverage": coverage}
