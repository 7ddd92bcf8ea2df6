"""The "matériel RdR donné" section of the visit quick-log form.

Registered in tenants.visits.services.QUICKLOG_EXTENSIONS (see its
QuickLogExtension contract): a few rows of item + quantity; when the visit
is saved, the material becomes ONE distribution linked to that visit and its
tenant, in the same transaction — a refusal (stock too low) rolls the visit
back and shows the message on the form.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from harmreduction.models import QUANTITY_POSITIVE, Category
from harmreduction.selectors import items_with_stock
from harmreduction.services import DUPLICATE_ITEM, distribution_record
from smes.roles import RDR_DISTRIBUTE

ROWS = 4
QUANTITY_MISSING = _("« %(item)s » : indiquez la quantité donnée.")
ITEM_MISSING = _("Ligne %(n)s : choisissez le matériel donné.")
MATERIAL_GIVEN = _("Matériel RdR donné : %(lines)s")


class VisitMaterialForm(forms.Form):
    """Rows `item_<n>` / `qty_<n>`; empty rows are ignored."""

    prefix = "rdr"

    def __init__(self, data=None, *, user, hidden: bool = False):
        super().__init__(data)
        self.user = user
        self.hidden = hidden
        self.summary = ""
        # One query: the active catalogue with its stock, for the choices.
        items = list(items_with_stock().filter(active=True))
        self.items_by_pk = {item.pk: item for item in items}
        choices: list = [("", "—")]
        for value, label in Category.choices:
            group = [
                (item.pk, _("%(name)s (stock %(stock)s)") % {"name": item.label, "stock": item.stock})
                for item in items
                if item.category == value
            ]
            if group:
                choices.append((label, group))
        for n in range(ROWS):
            self.fields[f"item_{n}"] = forms.TypedChoiceField(
                label=_("Matériel"), choices=choices, required=False, coerce=int, empty_value=None
            )
            self.fields[f"qty_{n}"] = forms.IntegerField(
                label=_("Quantité"),
                required=False,
                widget=forms.NumberInput(attrs={"min": 1, "inputmode": "numeric", "class": "qty"}),
            )

    def rows(self):
        return [(self[f"item_{n}"], self[f"qty_{n}"]) for n in range(ROWS)]

    @property
    def filled(self) -> bool:
        return self.is_bound and any(
            self.data.get(self.add_prefix(f"item_{n}")) or self.data.get(self.add_prefix(f"qty_{n}"))
            for n in range(ROWS)
        )

    def clean(self):
        cleaned = super().clean()
        lines = []
        seen = set()
        for n in range(ROWS):
            pk, qty = cleaned.get(f"item_{n}"), cleaned.get(f"qty_{n}")
            if pk is None and qty is None:
                continue
            if pk is None:
                self.add_error(f"item_{n}", ValidationError(ITEM_MISSING, params={"n": n + 1}))
                continue
            item = self.items_by_pk[pk]
            if qty is None:
                self.add_error(f"qty_{n}", ValidationError(QUANTITY_MISSING, params={"item": item.label}))
            elif qty <= 0:
                self.add_error(f"qty_{n}", ValidationError(QUANTITY_POSITIVE, params={"item": item.label}))
            elif pk in seen:
                self.add_error(f"item_{n}", ValidationError(DUPLICATE_ITEM, params={"item": item.label}))
            else:
                seen.add(pk)
                lines.append((item, qty))
        cleaned["lines"] = lines
        return cleaned

    def save(self, visit):
        lines = self.cleaned_data.get("lines") if not self.hidden else None
        if not lines:
            return None
        try:
            operation = distribution_record(date=visit.date, worker=self.user, visit=visit, lines=lines)
        except ValidationError as exc:
            self._show_on_rows(exc)
            # The quick log shows service errors on top of its form: say where they come from.
            raise ValidationError([_("Matériel RdR : %(msg)s") % {"msg": m} for m in exc.messages])
        # For the confirmation of the quick log (see QuickLogExtension.summary).
        self.summary = MATERIAL_GIVEN % {"lines": ", ".join(f"{qty} × {item.name}" for item, qty in lines)}
        return operation

    def _show_on_rows(self, exc: ValidationError) -> None:
        """Also put a refusal about one item on that item's row."""
        rows = {self.cleaned_data.get(f"item_{n}"): n for n in range(ROWS)}
        for error in exc.error_list:
            n = rows.get((error.params or {}).get("item_pk"))
            self.add_error(f"qty_{n}" if n is not None else None, error)


class MaterialGivenExtension:
    """QuickLogExtension: only Support (rdr.distribute) sees the section."""

    cap = RDR_DISTRIBUTE
    template = "harmreduction/_quicklog_material.html"

    def form(self, request, data) -> VisitMaterialForm:
        source = data if data is not None else request.GET
        planning = source.get("plan") == "1"
        return VisitMaterialForm(data, user=request.user, hidden=planning)

    def __eq__(self, other) -> bool:  # registered once even if ready() runs twice
        return isinstance(other, MaterialGivenExtension)

    def __hash__(self) -> int:
        return hash(MaterialGivenExtension)
