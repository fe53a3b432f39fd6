"""Writes to a dossier's documents: files added (several at once, all or none) and a wrong
file removed, while the dossier is the unit's to edit. Nothing is deleted: a removed file
keeps its row and its stored file, marked with who removed it and when."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.files import validate_document
from core.history import label_to_store
from core.names import normalise_text

from .enums import DocumentKind
from .models import DossierDocument
from .submit_checks import DossierRuleError, editable_now

# The reason of the document's history row when it is removed (shown in the reader's language).
REMOVED_REASON = gettext_lazy("Gỡ tài liệu khỏi hồ sơ")


def file_problems(file):
    """What core.files finds wrong with an uploaded file, and a name longer than the record
    keeps, one message each ([] if none)."""
    name_length = DossierDocument._meta.get_field("original_name").max_length
    if len(PurePath(file.name).name) > name_length:
        return [
            _("Tên tệp “%(name)s…” dài quá %(max)s ký tự: hãy đặt tên ngắn hơn.")
            % {"name": file.name[:40], "max": name_length}
        ]
    try:
        validate_document(file)
    except ValidationError as error:
        return list(error.messages)
    return []


@transaction.atomic
def attach_documents(dossier, by, files):
    """Add checked files to a dossier the officer may still change: `files` is a list of
    (kind, file). Every file is checked first; one bad file and none is added."""
    current = editable_now(
        dossier,
        by,
        _("Hồ sơ %(reference)s đang ở trạng thái “%(state)s”, không thêm tài liệu được."),
    )
    if not files:
        raise DossierRuleError(_("Chưa chọn tệp nào để tải lên."))
    problems = [message for _kind, file in files for message in file_problems(file)]
    if problems:
        raise DossierRuleError(problems)
    documents = []
    for kind, file in files:
        document = DossierDocument(
            dossier=current,
            kind=DocumentKind(kind),
            file=file,
            original_name=normalise_text(PurePath(file.name).name),
            uploaded_by=by,
        )
        document._history_user = by
        document.save()
        documents.append(document)
    return documents


def attach_document(dossier, by, kind, file):
    """Add one checked file of the given kind (see attach_documents)."""
    (document,) = attach_documents(dossier, by, [(kind, file)])
    return document


@transaction.atomic
def remove_document(document, by):
    """Take a wrong file out of a dossier its unit may still change (draft or returned): the
    file is no longer listed nor counted towards the required documents; its row, its stored
    file and a history row (who, when) remain. Refused once the dossier is sent."""
    editable_now(
        document.dossier,
        by,
        _("Hồ sơ %(reference)s đang ở trạng thái “%(state)s”, không gỡ tài liệu được."),
    )
    current = DossierDocument.objects.select_for_update().get(pk=document.pk)
    if current.removed_at is not None:
        raise DossierRuleError(
            _("Tài liệu “%(name)s” đã được gỡ khỏi hồ sơ.") % {"name": current.original_name}
        )
    current.removed_at = timezone.now()
    current.removed_by = by
    current._history_user = by
    current._change_reason = label_to_store(REMOVED_REASON)
    current.save(update_fields=["removed_at", "removed_by"])
    return current
