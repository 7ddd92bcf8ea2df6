"""The calendar feed of Housing (housing.edit, issue 15), registered in
smes.registry.CALENDAR_FEEDS (housing/apps.py): lease ends and conventions
due for evaluation, HOUSING_WEEKS_AHEAD ahead."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from housing.models import Convention, Lease
from smes.calendar import new_calendar, new_event

HOUSING_WEEKS_AHEAD = 26


def housing_ics(user, today: dt.date | None = None) -> bytes:
    today = today or timezone.localdate()
    until = today + dt.timedelta(weeks=HOUSING_WEEKS_AHEAD)
    stamp = timezone.now()
    cal = new_calendar(_("Smes · fins de bail et conventions"))
    leases = (
        Lease.objects.filter(end__gte=today - dt.timedelta(days=7), end__lte=until)
        .select_related("tenant")
        .only("pk", "end", "tenant__code", "tenant__first_name")
        .order_by("end", "pk")
    )
    for lease in leases:
        summary = _("Fin de bail · %(code)s %(first_name)s") % {
            "code": lease.tenant.code,
            "first_name": lease.tenant.first_name,
        }
        cal.add_component(
            new_event(f"lease-end-{lease.pk}@smes-hf", summary, lease.end, lease.end + dt.timedelta(days=1), stamp)
        )
    conventions = (
        Convention.objects.filter(next_evaluation_due__gte=today - dt.timedelta(days=7), next_evaluation_due__lte=until)
        .select_related("partner")
        .only("pk", "title", "next_evaluation_due", "partner__name")
        .order_by("next_evaluation_due", "pk")
    )
    for conv in conventions:
        day = conv.next_evaluation_due
        summary = _("Évaluation de convention · %(partner)s : %(title)s") % {
            "partner": conv.partner.name,
            "title": conv.title,
        }
        cal.add_component(new_event(f"convention-{conv.pk}@smes-hf", summary, day, day + dt.timedelta(days=1), stamp))
    return cal.to_ical()
