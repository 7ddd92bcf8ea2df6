from django import template
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs) -> str:
    """The current query string with some parameters replaced (pagination)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        params[key] = value
    return urlencode(sorted((k, v) for k, v in params.lists()), doseq=True)


@register.filter
def get_item(mapping, key):
    try:
        return mapping[key]
    except (KeyError, TypeError, IndexError):
        return None


@register.filter
def date_year(value, fmt: str = "D j F"):
    """`value|date:fmt`, with the year added whenever it is not the current
    one: "dim 1 mars" would hide 2099 (or 2019)."""
    from django.template.defaultfilters import date as date_filter

    from smes.lib.dates import today

    if not value:
        return ""
    if value.year != today().year and "Y" not in fmt:
        fmt = f"{fmt} Y"
    return date_filter(value, fmt)
