"""Write the planned demo into the database, in bulk, and wipe it again.

Everything goes through the bulk writer of sampledata.bulk. Small tables get
their simple-history rows (bulk.create_with_history) so that record pages
show a creation; the big ones (visits, stock lines) are written as plain
rows (bulk.insert: COPY on PostgreSQL) without history, which is acceptable
for demo data. Moves are inserted in bulk too (the generator built them to
obey the rules of housing.services) and the derived stays are rebuilt after.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.apps import apps
from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone

from housing.models import Dwelling, Lease, Move, Partner
from sampledata import bulk
from tenants.models import MOTIVE_FIELDS, Assessment, GafScore, Income, Tenant, Visit

REASON = "Données de démonstration"
BATCH = 2000


def with_history(objs: list[models.Model], model: type[models.Model]) -> list[models.Model]:
    return bulk.create_with_history(objs, model, reason=REASON, batch_size=BATCH)


def plain(objs: list[models.Model], model: type[models.Model]) -> list[models.Model]:
    return bulk.create(objs, model, batch_size=BATCH)


def write_partners(specs, dwellings) -> dict[str, Partner]:
    partners = {s.key: Partner(name=s.name, kind=s.kind, via=s.via) for s in specs}
    with_history(list(partners.values()), Partner)
    objs = []
    for d in dwellings:
        obj = Dwelling(
            code=d.code,
            partner=partners[d.partner],
            address=d.address,
            postcode=d.postcode,
            commune=d.commune,
            capacity=d.capacity,
            notes=d.notes,
        )
        d.obj = obj
        objs.append(obj)
    with_history(objs, Dwelling)
    return partners


def write_tenants(people) -> None:
    objs = []
    for p in people:
        obj = Tenant(
            code=p.code,
            last_name=p.last_name,
            first_name=p.first_name,
            sex=p.sex,
            birth_date=p.birth_date,
            funding=p.funding,
            team=p.team,
            referrer=p.referrer,
            ethos=p.ethos,
            street_years=p.street_years,
            followup_start=p.start,
            followup_end=p.end,
            end_reason=p.end_reason,
            phone=p.phone,
            email=p.email,
            legal_status=p.legal_status,
            justice_contact=p.justice_contact,
            important_note=p.important_note,
        )
        p.obj = obj
        objs.append(obj)
    with_history(objs, Tenant)


def write_clinical(incomes, assessments, scores, users: dict[str, User], referents) -> None:
    with_history(
        [Income(tenant=i["person"].obj, source=i["source"], start=i["start"], end=i["end"]) for i in incomes], Income
    )
    objs = []
    for a in assessments:
        review = Assessment(tenant=a["person"].obj, date=a["date"], assessed_by=users[referents[a["person"].key][0]])
        for flag in ("depression", "paranoia", "hallucinations", "aggression", "cognitive"):
            setattr(review, flag, a[flag])
        review.products = a["products"]
        review.crack_inhalation, review.injection, review.overdose = (
            a["crack_inhalation"],
            a["injection"],
            a["overdose"],
        )
        objs.append(review)
    plain(objs, Assessment)
    plain(
        [
            GafScore(
                tenant=s["person"].obj, date=s["date"], score=s["score"], scored_by=users[referents[s["person"].key][0]]
            )
            for s in scores
        ],
        GafScore,
    )


MOVE_NOTES = {
    "STREET": ["Fin de bail, retour en rue.", "Expulsion après plusieurs avertissements.", "A quitté le logement."],
    "INSTITUTION": ["Hospitalisation de longue durée.", "Entrée en institution.", "Incarcération."],
    "DEATH": ["Décès."],
    "OTHER": ["Départ à l'étranger."],
}


def write_housing(housing, rng) -> list[Lease]:
    moves = []
    for m in housing.moves():
        note = rng.choice(MOVE_NOTES[m["exit_to"]]) if m["kind"] == "EXIT" and rng.random() < 0.7 else ""
        moves.append(
            Move(
                tenant=m["person"].obj,
                date=m["date"],
                kind=m["kind"],
                dwelling=m["dwelling"].obj if m["dwelling"] else None,
                exit_to=m["exit_to"],
                note=note,
            )
        )
    with_history(moves, Move)
    from housing.services import stays_rebuild

    stays_rebuild([p.obj.pk for p in housing.people])
    leases = []
    for lease in housing.leases():
        s = lease["stay"]
        obj = Lease(
            dwelling=s.dwelling.obj,
            tenant=s.person.obj,
            kind=lease["kind"],
            start=lease["start"],
            end=lease["end"],
            rent=Decimal(lease["rent"]),
            charges=Decimal(lease["charges"]),
        )
        leases.append(obj)
    return with_history(leases, Lease)


def write_visits(visits: list[dict], users: dict[str, User], today: dt.date) -> None:
    now = timezone.now()
    tz = timezone.get_current_timezone()
    rows = []
    for v in visits:
        # Visits look encoded the day they happened, not the day the demo was made.
        made = dt.datetime.combine(v.get("created", v["date"]), dt.time(18, 0), tzinfo=tz)
        row = {
            "tenant_id": v["person"].obj.pk,
            "date": v["date"],
            "time": v["time"],
            "kind": v["kind"],
            "status": v["status"],
            "duration_min": v.get("duration"),
            "travel_min": v.get("travel"),
            "note": v["note"],
            "created_by_id": users[v["workers"][0]].pk,
            "created_at": min(made, now),
            "updated_at": min(made, now),
        }
        row |= {MOTIVE_FIELDS[m]: False for m in MOTIVE_FIELDS} | {MOTIVE_FIELDS[m]: True for m in v["motives"]}
        rows.append(row)
    ids = bulk.insert(Visit, rows)
    for v, pk in zip(visits, ids, strict=True):
        v["pk"] = pk
    through = Visit.workers.through
    bulk.insert(through, [{"visit_id": v["pk"], "user_id": users[w].pk} for v in visits for w in v["workers"]])


def write_harm(operations: list[dict], users: dict[str, User]) -> int:
    Item = apps.get_model("harmreduction", "Item")
    Movement = apps.get_model("harmreduction", "Movement")
    try:
        Operation = apps.get_model("harmreduction", "Operation")
    except LookupError:  # an older schema without operations
        Operation = None
    items = {i.code: i.pk for i in Item.objects.all()}
    now = timezone.now()
    common = [
        {
            "date": o["date"],
            "kind": o["kind"],
            "worker_id": users[o["worker"]].pk,
            "tenant_id": o["person"].obj.pk if o["person"] else None,
            "visit_id": o["visit"]["pk"] if o["visit"] else None,
            "reference": o["reference"],
            "created_at": now,
        }
        for o in operations
    ]
    op_ids = bulk.insert(Operation, common) if Operation is not None else [None] * len(operations)
    lines = []
    for o, base, op_id in zip(operations, common, op_ids, strict=True):
        for code, qty in o["lines"]:
            line = base | {"item_id": items[code], "quantity": qty}
            if Operation is not None:
                line["operation_id"] = op_id
            lines.append(line)
    bulk.insert(Movement, lines)
    from harmreduction.services import stock_rebuild

    stock_rebuild()  # the lines went around the services: recompute each item's kept balance
    return len(lines)


# --- wiping ---------------------------------------------------------------
WIPE_ORDER = [
    *[("chapter", m) for m in ("ConventionEvaluation", "ChapterText", "ChapterYear", "EmploymentPeriod")],  # issue 17
    *[("chapter", m) for m in ("NetworkPartner", "Training", "QualityObjective", "Target")],
    ("intake", "StatusChange"),
    ("intake", "Request"),
    ("housing", "RentPayment"),
    ("housing", "RentMonth"),
    ("housing", "GuaranteeRepayment"),
    ("housing", "Guarantee"),
    ("housing", "Convention"),
    ("housing", "PartnerContact"),
    ("harmreduction", "Movement"),
    ("harmreduction", "Operation"),
    ("housing", "Stay"),
    ("housing", "Move"),
    ("housing", "Lease"),
    ("tenants", "Visit_workers"),
    ("tenants", "Visit"),
    ("tenants", "GafScore"),
    ("tenants", "Assessment"),
    ("tenants", "Income"),
    ("tenants", "Tenant"),
    ("housing", "Dwelling"),
    ("housing", "Partner"),
]


def wipe() -> None:
    """Delete every demo-domain row (and its history), children first.

    Raw deletes: the ordinary delete() would load every visit and write a
    "deleted" history row for each, which takes minutes for no use here.
    """
    AccessLog = apps.get_model("records", "AccessLog")
    AccessLog.objects.filter(tenant__isnull=False).update(tenant=None)
    for app_label, name in WIPE_ORDER:
        if name == "Visit_workers":
            model = Visit.workers.through
        else:
            try:
                model = apps.get_model(app_label, name)
            except LookupError:
                continue
        targets = [model]
        history = getattr(model, "history", None)
        if history is not None:
            try:  # the history of a many-to-many field goes first
                targets.append(apps.get_model(app_label, f"Historical{name}_workers"))
            except LookupError:
                pass
            targets.append(history.model)
        for target in targets:
            qs = target._base_manager.all()
            qs._raw_delete(qs.db)
    from harmreduction.services import stock_rebuild

    stock_rebuild()  # no lines left: every item's stock is back to zero
