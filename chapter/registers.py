"""The chapter's short registers (issue 17): one list-and-form page each.

team periods (Direction, Admin: FTE and periods are theirs only), network
partners, convention evaluations, training given, quality objectives and
the year's targets (Direction). Each write goes through `register_save` /
`register_delete` (model validation, history with its author)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from chapter.models import ConventionEvaluation, EmploymentPeriod, NetworkPartner, QualityObjective, Target, Training
from smes.roles import CHAPTER_EDIT, TEAM_PERIODS


class PeriodForm(forms.ModelForm):
    class Meta:
        model = EmploymentPeriod
        fields = ["user", "start", "end", "fte", "function", "team", "funder"]
        widgets = {"start": forms.DateInput(attrs={"type": "date"}), "end": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.filter(is_active=True).order_by("last_name", "username")
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.username


class NetworkPartnerForm(forms.ModelForm):
    class Meta:
        model = NetworkPartner
        fields = ["name", "function", "first_year", "last_year"]


class ConventionEvaluationForm(forms.ModelForm):
    class Meta:
        model = ConventionEvaluation
        fields = ["convention", "year", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class TrainingForm(forms.ModelForm):
    class Meta:
        model = Training
        fields = ["year", "title", "audience", "sessions", "days"]


class QualityObjectiveForm(forms.ModelForm):
    class Meta:
        model = QualityObjective
        fields = ["first_year", "last_year", "general", "specific"]


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["year", "key", "value"]


@dataclass(frozen=True)
class Register:
    slug: str
    title: Any
    form: type[forms.ModelForm]
    cap: str
    columns: tuple[str, ...]
    select: tuple[str, ...] = ()


REGISTERS: dict[str, Register] = {
    r.slug: r
    for r in [
        Register(
            "equipe",
            _("Équipe : périodes d'emploi"),
            PeriodForm,
            TEAM_PERIODS,
            ("user", "start", "end", "fte", "function", "team", "funder"),
            ("user",),
        ),
        Register(
            "reseau",
            _("Partenaires de réseau"),
            NetworkPartnerForm,
            CHAPTER_EDIT,
            ("name", "function", "first_year", "last_year"),
        ),
        Register(
            "conventions",
            _("Évaluation des conventions"),
            ConventionEvaluationForm,
            CHAPTER_EDIT,
            ("convention", "year", "text"),
            ("convention",),
        ),
        Register(
            "formations",
            _("Formations données"),
            TrainingForm,
            CHAPTER_EDIT,
            ("year", "title", "audience", "sessions", "days"),
        ),
        Register(
            "qualite",
            _("Programme qualité : objectifs"),
            QualityObjectiveForm,
            CHAPTER_EDIT,
            ("first_year", "last_year", "general", "specific"),
        ),
        Register("objectifs", _("Objectifs chiffrés de l'année"), TargetForm, CHAPTER_EDIT, ("year", "key", "value")),
    ]
}


def register_rows(register: Register) -> list[dict]:
    model = register.form._meta.model
    headers = register_headers(register)
    out = []
    for obj in model.objects.select_related(*register.select)[:500]:
        cells = []
        for name in register.columns:
            display = getattr(obj, f"get_{name}_display", None)
            value = display() if display else getattr(obj, name)
            if name == "user":
                value = obj.user.get_full_name() or obj.user.username
            cells.append("" if value is None else value)
        cells = list(zip(headers, cells, strict=True))
        out.append({"pk": obj.pk, "cells": cells})
    return out


def register_headers(register: Register) -> list[Any]:
    model = register.form._meta.model
    return [model._meta.get_field(name).verbose_name for name in register.columns]


@transaction.atomic
def register_save(*, user, form: forms.ModelForm):
    obj = form.save(commit=False)
    obj.full_clean()
    obj._history_user = user
    obj.save()
    return obj


@transaction.atomic
def register_delete(*, user, register: Register, pk: int) -> bool:
    obj = register.form._meta.model.objects.filter(pk=pk).first()
    if obj is None:
        return False
    obj._history_user = user
    obj.delete()
    return True


__all__ = ["REGISTERS", "register_save", "register_delete", "ValidationError"]
