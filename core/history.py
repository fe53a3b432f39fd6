"""The audit trail: every change to the records that matter, with who, when, and from what to
what (django-simple-history). Each audited model declares `history = AuditedHistory()`.

Who made a change is found, in order: the `_history_user` a service sets on the object it
saves; the user of `recorded_as(...)` (imports and management commands, which have no request);
the signed-in user of the request (HistoryRequestMiddleware).
"""

import datetime
import sqlite3
import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import connections, router
from django.db.models import F, Value
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

_acting = threading.local()

# history_change_reason is a CharField(max_length=100).
_REASON_LENGTH = 100


@contextmanager
def recorded_as(user, reason=""):
    """History rows written inside the block name `user` (may be None: a command run by
    nobody we know) and carry `reason` ("Nhập từ tệp …", "manage.py load_plan")."""
    previous = getattr(_acting, "value", None)
    _acting.value = (user, reason)
    try:
        yield
    finally:
        _acting.value = previous


def label_to_store(label):
    """A label the product writes into a record (a move's name as a history reason, "Lập hồ
    sơ"), in the source language whoever writes it: `shown_label` translates it back for each
    reader, so an English reader sees English and a Vietnamese one Vietnamese."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(label)


def shown_label(text):
    """A stored label in the reader's language; any other text (a person's comment) as it is."""
    return _(text) if text else text


def acting(default_user=None, default_reason=""):
    """(user, reason) history rows written now would carry: those of `recorded_as`, else the
    signed-in user of the request (HistoryRequestMiddleware), else the defaults."""
    value = getattr(_acting, "value", None)
    if value is not None:
        return value[0] or default_user, value[1] or default_reason
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user, default_reason
    return default_user, default_reason


def max_query_params(connection):
    """How many parameters one statement may take (None: no limit). Django 5.2 assumes 999 on
    SQLite, the default before SQLite 3.32 (now 32,766; Debian builds 250,000); this reads the
    real limit, as Django 6.0 does, so a file's ids fit in one IN (...) instead of dozens."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return connection.features.max_query_params


def in_batches(connection, values, spare=10):
    """`values` as lists short enough for one IN (...) with `spare` other parameters."""
    values = list(values)
    limit = max_query_params(connection)
    size = max(1, limit - spare) if limit else max(1, len(values))
    return [values[start : start + size] for start in range(0, len(values), size)]


def record_history(model, pks, history_type, user=None, reason=""):
    """Write one history row per object of `model` in `pks` ("+" created, "~" changed), as
    simple-history does after each save, for objects written in bulk (an import).

    The database copies each row as it now is into the history table (INSERT ... SELECT,
    one statement per batch of ids), so thousands of rows cost no Python objects; every row
    carries the same moment, `user` and `reason`, like `bulk_create_with_history`.
    """
    if not pks or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history = model.history.model
    tracked = {field.attname for field in history.tracked_fields}
    given = {
        "history_date": timezone.now(),
        "history_user_id": getattr(user, "pk", user),
        "history_change_reason": (reason or "")[:_REASON_LENGTH] or None,
        "history_type": history_type,
    }
    columns, selected = [], {}
    for field in history._meta.concrete_fields:
        if field.primary_key:
            continue  # history_id: the database numbers the rows
        if field.attname in given:
            selected[f"h_{len(selected)}"] = Value(given[field.attname], output_field=field)
        elif field.attname in tracked:
            selected[f"h_{len(selected)}"] = F(field.attname)
        else:
            raise ValueError(f"{history.__name__}.{field.name}: no value for a bulk history row")
        columns.append(field.column)
    using = router.db_for_write(history)
    connection = connections[using]
    with connection.cursor() as cursor:
        for batch in in_batches(connection, pks):
            rows = (
                model._base_manager.using(using)
                .filter(pk__in=batch)
                .order_by("pk")
                .values(**selected)
            )
            select, params = rows.query.sql_with_params()
            quote = connection.ops.quote_name
            names = ", ".join(quote(column) for column in columns)
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({names}) {select}", params
            )


class AuditedHistory(HistoricalRecords):
    """HistoricalRecords that also listens to `recorded_as`, and ignores the save Django makes
    at each login (only `last_login` changes: it is a login, not a change to the account)."""

    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields and set(update_fields) <= {"last_login"}:
            return
        super().post_save(instance, created, using=using, **kwargs)

    def get_history_user(self, instance):
        acting = getattr(_acting, "value", None)
        if not hasattr(instance, "_history_user") and acting and acting[0] is not None:
            return acting[0]
        return super().get_history_user(instance)

    def get_change_reason_for_object(self, instance, history_type, using):
        reason = super().get_change_reason_for_object(instance, history_type, using)
        acting = getattr(_acting, "value", None)
        if not reason and acting:
            reason = acting[1]
        return (reason or "")[:_REASON_LENGTH] or None


# --- Reading it back: "Lịch sử thay đổi" on a record's page ---------------------------------

# Kept in history but not worth showing: search keys and values derived from other fields.
HIDDEN_FIELDS = {
    *("id", "nominee_key", "name_key", "search_key"),
    *("due_date", "state_changed_at", "password"),
}
KINDS = {"+": "created", "~": "changed", "-": "deleted"}


def _shown_fields(model):
    # Fields left out of the history (excluded_fields: copies kept for speed) have no past.
    recorded = {f.name for f in model.history.model._meta.fields}
    return [
        f
        for f in model._meta.concrete_fields
        if f.name in recorded and f.name not in HIDDEN_FIELDS and not f.primary_key
    ]


def _display(field, value, related):
    if value is None or value == "":
        return "—"
    if field.is_relation:
        return str(related.get((field.related_model, value), value))
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "d/m/Y")
    text = str(value)
    return text if len(text) <= 200 else text[:199] + "…"


def history_of(instance, limit=30):
    """The record's changes, newest first: [{at, user, kind, reason, changes: [(field, from,
    to)]}]. Two queries for the rows and the names they point to, however long the history."""
    rows = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    fields = _shown_fields(type(instance))
    entries, wanted = [], {}
    for index, row in enumerate(rows[:limit]):
        older = rows[index + 1] if index + 1 < len(rows) else None
        changed = []
        # A creation or deletion is shown as such; a change lists each field from -> to.
        for field in fields if row.history_type == "~" and older is not None else ():
            old, new = getattr(older, field.attname), getattr(row, field.attname)
            if old == new:
                continue
            changed.append((field, old, new))
            if field.is_relation:
                for value in (old, new):
                    if value is not None:
                        wanted.setdefault(field.related_model, set()).add(value)
        entries.append((row, changed))
    related = {}
    for model, ids in wanted.items():
        for pk, obj in model._default_manager.in_bulk(ids).items():
            related[(model, pk)] = obj
    return [
        {
            "at": row.history_date,
            "user": row.history_user,
            "kind": KINDS.get(row.history_type, "changed"),
            "reason": shown_label(row.history_change_reason or ""),
            "changes": [
                (field.verbose_name, _display(field, old, related), _display(field, new, related))
                for field, old, new in changed
            ],
        }
        for row, changed in entries
    ]
