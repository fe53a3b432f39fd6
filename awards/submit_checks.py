"""The rules a dossier is checked against before it is submitted: whom the award goes to,
what the law in force asks (awards.eligibility, by rule set), the batch a state-level award
goes in, and no second dossier for the same nominee and award. Pure reads: services call them
before they write."""

from django.db import IntegrityError, OperationalError, transaction
from django.utils.translation import gettext as _

from core.names import search_key

from . import eligibility, rules
from .enums import GRANTED_STATES, OPEN_STATES, NomineeKind
from .models import Dossier


class DossierRuleError(Exception):
    """A move or change the rules refuse; `messages` says, in Vietnamese, each thing wrong."""

    def __init__(self, messages):
        self.messages = [str(m) for m in ([messages] if isinstance(messages, str) else messages)]
        super().__init__(" ".join(self.messages))


# Rules checked before a dossier is submitted -------------------------------------------


def _wrong_recipient(dossier):
    if not dossier.award_type.accepts(dossier.nominee_kind):
        return [
            _("“%(award)s” không xét tặng cho %(kind)s.")
            % {
                "award": dossier.award_type.name,
                "kind": str(NomineeKind(dossier.nominee_kind).label).lower(),
            }
        ]
    return []


def _law_problems(dossier):
    # What the law asks (documents, earlier titles, initiatives...) is read from the rule set
    # in force for the dossier's year; each message names its article and rule set.
    return eligibility.dossier_problems(dossier)


def _batch_problems(dossier):
    # State-level awards (khen thưởng bậc cao) go to the central level in batches: the plan's
    # task 13 is đợt 1, task 26 đợt 2 for the education sector.
    if not dossier.award_type.is_state_level:
        return []
    batch = dossier.batch
    if batch is None:
        return [_("Khen thưởng bậc cao phải thuộc một đợt trình; hãy chọn đợt.")]
    if not batch.is_open:
        return [_("Đợt “%(batch)s” đã đóng, không nhận thêm hồ sơ.") % {"batch": batch.name}]
    if batch.year != dossier.year:
        return [
            _("Đợt “%(batch)s” thuộc năm %(batch_year)s, hồ sơ thuộc năm %(year)s.")
            % {"batch": batch.name, "batch_year": batch.year, "year": dossier.year}
        ]
    return []


def _duplicates(dossier):
    others = (
        Dossier.objects.filter(
            nominee_key=dossier.nominee_key,
            nominee_kind=dossier.nominee_kind,
            award_type=dossier.award_type_id,
            year=dossier.year,
            state__in=OPEN_STATES | GRANTED_STATES,
        )
        .exclude(pk=dossier.pk)
        .order_by("reference")
    )
    for other in others:
        if dossier.date_of_birth and other.date_of_birth not in (None, dossier.date_of_birth):
            continue
        return [
            _("“%(name)s” đã có hồ sơ %(reference)s (%(state)s) đề nghị “%(award)s” năm %(year)s.")
            % {
                "name": dossier.nominee_name,
                "reference": other.reference,
                "state": other.get_state_display(),
                "award": dossier.award_type.name,
                "year": dossier.year,
            }
        ]
    return []


def duplicate_problems(dossier):
    """The duplicate rule for a dossier as edited (in admin: its search key may be stale), for
    a dossier the database constraint covers (open or granted); [] when it passes."""
    if dossier.state not in OPEN_STATES | GRANTED_STATES:
        return []
    dossier.nominee_key = search_key(dossier.nominee_name)
    return _duplicates(dossier)


# PostgreSQL's SQLSTATE for "deadlock detected".
DEADLOCK_DETECTED = "40P01"


def write_refusing_duplicates(dossier, write):
    """Run `write()` (the save or UPDATE that makes `dossier` held against its nominee),
    turning the database's duplicate constraint (models.Dossier.Meta) into the message of
    `_duplicates`; return what `write` returns.

    The check runs first, but two dossiers of one nominee submitted at the same instant both
    pass it. The unique index lets one through and makes the other wait for it, so by the
    time the error arrives the winner is committed and the check names it. PostgreSQL's
    exclusion constraint (migration 0004) inserts before it checks, so the two writers can
    each find the other's row and wait on it: a deadlock, and PostgreSQL aborts one of
    them ("Exclusion constraints" in the CREATE TABLE reference). Its write is only rolled
    back to the savepoint and tried again: the other's row is then there, so the retry waits
    for it and ends in the duplicate message (or succeeds, if the other rolled back).
    Other errors pass through."""
    for attempt in range(3):
        try:
            with transaction.atomic():
                return write()
        except OperationalError as error:
            if getattr(error.__cause__, "pgcode", None) != DEADLOCK_DETECTED or attempt == 2:
                raise
        except IntegrityError:
            problems = _duplicates(dossier)
            if not problems:
                raise
            raise DossierRuleError(problems) from None


def editable_now(dossier, by, refusal):
    """The dossier as the database holds it, its row locked until the caller's transaction
    ends, if `by` may still change it; else DossierRuleError with `refusal` (a message naming
    the dossier's reference and state).

    A move is one UPDATE of the row (compare-and-set), so it waits for the lock: a withdrawal
    at the same moment lands before this read (and the change is refused) or after the
    change is written, never in between.
    """
    current = Dossier.objects.select_for_update(of=("self",)).select_related("unit")
    current = current.get(pk=dossier.pk)
    if not rules.can_edit_dossier(by, current):
        raise DossierRuleError(
            refusal % {"reference": current.reference, "state": current.get_state_display()}
        )
    return current


SUBMIT_RULES = [
    _wrong_recipient,
    _law_problems,
    _batch_problems,
    _duplicates,
]


def submit_problems(dossier):
    """Everything that keeps the dossier from being submitted, one message each ([] if none)."""
    return [message for rule in SUBMIT_RULES for message in rule(dossier)]


# Moves ------------------------------------------------------------------------------------
