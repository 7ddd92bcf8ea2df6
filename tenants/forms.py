"""Forms: they read and convert input; the services apply the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smes.roles import tenant_fields_hidden
from tenants.codes import normalise_code
from tenants.models import (
    MENTAL_HEALTH_FIELDS,
    Assessment,
    EndReason,
    Funding,
    Income,
    Product,
    Team,
    Tenant,
)
from tenants.selectors import Status
from tenants.services import TENANT_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class NamedErrorsMixin:
    """Error texts that name the field, so that a message read alone (in a
    list, an import report, a screen reader) still says what is wrong."""

    def _name_errors(self) -> None:
        for field in self.fields.values():
            label = str(field.label or "").strip()
            field.error_messages["required"] = _("Le champ « %(label)s » est obligatoire.") % {"label": label}
            if isinstance(field, forms.ChoiceField):
                # Django fills in %(value)s itself; the label goes in now.
                field.error_messages["invalid_choice"] = _(
                    "« %(value)s » n'est pas une valeur connue pour « %(label)s »."
                ).replace("%(label)s", label.replace("%", "%%"))
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = _("« %(label)s » : saisissez une date valide.") % {"label": label}
            if isinstance(field, forms.IntegerField | forms.DecimalField):
                field.error_messages["invalid"] = _("« %(label)s » : saisissez un nombre.") % {"label": label}


# --- list filters --------------------------------------------------------


class TenantFilterForm(NamedErrorsMixin, forms.Form):
    STATUS_CHOICES = [
        (Status.ACTIVE, gettext_lazy("En cours")),
        (Status.ENDED, gettext_lazy("Terminés")),
        (Status.ALL, gettext_lazy("Tous")),
    ]

    q = forms.CharField(
        label=gettext_lazy("Nom ou numéro"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": gettext_lazy("Nom, prénom ou HF-…"), "autocomplete": "off"}
        ),
    )
    team = forms.ChoiceField(
        label=gettext_lazy("Équipe"), required=False, choices=[("", gettext_lazy("Toutes"))] + Team.choices
    )
    funding = forms.ChoiceField(
        label=gettext_lazy("Financement"), required=False, choices=[("", gettext_lazy("Tous"))] + Funding.choices
    )
    status = forms.ChoiceField(label=gettext_lazy("Statut"), required=False, choices=STATUS_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._name_errors()

    def filters(self) -> dict:
        """The valid filters only: a bad value in the URL is reported, the
        others still apply."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q") or "",
            "team": data.get("team") or "",
            "funding": data.get("funding") or "",
            "status": data.get("status") or Status.ACTIVE,
        }


# --- tenant --------------------------------------------------------------


