"""core.widgets.PythonRenderedSelect writes exactly what Django's select template writes."""

from django import forms
from django.test import override_settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override
from hypothesis import given, settings
from hypothesis import strategies as st

from core.widgets import PythonRenderedSelect
from plan.forms import PartFilterForm

# Text with what must be escaped, Vietnamese letters and spaces.
text = st.text(alphabet=st.sampled_from("aăâđêôơư Ệ<>&\"'0-9"), max_size=8)
value = st.one_of(text, st.integers(-5, 5000), st.none())
option = st.tuples(value, st.one_of(text, st.integers(0, 5000)))
group = st.tuples(text.filter(bool), st.lists(option, min_size=1, max_size=3))
attr_value = st.one_of(text, st.booleans(), st.integers(0, 9))


def both(choices, chosen, attrs):
    django = forms.Select(attrs=attrs, choices=choices).render("ten", chosen, {"id": "id_ten"})
    ours = PythonRenderedSelect(attrs=attrs, choices=choices).render(
        "ten", chosen, {"id": "id_ten"}
    )
    return django, ours


@settings(max_examples=300, deadline=None)
@given(
    choices=st.lists(st.one_of(option, group), max_size=6),
    chosen=st.one_of(value, st.lists(value, max_size=2)),
    attrs=st.dictionaries(st.sampled_from(["class", "disabled", "data-x", "required"]), attr_value),
)
def test_the_same_markup_as_djangos_template_for_any_choices(choices, chosen, attrs):
    django, ours = both(choices, chosen, attrs)
    assert ours == django


@override_settings(USE_THOUSAND_SEPARATOR=True)
def test_the_same_markup_for_translated_safe_and_localized_labels():
    choices = [
        ("", gettext_lazy("Tất cả")),
        ("a&b", mark_safe("<b>đậm</b>")),
        (1, gettext_lazy("Quý I")),
        (5000, 5000),
    ]
    for language in ("vi", "en"):
        with override(language):
            django, ours = both(choices, 1, {"class": "form-select"})
            assert ours == django
            assert "selected>" in ours
    assert ">5.000</option>" in ours  # a number label is localized, as by the template


def test_the_parts_lists_filters_are_rendered_the_same(rf):
    """The filter bar of the office's most opened page, as a user with a filter sees it."""
    form = PartFilterForm({"quy": "2", "trang_thai": "overdue", "nam_hoc": "2012-2013"}, year=2013)
    assert form.is_valid(), form.errors
    for name in ("quy", "trang_thai", "loai", "nam_hoc"):
        bound = form[name]
        assert isinstance(bound.field.widget, PythonRenderedSelect), name
        stock = forms.Select(attrs=bound.field.widget.attrs, choices=bound.field.choices)
        assert str(bound) == stock.render(bound.html_name, bound.value(), {"id": bound.auto_id})
    assert '<option value="2" selected>' in str(form["quy"])
