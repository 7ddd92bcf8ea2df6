from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """Record keeping across every app: the access and change journal, the
    GDPR export and anonymisation, the interchange format (import/export).

    It reads what the domain apps declare in smes.registry; it sits on top
    of them, and none of them imports it."""

    name = "records"
    verbose_name = "Journal et échanges"

    def ready(self):
        from records import audit, blocks
        from smes.registry import ACCESS_LOG_WRITERS

        ACCESS_LOG_WRITERS.register(audit.log_access)
        blocks.register_blocks()
