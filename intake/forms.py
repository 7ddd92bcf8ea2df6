from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from housing.models import Partner
from housing.selectors import dwellings_list
from intake.models import Request, Status
from intake.services import REQUEST_FIELDS
from smes.lib.dates import today
from tenants.models import Funding, Team, Tenant
from tenants.services import next_tenant_code


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RequestForm(forms.ModelForm):
    """The request, phone first: the questions of the ordinance come first
    after the person, so that the verdict shows as soon as they are answered."""

    class Meta:
        model = Request
        fields = [
            "date",
            "requester",
            "partner",
            "referrer",
            "channel",
            "name",
            "birth_year",
            "sex",
            "ethos",
            "months_2y",
            "months_3y",
            "mental_health",
            "addiction",
            "priority",
            "kind",
            "tenant",
            "notes",
        ]
        widgets = {
            "date": DateInput(),
            "birth_year": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1900}),
            "months_2y": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 24}),
            "months_3y": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 36}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("date", today())
        self.fields["partner"].queryset = Partner.objects.order_by("name")
        self.fields["tenant"].queryset = Tenant.objects.all()
        self.fields["tenant"].help_text = _("Seulement pour un relogement.")
        self.fields["referrer"].help_text = _("Si le service n'est pas dans le registre des partenaires.")
        assert set(self.Meta.fields) == set(REQUEST_FIELDS) - {"ref"}


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nouveau statut"))
    date = forms.DateField(label=_("Date"), widget=DateInput())
    reason = forms.CharField(
        label=_("Motif / orienté vers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Motif d'une décision ou d'un refus ; vers qui la personne est orientée."),
    )
    # The tenant created on "housed" (a new request).
    last_name = forms.CharField(label=_("nom"), max_length=100, required=False)
    first_name = forms.CharField(label=_("prénom"), max_length=100, required=False)
    birth_date = forms.DateField(label=_("date de naissance"), required=False, widget=DateInput())
    funding = forms.ChoiceField(label=_("financement"), choices=[("", "—"), *Funding.choices], required=False)
    team = forms.ChoiceField(label=_("équipe"), choices=[("", "—"), *Team.choices], required=False)
    code = forms.CharField(label=_("numéro de dossier"), max_length=20, required=False)
    allow_duplicate = forms.BooleanField(
        label=_("Créer quand même : ce n'est pas la personne déjà sur fiche"), required=False
    )

    TENANT_FIELDS = ("last_name", "first_name", "birth_date", "funding", "team", "code")

    def __init__(self, *args, request: Request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request_obj = request
        self.fields["status"].choices = [(s, Status(s).label) for s in request.next_statuses]
        self.initial.setdefault("date", today())
        self.initial.setdefault("code", next_tenant_code())
        self.needs_tenant = request.kind == "NEW" and Status.HOUSED in request.next_statuses
        if not self.needs_tenant:
            for name in (*self.TENANT_FIELDS, "allow_duplicate"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if data.get("status") == Status.HOUSED and self.needs_tenant:
            for name in self.TENANT_FIELDS:
                if not data.get(name):
                    self.add_error(name, _("Requis pour créer le dossier du·de la locataire."))
        return data

    def tenant_fields(self) -> dict:
        if not (self.needs_tenant and self.cleaned_data.get("status") == Status.HOUSED):
            return {}
        fields = {name: self.cleaned_data[name] for name in self.TENANT_FIELDS}
        fields["allow_duplicate"] = self.cleaned_data.get("allow_duplicate", False)
        return fields


class ProposeForm(forms.Form):
    dwelling = forms.ModelChoiceField(label=_("Logement proposé"), queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dwelling"].queryset = dwellings_list(vacancy="vacant")
