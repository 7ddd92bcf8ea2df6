import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from records.models import AccessLog
from tests.factories import AssessmentFactory, GafScoreFactory, IncomeFactory, TenantFactory


@pytest.fixture
def tenant(db):
    t = TenantFactory(
        first_name="Zoé",
        last_name="Willems",
        phone="0470 12 34 56",
        important_note="Chien à la maison",
        funding="SPF_TSI",
        legal_status="TRIAL_RELEASE",
        justice_contact="M. Dubois, maison de justice",
    )
    IncomeFactory(tenant=t, source="RIS", start=dt.date(2020, 1, 1), end=dt.date(2022, 12, 31))
    IncomeFactory(tenant=t, source="DGPH", start=dt.date(2023, 1, 1))
    AssessmentFactory(tenant=t, date=dt.date(2024, 6, 1), depression=True, p_alcohol=True, crack_inhalation=True)
    GafScoreFactory(tenant=t, date=dt.date(2020, 3, 1), score=20)
    GafScoreFactory(tenant=t, date=dt.date(2024, 6, 1), score=45)
    return t


def url(t):
    return f"/locataires/{t.pk}/"


def test_support_sees_identity_incomes_reviews_and_gaf(alice, client_for, tenant):
    html = client_for(alice).get(url(tenant)).content.decode()
    for text in (
        "Zoé",
        "0470 12 34 56",
        "Chien à la maison",
        "Libération à l&#x27;essai (interné·e)",
        "M. Dubois, maison de justice",
        "Allocation DG Personnes handicapées",
        "RIS (CPAS)",
        "Dernier bilan annuel",
        "Dépression majeure et/ou chronique",
        "Crack en inhalation",
        "<svg",
        "gaf-line",
    ):
        assert text in html, text
    assert 'style="' not in html


def test_management_sees_identity_but_no_clinical_block_and_no_clinical_query(maggie, client_for, tenant):
    c = client_for(maggie)
    with CaptureQueriesContext(connection) as queries:
        response = c.get(url(tenant))
    html = response.content.decode()
    assert response.status_code == 200
    assert "0470 12 34 56" in html and "RIS (CPAS)" in html
    assert "Dernier bilan annuel" not in html and "<svg" not in html and "Dépression" not in html
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "tenants_gafscore" not in sql and "tenants_assessment" not in sql
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("who", ["bob", "adam"])
def test_housing_and_admin_get_no_clinical_data(request, client_for, tenant, who):
    user = request.getfixturevalue(who)
    with CaptureQueriesContext(connection) as queries:
        html = client_for(user).get(url(tenant)).content.decode()
    assert "Dernier bilan annuel" not in html and "<svg" not in html
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "tenants_gafscore" not in sql and "tenants_assessment" not in sql


def test_opening_the_page_as_a_clinical_role_is_logged(alice, diane, client_for, tenant):
    client_for(alice).get(url(tenant))
    client_for(diane).get(url(tenant))
    logs = list(AccessLog.objects.order_by("at", "id").values_list("user__username", "tenant_id", "what", "path"))
    assert logs == [
        ("alice", tenant.pk, "fiche locataire (bilans, EGF)", url(tenant)),
        ("diane", tenant.pk, "fiche locataire (bilans, EGF)", url(tenant)),
    ]


def test_direction_reads_but_gets_no_clinical_edit_buttons(diane, client_for, tenant):
    html = client_for(diane).get(url(tenant)).content.decode()
    assert "Dernier bilan annuel" in html
    assert f"/locataires/{tenant.pk}/egf/ajouter/" not in html


def test_an_unknown_tenant_is_404_and_outsiders_403(alice, oscar, client_for, tenant):
    assert client_for(alice).get("/locataires/999999/").status_code == 404
    assert client_for(oscar).get(url(tenant)).status_code == 403


def _bulk(tenant, n):
    for i in range(n):
        IncomeFactory(tenant=tenant, source="SALARY", start=dt.date(2000 + i, 1, 1), end=dt.date(2000 + i, 6, 1))
        GafScoreFactory(
            tenant=tenant, date=dt.date(2000 + i, 2, 1) if i < 20 else dt.date(2020, 1, 2 + i), score=30 + i
        )
        AssessmentFactory(tenant=tenant, date=dt.date(2000 + i, 2, 1) if i < 20 else dt.date(2020, 1, 2 + i))


def test_the_detail_page_runs_a_constant_number_of_queries(alice, client_for, django_assert_max_num_queries):
    """Same count for 1 and 25 incomes, scores and reviews. The registered
    panels (visits, housing, material) bring their own fixed queries."""
    small = TenantFactory(followup_start=dt.date(1999, 1, 1))
    big = TenantFactory(followup_start=dt.date(1999, 1, 1))
    _bulk(small, 1)
    _bulk(big, 25)
    c = client_for(alice)
    c.get(url(small))
    with CaptureQueriesContext(connection) as measured:
        c.get(url(small))
    assert len(measured.captured_queries) <= 30
    with django_assert_max_num_queries(len(measured.captured_queries)):
        response = c.get(url(big))
    assert response.status_code == 200
