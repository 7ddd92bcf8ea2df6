"""Issue 13: legal status and the justice assistant's contact are data about
criminal proceedings (GDPR art. 10): only the roles with clinical access
(Support, Direction) see or edit them. "Important à savoir" (safety for home
visits): Support, Housing and Direction see it; Support and Direction edit it.
Every place they appear: tenant page, edit form, service, admin (form,
filter), audit trail."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from smes.roles import JUSTICE_VIEW, SAFETY_NOTE_VIEW, has_cap
from tenants.services import tenant_update
from tests.factories import TenantFactory

CONTACT = "Maître Justitia, maison de justice de Bruxelles"
NOTE = "Chien nerveux : sonner deux fois"
JUSTICE_ROLES = {"support", "direction"}
NOTE_ROLES = {"support", "housing", "direction"}


@pytest.fixture
def internee(db):
    return TenantFactory(
        code="HF-0042", funding="SPF_TSI", legal_status="TRIAL_RELEASE", justice_contact=CONTACT, important_note=NOTE
    )


def test_the_rights_table(personas):
    for name, user in personas.items():
        assert has_cap(user, JUSTICE_VIEW) == (name in JUSTICE_ROLES), name
        assert has_cap(user, SAFETY_NOTE_VIEW) == (name in NOTE_ROLES), name


def test_the_tenant_page_shows_them_only_to_the_allowed_roles(internee, personas, client_for):
    for name, user in personas.items():
        if name == "outsider":
            continue
        html = client_for(user).get(reverse("tenants:detail", args=[internee.pk])).content.decode()
        assert (CONTACT in html) == (name in JUSTICE_ROLES), name
        assert ("Libération à l&#x27;essai" in html or "Libération à l'essai" in html) == (name in JUSTICE_ROLES), name
        assert (NOTE in html) == (name in NOTE_ROLES), name


def test_the_admin_role_edit_form_neither_shows_nor_changes_them(internee, adam, client_for):
    c = client_for(adam)
    url = reverse("tenants:edit", args=[internee.pk])
    html = c.get(url).content.decode()
    assert CONTACT not in html and NOTE not in html and 'name="legal_status"' not in html
    data = {
        "code": "HF-0042",
        "last_name": "Nouveau",
        "first_name": internee.first_name,
        "sex": "M",
        "birth_date": "1975-06-15",
        "funding": "SPF_TSI",
        "team": "ACT",
        "referrer": "",
        "ethos": "1",
        "street_years": "5.0",
        "followup_start": "2020-01-01",
        "phone": "",
        "email": "",
        "legal_status": "",
        "justice_contact": "effacé",
        "important_note": "effacé",
    }
    assert c.post(url, data).status_code == 302
    internee.refresh_from_db()
    assert internee.last_name == "Nouveau"
    assert (internee.legal_status, internee.justice_contact, internee.important_note) == (
        "TRIAL_RELEASE",
        CONTACT,
        NOTE,
    )


def test_the_service_refuses_them_to_other_roles(internee, adam):
    with pytest.raises(PermissionDenied):
        tenant_update(tenant=internee, user=adam, justice_contact="x")
    with pytest.raises(PermissionDenied):
        tenant_update(tenant=internee, user=adam, important_note="x")


def test_the_django_admin_hides_them_from_the_admin_role(internee, adam, client_for):
    c = client_for(adam)
    change = c.get(reverse("admin:tenants_tenant_change", args=[internee.pk])).content.decode()
    assert CONTACT not in change and NOTE not in change and "legal_status" not in change
    listing = c.get(reverse("admin:tenants_tenant_changelist")).content.decode()
    assert "legal_status" not in listing and "Libération à l" not in listing


def test_the_admin_history_page_hides_them_from_the_admin_role(internee, alice, adam, client_for):
    tenant_update(tenant=internee, user=alice, justice_contact="Nouveau contact justice", important_note="Note neuve")
    html = client_for(adam).get(reverse("admin:tenants_tenant_history", args=[internee.pk])).content.decode()
    assert "Nouveau contact justice" not in html and CONTACT not in html and "Note neuve" not in html
    version = internee.history.order_by("history_id").first().history_id
    form = client_for(adam).get(reverse("admin:tenants_tenant_simple_history", args=[internee.pk, version]))
    assert CONTACT not in form.content.decode() and NOTE not in form.content.decode()


def test_the_audit_trail_masks_them_for_the_admin(internee, alice, adam, diane, client_for):
    tenant_update(tenant=internee, user=alice, justice_contact="Nouveau contact justice", important_note="Note neuve")
    admin_html = client_for(adam).get(reverse("audit_tenant", args=[internee.pk]) + "?vue=modifications")
    admin_html = admin_html.content.decode()
    assert "Nouveau contact justice" not in admin_html and CONTACT not in admin_html
    assert "Note neuve" not in admin_html
    direction = client_for(diane).get(reverse("audit_tenant", args=[internee.pk]) + "?vue=modifications")
    assert "Nouveau contact justice" in direction.content.decode()
