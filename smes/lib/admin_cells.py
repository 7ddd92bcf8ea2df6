"""Names for the form controls Django's admin puts in table cells.

A tabular inline and a list_editable change list render each control in a
<td> under a column heading, without a <label>: a screen reader announces
"edit text" and axe-core reports "Form elements must have labels" (WCAG
1.3.1, 4.1.2). They get an aria-label: the column's label, and in a change
list the row's object as well.
"""

from __future__ import annotations

from django.utils.safestring import SafeString


def labelled_widget(bound_field, label=None) -> SafeString:
    """The field's widget (what `{{ bound_field }}` prints) with an aria-label."""
    attrs = {} if bound_field.field.widget.is_hidden else {"aria-label": str(label or bound_field.label)}
    html = bound_field.as_widget(attrs=attrs)
    if bound_field.field.show_hidden_initial:
        html += bound_field.as_hidden(only_initial=True)
    return html


def labelled_cells_form(form_class: type) -> type:
    """A change-list form class whose controls are named "Column — object"."""

    class LabelledCellsForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for field in self.fields.values():
                if not field.widget.is_hidden:
                    field.widget.attrs.setdefault("aria-label", f"{field.label} — {self.instance}")

    LabelledCellsForm.__name__ = form_class.__name__
    return LabelledCellsForm
