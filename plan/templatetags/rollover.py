from django import template

from plan.models import Plan
from plan.rollover_forms import RollOverForm
from units.rules import is_office

register = template.Library()


@register.inclusion_tag("plan/_roll_over_box.html", takes_context=True)
def roll_over_box(context, plan):
    """On a published plan's page, for the office only: the drafts under way and the form
    that rolls the plan over to another year."""
    request = context.get("request")
    if plan is None or plan.is_draft or request is None or not is_office(request.user):
        return {"show": False}
    return {
        "show": True,
        "plan": plan,
        "drafts": Plan.objects.drafts().order_by("year").only("year"),
        "form": RollOverForm(initial={"to_year": plan.year + 1}),
        "csrf_token": context.get("csrf_token"),
    }
