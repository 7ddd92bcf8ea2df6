import pytest

from smes.accounts import user_create
from tests.factories import GafScoreFactory, TenantFactory


def test_the_admin_role_manages_tenants_but_not_clinical_models(adam, client_for):
    tenant = TenantFactory()
    score = GafScoreFactory(tenant=tenant)
    c = client_for(adam)
    assert c.get("/admin/tenants/tenant/").status_code == 200
    assert c.get(f"/admin/tenants/tenant/{tenant.pk}/change/").status_code == 200
    assert c.get("/admin/tenants/income/").status_code == 200
    for model in ("gafscore", "assessment", "visit"):
        assert c.get(f"/admin/tenants/{model}/").status_code == 403, model
    assert c.get(f"/admin/tenants/gafscore/{score.pk}/change/").status_code == 403
    index = c.get("/admin/").content.decode()
    assert "/admin/tenants/tenant/" in index and "/admin/tenants/gafscore/" not in index


def test_a_staff_member_without_a_role_sees_nothing(db, client_for):
    staff = user_create(username="staffonly", roles=[])
    staff.is_staff = True
    staff.save()
    assert client_for(staff).get("/admin/tenants/tenant/").status_code == 403


@pytest.mark.parametrize("path", ["/admin/tenants/tenant/", "/admin/tenants/gafscore/"])
def test_non_staff_roles_are_sent_to_the_admin_login(alice, client_for, path):
    assert client_for(alice).get(path).status_code == 302


def test_the_admin_form_applies_the_service_rules(adam, client_for):
    import datetime as dt

    tenant = TenantFactory(code="HF-0300", followup_start=dt.date(2020, 1, 1))
    GafScoreFactory(tenant=tenant, date=dt.date(2020, 6, 1))
    c = client_for(adam)
    page = c.get(f"/admin/tenants/tenant/{tenant.pk}/change/")
    data = {k: v for k, v in page.context["adminform"].form.initial.items() if v is not None}
    data.update(
        {
            "followup_start": "2021-01-01",
            "birth_date": "1975-06-15",
            "incomes-TOTAL_FORMS": "0",
            "incomes-INITIAL_FORMS": "0",
        }
    )
    response = c.post(f"/admin/tenants/tenant/{tenant.pk}/change/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["followup_start"] == [
        "Un bilan ou un score EGF du 01/06/2020 précède ce début d'accompagnement."
    ]
    tenant.refresh_from_db()
    assert tenant.followup_start == dt.date(2020, 1, 1)
