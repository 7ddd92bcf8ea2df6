"""The visit form, shared by the quick log, planning and the edit page.

It converts and validates input and shapes itself to the author's role
(Housing: no motive chips, no planning; no note without clinical.edit);
`tenants.visits.services` writes.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from smes.lib.dates import today
from smes.lib.text import by_name
from smes.roles import CLINICAL_EDIT, VISIT_CREATE_ANY_KIND, has_cap
from tenants.models import Motive, Visit, VisitKind, VisitStatus
from tenants.visits.selectors import recent_coworker_ids, worker_choices
from tenants.visits.services import MINUTES_NEGATIVE, MINUTES_TOO_LONG, UNKNOWN_MOTIVE

# One tap fills the usual values (static/js/tenants-visits.js); the 2025
# report gives 50 min for a home visit and 37 min of travel on average;
# a phone call takes 5 to 20.
DURATION_PRESETS = [(10, "10"), (15, "15"), (30, "30"), (45, "45"), (60, "1 h"), (90, "1 h 30")]
TRAVEL_PRESETS = [(0, "0"), (15, "15"), (30, "30"), (45, "45"), (60, "1 h")]


def _minutes_field(name: str, label) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=Visit.MAX_MINUTES,
        error_messages={"min_value": MINUTES_NEGATIVE[name], "max_value": MINUTES_TOO_LONG[name]},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "minutes", "placeholder": "min"}),
    )


class WorkerField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.first_name or obj.get_full_name() or obj.username


class VisitForm(forms.Form):
    motives = forms.MultipleChoiceField(
        label=_("Motifs"),
        choices=Motive.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": UNKNOWN_MOTIVE},
    )
    kind = forms.ChoiceField(label=_("Type"), choices=VisitKind.choices, widget=forms.RadioSelect)
    status = forms.ChoiceField(label=_("Statut"), choices=VisitStatus.choices, widget=forms.RadioSelect)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(
        label=_("Heure"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration_min = _minutes_field("duration_min", _("Durée (min)"))
    travel_min = _minutes_field("travel_min", _("Trajet (min)"))
    workers = WorkerField(
        label=_("Intervenant·e·s"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Note confidentielle"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Visible uniquement par l'accompagnement et la direction."),
    )

    def __init__(
        self, data=None, *, author, visit: Visit | None = None, plan: bool = False, chips: bool = True, **kwargs
    ):
        self.author = author
        self.visit = visit
        super().__init__(data, **kwargs)
        self.fields["workers"].queryset = worker_choices(author)
        visit_worker_ids = [w.pk for w in visit.workers.all()] if visit is not None else []
        if chips:  # chips=False: validation only (the phone's queue), no widget to draw
            self._limit_worker_chips(visit_worker_ids)
        self.housing_only = not has_cap(author, VISIT_CREATE_ANY_KIND)
        if self.housing_only:
            del self.fields["motives"]
            self.fields["status"].choices = [c for c in VisitStatus.choices if c[0] != VisitStatus.PLANNED]
        if not has_cap(author, CLINICAL_EDIT):
            del self.fields["note"]
        if visit is not None:
            self.initial.update(
                motives=visit.motives,
                kind=visit.kind,
                status=visit.status,
                date=visit.date,
                time=visit.time,
                duration_min=visit.duration_min,
                travel_min=visit.travel_min,
                workers=visit_worker_ids,
                note=visit.note if "note" in self.fields else "",
            )
        else:
            day = today()
            if plan and not self.housing_only:
                day += dt.timedelta(days=3 if day.weekday() == 4 else 2 if day.weekday() == 5 else 1)
            self.initial.setdefault("kind", VisitKind.HOME)
            self.initial.setdefault(
                "status", VisitStatus.PLANNED if plan and not self.housing_only else VisitStatus.DONE
            )
            self.initial.setdefault("date", day)
            self.initial.setdefault("workers", [author.pk])

    MAX_WORKER_CHIPS = 24

    def _limit_worker_chips(self, visit_worker_ids: list[int]) -> None:
        """A team has a handful of colleagues: all are chips. In a large
        deployment (a network, a federation) the chips are the author, the
        visit's workers and the author's recent co-workers; any colleague
        still validates (the queryset is unchanged). Two queries whatever
        the number of accounts, so that the page costs the same for a team
        of ten and a federation of a thousand."""
        field = self.fields["workers"]
        keep = set(recent_coworker_ids(self.author, limit=self.MAX_WORKER_CHIPS - 1))
        keep |= {self.author.pk, *visit_worker_ids}
        if self.data:
            keep |= {int(v) for v in self.data.getlist(self.add_prefix("workers")) if str(v).isdigit()}
        # The kept colleagues and the first MAX + 1 by name, sorted by the
        # database: if that is at most MAX, it is everybody and everybody is
        # a chip; otherwise only the kept ones are.
        names = by_name(first="last_name", last="first_name", tie="username")
        first = (
            field.queryset.model.objects.filter(pk__in=field.queryset.values("pk"))
            .order_by(*names)
            .values("pk")[: self.MAX_WORKER_CHIPS + 1]
        )
        users = list(
            field.queryset.filter(Q(pk__in=keep) | Q(pk__in=first))
            .annotate(kept=Case(When(pk__in=keep, then=Value(1)), default=Value(0), output_field=IntegerField()))
            .order_by(*names)
        )
        if len(users) > self.MAX_WORKER_CHIPS:
            users = [u for u in users if u.kept]
        field.widget.choices = [(u.pk, field.label_from_instance(u)) for u in users]

    # For the template: one-tap presets and date shortcuts.
    @property
    def minute_fields(self) -> list:
        return [(self["duration_min"], DURATION_PRESETS), (self["travel_min"], TRAVEL_PRESETS)]

    @property
    def has_note(self) -> bool:
        return "note" in self.fields

    def date_shortcuts(self) -> list[tuple[str, str]]:
        day = today()
        return [(day.isoformat(), _("Aujourd'hui")), ((day - dt.timedelta(days=1)).isoformat(), _("Hier"))]

    def clean_workers(self):
        # Nobody ticked: the author did the visit ("me" by default).
        return list(self.cleaned_data["workers"]) or [self.author]

    def visit_data(self) -> dict:
        """Keyword arguments for visit_create / visit_update."""
        data = {
            name: self.cleaned_data[name] for name in ("date", "time", "kind", "status", "duration_min", "travel_min")
        }
        data["workers"] = list(self.cleaned_data["workers"])
        if "motives" in self.fields:
            data["motives"] = self.cleaned_data["motives"]
        if "note" in self.fields:
            data["note"] = self.cleaned_data["note"]
        return data
