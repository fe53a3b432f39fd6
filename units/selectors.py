"""Reads about units."""

from .models import Unit, UnitAlias
from .names import name_key


def unit_name_index():
    """Every way a unit is written (full name, short name, aliases) -> the unit, in two queries."""
    index = {}
    units = {unit.pk: unit for unit in Unit.objects.all()}
    for unit in units.values():
        index[name_key(unit.name)] = unit
        if unit.short_name:
            index.setdefault(name_key(unit.short_name), unit)
    for alias in UnitAlias.objects.only("name", "unit_id"):
        index[name_key(alias.name)] = units[alias.unit_id]
    return index


def find_unit(name, index=None):
    """The unit a name means, or None. Pass `index` when resolving many names."""
    if index is None:
        index = unit_name_index()
    return index.get(name_key(name))
