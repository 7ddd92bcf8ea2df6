"""Audit trail: who changed what (simple-history, stamped by the request's
user), who opened what (AccessLog), read back by Direction and Admin,
never editable."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from records.audit import audited_models, changes_queryset
from records.models import AccessLog
from tests import factories as f

MASKED = "modifié (valeur non visible pour votre rôle)"


def test_every_record_kind_of_the_issue_keeps_history():
    labels = {a.label for a in audited_models()}
    for label in [
        "tenants.tenant",
        "tenants.income",
        "tenants.assessment",
        "tenants.gafscore",
        "tenants.visit",
        "housing.lease",
        "housing.move",
        "housing.guarantee",
        "housing.rentmonth",
        "housing.rentpayment",
        "harmreduction.movement",
    ]:
        assert label in labels, label


def test_history_tables_are_not_editable_in_the_admin():
    for a in audited_models():
        assert a.history not in admin.site._registry, a.label


@pytest.mark.parametrize(
    "persona, url_name, kind, model_label",
    [
        ("support", "tenants:gaf_delete", "gaf", "tenants.gafscore"),
        ("support", "tenants:assessment_delete", "assessment", "tenants.assessment"),
        ("housing", "housing:contact_delete", "contact", "housing.partnercontact"),
        ("management", "housing:rent_payment_delete", "rentpayment", "housing.rentpayment"),
    ],
)
def test_a_change_made_in_the_app_records_who_made_it(
    personas, client_for, world, persona, url_name, kind, model_label
):
    obj = world[kind]
    user = personas[persona]
    response = client_for(user).post(reverse(url_name, kwargs={"pk": obj.pk}))
    assert response.status_code == 302
    last = type(obj).history.filter(id=obj.pk).order_by("-history_date", "-history_id").first()
    assert last.history_type == "-"
    assert last.history_user == user


def test_the_tenant_trail_shows_old_and_new_values_to_the_direction(personas, client_for):
    diane = personas["direction"]
    tenant = f.TenantFactory(last_name="Martin", first_name="Jeanne")
    tenant.last_name = "Dupont"
    tenant._history_user = diane
    tenant.save()
    gaf = f.GafScoreFactory(tenant=tenant, score=35)
    gaf.score = 48
    gaf.save()
    response = client_for(diane).get(reverse("audit_tenant", args=[tenant.pk]) + "?vue=modifications")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<del>Martin</del>" in html and "<ins>Dupont</ins>" in html
    assert "<del>35</del>" in html and "<ins>48</ins>" in html
    assert "Nadia" not in html  # sanity: the page names the real persona
    assert "Diane Test" in html


def test_the_admin_reads_the_trail_but_not_clinical_values(personas, client_for):
    tenant = f.TenantFactory()
    gaf = f.GafScoreFactory(tenant=tenant, score=35)
    gaf.score = 48
    gaf.save()
    visit = f.VisitFactory(tenant=tenant, note="")
    visit.note = "Confidentiel : rechute"
    visit.save()
    response = client_for(personas["admin"]).get(reverse("audit_tenant", args=[tenant.pk]) + "?vue=modifications")
    html = response.content.decode()
    assert response.status_code == 200
    assert MASKED in html
    assert "<ins>48</ins>" not in html and "rechute" not in html
    assert "score EGF" in html  # the fact of the change is visible


def test_opening_the_tenant_trail_is_itself_logged(personas, client_for):
    tenant = f.TenantFactory()
    client_for(personas["direction"]).get(reverse("audit_tenant", args=[tenant.pk]))
    entry = AccessLog.objects.get(tenant=tenant)
    assert entry.user == personas["direction"] and entry.what == "journal du dossier"


def test_the_access_tab_lists_who_opened_the_file(personas, client_for):
    tenant = f.TenantFactory(code="HF-0777")
    AccessLog.objects.create(user=personas["support"], tenant=tenant, what="dossier clinique", path="/x/")
    html = client_for(personas["direction"]).get(reverse("audit_tenant", args=[tenant.pk])).content.decode()
    assert "dossier clinique" in html and "Alice Test" in html


def test_the_global_journal_lists_both_tabs(personas, client_for):
    tenant = f.TenantFactory(code="HF-0778")
    AccessLog.objects.create(user=personas["support"], tenant=tenant, what="dossier clinique", path="/x/")
    client = client_for(personas["admin"])
    assert "dossier clinique" in client.get(reverse("audit")).content.decode()
    html = client.get(reverse("audit") + "?vue=modifications").content.decode()
    assert "HF-0778" in html and "Création" in html


def _many_changes(n: int):
    for _ in range(n):
        tenant = f.TenantFactory()
        tenant.street_years = 3
        tenant.save()
        f.GafScoreFactory(tenant=tenant)
        f.VisitFactory(tenant=tenant)
        lease = f.LeaseFactory(tenant=tenant)
        lease.rent = 500
        lease.save()
        f.MovementFactory()
        AccessLog.objects.create(tenant=tenant, what="dossier clinique", path="/")
    return tenant


@pytest.mark.parametrize("n", [1, 25])
def test_the_journal_pages_run_a_constant_number_of_queries(personas, client_for, django_assert_max_num_queries, n):
    last = _many_changes(n)
    client = client_for(personas["direction"])
    for url in (
        reverse("audit"),
        reverse("audit") + "?vue=modifications",
        reverse("audit_tenant", args=[last.pk]),
        reverse("audit_tenant", args=[last.pk]) + "?vue=modifications",
        reverse("audit") + "?vue=modifications&page=2",
    ):
        with django_assert_max_num_queries(30):
            assert client.get(url).status_code == 200


def test_the_change_timeline_is_paginated_in_the_database(personas):
    _many_changes(15)
    qs = changes_queryset()
    assert qs.count() > 40
    first, second = list(qs[:40]), list(qs[40:80])
    assert first[0]["a_date"] >= first[-1]["a_date"] >= second[0]["a_date"]


def test_no_role_can_change_or_delete_an_access_entry_in_the_admin(personas, client_for):
    entry = AccessLog.objects.create(user=personas["support"], what="dossier clinique", path="/")
    client = client_for(personas["admin"])
    change = reverse("admin:records_accesslog_change", args=[entry.pk])
    assert client.get(change).status_code == 200  # read-only view
    client.post(change, {"what": "effacé", "path": "/"})
    assert client.post(reverse("admin:records_accesslog_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:records_accesslog_add")).status_code == 403
    entry.refresh_from_db()
    assert entry.what == "dossier clinique"


@pytest.mark.parametrize(
    "path",
    ["/admin/tenants/assessment/", "/admin/tenants/gafscore/", "/admin/tenants/visit/", "/admin/housing/guarantee/"],
)
def test_the_admin_account_cannot_open_clinical_or_finance_models(personas, client_for, path):
    adam = personas["admin"]
    assert adam.is_staff and not adam.is_superuser
    assert client_for(adam).get(path).status_code == 403


def test_log_access_drops_search_terms(rf, personas):
    from records.audit import log_access

    request = rf.get("/locataires/", {"q": "Martin", "page": "2"})
    request.user = personas["support"]
    entry = log_access(request, "liste")
    assert entry.path == "/locataires/?page=2"


# Clinical pages and exports of the other apps must leave an access entry.
CLINICAL_PAGES = [
    ("support", "tenants:clinical", "tenant"),
    ("direction", "tenants:clinical", "tenant"),
    ("support", "tenants:assessment_edit", "assessment"),
    ("support", "tenants:gaf_edit", "gaf"),
    ("support", "tenants:visit_edit", "visit"),
    ("direction", "tenants:timeline", "tenant"),
    ("direction", "gdpr_export", "tenant"),
]


@pytest.mark.parametrize("persona, url_name, kind", CLINICAL_PAGES)
def test_every_clinical_page_writes_an_access_entry(personas, client_for, world, persona, url_name, kind):
    AccessLog.objects.all().delete()
    key = "tenant_pk" if url_name == "gdpr_export" else "pk"
    response = client_for(personas[persona]).get(reverse(url_name, kwargs={key: world[kind].pk}))
    assert response.status_code == 200
    entry = AccessLog.objects.get()
    assert entry.user == personas[persona]
    assert entry.tenant == world["tenant"]


def test_the_data_export_writes_an_access_entry(personas, client_for, world):
    AccessLog.objects.all().delete()
    response = client_for(personas["direction"]).get(reverse("data_export"))
    assert response.status_code == 200
    assert AccessLog.objects.filter(user=personas["direction"]).exists()
