from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What serves every app: spreadsheets, the import engine, files and upload checks,
    history helpers, backup, pagination, Vietnamese names and search keys."""

    name = "core"
    verbose_name = _("Dùng chung")