class TenantForm(NamedErrorsMixin, forms.ModelForm):
    class Meta:
        model = Tenant
        fields = TENANT_FIELDS
        widgets = {
            "birth_date": DateInput(),
            "followup_start": DateInput(),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "important_note": forms.Textarea(attrs={"rows": 3}),
            "street_years": forms.NumberInput(attrs={"step": "0.1", "min": "0", "max": "80", "inputmode": "decimal"}),
        }
        help_texts = {
            "code": gettext_lazy("« HF- » suivi de 4 à 6 chiffres ; le prochain numéro libre est proposé."),
            "street_years": gettext_lazy("Années cumulées en rue avant l'entrée dans le projet."),
            "referrer": gettext_lazy("Association ou CPAS qui a proposé la personne."),
            "legal_status": gettext_lazy("Pour les personnes internées (financement SPF Santé publique)."),
            "justice_contact": gettext_lazy("Nom, service et téléphone de l'assistant·e de justice."),
            "important_note": gettext_lazy("Ce que toute personne qui rencontre le·la locataire doit savoir."),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Justice data and the important note: only for the roles that may
        # write them (smes.roles.TENANT_FIELD_CAPS); the others never see them.
        if user is not None:
            for name in tenant_fields_hidden(user, edit=True):
                self.fields.pop(name, None)
        self.fields["code"].widget.attrs.update({"autocapitalize": "characters", "autocomplete": "off"})
        self._name_errors()
        self.fields["code"].error_messages["unique"] = _("Ce numéro de dossier est déjà celui d'un·e autre locataire.")

    def clean_code(self) -> str:
        return normalise_code(self.cleaned_data["code"])

    # Field groups for the template (identity, follow-up, care pathway).
    IDENTITY = ("code", "last_name", "first_name", "sex", "birth_date", "phone", "email")
    FOLLOWUP = ("team", "funding", "followup_start", "referrer", "ethos", "street_years")
    PATHWAY = ("legal_status", "justice_contact")
    NOTE = ("important_note",)

    def groups(self) -> list[tuple[str, list]]:
        groups = [
            (_("Identité et contact"), [self[f] for f in self.IDENTITY]),
            (_("Accompagnement"), [self[f] for f in self.FOLLOWUP]),
            (_("Trajet de soins internés"), [self[f] for f in self.PATHWAY if f in self.fields]),
            (_("Important à savoir"), [self[f] for f in self.NOTE if f in self.fields]),
        ]
        return [(title, fields) for title, fields in groups if fields]


class EndFollowupForm(NamedErrorsMixin, forms.Form):
    reason = forms.ChoiceField(label=gettext_lazy("Motif de fin"), choices=EndReason.choices, widget=forms.RadioSelect)
    end_date = forms.DateField(
        label=gettext_lazy("Date de fin"),
        widget=DateInput(),
        help_text=gettext_lazy("Pour un décès : la date du décès."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._name_errors()


# --- incomes -------------------------------------------------------------


class IncomeForm(NamedErrorsMixin, forms.ModelForm):
    class Meta:
        model = Income
        fields = ("source", "start", "end")
        widgets = {"start": DateInput(), "end": DateInput()}
        help_texts = {"end": gettext_lazy("Vide tant que le revenu est perçu.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._name_errors()


class IncomeCloseForm(NamedErrorsMixin, forms.Form):
    end = forms.DateField(label=gettext_lazy("Dernier jour du revenu"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._name_errors()


# --- clinical ------------------------------------------------------------


class AssessmentForm(NamedErrorsMixin, forms.Form):
    """The yearly review; booleans and products are toggled as chips."""

    date = forms.DateField(label=gettext_lazy("Date du bilan"), widget=DateInput())
    products = forms.MultipleChoiceField(
        label=gettext_lazy("Produits consommés actuellement"),
        choices=Product.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Aucun produit coché : abstinent·e."),
    )

    def __init__(self, *args, instance: Assessment | None = None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "date": instance.date,
                "products": instance.products,
                **{f: getattr(instance, f) for f in self.FLAGS},
            }
        super().__init__(*args, **kwargs)
        for name in self.FLAGS:
            self.fields[name] = forms.BooleanField(label=Assessment._meta.get_field(name).verbose_name, required=False)
        self._name_errors()

    MENTAL = tuple(MENTAL_HEALTH_FIELDS)
    USE = ("crack_inhalation", "injection", "overdose")
    FLAGS = MENTAL + USE

    def mental_fields(self):
        return [self[f] for f in self.MENTAL]

    def use_fields(self):
        return [self[f] for f in self.USE]


class GafScoreForm(NamedErrorsMixin, forms.Form):
    date = forms.DateField(label=gettext_lazy("Date de la cotation"), widget=DateInput())
    score = forms.IntegerField(
        label=gettext_lazy("Score EGF (1 à 100)"),
        min_value=1,
        max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "1", "max": "100", "step": "1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._name_errors()
        out_of_range = _("Le score EGF va de 1 à 100.")
        self.fields["score"].error_messages.update({"min_value": out_of_range, "max_value": out_of_range})
