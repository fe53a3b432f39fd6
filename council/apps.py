from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Hội đồng Thi đua - Khen thưởng")

    def ready(self):
        # awards must not import this app: the ballot gate joins awards' approval checks here.
        from awards import exports, rules

        from .selectors import ballot_problems, ballots_by_reference

        if ballot_problems not in rules.APPROVAL_CHECKS:
            rules.APPROVAL_CHECKS.append(ballot_problems)
        exports.EXTRA_FIELDS["ballot"] = ballots_by_reference
