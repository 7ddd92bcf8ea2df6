from django import template
from django.utils.html import format_html

register = template.Library()


def _figure(context, key):
    figures = context.get("figures") or {}
    if key not in figures:
        raise template.TemplateSyntaxError(f"Unknown report figure {key!r}")
    return figures[key]


@register.simple_tag(takes_context=True)
def fig(context, key: str, with_history: bool = True):
    """A figure in bold followed by its earlier years: 71 % (87 % en 2024, …)."""
    figure = _figure(context, key)
    if with_history and figure.history:
        return format_html(
            '<strong class="fig">{}</strong> <span class="hist">{}</span>', figure.text, figure.history_text
        )
    return format_html('<strong class="fig">{}</strong>', figure.text)


@register.simple_tag(takes_context=True)
def hist(context, key: str):
    """Only the earlier years of a figure, as a compact list."""
    figure = _figure(context, key) if isinstance(key, str) else key
    if not figure.history:
        return ""
    return format_html('<span class="hist">{}</span>', figure.history_text)


@register.simple_tag
def hist_of(figure):
    """The earlier years of a Figure object (rows of the presentation tables)."""
    if figure is None or not figure.history:
        return ""
    return format_html('<span class="hist">{}</span>', figure.history_text)


@register.filter
def signed(value):
    if value is None:
        return "—"
    return f"+{value}" if value > 0 else str(value)
