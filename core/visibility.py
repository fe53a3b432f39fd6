"""One definition per kind of object answers both questions every page asks about it.

"Which of these may this user see?" (a list, an export, a detail lookup that must 404) and
"may this user see this one?" (a button, a link, a check in a service) used to be written
twice, once as a query and once as Python, and the two drifted. Here a rule is written once,
as a function of the user returning a `Q`; the queryset filters by that `Q`, and the yes/no
answer checks the same `Q` against the object in Python (no query: a list can ask it per row).

The `Q`s of rules use only `exact` and `in` lookups, possibly through foreign keys
("unit_id", "state__in", "dossier__unit__pk"), combined with `&`, `|` and `~`; `matches`
refuses anything else rather than guess.
"""

import functools

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.db.models.constants import LOOKUP_SEP

EVERYTHING = Q()
NOTHING = Q(pk__in=[])  # Django answers this without asking the database


def any_of(*clauses):
    """The OR of the conditions whose test holds, from [(holds, Q), ...]: a user may hold
    several roles, and each role adds what it may see. (Never `Q() | other`: Django reads an
    empty Q as "no condition" and returns `other`, which would narrow "everything".)"""
    chosen = [condition for holds, condition in clauses if holds]
    if any(condition == EVERYTHING for condition in chosen):
        return EVERYTHING
    if not chosen:
        return NOTHING
    return functools.reduce(lambda a, b: a | b, chosen)


class VisibilityRule:
    """Which objects of one kind a user may see; make one with @visibility_rule."""

    def __init__(self, condition, doc=None):
        self.condition = condition
        self.__doc__ = doc or condition.__doc__
        self.__name__ = getattr(condition, "__name__", "rule")

    def q(self, user):
        """The rule as a filter: what `user` may see, for `.filter()`."""
        return self.condition(user)

    def filter(self, user, queryset):
        """`queryset` narrowed to the rows `user` may see."""
        return queryset.filter(self.q(user))

    def allows(self, user, obj):
        """Whether `user` may see `obj`: the same condition as `filter`, checked in Python."""
        return matches(obj, self.q(user))

    def through(self, field, doc=None):
        """The rule for rows reached through `field`: a document may be seen when its
        dossier may, a unit's part when its unit may."""
        return VisibilityRule(lambda user: _prefixed(self.q(user), field), doc=doc)


def visibility_rule(condition):
    """Decorator: `condition(user) -> Q` becomes a VisibilityRule."""
    return VisibilityRule(condition)


def _prefixed(condition, field):
    copy = Q()
    copy.connector, copy.negated = condition.connector, condition.negated
    copy.children = [
        _prefixed(child, field) if isinstance(child, Q) else (f"{field}__{child[0]}", child[1])
        for child in condition.children
    ]
    return copy


def matches(obj, condition):
    """Whether `obj` meets `condition` (a Q of `exact`/`in` lookups), without a query."""
    results = (
        matches(obj, child) if isinstance(child, Q) else _holds(obj, *child)
        for child in condition.children
    )
    value = all(results) if condition.connector == Q.AND else any(results)
    return not value if condition.negated else value


OPERATORS = {"exact": lambda a, b: a == b, "in": lambda a, b: a in b}


def _holds(obj, lookup, value):
    names = lookup.split(LOOKUP_SEP)
    operator = names.pop() if names[-1] in OPERATORS else "exact"
    target = obj
    while names and target is not None:
        name = names.pop(0)
        if name == "pk" and hasattr(target, "_meta"):
            target = target.pk
            continue
        field = _field(target, name, lookup)
        if field.many_to_one and names[:1] in ([], ["pk"], ["id"]):
            # "unit" and "unit__pk" read the row's own unit_id: no query for the unit.
            del names[:1]
            target, value = getattr(target, field.attname), _pks(value)
        else:
            target = getattr(target, name)
    return OPERATORS[operator](target, value)


def _pks(value):
    if isinstance(value, list | tuple | set | frozenset):
        return [getattr(item, "pk", item) for item in value]
    return getattr(value, "pk", value)


def _field(obj, name, lookup):
    """The model field `name` of `obj`; a lookup that names anything else (a transform such as
    `startswith`, a reverse or many-to-many relation) cannot be checked in Python."""
    try:
        field = obj._meta.get_field(name)
    except (AttributeError, FieldDoesNotExist):
        field = None
    if field is None or field.many_to_many or field.one_to_many:
        raise ValueError(f"Visibility rules support exact and in lookups only: {lookup}")
    return field


class VisibleRowsAdmin:
    """ModelAdmin mixin: the admin lists and opens only the rows its `visibility` rule lets
    the signed-in user see. The admin sees every row; anyone else given the admin later sees
    no more there than on the pages."""

    visibility = None

    def get_queryset(self, request):
        return self.visibility.filter(request.user, super().get_queryset(request))
