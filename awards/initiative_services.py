"""Writes to an initiative beyond recording it: its recognition's scope and body, its year
and its authors (awards.services records it and the office's recognition decision)."""

from django.db import transaction
from django.utils.translation import gettext as _

from core.history import recorded_as
from core.names import normalise_text

from . import rules
from .services import DossierRuleError


@transaction.atomic
def update_initiative(initiative, by, *, title, year, scope, recognised_by, authors, author_people):
    """Set what the titles ask of an initiative (Luật TĐKT điều 21-23: whose it is, the year,
    how far its effect is recognised and by whom), with a history row naming `by`."""
    if not rules.can_edit_initiative(by, initiative):
        raise DossierRuleError(_("Bạn không được sửa sáng kiến này."))
    if scope not in rules.initiative_scopes(by, initiative):
        raise DossierRuleError(_("Chỉ Ban TĐKT ghi phạm vi công nhận cấp tỉnh hoặc toàn quốc."))
    people = list(author_people)
    with recorded_as(by, _("Sửa sáng kiến")):
        initiative.title = normalise_text(title)
        initiative.year = year
        initiative.scope = scope
        initiative.recognised_by = normalise_text(recognised_by)
        initiative.authors = (
            ", ".join(p.full_name for p in people) if people else normalise_text(authors)
        )
        initiative.save()
        initiative.author_people.set(people)
    return initiative
