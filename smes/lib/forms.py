"""A service's ValidationError shown on a form: the one mapping.

Services (`<app>/services.py`) refuse with a ValidationError keyed by model
field; the form page shows each message on the field of that name when the
form has it, otherwise at the top of the form.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def apply_errors(form: forms.BaseForm, exc: ValidationError, rename: dict[str, str] | None = None) -> None:
    """Put `exc` on `form`; `rename` maps a service's field name to the form's."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    rename = rename or {}
    for field, errors in exc.message_dict.items():
        field = rename.get(field, field)
        form.add_error(field if field in form.fields else None, errors)
