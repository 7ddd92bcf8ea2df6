"""The housing side's paperwork: partner contacts, collaboration conventions
(the list the 2025 report evaluates), rental guarantees and the rent ledger
of the sliding leases. Written only for the models that exist.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.apps import apps

from sampledata.vocabulary import FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES

from .write import plain, with_history

D = dt.date
# partner key -> convention title (report: "Évaluation des conventions de collaboration").
CONVENTIONS = {
    "FS": "Convention de collaboration avec le Foyer Schaerbeekois",
    "CW": "Convention de collaboration avec l'Habitation moderne de Woluwé",
    "AU": "Convention de collaboration avec l'AIS d'Uccle",
    "MA": "Convention de collaboration avec la MAIS",
    "AF": "Convention de collaboration avec l'AIS de Forest",
    "AJ": "Convention de collaboration avec l'AIS de Saint-Josse",
    "FL": "Convention de collaboration avec le Fonds du logement",
    "IP": "Convention de collaboration pour ISSUE",
    "EV": "Convention de collaboration pour Sorocité",
    "FA": "Convention de collaboration avec Bru4Home",
    "LT": "Convention de collaboration avec la CCL",
}
ROLES = ["Gestionnaire locatif·ve", "Assistant·e social·e", "Service technique", "Comptabilité"]


def _model(name: str):
    try:
        return apps.get_model("housing", name)
    except LookupError:
        return None


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def write_extras(rng: random.Random, partners: dict, specs, leases: list, today: dt.date) -> dict[str, int]:
    counts: dict[str, int] = {}
    Contact = _model("PartnerContact")
    if Contact is not None:
        rows = []
        for spec in specs:
            for _ in range(rng.randint(1, 2)):
                first = rng.choice(FIRST_NAMES_F + FIRST_NAMES_M)
                rows.append(
                    Contact(
                        partner=partners[spec.key],
                        name=f"{first} {rng.choice(LAST_NAMES)}",
                        role=rng.choice(ROLES),
                        phone=f"02 000 {rng.randint(10, 99)} {rng.randint(10, 99)}",
                        email=f"contact.{spec.key.lower()}@example.org",
                    )
                )
        counts["contacts partenaires"] = len(with_history(rows, Contact))
    Convention = _model("Convention")
    if Convention is not None:
        rows = []
        since = {s.key: s.since for s in specs}
        overdue = set(rng.sample(sorted(CONVENTIONS), 2))
        for key, title in CONVENTIONS.items():
            signed = D(rng.randint(max(2016, since[key]), 2022), rng.randint(1, 12), rng.randint(1, 28))
            # Evaluated once a year; two evaluations are late.
            evaluated = today - dt.timedelta(days=rng.randint(400, 500) if key in overdue else rng.randint(20, 340))
            due = evaluated + dt.timedelta(days=365)
            rows.append(
                Convention(
                    partner=partners[key],
                    title=title,
                    signed_on=signed,
                    last_evaluated_on=max(evaluated, signed),
                    next_evaluation_due=due,
                )
            )
        counts["conventions"] = len(with_history(rows, Convention))
    counts |= _guarantees(rng, leases, today)
    counts |= _rent_ledger(rng, leases, today)
    return counts


def _guarantees(rng: random.Random, leases: list, today: dt.date) -> dict[str, int]:
    Guarantee, Repayment = _model("Guarantee"), _model("GuaranteeRepayment")
    if Guarantee is None:
        return {}
    chosen = [
        lease
        for lease in leases
        if lease.kind in ("STANDARD", "SLIDING", "TRANSIT") and lease.start.year >= 2018 and rng.random() < 0.55
    ]
    guarantees = []
    for lease in chosen:
        source = rng.choices(["ORGANISATION", "CPAS", "TENANT"], weights=[45, 40, 15])[0]
        guarantees.append(
            Guarantee(
                lease=lease,
                amount=(lease.rent * 2).quantize(Decimal("1")),
                advanced_by=source,
                date=lease.start - dt.timedelta(days=rng.randint(3, 20)),
                note="Garantie bancaire bloquée" if source == "TENANT" else "",
            )
        )
    with_history(guarantees, Guarantee)
    repayments = []
    if Repayment is not None:
        for g in guarantees:
            if g.advanced_by == "TENANT":
                continue
            left = g.amount
            day = _next_month(g.date)
            monthly = Decimal(rng.choice([25, 30, 40, 50]))
            stop = min(today, g.lease.end or today)
            while left > 0 and day <= stop:
                if rng.random() < 0.85:  # some months nothing comes
                    amount = min(left, monthly)
                    repayments.append(
                        Repayment(guarantee=g, date=day + dt.timedelta(days=4), amount=amount, note="Ordre permanent")
                    )
                    left -= amount
                day = _next_month(day)
        plain(repayments, Repayment)
    return {"guarantees": len(guarantees), "guarantee_repayments": len(repayments)}


def _rent_ledger(rng: random.Random, leases: list, today: dt.date) -> dict[str, int]:
    """Monthly rent of the sliding leases; a few tenants fall behind and catch up."""
    RentMonth, RentPayment = _model("RentMonth"), _model("RentPayment")
    if RentMonth is None:
        return {}
    months, payments = [], []
    for lease in (x for x in leases if x.kind == "SLIDING"):
        due = lease.rent + lease.charges
        behind = rng.random() < 0.35
        owed = Decimal("0")
        month = _month(lease.start)
        last = _month(min(lease.end or today, today))
        while month <= last:
            months.append(RentMonth(lease=lease, month=month, due_from_tenant=due, paid_to_landlord=due))
            owed += due
            day = max(lease.start, month + dt.timedelta(days=rng.randint(2, 9)))
            if day <= today and RentPayment is not None:
                if behind and (rng.random() < 0.15 or (month == last and lease.end is None)):
                    pass  # nothing this month (yet)
                elif behind and owed > due and rng.random() < 0.6:
                    payments.append(RentPayment(lease=lease, date=day, amount=owed, note="Rattrapage de l'arriéré"))
                    owed = Decimal("0")
                else:
                    note = "Versé par le CPAS" if rng.random() < 0.3 else "Ordre permanent"
                    payments.append(RentPayment(lease=lease, date=day, amount=due, note=note))
                    owed -= due
            month = _next_month(month)
        settle = (lease.end or today) + dt.timedelta(days=20)
        if owed > 0 and lease.end and settle <= today and RentPayment is not None:
            payments.append(RentPayment(lease=lease, date=settle, amount=owed, note="Apurement à la fin du bail"))
    plain(months, RentMonth)
    if RentPayment is not None:
        plain(payments, RentPayment)
    return {"rent_months": len(months), "rent_payments": len(payments)}
