from django.apps import AppConfig


class SmesConfig(AppConfig):
    name = "smes"
    verbose_name = "Smes"

    def ready(self):
        # Connects the login signal that decides what second factor is owed.
        from smes import blocks, twofactor  # noqa: F401

        blocks.register_blocks()
