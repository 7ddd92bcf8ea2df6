from django import template

register = template.Library()


@register.filter
def audit_what(value: str) -> str:
    """An access-log entry in the reader's language (records.audit.what_label)."""
    from records.audit import what_label

    return what_label(value)
