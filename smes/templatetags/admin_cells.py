"""`{{ bound_field|labelled }}`: see smes.lib.admin_cells (templates/admin/edit_inline/tabular.html)."""

from django import template

from smes.lib.admin_cells import labelled_widget

register = template.Library()


@register.filter
def labelled(bound_field, label=None):
    return labelled_widget(bound_field, label)
