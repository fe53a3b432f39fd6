"""Writing a good file in bulk: inserts (new rows pointing to new rows wait their turn),
updates of the fields that changed, and a history row for each object."""

from ..history import record_history
from .rows import BATCH_SIZE, NEW, UPDATE


class BulkWriteMixin:
    """SpreadsheetResource's write, with the hooks around it that subclasses override."""

    def before_write(self, rows):
        """Fill what the model's save() would, before the rows are written in bulk."""

    def after_write(self, rows, user, reason):
        """Write what goes with the rows (aliases, roles) once they have their ids."""

    def _create(self, instances):
        # A new object may point to another new one (a unit under a unit defined higher in
        # the file): those wait for the next INSERT, once the one they point to has its id.
        model = self._meta.model
        relations = [f for f in model._meta.concrete_fields if f.is_relation]

        def waits(instance):
            return any(
                f.is_cached(instance)
                and f.get_cached_value(instance) is not None
                and f.get_cached_value(instance).pk is None
                for f in relations
            )

        pending = list(instances)
        while pending:
            ready = [instance for instance in pending if not waits(instance)]
            if not ready:
                raise ValueError("new rows point to one another")  # a file cannot do this
            model._default_manager.bulk_create(ready, batch_size=BATCH_SIZE)
            pending = [instance for instance in pending if instance.pk is None]

    def _changed_fields(self, rows):
        """The model fields that differ from what is stored in any of `rows`."""
        fields = [f for f in self._meta.model._meta.concrete_fields if not f.primary_key]
        for row in rows:
            for field in fields:
                # A relation set to an object created above: take its new id.
                if field.is_relation and field.is_cached(row.instance):
                    target = field.get_cached_value(row.instance)
                    if target is not None and getattr(row.instance, field.attname) != target.pk:
                        setattr(row.instance, field.attname, target.pk)
        return [
            field.name
            for field in fields
            if any(
                getattr(row.instance, field.attname) != getattr(row.original, field.attname)
                for row in rows
            )
        ]

    def write(self, rows, user, reason):
        """Write the good rows of a good file (no "skip" rows): inserts, updates, history."""
        model = self._meta.model
        created = [row.instance for row in rows if row.import_type == NEW]
        updated = [row for row in rows if row.import_type == UPDATE]
        self.before_write(rows)
        self._create(created)
        fields = self._changed_fields(updated)
        if fields:
            model._default_manager.bulk_update(
                [row.instance for row in updated], fields, batch_size=BATCH_SIZE
            )
        record_history(model, [instance.pk for instance in created], "+", user, reason)
        record_history(model, [row.instance.pk for row in updated], "~", user, reason)
        self.after_write(rows, user, reason)
