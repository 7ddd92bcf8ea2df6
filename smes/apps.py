from django.apps import AppConfig


class SmesConfig(AppConfig):
    name = "smes"
    verbose_name = "Smes"

    def ready(self):
        # Connects the login signal that decides what second factor is owed.
        from smes import blocks, middleware, twofactor  # noqa: F401

        blocks.register_blocks()
        # Accent-blind search on SQLite too (smes.lib.text).
        from django.db.backends.signals import connection_created

        from smes.lib.text import register_sqlite_unaccent

        connection_created.connect(register_sqlite_unaccent, dispatch_uid="smes-sqlite-unaccent")
