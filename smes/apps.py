from django.apps import AppConfig


class SmesConfig(AppConfig):
    name = "smes"
    verbose_name = "Smes"
