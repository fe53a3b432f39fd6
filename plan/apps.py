from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "plan"
    verbose_name = _("Kế hoạch thi đua, khen thưởng")

    def ready(self):
        from . import arrivals  # registered here: core lists arrivals without importing us

        arrivals.register()
