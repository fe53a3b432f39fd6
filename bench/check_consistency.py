"""After a load run: is every row whole? A dossier's state is its last move's, and its audit
trail agrees; every row that holds a file (evidence, submissions, documents...) has it.
Files with no row (a request that failed after writing its upload) are counted: they are
harmless and can be swept."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.apps import apps  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.db.models import FileField, OuterRef, Subquery  # noqa: E402

from awards.models import Dossier, DossierTransition  # noqa: E402
from core.backup import stored_files  # noqa: E402


def main():
    last_move = DossierTransition.objects.filter(dossier=OuterRef("pk")).order_by("-at", "-pk")
    dossiers = Dossier.objects.annotate(last_to=Subquery(last_move.values("to_state")[:1]))
    wrong_state = [d.reference for d in dossiers if d.last_to != d.state]
    wrong_history = [
        d.reference
        for d in Dossier.objects.all()
        if d.history.order_by("-history_date", "-history_id").first().state != d.state
    ]
    stored = set()
    missing_files = 0
    # Every file a row holds: reports, submissions and dossier documents, and the rest
    # (a pact's signed copy, a council's papers...) so their files are not counted as lost.
    file_fields = [
        (model, field.name)
        for model in apps.get_models()
        if not model.__name__.startswith("Historical")  # the audit trail's copies
        for field in model._meta.concrete_fields
        if isinstance(field, FileField)
    ]
    for model, field in file_fields:
        for name in model.objects.exclude(**{field: ""}).values_list(field, flat=True):
            stored.add(name)
            if not default_storage.exists(name):
                missing_files += 1
    # Import files waiting for a confirmation are not uploads.
    on_disk = {name for name in stored_files() if not name.startswith(("imports/", "django-"))}
    print(f"dossiers: {Dossier.objects.count()}, state differs from last move: {len(wrong_state)}")
    print(f"dossiers whose audit trail disagrees with their state: {len(wrong_history)}")
    print(f"rows whose file is missing: {missing_files}")
    print(f"files with no row (uploads of failed requests): {len(on_disk - stored)}")
    if wrong_state or wrong_history or missing_files:
        sys.exit(1)


if __name__ == "__main__":
    main()
