from django.apps import AppConfig


class SmesConfig(AppConfig):
    name = "smes"
    verbose_name = "Smes"

    def ready(self):
        # Connects the login signal that decides what second factor is owed.
        # Accent-blind search on SQLite too (smes.lib.text).
        from django.db.backends.signals import connection_created

        from smes import middleware, twofactor  # noqa: F401
        from smes.lib.text import register_sqlite_unaccent

        connection_created.connect(register_sqlite_unaccent, dispatch_uid="smes-sqlite-unaccent")
        # The workers' accounts are the first file of the interchange format.
        from smes import registry, roles
        from smes.resources import UserResource

        registry.INTERCHANGE_FILES.register(
            registry.InterchangeFile("users", UserResource, 0, (roles.ACCOUNTS_MANAGE,))
        )
