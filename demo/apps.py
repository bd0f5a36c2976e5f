from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data for `make run`. Sits above every other app: it may use all their services."""

    name = "demo"
    verbose_name = _("Demo data")
