from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import LegacyFigure
from reports.series import series_choices


class YearForm(forms.Form):
    annee = forms.TypedChoiceField(label=_("Année"), coerce=int)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [(y, y) for y in years]


class LegacyFigureForm(forms.ModelForm):
    key = forms.ChoiceField(label=_("Chiffre"), choices=series_choices)

    class Meta:
        model = LegacyFigure
        fields = ["year", "key", "value", "source"]
        labels = {"year": _("Année"), "value": _("Valeur"), "source": _("Source")}
        help_texts = {"value": _("Un pourcentage s'écrit sans le signe % (87 pour 87 %).")}

    def validate_unique(self):
        # Saving an existing year and key replaces its value (service), so the
        # form must not refuse it as a duplicate.
        pass
