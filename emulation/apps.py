from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    """The year's emulation work around clusters and blocks, and section II's targets."""

    name = "emulation"
    verbose_name = _("Phong trào thi đua")
