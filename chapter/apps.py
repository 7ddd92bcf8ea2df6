from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChapterConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "chapter"
    verbose_name = _("Chapitre du rapport")

    def ready(self) -> None:
        from chapter.docx import export_docx
        from chapter.selectors import chapter_context, chapter_json
        from reports.blocks import REPORT_ADDITIONS, ReportAddition

        # The chapter's texts and records in the report's JSON, page and PDF; its Word file.
        REPORT_ADDITIONS.register(
            ReportAddition(key="chapter", json=chapter_json, context=chapter_context, exports={"docx": export_docx})
        )
