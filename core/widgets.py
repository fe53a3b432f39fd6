"""Widgets shared by the apps' forms."""

from django import forms
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime


def _text(value):
    """A value as the template engine prints {{ value }}: localized, then escaped."""
    value = localize(template_localtime(value))
    return conditional_escape(value if isinstance(value, str) else str(value))


def _attrs(attrs):
    """django/forms/widgets/attrs.html, in Python: False leaves the attribute out, True
    writes it bare, any other value is written as a string."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_text(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class PythonRenderedSelect(forms.Select):
    """A <select> written by Python, byte for byte the markup of Django's select.html.

    The template renders one include for each option and another for each option's
    attributes: the parts list's four filters cost 2 ms of its 25 ms that way, and the list
    is the office's most opened page (issue 19). The same context (get_context, so
    optgroups, selected values and attributes behave as Django's) is written out here;
    tests.core.test_widgets holds the two renderings equal on generated choices."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{_text(group_name)}">')
            for option in options:
                html.append(
                    f'\n  <option value="{_text(str(option["value"]))}"'
                    f"{_attrs(option['attrs'])}>{_text(option['label'])}</option>\n"
                )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))
