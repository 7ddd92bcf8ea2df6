from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HarmreductionConfig(AppConfig):
    name = "harmreduction"
    verbose_name = _("Réduction des risques")
