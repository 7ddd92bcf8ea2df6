"""Personal calendar feeds (ICS) at a secret, revocable URL (issue 15).

The feeds themselves are built by the apps (tenants/calendar.py,
housing/calendar.py), registered in smes.registry.CALENDAR_FEEDS:

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

import hashlib
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from icalendar import Calendar, Event

from smes.models import CalendarFeed
from smes.registry import CALENDAR_FEEDS
from smes.roles import has_cap, refuse


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --------------------------------------------------------------------------
# Services


def feeds_allowed(user) -> list[str]:
    """The kinds of feed the user may subscribe to, in the order of
    CalendarFeed.Kind; each kind is built by the app that registered it
    (smes.registry.CALENDAR_FEEDS: tenants the visits, housing the leases)."""
    return [kind for kind in CalendarFeed.Kind if (f := CALENDAR_FEEDS.get(kind)) and has_cap(user, f.cap)]


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


def new_calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Smes asbl//Housing First//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def new_event(uid: str, summary: str, start, end, stamp) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    return event


# --------------------------------------------------------------------------
# Views


@login_not_required
@never_cache
def feed(request, token: str):
    """The ICS feed: no login (a calendar app cannot log in), the token is
    the key. 404 for an unknown, replaced or revoked token."""
    subscription = feed_for_token(token)
    build = CALENDAR_FEEDS.get(subscription.kind).build
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
