"""Housing forms: they read and convert input; housing.services applies the
rules (and its ValidationError lands on the form through `smes.lib.forms.apply_errors`)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from housing import selectors
from housing.models import (
    Commune,
    Convention,
    Dwelling,
    ExitTo,
    Guarantee,
    Lease,
    LeaseKind,
    MoveKind,
    Partner,
    PartnerContact,
    PartnerKind,
    RentMonth,
)
from smes.lib.text import by_name
from tenants.models import Tenant

MSG_FILE_DROPPED = _(
    "Le fichier « %(name)s » n'a pas été gardé, à cause de l'erreur ci-dessus ou ci-dessous : "
    "choisissez-le à nouveau avant d'enregistrer."
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m")


class MonthField(forms.DateField):
    """A month typed as YYYY-MM (the browser's month picker), kept as its first day."""

    widget = MonthInput
    input_formats = ["%Y-%m", "%Y-%m-%d", "%m/%Y"]


class TenantSelect(forms.Select):
    """Options of tenants housed today carry data-housed (the move form
    turns a pre-filled entry into a transfer for them)."""

    housed: frozenset = frozenset()

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        if getattr(value, "value", value) in self.housed:
            option["attrs"]["data-housed"] = "1"
        return option


class TenantChoiceField(forms.ModelChoiceField):
    widget = TenantSelect

    def label_from_instance(self, obj: Tenant) -> str:
        return f"{obj.last_name.upper()} {obj.first_name} ({obj.code})"


class DwellingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Dwelling) -> str:
        label = f"{obj.code} · {obj.address}, {obj.commune}"
        free = getattr(obj, "free_places", None)
        if free is None:
            return label
        if free <= 0:
            return f"{label} — {_('complet')}"
        return (
            f"{label} — {_('libre')}" if obj.capacity == 1 else f"{label} — {free}/{obj.capacity} {_('places libres')}"
        )


def tenant_field(**kwargs) -> TenantChoiceField:
    return TenantChoiceField(
        queryset=Tenant.objects.only("code", "first_name", "last_name").order_by(*by_name()),
        label=_("Locataire"),
        **kwargs,
    )


def dwelling_field(**kwargs) -> DwellingChoiceField:
    # The queryset (with today's free places) is set per form instance: see
    # `with_todays_dwellings`.
    return DwellingChoiceField(queryset=Dwelling.objects.none(), label=_("Logement"), **kwargs)


def with_todays_dwellings(form: forms.BaseForm) -> None:
    form.fields["dwelling"].queryset = selectors.dwellings_list().prefetch_related(None)


# --------------------------------------------------------------------------
# Moves


