"""{% chapter_part "population" %}: the chapter's sections that follow a
report block (texts and sections from the records), from context["chapter"]."""

from django import template

register = template.Library()


@register.inclusion_tag("chapter/_part.html", takes_context=True)
def chapter_part(context, after: str):
    chapter = context.get("chapter") or {}
    return {
        "sections": (chapter.get("parts") or {}).get(after, []),
        "pdf": context.get("pdf", False),
        "year": context.get("year"),
    }
