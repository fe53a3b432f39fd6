"""Tờ trình: a unit's proposal sends many of its dossiers together; the office's proposal to
the council puts appraised dossiers before it. Every state change goes through
awards.services.move_dossier, all the dossiers of a proposal or none."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import EDITABLE_STATES, DossierState
from awards.models import Dossier
from awards.services import DossierRuleError, move_dossier
from core.documents import document_number
from core.names import normalise_text
from units.rules import belongs_to_unit, is_office, is_unit_officer

from .models import Proposal, ProposalItem
from .selectors import annex_order

S = DossierState
OFFICE_SERIES = "TTr-BTĐKT"


class ProposalError(DossierRuleError):
    pass


# Who may do what ---------------------------------------------------------------------------


def can_see_proposals(user):
    return is_office(user) or is_unit_officer(user)


def proposal_visibility_filter(user):
    if is_office(user):
        return Q()
    return Q(kind=Proposal.Kind.UNIT, unit_id=getattr(user, "unit_id", None))


def visible_proposals(user):
    return Proposal.objects.filter(proposal_visibility_filter(user)).select_related("unit")


def can_change(user, proposal):
    if proposal.sent_at:
        return False
    if proposal.kind == Proposal.Kind.OFFICE:
        return is_office(user)
    return belongs_to_unit(user, proposal.unit)


def candidates(user, year):
    """The dossiers the user may put in a new proposal: the unit's editable ones, or the
    office's appraised ones (in the annex's order)."""
    if is_office(user):
        queryset = Dossier.objects.filter(year=year, state=S.IN_APPRAISAL)
    elif is_unit_officer(user):
        queryset = Dossier.objects.filter(
            year=year, unit_id=user.unit_id, state__in=sorted(EDITABLE_STATES)
        )
    else:
        queryset = Dossier.objects.none()
    return queryset.select_related("award_type", "unit").order_by(
        "award_type__position", "-nominee_kind", "reference"
    )


# Writes ------------------------------------------------------------------------------------


@transaction.atomic
def create_proposal(user, year, *, summary, dossiers, signer_title="", signer_name=""):
    office = is_office(user)
    if not (office or is_unit_officer(user)):
        raise ProposalError(_("Bạn không lập được tờ trình."))
    allowed = set(candidates(user, year).values_list("pk", flat=True))
    dossiers = sorted(dossiers, key=annex_order)
    if not dossiers:
        raise ProposalError(_("Chọn ít nhất một hồ sơ cho tờ trình."))
    wrong = [d.reference for d in dossiers if d.pk not in allowed]
    if wrong:
        raise ProposalError(_("Không đưa được vào tờ trình: %s.") % ", ".join(wrong))
    proposal = Proposal(
        kind=Proposal.Kind.OFFICE if office else Proposal.Kind.UNIT,
        unit=user.unit,
        year=year,
        summary=normalise_text(summary),
        signer_title=normalise_text(signer_title),
        signer_name=normalise_text(signer_name),
        created_by=user,
    )
    proposal._history_user = user
    proposal.save()
    ProposalItem.objects.bulk_create(
        ProposalItem(proposal=proposal, dossier=d, order=i) for i, d in enumerate(dossiers, 1)
    )
    return proposal


def next_office_number(year):
    """The office's series: "01/TTr-BTĐKT", "02/TTr-BTĐKT", ... per year."""
    issued = Proposal.objects.filter(kind=Proposal.Kind.OFFICE, year=year).exclude(number="")
    return document_number(issued.count() + 1, OFFICE_SERIES)


@transaction.atomic
def send_proposal(proposal, user, *, date, number=""):
    """A unit's proposal submits its dossiers; the office's puts them before the council.
    All of them or, if one is refused, none."""
    # Locked: the same proposal sent twice at once is sent once.
    Proposal.objects.select_for_update().filter(pk=proposal.pk).first()
    proposal.refresh_from_db()
    if not can_change(user, proposal):
        raise ProposalError(_("Tờ trình đã gửi hoặc bạn không có quyền gửi."))
    office = proposal.kind == Proposal.Kind.OFFICE
    number = next_office_number(proposal.year) if office else normalise_text(number)
    if not number or not date:
        raise ProposalError(_("Cần ghi số và ngày của tờ trình."))
    to_state = S.BEFORE_COUNCIL if office else S.SUBMITTED
    problems = []
    for item in proposal.items.select_related("dossier__award_type", "dossier__unit"):
        try:
            with transaction.atomic():
                move_dossier(item.dossier, to_state, user, _("Theo tờ trình số %s") % number)
        except DossierRuleError as error:
            problems += [f"{item.dossier.reference}: {m}" for m in error.messages]
    if problems:
        transaction.set_rollback(True)
        raise ProposalError(problems)
    proposal.number, proposal.date, proposal.sent_at = number, date, timezone.now()
    proposal._history_user = user
    proposal.save(update_fields=["number", "date", "sent_at"])
    return proposal
