"""Forms of the harm-reduction pages. They validate and convert input; the
stock is written by harmreduction.services only."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from harmreduction.models import QUANTITY_NOT_ZERO, QUANTITY_POSITIVE, Category, Item, MovementKind
from harmreduction.services import COUNT_NOT_NEGATIVE, NO_LINES
from smes.lib.dates import today
from smes.lib.text import by_name
from tenants.models import Tenant

DEFAULT_SUPPLIER = "Modus Vivendi"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ItemQuantitiesMixin:
    """One optional whole-number field per active item (`q_<pk>`), shown in
    groups; blank means "none". `sign` says what a filled quantity may be:
    "positive" (> 0), "counted" (≥ 0) or "signed" (≠ 0)."""

    sign = "positive"

    def add_item_fields(self, items: list[Item], stock: dict[int, int]) -> None:
        self.items = items
        self.stock = stock
        for item in items:
            attrs = {"inputmode": "numeric", "class": "qty", "aria-label": item.label}
            if self.sign == "positive":
                attrs["min"] = 1
            elif self.sign == "counted":
                attrs["min"] = 0
            self.fields[f"q_{item.pk}"] = forms.IntegerField(
                label=item.label, required=False, widget=forms.NumberInput(attrs=attrs)
            )

    def groups(self) -> list[dict]:
        out = []
        for value, label in Category.choices:
            rows = [
                {"item": item, "field": self[f"q_{item.pk}"], "stock": self.stock.get(item.pk, 0)}
                for item in self.items
                if item.category == value
            ]
            if rows:
                out.append(
                    {
                        "code": value,
                        "label": label,
                        "rows": rows,
                        "filled": any(r["field"].value() not in (None, "") for r in rows),
                    }
                )
        return out

    def clean_lines(self) -> list[tuple[Item, int]]:
        lines = []
        for item in self.items:
            name = f"q_{item.pk}"
            value = self.cleaned_data.get(name)
            if value is None:
                continue
            if self.sign == "positive" and value <= 0:
                self.add_error(name, ValidationError(QUANTITY_POSITIVE, params={"item": item.label}))
            elif self.sign == "counted" and value < 0:
                self.add_error(name, ValidationError(COUNT_NOT_NEGATIVE, params={"item": item.label}))
            elif self.sign == "signed" and value == 0:
                self.add_error(name, ValidationError(QUANTITY_NOT_ZERO, params={"item": item.label}))
            else:
                lines.append((item, value))
        if not lines and not self.errors:
            raise ValidationError(NO_LINES)
        return lines


class _StockForm(ItemQuantitiesMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())

    def __init__(self, *args, items: list[Item], stock: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = today
        self.add_item_fields(items, stock)

    def clean(self):
        cleaned = super().clean()
        cleaned["lines"] = self.clean_lines()
        return cleaned


class DistributionForm(_StockForm):
    tenant = forms.ModelChoiceField(
        label=_("Locataire"),
        queryset=Tenant.objects.none(),
        required=False,
        empty_label=_("Anonyme (sans locataire)"),
    )

    field_order = ["date", "tenant"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tenant"].queryset = Tenant.objects.active().order_by(*by_name())
        self.fields["tenant"].label_from_instance = lambda t: f"{t.last_name} {t.first_name} ({t.code})"


class ReceiptForm(_StockForm):
    supplier = forms.CharField(label=_("Fournisseur"), max_length=200, initial=DEFAULT_SUPPLIER)

    field_order = ["date", "supplier"]


INVENTORY, LOSS, CORRECTION = "INVENTORY", "LOSS", "CORRECTION"
MODES = [
    (INVENTORY, _("Inventaire : j'indique les quantités comptées")),
    (LOSS, _("Perte, casse ou péremption : j'indique les quantités sorties")),
    (CORRECTION, _("Correction : j'indique l'écart (+ ou −)")),
]


class AdjustmentForm(_StockForm):
    sign = "signed"  # no `min` on the inputs; clean() sets the rule of the chosen mode
    mode = forms.ChoiceField(label=_("Type d'ajustement"), choices=MODES, widget=forms.RadioSelect, initial=INVENTORY)
    reason = forms.CharField(
        label=_("Motif"),
        max_length=200,
        required=False,
        help_text=_("Obligatoire sauf pour un inventaire (ex. : « boîte abîmée », « erreur d'encodage du 3 mars »)."),
    )

    field_order = ["date", "mode", "reason"]

    def clean(self):
        mode = self.data.get(self.add_prefix("mode"))
        self.sign = {INVENTORY: "counted", LOSS: "positive", CORRECTION: "signed"}.get(mode, "signed")
        cleaned = super().clean()
        if cleaned.get("mode") != INVENTORY and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Indiquez le motif de l'ajustement."))
        return cleaned


class ItemForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = ["code", "name", "name_nl", "category", "unit", "unit_nl", "threshold", "active", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The code is the key of the interchange files: it does not change.
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("Le code sert de clé aux fichiers d'import : il ne change pas.")

    def clean_code(self):
        return (self.cleaned_data.get("code") or "").strip().upper()


class MovementFilterForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("Matériel"), queryset=Item.objects.all(), required=False, empty_label=_("Tout le matériel")
    )
    kind = forms.ChoiceField(label=_("Type"), required=False)
    category = forms.ChoiceField(label=_("Groupe"), required=False)
    date_from = forms.DateField(label=_("Du"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Au"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Tous les types")), *MovementKind.choices]
        self.fields["category"].choices = [("", _("Tous les groupes")), *Category.choices]
