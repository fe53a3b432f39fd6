"""Builtin tags (settings.TEMPLATES): every page may use them without {% load %}."""

from django import template
from django.utils.html import format_html

from core import once

register = template.Library()


@register.simple_tag
def form_token():
    """A one-time token for a POST form, beside its {% csrf_token %}: core.once lets a post
    of it through once."""
    return format_html('<input type="hidden" name="{}" value="{}">', once.FIELD, once.new_token())


@register.filter
def query_pairs(query):
    """(name, value) of every parameter of a QueryDict, for hidden inputs that keep a page's
    filters. `request.GET.items` in a template would look up a parameter named "items"."""
    return [(key, value) for key, values in query.lists() for value in values]
