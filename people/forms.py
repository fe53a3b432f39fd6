"""Choosing people of the register by typing (the unit picker's script, static/js/app.js)."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.names import search_key
from core.params import whole_number
from units.forms import TYPED_SUFFIX, UnitInput, UnitSearchInput, style_fields

from .models import Person
from .selectors import born


class PersonSearchInput(UnitSearchInput):
    """The text box and the chosen people, each a ticked box; app.js fills the list from the
    `people:search` page (the same behaviour as the unit picker: ↓ ↑, Enter, Esc)."""

    template_name = "people/_person_search.html"

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)
        required = context["widget"]["attrs"].pop("required", False)
        context["widget"].update(
            multiple=self.multiple,
            required=bool(required),
            chosen=[(person.pk, f"{person.full_name} ({born(person)})") for person in self.chosen],
            typed_name=name + TYPED_SUFFIX,
            text=value.typed if isinstance(value, UnitInput) else "",
            search_url=reverse("people:search"),
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))


class PersonMultipleChoiceField(forms.ModelMultipleChoiceField):
    """People of `queryset`, picked one after the other; a name typed and not picked is taken
    when it fits exactly one of them (without script), else refused at the field."""

    def __init__(self, *, queryset, **kwargs):
        kwargs.setdefault("widget", PersonSearchInput(multiple=True))
        super().__init__(queryset=queryset, **kwargs)

    def clean(self, value):
        chosen, typed = (value.chosen, value.typed) if isinstance(value, UnitInput) else (value, "")
        # Ids only, and ids a database can hold (a number wider than 64 bits was a 500).
        chosen = [str(v) for v in (chosen or []) if whole_number(v) is not None]
        self.widget.chosen = list(self.queryset.filter(pk__in=chosen)) if chosen else []
        if typed:
            found = list(self.queryset.filter(name_key__contains=search_key(typed))[:2])
            if len(found) != 1:
                raise ValidationError(
                    _("Không chọn được “%(text)s”: hãy gõ tên và chọn một người trong danh sách."),
                    code="unknown",
                    params={"text": typed},
                )
            chosen.append(str(found[0].pk))
        # In the order picked: the first author named first.
        order = {value: index for index, value in enumerate(dict.fromkeys(map(str, chosen)))}
        people = sorted(super().clean(chosen), key=lambda person: order.get(str(person.pk), 0))
        self.widget.chosen = people
        return people


class MergeForm(forms.Form):
    """Two records of one person: the one kept and the one merged into it."""

    keep = forms.ModelChoiceField(label=_("Giữ hồ sơ người"), queryset=Person.objects.none())
    drop = forms.ModelChoiceField(label=_("Gộp vào đó hồ sơ người"), queryset=Person.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("keep", "drop"):
            self.fields[name].queryset = Person.objects.filter(merged_into=None)
            self.fields[name].widget = forms.HiddenInput()
        style_fields(self)

    def clean(self):
        data = super().clean()
        if data.get("keep") and data.get("keep") == data.get("drop"):
            raise ValidationError(_("Không thể gộp một người với chính người đó."))
        return data
