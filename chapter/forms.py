from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chapter.models import MAX_TEXT
from chapter.rendering import unknown_message, unknown_placeholders


class ChapterTextForm(forms.Form):
    body = forms.CharField(
        label=_("Texte"),
        required=False,
        max_length=MAX_TEXT,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 18, "class": "chapter-editor", "spellcheck": "true"}),
        help_text=_(
            "Markdown : une ligne vide entre deux paragraphes, ## pour un intertitre, - pour une liste, "
            "**gras**, *italique*. Un chiffre s'écrit {clé}, par exemple {tenants.accompanied}."
        ),
    )

    def __init__(self, *args, values: dict[str, Any], **kwargs):
        super().__init__(*args, **kwargs)
        self.values = values

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].replace("\r\n", "\n")
        unknown = unknown_placeholders(body, self.values)
        if unknown:
            raise forms.ValidationError(unknown_message(unknown))
        return body
