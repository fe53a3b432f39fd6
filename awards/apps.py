from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Khen thưởng")

    def ready(self):
        from . import arrivals  # registered here: core lists arrivals without importing us

        arrivals.register()
