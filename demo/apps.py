from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo year (setup_demo) and the generated data at scale (seed_scale), built
    through the apps' own services."""

    name = "demo"
    verbose_name = _("Dữ liệu mẫu")
