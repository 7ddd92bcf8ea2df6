"""Dates that cannot be true (issue 12): every kind of dated record, through
each entry point (service = what the web form and the admin call, web
form, import), refuses a date in 2099 and a date before the project's first
year (2013) or the tenant's birth.

Today is frozen on 20/11/2026."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from harmreduction.models import Movement
from housing import finance_services as fs
from housing import services as hs
from housing.models import Convention, Guarantee, Lease, LeaseKind, Move, MoveKind, RentMonth
from smes import plausibility
from tenants import services as ts
from tenants.models import Assessment, GafScore, Tenant, Visit
from tenants.visits.services import visit_create
from tests.factories import DwellingFactory, ItemFactory, LeaseFactory, PartnerFactory, TenantFactory

D = dt.date
E = Decimal
FUTURE = "La date ne peut pas être dans le futur."
FUTURE_VISIT = "Un contact réalisé, absent ou annulé ne peut pas être daté dans le futur."
TOO_FAR_1 = "Date trop lointaine (01/01/2099) : au plus 1 an après aujourd'hui."
TOO_FAR_10 = "Date trop lointaine (01/01/2099) : au plus 10 ans après aujourd'hui."
BEFORE_PROJECT = "Date invraisemblable (31/12/2012) : le projet a commencé en 2013."


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 11, 20, 10, 0), tick=False):
        yield


@pytest.fixture
def tenant(db):
    return TenantFactory(code="HF-0501", birth_date=D(1975, 6, 15), followup_start=D(2015, 1, 1))


@pytest.fixture
def flat(db):
    return DwellingFactory(code="D-0100", partner=PartnerFactory(name="Foyer Schaerbeekois"))


@pytest.fixture
def sliding(tenant, flat):
    return LeaseFactory(tenant=tenant, dwelling=flat, kind=LeaseKind.SLIDING, start=D(2024, 1, 15))


@pytest.fixture
def guarantee(sliding):
    return fs.guarantee_save(
        guarantee=Guarantee(lease=sliding, amount=E("900"), advanced_by="ORGANISATION", date=D(2024, 1, 10))
    )


def errors_of(exc_info) -> dict:
    return {k: [str(m) for m in v] for k, v in exc_info.value.message_dict.items()}


# --- the rule itself -----------------------------------------------------------


def test_today_is_the_brussels_day_not_the_server_one(settings):
    # 23:30 UTC on 31/12 is already 1 January in Brussels.
    with time_machine.travel(dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC), tick=False):
        from smes.lib.dates import today

        assert today() == D(2027, 1, 1)


def test_the_horizons_are_stated():
    assert plausibility.PLAN_HORIZON_VISIT_YEARS == 1
    assert plausibility.PLAN_HORIZON_LONG_YEARS == 10


# --- services (what the web forms, the admin and the commands call) ---------------


def test_a_move_in_2099_is_refused(tenant, flat):
    with pytest.raises(ValidationError) as exc:
        hs.move_record(tenant=tenant, date=D(2099, 1, 1), kind=MoveKind.ENTRY, dwelling=flat)
    assert errors_of(exc) == {"date": [FUTURE]}
    assert not Move.objects.exists()


def test_a_move_today_is_accepted(tenant, flat):
    hs.move_record(tenant=tenant, date=D(2026, 11, 20), kind=MoveKind.ENTRY, dwelling=flat)


def test_a_move_before_the_project_is_refused(flat):
    # An old record whose follow-up start predates the project (written before the rule).
    old = TenantFactory(birth_date=D(1960, 1, 1), followup_start=D(2010, 1, 1))
    with pytest.raises(ValidationError) as exc:
        hs.move_record(tenant=old, date=D(2012, 12, 31), kind=MoveKind.ENTRY, dwelling=flat)
    assert errors_of(exc) == {"date": [BEFORE_PROJECT]}


@pytest.mark.parametrize(
    "start, end, field, message",
    [
        (D(2099, 1, 1), None, "start", TOO_FAR_10),
        (D(2024, 1, 1), D(2099, 1, 1), "end", TOO_FAR_10),
        (D(2012, 12, 31), None, "start", BEFORE_PROJECT),
    ],
)
def test_a_lease_too_far_ahead_or_before_the_project_is_refused(tenant, flat, start, end, field, message):
    with pytest.raises(ValidationError) as exc:
        hs.lease_save(lease=Lease(tenant=tenant, dwelling=flat, kind="STANDARD", start=start, end=end, rent=E("400")))
    assert errors_of(exc)[field] == [message]


def test_a_lease_ending_in_nine_years_is_accepted(tenant, flat):
    hs.lease_save(
        lease=Lease(tenant=tenant, dwelling=flat, kind="STANDARD", start=D(2026, 1, 1), end=D(2035, 12, 31), rent=1)
    )


def test_a_lease_before_the_tenants_birth_is_refused(flat):
    young = TenantFactory(birth_date=D(2014, 5, 1), followup_start=D(2024, 1, 1))
    with pytest.raises(ValidationError) as exc:
        hs.lease_save(lease=Lease(tenant=young, dwelling=flat, kind="STANDARD", start=D(2014, 1, 1), rent=E("1")))
    assert errors_of(exc) == {
        "start": ["Date invraisemblable (01/01/2014) : elle précède la naissance du·de la locataire (01/05/2014)."]
    }


def test_a_guarantee_and_its_repayment_in_2099_are_refused(sliding, guarantee):
    with pytest.raises(ValidationError) as exc:
        fs.guarantee_repayment_record(guarantee=guarantee, date=D(2099, 1, 1), amount=E("10"))
    assert errors_of(exc) == {"date": [FUTURE]}
    with pytest.raises(ValidationError) as exc:
        fs.guarantee_save(guarantee=Guarantee(lease=sliding, amount=E("1"), advanced_by="CPAS", date=D(2099, 1, 1)))
    assert errors_of(exc) == {"date": [FUTURE]}


def test_a_rent_payment_in_2099_and_a_rent_month_in_2099_are_refused(sliding):
    with pytest.raises(ValidationError) as exc:
        fs.rent_payment_record(lease=sliding, date=D(2099, 1, 1), amount=E("10"))
    assert errors_of(exc) == {"date": [FUTURE]}
    sliding.end = None
    with pytest.raises(ValidationError) as exc:
        fs.rent_month_save(rent_month=RentMonth(lease=sliding, month=D(2099, 1, 1), due_from_tenant=E("1")))
    assert errors_of(exc) == {"month": [TOO_FAR_10]}


def test_a_convention_evaluated_in_the_future_or_due_in_2099_is_refused(db):
    partner = PartnerFactory(name="AIS")
    with pytest.raises(ValidationError) as exc:
        hs.convention_save(
            convention=Convention(
                partner=partner,
                title="Convention",
                signed_on=D(2020, 1, 1),
                last_evaluated_on=D(2027, 1, 1),
                next_evaluation_due=D(2099, 1, 1),
            )
        )
    assert errors_of(exc) == {"last_evaluated_on": [FUTURE], "next_evaluation_due": [TOO_FAR_10]}


@pytest.mark.parametrize(
    "status, day, message",
    [
        ("DONE", D(2099, 1, 1), FUTURE_VISIT),
        ("DONE", D(2026, 11, 21), FUTURE_VISIT),
        ("PLANNED", D(2099, 1, 1), TOO_FAR_1),
        ("PLANNED", D(2012, 12, 31), BEFORE_PROJECT),
    ],
)
def test_visits_done_in_the_future_or_planned_too_far_are_refused(alice, status, day, message):
    old = TenantFactory(birth_date=D(1960, 1, 1), followup_start=D(2010, 1, 1))
    with pytest.raises(ValidationError) as exc:
        visit_create(tenant=old, author=alice, date=day, status=status, motives=["DAILY"])
    assert message in errors_of(exc)["date"]
    assert not Visit.objects.exists()


def test_a_visit_planned_within_a_year_is_accepted(alice, tenant):
    visit_create(tenant=tenant, author=alice, date=D(2027, 11, 20), status="PLANNED", motives=["DAILY"])


@pytest.mark.parametrize("day, message", [(D(2099, 1, 1), FUTURE), (D(2012, 12, 31), BEFORE_PROJECT)])
def test_gaf_scores_and_reviews_out_of_time_are_refused(alice, day, message):
    old = TenantFactory(birth_date=D(1960, 1, 1), followup_start=D(2010, 1, 1))
    with pytest.raises(ValidationError) as exc:
        ts.gaf_score_save(tenant=old, date=day, score=40, user=alice)
    assert message in errors_of(exc)["date"]
    with pytest.raises(ValidationError) as exc:
        ts.assessment_save(tenant=old, user=alice, date=day)
    assert message in errors_of(exc)["date"]
    assert not GafScore.objects.exists() and not Assessment.objects.exists()


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"followup_start": D(2099, 1, 1)}, "followup_start", FUTURE),
        ({"followup_start": D(2012, 12, 31)}, "followup_start", BEFORE_PROJECT),
        ({"birth_date": D(2099, 1, 1), "followup_start": D(2020, 1, 1)}, "birth_date", FUTURE),
    ],
)
def test_a_tenant_whose_follow_up_starts_out_of_time_is_refused(alice, fields, field, message):
    data = {
        "code": "HF-0100",
        "last_name": "Lambert",
        "first_name": "Nadia",
        "sex": "F",
        "birth_date": D(1970, 3, 2),
        "funding": "COCOM",
        "team": "ICM",
        "ethos": 1,
        "street_years": E("1"),
        **fields,
    }
    with pytest.raises(ValidationError) as exc:
        ts.tenant_create(user=alice, **data)
    assert message in errors_of(exc)[field]
    assert not Tenant.objects.exists()


def test_a_birth_date_long_ago_stays_free(alice):
    ts.tenant_create(
        user=alice,
        code="HF-0100",
        last_name="Lambert",
        first_name="Nadia",
        sex="F",
        birth_date=D(1920, 3, 2),
        funding="COCOM",
        team="ICM",
        ethos=1,
        street_years=E("1"),
        followup_start=D(2013, 1, 1),
    )


def test_a_stock_line_in_2099_is_refused(db):
    movement = Movement(item=ItemFactory(), kind="RECEIPT", quantity=5, date=D(2099, 1, 1))
    with pytest.raises(ValidationError) as exc:
        movement.full_clean()
    assert errors_of(exc)["date"] == [FUTURE]


# --- web forms ------------------------------------------------------------------------


def _form_errors(response) -> dict:
    assert response.status_code == 200, response.status_code
    return {k: [str(e) for e in v] for k, v in response.context["form"].errors.items()}


def test_the_move_form_refuses_2099(bob, client_for, tenant, flat):
    response = client_for(bob).post(
        reverse("housing:move_create"),
        {"tenant": tenant.pk, "date": "2099-01-01", "kind": "ENTRY", "dwelling": flat.pk, "exit_to": "", "note": ""},
    )
    assert _form_errors(response)["date"] == [FUTURE]
    assert not Move.objects.exists()


def test_the_lease_form_refuses_a_start_in_2099(bob, client_for, tenant, flat):
    response = client_for(bob).post(
        reverse("housing:lease_create"),
        {
            "dwelling": flat.pk,
            "tenant": tenant.pk,
            "kind": "STANDARD",
            "start": "2099-01-01",
            "rent": "400",
            "charges": "0",
        },
    )
    assert _form_errors(response)["start"] == [TOO_FAR_10]
    assert not Lease.objects.exists()


def test_the_repayment_form_refuses_2099(maggie, client_for, guarantee):
    response = client_for(maggie).post(
        reverse("housing:guarantee_detail", args=[guarantee.pk]), {"date": "2099-01-01", "amount": "10", "note": ""}
    )
    assert _form_errors(response)["date"] == [FUTURE]
    assert not guarantee.repayments.exists()


def test_the_quicklog_refuses_a_visit_planned_in_2099(alice, client_for, tenant):
    response = client_for(alice).post(
        reverse("tenants:quicklog"),
        {"tenant": tenant.pk, "date": "2099-01-01", "kind": "HOME", "status": "PLANNED", "workers": [alice.pk]},
    )
    assert TOO_FAR_1 in _form_errors(response)["date"]
    assert not Visit.objects.exists()


def test_the_gaf_form_refuses_2099(alice, client_for, tenant):
    response = client_for(alice).post(f"/locataires/{tenant.pk}/egf/ajouter/", {"date": "2099-01-01", "score": "55"})
    assert _form_errors(response)["date"] == [FUTURE]


def test_the_tenant_form_refuses_a_follow_up_starting_before_the_project(alice, client_for):
    response = client_for(alice).post(
        "/locataires/nouveau/",
        {
            "code": "HF-0100",
            "last_name": "Lambert",
            "first_name": "Nadia",
            "sex": "F",
            "birth_date": "1970-03-02",
            "funding": "COCOM",
            "team": "ICM",
            "ethos": "1",
            "street_years": "1",
            "followup_start": "2012-12-31",
        },
    )
    assert _form_errors(response)["followup_start"] == [BEFORE_PROJECT]


def test_the_admin_refuses_a_move_in_2099(adam, client_for, tenant, flat):
    response = client_for(adam).post(
        "/admin/housing/move/add/",
        {"tenant": tenant.pk, "date": "2099-01-01", "kind": "ENTRY", "dwelling": flat.pk, "exit_to": "", "note": ""},
    )
    assert response.status_code == 200
    assert FUTURE in response.content.decode()
    assert not Move.objects.exists()


# --- import: each file, FILE:LINE ----------------------------------------------------

FILES = {
    "partners.csv": ["name,kind,via", "Foyer Schaerbeekois,SISP,"],
    "dwellings.csv": [
        "code,partner,address,postcode,commune",
        "D-0001,Foyer Schaerbeekois,Rue Royale 1,1030,Schaerbeek",
    ],
    "tenants.csv": [
        "code,last_name,first_name,sex,birth_date,funding,team,referrer,ethos,street_years,followup_start,followup_end,end_reason",
        "HF-0001,Maes,Piotr,M,1967-01-14,COCOM,ICM,,1,7.0,2015-07-15,,",
        "HF-0002,Lambert,Nadia,F,1970-01-14,COCOM,ICM,,1,7.0,2099-01-01,,",
        "HF-0003,Dubois,Léa,F,1970-01-14,COCOM,ICM,,1,7.0,2012-12-31,,",
    ],
    "moves.csv": [
        "tenant,date,kind,dwelling,exit_to",
        "HF-0001,2016-01-01,ENTRY,D-0001,",
        "HF-0001,2099-01-01,EXIT,,STREET",
    ],
    "leases.csv": [
        "dwelling,tenant,kind,start,end,rent,charges",
        "D-0001,HF-0001,STANDARD,2016-01-01,2099-01-01,400,0",
        "D-0001,HF-0001,STANDARD,2099-01-01,,400,0",
    ],
    "gaf.csv": ["tenant,date,score", "HF-0001,2099-01-01,40"],
    "assessments.csv": [
        "tenant,date,depression,paranoia,hallucinations,aggression,cognitive,products,crack_inhalation,injection,overdose",
        "HF-0001,2099-01-01,0,0,0,0,0,,0,0,0",
    ],
    "visits.csv": [
        "tenant,date,kind,status,duration_min,travel_min,workers,motives",
        "HF-0001,2099-01-01,HOME,DONE,50,30,,DAILY",
        "HF-0001,2099-01-01,HOME,PLANNED,,,,",
        "HF-0001,2025-01-01,HOME,DONE,50,30,,DAILY",
    ],
    "rdr_items.csv": ["code,name,category,unit", "BD,Seringue BD,INJECTION,pièce"],
    "rdr_movements.csv": ["date,item,kind,quantity,tenant", "2099-01-01,BD,RECEIPT,83,"],
}


def _write(folder: Path, files: dict) -> Path:
    folder.mkdir(exist_ok=True)
    for name, lines in files.items():
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_the_import_rejects_every_implausible_date_with_file_and_line(db, tmp_path, capsys):
    folder = _write(tmp_path / "in", FILES)
    with pytest.raises(CommandError):
        call_command("import_data", str(folder))
    errors = capsys.readouterr().err
    for expected in [
        f"tenants.csv:3: followup_start: {FUTURE}",
        f"tenants.csv:4: followup_start: {BEFORE_PROJECT}",
        f"moves.csv:3: date: {FUTURE}",
        f"leases.csv:2: end: {TOO_FAR_10}",
        f"leases.csv:3: start: {TOO_FAR_10}",
        f"gaf.csv:2: date: {FUTURE}",
        f"assessments.csv:2: date: {FUTURE}",
        f"visits.csv:2: date: {FUTURE_VISIT}",
        f"visits.csv:3: date: {TOO_FAR_1}",
        "rdr_movements.csv:2",
    ]:
        assert expected in errors, f"{expected!r} not in:\n{errors}"
    assert "visits.csv:4" not in errors and "moves.csv:2" not in errors
    assert not Tenant.objects.exists()
