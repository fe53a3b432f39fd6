"""The header's search: a person, a dossier reference or a unit, each result a link to its
page. It spans units and awards, so it lives here, above both."""

from django.shortcuts import render

from core import params
from plan.views.common import require
from units.rules import can_view_plan
from units.selectors import unit_matches

from . import selectors
from .rules import can_look_up_awards, can_view_dossier


def search(request):
    """Among what the user may see: units by name or code, dossiers by reference or
    nominee, and people in the award history (the lookup's rule: an officer finds another
    unit's person only with a date of birth, on the lookup page)."""
    require(can_view_plan(request.user))
    text = params.text(request.GET.get("q")).strip()[:100]
    units, dossiers, records = [], [], []
    if text:
        units = unit_matches(request.user, text)[: selectors.SEARCH_LIMIT]
        dossiers = selectors.find_dossiers(request.user, text)
        if can_look_up_awards(request.user):
            records = list(selectors.first_awards(request.user, text))
            for record in records:
                dossier = record.dossier
                record.open_dossier = dossier and can_view_dossier(request.user, dossier)
    context = {"q": text, "units": units, "dossiers": dossiers, "records": records}
    return render(request, "awards/search.html", context)
