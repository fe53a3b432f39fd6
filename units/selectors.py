"""Reads about units."""

from core.names import name_key

from .models import Unit, UnitAlias, UnitChange
from .rules import unit_visibility


def unit_name_index():
    """Every way a unit is written (full name, short name, aliases, names before a rename) -> the
    unit, in three queries."""
    index = {}
    units = {unit.pk: unit for unit in Unit.objects.all()}
    for unit in units.values():
        index[name_key(unit.name)] = unit
        if unit.short_name:
            index.setdefault(name_key(unit.short_name), unit)
    for alias in UnitAlias.objects.only("name", "unit_id"):
        index[name_key(alias.name)] = units[alias.unit_id]
    # A name a unit had before a rename still means it (a past year's file writes it so),
    # unless another unit bears that name now.
    renames = UnitChange.objects.filter(kind=UnitChange.Kind.RENAMED)
    for unit_id, old_name in renames.values_list("unit_id", "old_name"):
        index.setdefault(name_key(old_name), units[unit_id])
    return index


def find_unit(name, index=None):
    """The unit a name means, or None. Pass `index` when resolving many names."""
    if index is None:
        index = unit_name_index()
    return index.get(name_key(name))


def visible_units(user):
    """The units the user may see (rules.unit_visibility): all, or their own."""
    return unit_visibility.filter(user, Unit.objects.all())


UNIT_MATCHES = 20


def unit_matches(user, text):
    """The first UNIT_MATCHES units the user may see whose name, short name or code contains
    `text` (Unit.objects.search), in Vietnamese order: what the unit type-ahead offers."""
    units = visible_units(user).search(text)
    return units.order_by("sort_key").values("id", "code", "name")[:UNIT_MATCHES]


def unit_list(user, kind=None, query=""):
    """The units the user may see in Vietnamese order with their parent, of one kind and
    matching `query` when given (the one unit search: no accents needed, the plan's
    abbreviations): the unit list and its export."""
    units = visible_units(user).select_related("parent").order_by("sort_key")
    if kind:
        units = units.filter(kind=kind)
    if query:
        units = units.search(query)
    return units
