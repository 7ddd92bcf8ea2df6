"""A plausible year of intake requests for the demo (issue 18).

The chapter's five first entries of 2025 come from the waiting list (their
requests link the tenants already generated: no tenant is created, so no
other demo figure changes), three people are followed before housing at
the end of 2025, and about forty other requests of 2024–2025 are decided,
wait, are withdrawn, lose contact or are oriented elsewhere. Its own random
generator: the rest of the demo draws exactly as before.
"""

from __future__ import annotations

import datetime as dt
import random

from django.apps import apps

from intake.services import request_create, request_set_status

SEED = 18
YEAR = 2025
REFERRERS = [
    "Infirmiers de rue",
    "Samusocial",
    "CAW Brussel — Hobo",
    "Hôpital Brugmann — psychiatrie",
    "Diogènes",
    "Transit asbl",
    "Projet Lama",
    "CPAS de Bruxelles",
    "La Fontaine",
    "Maison d'accueil Les Petits Riens",
]
ORIENTED_TO = ["Hestia (CAW)", "Projet Station", "Infirmiers de rue — Housing First", "CPAS — logement de transit"]
PSEUDONYMS = [
    "Tonton",
    "Mamadou B.",
    "La Grande",
    "Karim",
    "Sofiane",
    "Marie-Jo",
    "Le Poète",
    "Ivan",
    "Nadia",
    "Bruno",
    "Fatou",
    "Gérard",
    "Hamid",
    "Lucie",
    "Mehdi",
    "Nicolas",
    "Olga",
    "Patrick",
    "Rachid",
    "Sylvie",
    "Thierry",
    "Yasmina",
    "Ahmed",
    "Bernadette",
    "Claude",
    "Dimitri",
    "Élodie",
    "Farid",
    "Ginette",
    "Hassan",
    "Irène",
    "Jamal",
    "Kevin",
    "Latifa",
    "Mustafa",
    "Nordine",
    "Odile",
    "Pierre",
    "Quentin",
    "Rosa",
    "Samir",
    "Tanguy",
    "Ursula",
    "Vincent",
]


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _who(rng: random.Random) -> dict:
    roll = rng.random()
    if roll < 0.25:
        return {"requester": "PERSON", "channel": rng.choice(["VISIT", "STREET", "PHONE"])}
    if roll < 0.35:
        return {"requester": "CITIZEN", "channel": rng.choice(["PHONE", "EMAIL"])}
    return {
        "requester": "SERVICE",
        "referrer": rng.choice(REFERRERS),
        "channel": rng.choice(["PHONE", "EMAIL", "EMAIL", "NETWORK"]),
    }


def _situation(rng: random.Random, eligible: bool) -> dict:
    if eligible:
        return {
            "ethos": rng.choice(["1", "1", "2"]),
            "months_2y": rng.randint(6, 24),
            "months_3y": 0,
            "mental_health": True,
            "addiction": True,
        }
    out = {
        "ethos": rng.choice(["1", "2", "3-7", "8-13"]),
        "months_2y": rng.randint(0, 24),
        "months_3y": 0,
        "mental_health": rng.random() < 0.7,
        "addiction": rng.random() < 0.6,
    }
    if out["ethos"] in ("1", "2") and out["mental_health"] and out["addiction"]:
        out["months_2y"] = rng.randint(0, 4)
        out["months_3y"] = out["months_2y"] + rng.randint(0, 6)
    return out


def _finish(rng: random.Random, situation: dict) -> dict:
    if not situation["months_3y"]:
        situation["months_3y"] = min(36, situation["months_2y"] + rng.randint(0, 10))
    return situation


def write_requests(today: dt.date) -> dict[str, int]:
    """Write the requests (through intake.services); returns the counts."""
    Move = apps.get_model("housing", "Move")
    rng = random.Random(SEED)
    last = min(today, dt.date(YEAR, 12, 31))
    written = 0

    def step(req, status, day, **kw):
        if day <= today:
            request_set_status(request=req, status=status, date=day, user=None, **kw)

    # 1. The five first entries of the year, from the list.
    entries = [
        m
        for m in Move.objects.filter(kind="ENTRY", date__year=YEAR).select_related("tenant").order_by("date", "pk")
        if not Move.objects.filter(tenant=m.tenant, kind="ENTRY", date__lt=m.date).exists()
    ]
    for move in entries:
        tenant = move.tenant
        start = min(tenant.followup_start, move.date)
        asked = start - dt.timedelta(days=rng.randint(60, 420))
        situation = _finish(rng, _situation(rng, True))
        situation["ethos"] = str(tenant.ethos)
        req = request_create(
            user=None,
            date=asked,
            name=f"{tenant.first_name} {tenant.last_name[:1]}.",
            birth_year=tenant.birth_date.year,
            sex=tenant.sex,
            priority=2,
            **_who(rng),
            **situation,
        )
        eligible_on = asked + dt.timedelta(days=rng.randint(3, 20))
        step(req, "ELIGIBLE", eligible_on)
        step(req, "WAITING", eligible_on)
        if tenant.followup_start < move.date and tenant.followup_start > eligible_on:
            step(req, "FOLLOWED", tenant.followup_start)
        step(req, "HOUSED", move.date, housed_tenant=tenant)
        written += 1

    # 2. Three people followed before housing at the end of the year.
    for i in range(3):
        asked = _day(rng, dt.date(YEAR - 1, 9, 1), dt.date(YEAR, 5, 31))
        req = request_create(
            user=None,
            date=asked,
            name=PSEUDONYMS[i],
            birth_year=rng.randint(1960, 1998),
            sex=rng.choice("MMMF"),
            priority=1 if i == 0 else 2,
            **_who(rng),
            **_finish(rng, _situation(rng, True)),
        )
        eligible_on = asked + dt.timedelta(days=rng.randint(3, 20))
        step(req, "ELIGIBLE", eligible_on)
        step(req, "WAITING", eligible_on)
        step(req, "FOLLOWED", _day(rng, dt.date(YEAR, 9, 1), dt.date(YEAR, 12, 15)))
        written += 1

    # 3. The other requests of 2024–2025: constant, more eligible people than places.
    for i in range(3, len(PSEUDONYMS)):
        asked = _day(rng, dt.date(YEAR - 1, 6, 1), last)
        eligible = rng.random() < 0.6
        req = request_create(
            user=None,
            date=asked,
            name=PSEUDONYMS[i],
            birth_year=rng.randint(1955, 2002),
            sex=rng.choice("MMMFFX" if i % 11 == 0 else "MMMF"),
            priority=1 if rng.random() < 0.15 else 2,
            notes=rng.choice(["", "", "Dort à la gare du Nord.", "Suivi psychiatrique interrompu."]),
            **_who(rng),
            **_finish(rng, _situation(rng, eligible)),
        )
        written += 1
        decided = asked + dt.timedelta(days=rng.randint(2, 25))
        if decided > last:
            continue  # still "received" on 31 December
        if not eligible:
            step(req, "NOT_ELIGIBLE", decided)
            continue
        step(req, "ELIGIBLE", decided)
        step(req, "WAITING", decided)
        ended = decided + dt.timedelta(days=rng.randint(30, 300))
        roll = rng.random()
        if ended <= last and roll < 0.35:
            if roll < 0.12:
                step(req, "WITHDRAWN", ended)
            elif roll < 0.25:
                step(req, "LOST_CONTACT", ended)
            else:
                step(req, "ORIENTED", ended, reason=rng.choice(ORIENTED_TO))
    return {"demandes": written}
