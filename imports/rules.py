"""Who may import what: the staff page, its confirm step and its exports ask these."""

from awards.rules import can_import_nominees
from units.rules import can_import_data

from .registry import IMPORT_KINDS


def allowed_kinds(user):
    """The import kinds the user may run: all for the office and admins, the unit's own lists
    (kinds `for_unit`) for a unit officer, none for anyone else."""
    if can_import_data(user):
        return dict(IMPORT_KINDS)
    if can_import_nominees(user):
        return {slug: kind for slug, kind in IMPORT_KINDS.items() if kind.for_unit}
    return {}


def can_open_imports(user):
    """The page "Nhập dữ liệu": for whoever may import some kind."""
    return bool(allowed_kinds(user))
