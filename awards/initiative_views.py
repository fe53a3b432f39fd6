"""The page that edits one initiative: the office for any unit's, an officer for the unit's."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.history import history_of

from . import rules
from .initiative_forms import InitiativeEditForm
from .initiative_services import update_initiative
from .models import Initiative
from .services import DossierRuleError


def initiative_edit(request, pk):
    initiative = get_object_or_404(Initiative.objects.select_related("unit"), pk=pk)
    if not rules.can_view_initiative(request.user, initiative):
        raise Http404  # another unit's, by a guessed address
    if not rules.can_edit_initiative(request.user, initiative):
        raise PermissionDenied
    posted = request.POST if request.method == "POST" else None
    form = InitiativeEditForm(posted, instance=initiative, user=request.user)
    if posted is not None and form.is_valid():
        data = form.cleaned_data
        try:
            update_initiative(
                Initiative.objects.get(pk=initiative.pk),
                request.user,
                **{name: data[name] for name in InitiativeEditForm.Meta.fields},
            )
        except DossierRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lưu sáng kiến."))
            return redirect("awards:initiative-edit", pk=initiative.pk)
    context = {"form": form, "initiative": initiative, "change_history": history_of(initiative)}
    return render(request, "awards/initiative_form.html", context)
