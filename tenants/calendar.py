"""The calendar feed of planned visits (issue 15), registered in
smes.registry.CALENDAR_FEEDS (tenants/apps.py): the worker's planned
visits (author or one of the workers), from a week ago to WEEKS_AHEAD
ahead: time, kind, the tenant's code and first name. Never a note, never
a motive."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from smes.calendar import new_calendar, new_event
from tenants.models import Visit, VisitStatus

WEEKS_AHEAD = 8
DEFAULT_MINUTES = 60


def visits_ics(user, today: dt.date | None = None) -> bytes:
    today = today or timezone.localdate()
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    stamp = timezone.now()
    cal = new_calendar(_("Smes · mes visites planifiées"))
    visits = (
        Visit.objects.filter(status=VisitStatus.PLANNED)
        .filter(date__gte=today - dt.timedelta(days=7), date__lte=today + dt.timedelta(weeks=WEEKS_AHEAD))
        .filter(Q(created_by=user) | Q(workers=user))
        .distinct()
        .select_related("tenant")
        .only("pk", "date", "time", "kind", "duration_min", "tenant__code", "tenant__first_name")
        .order_by("date", "time", "pk")
    )
    for v in visits:
        summary = f"{v.get_kind_display()} · {v.tenant.code} {v.tenant.first_name}"
        if v.time:
            start = dt.datetime.combine(v.date, v.time, tzinfo=tz)
            end = start + dt.timedelta(minutes=v.duration_min or DEFAULT_MINUTES)
        else:
            start, end = v.date, v.date + dt.timedelta(days=1)
        cal.add_component(new_event(f"visit-{v.pk}@smes-hf", summary, start, end, stamp))
    cal.add_missing_timezones()  # the VTIMEZONE of Europe/Brussels (RFC 5545)
    return cal.to_ical()
