from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Hội đồng Thi đua - Khen thưởng")

    def ready(self):
        # awards must not import this app: the ballot gate joins awards' approval checks here.
        from awards import exports, rules

        from .selectors import ballot_problems, ballots_by_reference, decision_problems

        for check in (ballot_problems, decision_problems):
            if check not in rules.APPROVAL_CHECKS:
                rules.APPROVAL_CHECKS.append(check)
        exports.EXTRA_FIELDS["ballot"] = ballots_by_reference
