"""The headline figures a year's target may name, and the year-to-date
view: the running year so far against last year at the same date and the
target, with the report's own selectors (reports.selectors.annual_report)
run with every year cut at today's day and month (smes.lib.dates)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from reports.selectors import annual_report
from reports.series import lookup
from smes.lib.dates import years_cut_at

TARGET_KEYS = {
    "tenants.accompanied": _("Personnes accompagnées"),
    "moves.first_entries": _("Nouvelles entrées en logement"),
    "housing.retention_pct": _("Taux de maintien en logement (%)"),
    "contacts.meetings_total": _("Rencontres"),
    "contacts.by_kind.HOME": _("Visites à domicile"),
    "contacts.phone": _("Contacts téléphoniques"),
    "intake.received": _("Demandes reçues"),
}


def year_to_date(today: dt.date) -> dict[str, Any]:
    """Each headline figure: this year so far, last year at the same date, last year in full, the target."""
    from chapter.models import Target

    year = today.year
    with years_cut_at(today.month, today.day):
        now = annual_report(year, with_rows=False)
        then = annual_report(year - 1, with_rows=False)
    full = annual_report(year - 1, with_rows=False)
    targets = dict(Target.objects.filter(year=year).values_list("key", "value"))
    rows = []
    for key, label in TARGET_KEYS.items():
        rows.append(
            {
                "key": key,
                "label": label,
                "now": lookup(now, key),
                "then": lookup(then, key),
                "last_full": lookup(full, key),
                "target": targets.get(key),
            }
        )
    return {"year": year, "today": today, "rows": rows}