class MoveForm(forms.Form):
    tenant = tenant_field()
    date = forms.DateField(label=_("Date"), widget=DateInput())
    # Short labels: they are tapped as buttons on a phone.
    kind = forms.ChoiceField(
        label=_("Type de mouvement"),
        choices=[(MoveKind.ENTRY, _("Entrée")), (MoveKind.TRANSFER, _("Déménagement")), (MoveKind.EXIT, _("Sortie"))],
        widget=forms.RadioSelect,
    )
    dwelling = dwelling_field(
        required=False,
        help_text=_("Pour une entrée ou un déménagement : le logement où la personne s'installe."),
    )
    exit_to = forms.ChoiceField(
        label=_("Sortie vers"),
        choices=ExitTo.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Pour une sortie de logement."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    end_leases = forms.BooleanField(
        label=_("Mettre fin au bail du logement quitté, à la date du mouvement"),
        required=False,
        initial=True,
        help_text=_("Pour un déménagement ou une sortie : le bail en cours du logement que la personne quitte."),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        with_todays_dwellings(self)
        self.fields["dwelling"].label = _("Logement de destination")
        if editing:
            # A move keeps its tenant (see services.MSG_TENANT_CHANGED).
            self.fields["tenant"].disabled = True
            del self.fields["end_leases"]
        else:
            self.fields["tenant"].widget.housed = frozenset(selectors.housed_tenant_ids())

    def clean(self):
        data = super().clean()
        # The page shows only the destination that fits the kind chosen; a
        # value left in the other (hidden) one is not part of the answer.
        if data.get("kind") == MoveKind.EXIT:
            data["dwelling"] = None
        elif data.get("kind") in (MoveKind.ENTRY, MoveKind.TRANSFER):
            data["exit_to"] = ""
        if data.get("kind") == MoveKind.ENTRY:
            data["end_leases"] = False
        return data


class DeathCloseForm(forms.Form):
    record_exit = forms.BooleanField(
        label=_("Enregistrer la sortie du logement (décès) à la date du décès"), required=False
    )
    end_leases = forms.BooleanField(label=_("Mettre fin au bail en cours à la date du décès"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("record_exit") and not data.get("end_leases"):
            raise ValidationError(_("Cochez au moins une des deux actions."))
        return data


# --------------------------------------------------------------------------
# Partners, dwellings, leases


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "kind", "via", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class PartnerContactForm(forms.ModelForm):
    class Meta:
        model = PartnerContact
        fields = ["name", "role", "phone", "email", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2}), "phone": forms.TextInput(attrs={"type": "tel"})}


class ConventionForm(forms.ModelForm):
    class Meta:
        model = Convention
        fields = ["title", "signed_on", "last_evaluated_on", "next_evaluation_due", "notes"]
        widgets = {
            "signed_on": DateInput(),
            "last_evaluated_on": DateInput(),
            "next_evaluation_due": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class DwellingForm(forms.ModelForm):
    class Meta:
        model = Dwelling
        fields = ["code", "partner", "address", "postcode", "commune", "capacity", "notes"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "postcode": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        help_texts = {"capacity": _("1 par défaut ; 2 pour un couple.")}


class LeaseForm(forms.ModelForm):
    tenant = tenant_field()
    dwelling = dwelling_field()

    class Meta:
        model = Lease
        fields = ["dwelling", "tenant", "kind", "start", "end", "rent", "charges", "document", "notes"]
        widgets = {"start": DateInput(), "end": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "end": _("Incluse. Vide = bail en cours."),
            "rent": _("€ par mois."),
            "charges": _("€ par mois."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_todays_dwellings(self)

    def note_dropped_files(self) -> None:
        """A browser never sends a file again: after an error on another
        field, say plainly that the document must be chosen again."""
        upload = self.files.get(self.add_prefix("document")) if self.is_bound else None
        if upload and self.errors and "document" not in self.errors:
            self.add_error("document", MSG_FILE_DROPPED % {"name": upload.name})


# --------------------------------------------------------------------------
# Filters


class DwellingFilterForm(forms.Form):
    q = forms.CharField(label=_("Code, adresse"), required=False)
    partner = forms.ModelChoiceField(
        label=_("Partenaire"), queryset=Partner.objects.order_by("name"), required=False, empty_label=_("Tous")
    )
    commune = forms.ChoiceField(label=_("Commune"), choices=[("", _("Toutes")), *Commune.choices], required=False)
    vacancy = forms.ChoiceField(
        label=_("Occupation"),
        choices=[("", _("Tous")), ("vacant", _("Places libres")), ("full", _("Complets"))],
        required=False,
    )


class LeaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Locataire, logement"), required=False)
    status = forms.ChoiceField(
        label=_("Baux"),
        choices=[
            ("", _("Tous")),
            ("running", _("En cours")),
            ("ending", _("Finissant dans 60 jours")),
            ("open", _("Sans date de fin")),
        ],
        required=False,
    )
    kind = forms.ChoiceField(label=_("Type"), choices=[("", _("Tous")), *LeaseKind.choices], required=False)


class MoveFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=[("", _("Tous")), *MoveKind.choices], required=False)
    year = forms.IntegerField(label=_("Année"), required=False, min_value=1990, max_value=2100)


class PartnerFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=[("", _("Tous")), *PartnerKind.choices], required=False)


# --------------------------------------------------------------------------
# Money (Management)


class GuaranteeForm(forms.ModelForm):
    lease = forms.ModelChoiceField(
        label=_("Bail"),
        queryset=Lease.objects.select_related("tenant", "dwelling").order_by(*by_name("tenant__"), "-start"),
    )

    class Meta:
        model = Guarantee
        fields = ["lease", "amount", "advanced_by", "date", "note"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lease"].label_from_instance = lambda lease: (
            f"{lease.tenant.last_name.upper()} {lease.tenant.first_name} · {lease.dwelling.code} "
            f"({lease.get_kind_display()}, {lease.start:%d/%m/%Y})"
        )


class RepaymentForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    amount = forms.DecimalField(label=_("Montant (€)"), max_digits=8, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class RentMonthForm(forms.ModelForm):
    month = MonthField(label=_("Mois"))

    class Meta:
        model = RentMonth
        fields = ["month", "due_from_tenant", "paid_to_landlord", "note"]


class RentPaymentForm(forms.Form):
    date = forms.DateField(label=_("Date de réception"), widget=DateInput())
    amount = forms.DecimalField(label=_("Montant reçu (€)"), max_digits=8, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=200, required=False, help_text=_("virement, CPAS, espèces…"))


class GenerateMonthsForm(forms.Form):
    until = MonthField(label=_("Jusqu'au mois"))
    paid_to_landlord = forms.BooleanField(
        label=_("Loyer payé au propriétaire (ordre permanent)"), required=False, initial=True
    )
