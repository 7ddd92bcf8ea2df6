"""Personal calendar feeds (ICS) at a secret, revocable URL (issue 15).

* Support: the planned visits of the worker (author or one of the workers),
  from a week ago to WEEKS_AHEAD ahead: time, kind, the tenant's code and
  first name. Never a note, never a motive.
* Housing (housing.edit): lease ends and conventions due for evaluation.

The URL carries a random token; only its SHA-256 is stored. A new link
replaces the old one (the old URL answers 404), "Révoquer" deletes it. The
feed checks the owner's rights at every read: an account deactivated or
without the right anymore gets 404 too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from icalendar import Calendar, Event

from smes.lib import dates
from smes.models import CalendarFeed
from smes.roles import HOUSING_EDIT, VISIT_CREATE_ANY_KIND, has_cap, refuse

WEEKS_AHEAD = 8
HOUSING_WEEKS_AHEAD = 26
DEFAULT_MINUTES = 60
FEED_CAP = {CalendarFeed.Kind.VISITS: VISIT_CREATE_ANY_KIND, CalendarFeed.Kind.HOUSING: HOUSING_EDIT}


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --------------------------------------------------------------------------
# Services


def feeds_allowed(user) -> list[str]:
    return [kind for kind, cap in FEED_CAP.items() if has_cap(user, cap)]


@transaction.atomic
def feed_renew(*, user, kind: str) -> str:
    """A new secret link for (user, kind); the previous one stops working.
    Returns the token (shown once)."""
    if kind not in feeds_allowed(user):
        refuse(user, "calendar feed")
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.filter(user=user, kind=kind).delete()
    CalendarFeed.objects.create(user=user, kind=kind, token_hash=_hash(token))
    return token


@transaction.atomic
def feed_revoke(*, user, kind: str) -> None:
    CalendarFeed.objects.filter(user=user, kind=kind).delete()


def feed_for_token(token: str) -> CalendarFeed:
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=_hash(token)).first()
    if feed is None or not feed.user.is_active or feed.kind not in feeds_allowed(feed.user):
        raise Http404
    return feed


# --------------------------------------------------------------------------
# ICS


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Smes asbl//Housing First//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def _event(uid: str, summary: str, start, end, stamp) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    return event


def visits_ics(user, today: dt.date | None = None) -> bytes:
    from tenants.models import Visit, VisitStatus

    today = today or dates.today()
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    stamp = timezone.now()
    cal = _calendar(_("Smes · mes visites planifiées"))
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
        cal.add_component(_event(f"visit-{v.pk}@smes-hf", summary, start, end, stamp))
    cal.add_missing_timezones()  # the VTIMEZONE of Europe/Brussels (RFC 5545)
    return cal.to_ical()


def housing_ics(user, today: dt.date | None = None) -> bytes:
    from housing.models import Convention, Lease

    today = today or dates.today()
    until = today + dt.timedelta(weeks=HOUSING_WEEKS_AHEAD)
    stamp = timezone.now()
    cal = _calendar(_("Smes · fins de bail et conventions"))
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
            _event(f"lease-end-{lease.pk}@smes-hf", summary, lease.end, lease.end + dt.timedelta(days=1), stamp)
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
        cal.add_component(_event(f"convention-{conv.pk}@smes-hf", summary, day, day + dt.timedelta(days=1), stamp))
    return cal.to_ical()


# --------------------------------------------------------------------------
# Views


@login_not_required
@never_cache
def feed(request, token: str):
    """The ICS feed: no login (a calendar app cannot log in), the token is
    the key. 404 for an unknown, replaced or revoked token."""
    subscription = feed_for_token(token)
    build = visits_ics if subscription.kind == CalendarFeed.Kind.VISITS else housing_ics
    response = HttpResponse(build(subscription.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="smes.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
def calendar_page(request):
    """Make, replace or revoke one's calendar links."""
    kinds = feeds_allowed(request.user)
    if not kinds:
        refuse(request.user, "calendar feeds")
    new_links = {}
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        if kind not in kinds:
            refuse(request.user, "calendar feed")
        if request.POST.get("action") == "revoke":
            feed_revoke(user=request.user, kind=kind)
            messages.success(request, _("Lien révoqué : l'agenda abonné ne reçoit plus rien."))
            return redirect("calendar")
        token = feed_renew(user=request.user, kind=kind)
        new_links[kind] = request.build_absolute_uri(reverse("calendar_feed", args=[token]))
        messages.success(request, _("Nouveau lien créé : l'ancien ne fonctionne plus."))
    existing = {f.kind: f for f in CalendarFeed.objects.filter(user=request.user)}
    rows = [
        {
            "kind": kind,
            "label": CalendarFeed.Kind(kind).label,
            "feed": existing.get(kind),
            "link": new_links.get(kind),
            "webcal": new_links[kind].replace("https://", "webcal://").replace("http://", "webcal://")
            if kind in new_links
            else None,
        }
        for kind in kinds
    ]
    return render(request, "smes/calendar.html", {"rows": rows})
