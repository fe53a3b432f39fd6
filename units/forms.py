from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.names import query_keys

from .models import Unit

# Offices write dates day first: 25/02/2013.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]


class DateInput(forms.DateInput):
    """A text box that takes and shows dd/mm/yyyy, whatever the interface language."""

    def __init__(self, attrs=None):
        attrs = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", **(attrs or {})}
        super().__init__(attrs=attrs, format="%d/%m/%Y")


def date_field(label, required=False, **kwargs):
    """A date field typed the way offices write it."""
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput(),
        **kwargs,
    )


def style_fields(form):
    """Bootstrap's classes on each widget, by kind of widget, so templates render plainly."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            continue
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        else:
            widget.attrs.setdefault("class", "form-control")


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class LoginForm(AuthenticationForm):
    # Django's Vietnamese catalogue leaves these untranslated; the office must read them.
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khóa."),
    }


# --- Choosing a unit by typing -------------------------------------------------------------
#
# A <select> of every unit is as long as the list of units (thousands at a ministry's size),
# on every page that filters by unit. Instead a text box finds units as one types
# (static/js/app.js asks the `unit-search` page, which answers at most a score of units the
# user may see); the chosen unit travels in a hidden input, by id or by code as before, so
# links carrying the old parameter still work. Without script, or when someone types a name
# and presses Enter without choosing, a typed name or code that fits one unit is taken.

TYPED_SUFFIX = "_ten"


class UnitSearchInput(forms.Widget):
    """The text box and the chosen unit(s). `multiple`: each chosen unit is a ticked box
    (untick to drop it) and the text box adds one more."""

    template_name = "units/_unit_search.html"

    def __init__(self, attrs=None, *, multiple=False, to_field="pk"):
        super().__init__(attrs)
        self.multiple = multiple
        self.to_field = to_field
        self.chosen = []  # set by the field when it cleans: shown without another query

    def value_from_datadict(self, data, files, name):
        if self.multiple:
            chosen = [value for value in data.getlist(name) if value]
        else:
            chosen = data.get(name) or ""
        return UnitInput(chosen, (data.get(name + TYPED_SUFFIX) or "").strip())

    def value_omitted_from_data(self, data, files, name):
        return name not in data and name + TYPED_SUFFIX not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        typed = value.typed if isinstance(value, UnitInput) else ""
        chosen = [(getattr(unit, self.to_field), unit.name) for unit in self.chosen]
        if self.multiple:
            # The box empties each time a unit is chosen: a `required` on it would refuse a
            # form with units ticked. app.js asks for one unit instead (data-required).
            required = context["widget"]["attrs"].pop("required", False)
            context["widget"]["required"] = bool(required)
        context["widget"].update(
            multiple=self.multiple,
            to_field="code" if self.to_field == "code" else "id",
            chosen=chosen,
            typed_name=name + TYPED_SUFFIX,
            # The box shows the chosen unit's name, or what was typed if it fitted none.
            text=typed if typed or self.multiple or not chosen else chosen[0][1],
            search_url=reverse("unit-search"),
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates (templates/units/), not the form renderer's own folders.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))


class UnitInput:
    """What the widget read from the request: the chosen value(s) and any typed text."""

    def __init__(self, chosen, typed):
        self.chosen, self.typed = chosen, typed

    def __str__(self):
        return str(self.chosen)


def _split(value):
    if isinstance(value, UnitInput):
        return value.chosen, value.typed
    return value, ""


def unit_named(text, queryset):
    """The one unit of `queryset` a typed name or code means, or a ValidationError saying why
    there is none: a name, short name or code typed in full wins, else the only unit whose
    name, short name or code contains the text."""
    whole = Q(pk__in=[])
    for key in query_keys(text):
        whole |= (
            Q(search_key__startswith=f"{key}|")
            | Q(search_key__contains=f"|{key}|")
            | Q(search_key__endswith=f"|{key}")
        )
    for candidates in (queryset.filter(whole), queryset.search(text)):
        found = list(candidates.order_by("sort_key")[:2])
        if len(found) == 1:
            return found[0]
        if found:
            raise ValidationError(
                _("Có nhiều đơn vị khớp với “%(text)s”: hãy gõ thêm và chọn một trong danh sách."),
                code="ambiguous",
                params={"text": text},
            )
    raise ValidationError(
        _("Không có đơn vị nào có tên hoặc mã “%(text)s”."), code="unknown", params={"text": text}
    )


class UnitChoiceField(forms.ModelChoiceField):
    """One unit, chosen by typing (UnitSearchInput); `to_field_name` as ModelChoiceField's."""

    def __init__(self, *, queryset=None, to_field_name=None, **kwargs):
        kwargs.setdefault("widget", UnitSearchInput(to_field=to_field_name or "pk"))
        queryset = Unit.objects.all() if queryset is None else queryset
        super().__init__(queryset=queryset, to_field_name=to_field_name, **kwargs)

    def to_python(self, value):
        chosen, typed = _split(value)
        self.widget.chosen = []
        unit = super().to_python(chosen)
        if unit is None and typed:
            unit = unit_named(typed, self.queryset)
        self.widget.chosen = [unit] if unit else []
        return unit


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several units, chosen by typing one after the other (UnitSearchInput(multiple=True))."""

    def __init__(self, *, queryset=None, **kwargs):
        kwargs.setdefault("widget", UnitSearchInput(multiple=True))
        queryset = Unit.objects.all() if queryset is None else queryset
        super().__init__(queryset=queryset, **kwargs)

    def clean(self, value):
        chosen, typed = _split(value)
        chosen = list(chosen or [])
        # The ticked units stay ticked when the form comes back with an error (a typed name
        # that fits no unit, say): the user must not pick them all again.
        self.widget.chosen = list(self._ticked(chosen))
        if typed:
            chosen.append(str(unit_named(typed, self.queryset).pk))
        units = super().clean(chosen)
        self.widget.chosen = list(units.order_by("sort_key")) if chosen else []
        return units

    def _ticked(self, values):
        ids = [value for value in values if str(value).isdigit()]
        return self.queryset.filter(pk__in=ids).order_by("sort_key") if ids else []
