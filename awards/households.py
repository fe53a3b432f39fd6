"""Households (hộ gia đình) as nominees: a rule set names the award types that may go to them.

A rule set lets an award type go to households with a requirement of kind `household`; a
dossier for a household under a rule set that has none for its award type is refused with
the article that names those it allows (awards.eligibility.problems, and the dossier form).
"""

from django.utils.translation import gettext as _

from .enums import RequirementKind


def household_awards(ruleset):
    """The rule set's `household` requirements, one per award type a household may receive."""
    if ruleset is None:
        return []
    return list(
        ruleset.requirements.filter(kind=RequirementKind.HOUSEHOLD)
        .select_related("award_type")
        .order_by("award_type__position")
    )


def household_refusals(award_type, ruleset):
    """[] if a household may receive `award_type` under `ruleset`, else [(article, message)]."""
    allowed = household_awards(ruleset)
    if any(requirement.award_type_id == award_type.pk for requirement in allowed):
        return []
    names = {"award": award_type.name}
    if allowed:
        names["allowed"] = ", ".join(f"“{r.award_type.name}”" for r in allowed)
        message = _(
            "“%(award)s” không xét tặng cho hộ gia đình; bộ quy định này chỉ cho hộ gia đình: "
            "%(allowed)s."
        )
        return [(allowed[0].article, message % names)]
    message = _("Bộ quy định này không xét tặng “%(award)s” cho hộ gia đình.")
    return [(_("Đối tượng khen thưởng"), message % names)]
