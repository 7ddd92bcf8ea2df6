from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChapterConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "chapter"
    verbose_name = _("Chapitre du rapport")
