"""The synthetic demo data set (`manage.py demo_data`).

About a hundred tenants followed since 2013, with the records of a real
team's work from 2020 on. Its year 2025 reproduces the figures of the team's
published 2025 chapter wherever the application's definitions agree with it
(see sampledata/demo/targets.py), so the director recognises her own year.

Everything is drawn from one random.Random(42): the same day gives the same
data. Only what depends on today (the current year so far, the visits
planned for the coming days) moves with the date.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction

from sampledata.vocabulary import TEAM_MEMBERS
from smes.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, user_create
from smes.roles import SUPPORT

from . import clinical, harm, housing_extras, intake, people, write
from .housing_plan import PARTNERS, Housing
from .visits import Visits

SEED = 42
TEAM_POOLS = {
    "ACT": ["accompagnement"] + [u for u, _, _, t in TEAM_MEMBERS if t == "ACT"],
    "ICM": ["accompagnement2"] + [u for u, _, _, t in TEAM_MEMBERS if t == "ICM"],
}


def demo_exists() -> bool:
    from tenants.models import Tenant

    return Tenant.objects.exists()


def _accounts() -> None:
    """The demo logins and the rest of the team.

    Missing demo accounts are created with their roles and one shared
    password hash: hashing six passwords (PBKDF2) would take longer than the
    whole demo. `manage.py demo_accounts` (run right after by `make run`)
    gives each its own hash again.
    """
    shared_hash = None
    for username, first, last, roles in DEMO_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        user = user_create(username=username, roles=roles, first_name=first, last_name=last)
        shared_hash = shared_hash or make_password(DEMO_PASSWORD)
        user.password = shared_hash
        user.save(update_fields=["password"])
    for username, first, last, _team in TEAM_MEMBERS:  # colleagues on the records, without a login
        user = user_create(username=username, roles=[SUPPORT], first_name=first, last_name=last)
        if user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])


def _staff(rng: random.Random, persons: list[people.Person]) -> tuple[dict, dict[str, User]]:
    _accounts()
    referents = {}
    for p in persons:
        pool = TEAM_POOLS[p.team]
        # The two demo logins follow more tenants than their colleagues.
        first = rng.choices(pool, weights=[3] + [1] * (len(pool) - 1))[0]
        second = rng.choice([u for u in pool if u != first])
        referents[p.key] = (first, second)
    usernames = {u for pool in TEAM_POOLS.values() for u in pool} | {"logement", "direction", "gestion"}
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}
    staff = {
        "referents": referents,
        "team": TEAM_POOLS,
        "housing": "logement",
        "direction": "direction",
        "management": "gestion",
    }
    return staff, users


@transaction.atomic
def demo_generate(*, today: dt.date | None = None, log=None) -> dict[str, int]:
    """Generate the whole demo into an empty database; returns row counts."""
    today = today or dt.date.today()
    say = log or (lambda _msg: None)
    started = time.monotonic()
    rng = random.Random(SEED)

    persons = people.people_build(rng, today)
    housing = Housing(rng, persons, today)
    housing.build()
    incomes = clinical.incomes_build(rng, persons)
    reviews = clinical.assessments_build(rng, persons, today)
    for r in reviews:
        r["person"].extra.setdefault("review_by_year", {})[r["date"].year] = r
    scores = clinical.gaf_build(rng, persons, today)
    staff, users = _staff(rng, persons)
    visits = Visits(rng, persons, housing, staff, today).build()
    for v in visits:
        if v["status"] == "PLANNED":
            v["created"] = min(v["date"], today) - dt.timedelta(days=rng.randint(1, 12))
    items = {
        code: (category, threshold)
        for code, category, threshold in apps.get_model("harmreduction", "Item").objects.values_list(
            "code", "category", "threshold"
        )
    }
    operations = harm.harm_build(rng, items, visits, staff, today)
    say(f"Plan prêt ({time.monotonic() - started:.1f} s).")

    partners = write.write_partners(PARTNERS, housing.dwellings)
    write.write_tenants(persons)
    write.write_clinical(incomes, reviews, scores, users, staff["referents"])
    leases = write.write_housing(housing, rng)
    write.write_visits(visits, users, today)
    lines = write.write_harm(operations, users)
    extras = housing_extras.write_extras(rng, partners, PARTNERS, leases, today)
    extras.update(intake.write_requests(today))
    say(f"Écrit en {time.monotonic() - started:.1f} s.")
    return {
        "locataires": len(persons),
        "partenaires": len(partners),
        "logements": len(housing.dwellings),
        "baux": len(leases),
        "revenus": len(incomes),
        "bilans": len(reviews),
        "scores EGF": len(scores),
        "contacts": len(visits),
        "lignes RdR": lines,
        **extras,
    }


@transaction.atomic
def demo_reset() -> None:
    write.wipe()
