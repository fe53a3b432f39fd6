"""Stored files that no row points to: uploads whose row a failed command never wrote, import
files whose preview was never confirmed (the staff page's and Django admin's). They fill the
store and every backup; `manage.py remove_orphan_files` lists them and, asked to, removes them.
"""

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

from .backup import stored_files


def referenced_names():
    """Every file name a row points to: the file fields of every model, and of their history
    (an old version of a document stays while its history row names it)."""
    names = set()
    for model in apps.get_models():
        fields = [f.name for f in model._meta.fields if isinstance(f, models.FileField)]
        if not fields:
            continue
        sources = [model]
        history = getattr(model._meta, "simple_history_manager_attribute", None)
        if history:
            sources.append(getattr(model, history).model)
        for source in sources:
            for values in source._base_manager.values_list(*fields).iterator(chunk_size=5000):
                names.update(value for value in values if value)
    return names


def orphan_files(older_than, storage=default_storage):
    """Names of stored files no row points to, last written more than `older_than` (a
    timedelta) ago: a younger one may be an import waiting for its confirmation."""
    cutoff = timezone.now() - older_than
    used = referenced_names()
    orphans = []
    for name in stored_files(storage):
        if name in used:
            continue
        try:
            if storage.get_modified_time(name) > cutoff:
                continue
        except NotImplementedError:
            continue  # a store that cannot tell a file's age: never removed by age
        orphans.append(name)
    return orphans
