"""A decision date must agree with the dossier's own history (issue 13, point 5).

A decision on a dossier cannot be signed before the unit first submitted it, nor after
today; the centre's decision cannot come before the province's. These are consistency
checks on the record, not rules of the law.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import DossierState
from .submit_checks import DossierRuleError


class DecisionDateError(DossierRuleError):
    """A decision date the dossier's history contradicts; `field` names the form field."""

    def __init__(self, messages, field):
        super().__init__(messages)
        self.field = field


def first_submitted_on(dossier):
    """The local day the unit first submitted the dossier, or None if it never did."""
    first = dossier.transitions.filter(to_state=DossierState.SUBMITTED).order_by("at", "pk").first()
    return timezone.localdate(first.at) if first else None


def decision_date_problem(dossier, date, *, submitted_on=None, after=None):
    """Why `date` cannot be a decision date for the dossier, or None.

    `submitted_on` saves a query when the caller knows the first submission; `after` is an
    earlier decision's date (the province's, for the centre's) the date may not precede.
    """
    if date is None:
        return None
    days = {"date": f"{date:%d/%m/%Y}"}
    today = timezone.localdate()
    if date > today:
        return _("Ngày quyết định %(date)s là ngày trong tương lai (hôm nay là %(today)s).") % {
            **days,
            "today": f"{today:%d/%m/%Y}",
        }
    submitted_on = submitted_on or first_submitted_on(dossier)
    if submitted_on and date < submitted_on:
        return _(
            "Ngày quyết định %(date)s trước ngày đơn vị nộp hồ sơ %(reference)s lần đầu "
            "(%(submitted)s)."
        ) % {**days, "reference": dossier.reference, "submitted": f"{submitted_on:%d/%m/%Y}"}
    if after and date < after:
        return _(
            "Ngày quyết định của Trung ương %(date)s trước ngày quyết định của tỉnh (%(after)s)."
        ) % {**days, "after": f"{after:%d/%m/%Y}"}
    return None


def check_decision_dates(dossier, changes):
    """Raise DecisionDateError if the decision dates a move writes contradict the history."""
    submitted_on = first_submitted_on(dossier)
    if problem := decision_date_problem(
        dossier, changes.get("decision_date"), submitted_on=submitted_on
    ):
        raise DecisionDateError(problem, "decision_date")
    if "central_decision_date" in changes:
        province = changes.get("decision_date") or dossier.decision_date
        if problem := decision_date_problem(
            dossier, changes["central_decision_date"], submitted_on=submitted_on, after=province
        ):
            raise DecisionDateError(problem, "central_decision_date")
