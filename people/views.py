"""The person register's pages: the type-ahead that picks people, and the office's merge."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import rules, selectors, services
from .forms import MergeForm, PersonMultipleChoiceField
from .models import Person


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def person_search(request):
    """The person type-ahead (static/js/app.js): people the user may pick whose name contains
    ?q=, as JSON."""
    _require(rules.can_search_people(request.user))
    return JsonResponse({"results": selectors.person_matches(request.user, request.GET.get("q"))})


class PickTwoForm(forms.Form):
    people = PersonMultipleChoiceField(
        label=gettext_lazy("Hai người cần gộp"),
        queryset=Person.objects.filter(merged_into=None),
        help_text=gettext_lazy("Gõ họ tên và chọn lần lượt hai người."),
    )

    def clean_people(self):
        people = self.cleaned_data["people"]
        if len(people) != 2:
            raise forms.ValidationError(_("Chọn đúng hai người để gộp."))
        return people


def merge(request):
    """Gộp người trùng: the office picks two records, reads them side by side with everything
    that points at each, and confirms which one is kept (services.merge_people, as in admin)."""
    _require(rules.can_merge_people(request.user))
    if request.method == "POST":
        form = MergeForm(request.POST)
        if form.is_valid():
            keep, drop = form.cleaned_data["keep"], form.cleaned_data["drop"]
            try:
                left = services.merge_people(keep, drop, by=request.user)
            except services.PersonError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("Đã gộp “%(drop)s” vào “%(keep)s”; %(left)s xếp loại trùng năm cần xem lại.")
                    % {"drop": drop, "keep": keep, "left": left},
                )
                return redirect("people:merge")
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("people:merge")
    picked = PickTwoForm(
        request.GET if "people" in request.GET or "people_ten" in request.GET else None
    )
    pair = []
    if picked.is_bound and picked.is_valid():
        pair = [
            (person, selectors.records_of(person))
            for person in (
                selectors.person_with_records(p.pk) for p in picked.cleaned_data["people"]
            )
        ]
    return render(request, "people/merge.html", {"picked": picked, "pair": pair})
