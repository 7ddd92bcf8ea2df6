"""One of each record, so that every URL of the project can be requested
with real ids. `WORLD_KINDS` names what the access table may refer to."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from tests import factories as f


def build_world(personas: dict) -> dict:
    from axes.models import AccessAttempt, AccessFailureLog
    from axes.models import AccessLog as AxesAccessLog
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from harmreduction.models import Operation
    from housing.models import Convention, Guarantee, GuaranteeRepayment, Move, PartnerContact, RentMonth, RentPayment
    from records.models import AccessLog

    alice = personas["support"]
    tenant = f.TenantFactory(
        code="HF-0001", first_name="Jeanne", last_name="Martin", followup_start=dt.date(2020, 1, 1)
    )
    partner = f.PartnerFactory(name="Foyer Test")
    dwelling = f.DwellingFactory(partner=partner)
    lease = f.LeaseFactory(tenant=tenant, dwelling=dwelling, kind="SLIDING", start=dt.date(2022, 1, 1))
    visit = f.VisitFactory(tenant=tenant, created_by=alice, date=dt.date(2024, 3, 1))
    visit.workers.add(alice)
    item = f.ItemFactory(code="SER1", name="Seringue")
    world = {
        "tenant": tenant,
        "income": f.IncomeFactory(tenant=tenant),
        "assessment": f.AssessmentFactory(tenant=tenant, assessed_by=alice),
        "gaf": f.GafScoreFactory(tenant=tenant, scored_by=alice),
        "visit": visit,
        "partner": partner,
        "contact": PartnerContact.objects.create(partner=partner, name="Agent Test"),
        "convention": Convention.objects.create(
            partner=partner, title="Convention test", signed_on=dt.date(2021, 1, 1)
        ),
        "dwelling": dwelling,
        "lease": lease,
        "move": Move.objects.create(tenant=tenant, date=dt.date(2022, 1, 1), kind="ENTRY", dwelling=dwelling),
        "guarantee": Guarantee.objects.create(
            lease=lease, amount=Decimal("900"), advanced_by="CPAS", date=dt.date(2022, 1, 1)
        ),
        "rentmonth": RentMonth.objects.create(lease=lease, month=dt.date(2024, 1, 1), due_from_tenant=Decimal("450")),
        "rentpayment": RentPayment.objects.create(lease=lease, date=dt.date(2024, 1, 5), amount=Decimal("450")),
        "item": item,
        "movement": f.MovementFactory(item=item, date=dt.date(2024, 1, 1)),
        "operation": Operation.objects.create(kind="RECEIPT", date=dt.date(2024, 1, 1)),
        "user": personas["outsider"],
        "accesslog": AccessLog.objects.create(user=alice, tenant=tenant, what="dossier clinique", path="/"),
        "totpdevice": TOTPDevice.objects.create(user=personas["outsider"], name="Téléphone", confirmed=True),
        "accessattempt": AccessAttempt.objects.create(
            username="x", ip_address="10.0.0.1", user_agent="t", failures_since_start=1
        ),
        "axesaccesslog": AxesAccessLog.objects.create(username="x", ip_address="10.0.0.1", user_agent="t"),
        "accessfailurelog": AccessFailureLog.objects.create(username="x", ip_address="10.0.0.1", user_agent="t"),
    }
    world["lease"].document.save("bail-test.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    world["deceased"] = f.TenantFactory(
        code="HF-0002", followup_start=dt.date(2020, 1, 1), followup_end=dt.date(2024, 5, 1), end_reason="DECEASED"
    )
    from reports.models import LegacyFigure
    from reports.series import series_choices

    world["legacyfigure"] = LegacyFigure.objects.create(year=2019, key=series_choices()[0][0], value=Decimal("12"))
    world["repayment"] = GuaranteeRepayment.objects.create(
        guarantee=world["guarantee"], date=dt.date(2023, 1, 1), amount=Decimal("50")
    )
    world["stay"] = world["move"].stay if hasattr(world["move"], "stay") else None
    from intake.services import request_create, request_set_status

    world["intakerequest"] = request_create(
        user=None,
        date=dt.date(2024, 2, 1),
        requester="PERSON",
        channel="PHONE",
        name="Jo",
        sex="M",
        ethos="1",
        months_2y=12,
        months_3y=20,
        mental_health=True,
        addiction=True,
    )
    world["intakechange"] = request_set_status(
        request=world["intakerequest"], status="ELIGIBLE", date=dt.date(2024, 2, 2), user=None
    )
    world["intakerequest"].refresh_from_db()
    world["content_type"] = ContentType.objects.get_for_model(type(tenant))
    return world


# Admin model label → world kind.
ADMIN_OBJECTS = {
    "tenants.tenant": "tenant",
    "tenants.income": "income",
    "tenants.assessment": "assessment",
    "tenants.gafscore": "gaf",
    "tenants.visit": "visit",
    "housing.partner": "partner",
    "housing.partnercontact": "contact",
    "housing.convention": "convention",
    "housing.dwelling": "dwelling",
    "housing.lease": "lease",
    "housing.move": "move",
    "housing.stay": "stay",
    "reports.legacyfigure": "legacyfigure",
    "housing.guarantee": "guarantee",
    "housing.guaranteerepayment": "repayment",
    "housing.rentmonth": "rentmonth",
    "housing.rentpayment": "rentpayment",
    "intake.request": "intakerequest",
    "intake.statuschange": "intakechange",
    "harmreduction.item": "item",
    "harmreduction.movement": "movement",
    "harmreduction.operation": "operation",
    "records.accesslog": "accesslog",
    "auth.user": "user",
    "otp_totp.totpdevice": "totpdevice",
    "axes.accessattempt": "accessattempt",
    "axes.accesslog": "axesaccesslog",
    "axes.accessfailurelog": "accessfailurelog",
}
