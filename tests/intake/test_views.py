"""The pages: record a request, see the verdict, move it to housing; who sees what."""

import datetime as dt

import pytest
from django.urls import reverse

from intake.models import Request
from tests import factories as f
from tests.intake.helpers import make_request, move

pytestmark = pytest.mark.django_db

FORM = {
    "date": "2025-03-01",
    "requester": "SERVICE",
    "referrer": "Infirmiers de rue",
    "channel": "PHONE",
    "name": "Marc",
    "birth_year": "1975",
    "sex": "M",
    "ethos": "1",
    "months_2y": "8",
    "months_3y": "14",
    "mental_health": "on",
    "addiction": "on",
    "priority": "2",
    "kind": "NEW",
    "notes": "Consomme de l'alcool, voix",
}


def test_support_records_a_request_and_sees_the_verdict(alice, client_for):
    c = client_for(alice)
    page = c.get(reverse("intake:create"))
    assert page.status_code == 200 and 'hx-post="/demandes/verdict/"' in page.content.decode()
    verdict = c.post(reverse("intake:verdict"), FORM)
    assert "Éligible selon l'ordonnance" in verdict.content.decode()
    no = c.post(reverse("intake:verdict"), {**FORM, "addiction": "", "ethos": "8-13"}).content.decode()
    assert "Non éligible" in no and "ETHOS 1 ou 2" in no and "santé mentale et assuétudes" in no
    response = c.post(reverse("intake:create"), FORM)
    req = Request.objects.get()
    assert response.status_code == 302 and response.url == reverse("intake:detail", args=[req.pk])
    detail = c.get(response.url).content.decode()
    assert "Éligible selon l'ordonnance" in detail and "voix" in detail


def test_bad_input_is_named_and_nothing_is_written(alice, client_for):
    response = client_for(alice).post(reverse("intake:create"), {**FORM, "months_3y": "3", "date": "2099-01-01"})
    text = response.content.decode()
    assert response.status_code == 200 and "comprennent ceux sur 2 ans" in text and "futur" in text
    assert not Request.objects.exists()


def test_a_request_goes_through_the_list_to_housing_and_becomes_a_tenant(alice, client_for):
    c = client_for(alice)
    req = make_request(user=alice)
    url = reverse("intake:status", args=[req.pk])
    assert c.post(url, {"status": "ELIGIBLE", "date": "2025-03-02"}).status_code == 302
    assert c.post(url, {"status": "WAITING", "date": "2025-03-02"}).status_code == 302
    missing = c.post(url, {"status": "HOUSED", "date": "2025-06-01"})
    assert missing.status_code == 200 and "Requis pour créer le dossier" in missing.content.decode()
    done = c.post(
        url,
        {
            "status": "HOUSED",
            "date": "2025-06-01",
            "last_name": "Dupont",
            "first_name": "Marc",
            "birth_date": "1975-01-01",
            "funding": "COCOM",
            "team": "ACT",
            "code": "HF-0950",
        },
    )
    assert done.status_code == 302
    req.refresh_from_db()
    tenant = req.housed_tenant
    assert tenant.code == "HF-0950" and tenant.followup_start == dt.date(2025, 6, 1)
    detail = c.get(reverse("intake:detail", args=[req.pk])).content.decode()
    assert "HF-0950" in detail and "En attente" in detail  # the history stays


def test_housing_sees_the_waiting_list_without_the_problems_and_proposes(alice, bob, client_for):
    req = move(make_request(user=alice, notes="Voix, alcool"), ("ELIGIBLE", dt.date(2025, 3, 2)))
    dwelling = f.DwellingFactory(code="LOG-9")
    page = client_for(bob).get(reverse("intake:waitlist"))
    text = page.content.decode()
    assert "Marc" in text and "LOG-9" in text and "?vacancy=vacant" in text
    assert (
        "Voix" not in text
        and "santé mentale" not in text
        and f'href="{reverse("intake:detail", args=[req.pk])}"' not in text
    )
    client_for(bob).post(reverse("intake:propose", args=[req.pk]), {"dwelling": dwelling.pk})
    req.refresh_from_db()
    assert req.proposed_dwelling == dwelling
    assert client_for(bob).get(reverse("intake:detail", args=[req.pk])).status_code == 403


def test_management_sees_counts_only(alice, maggie, client_for):
    make_request(user=alice, notes="Voix")
    c = client_for(maggie)
    assert c.get(reverse("intake:index")).url == reverse("intake:counts")
    text = c.get(reverse("intake:counts")).content.decode()
    assert "Reçue" in text and "Demandes reçues" in text and "Marc" not in text and "Voix" not in text
    assert c.get(reverse("intake:waitlist")).status_code == 403


def test_the_waiting_list_orders_by_priority_then_date(alice, client_for):
    old = move(make_request(dt.date(2025, 1, 1), name="Ancien"), ("ELIGIBLE", dt.date(2025, 1, 2)))
    urgent = move(make_request(dt.date(2025, 5, 1), name="Urgent", priority=1), ("ELIGIBLE", dt.date(2025, 5, 2)))
    text = client_for(alice).get(reverse("intake:waitlist")).content.decode()
    assert text.index("Urgent") < text.index("Ancien")
    assert old and urgent


def test_the_menu_shows_demandes_to_the_roles_that_may(personas, client_for):
    for who, sees in [
        ("support", True),
        ("housing", True),
        ("management", True),
        ("direction", True),
        ("admin", False),
    ]:
        text = client_for(personas[who]).get(reverse("home")).content.decode()
        assert (f'href="{reverse("intake:index")}"' in text) is sees, who


def test_a_person_already_on_file_is_named_and_may_be_confirmed(alice, client_for):
    f.TenantFactory(code="HF-0100", last_name="Dupont", first_name="Marc", birth_date=dt.date(1975, 1, 1))
    req = move(make_request(user=alice), ("ELIGIBLE", dt.date(2025, 3, 2)))
    url = reverse("intake:status", args=[req.pk])
    data = {
        "status": "HOUSED",
        "date": "2025-06-01",
        "last_name": "Dupont",
        "first_name": "Marc",
        "birth_date": "1975-01-01",
        "funding": "COCOM",
        "team": "ACT",
        "code": "HF-0950",
    }
    first = client_for(alice).post(url, data)
    assert first.status_code == 200 and "semble déjà avoir une fiche" in first.content.decode()
    req.refresh_from_db()
    assert req.status == "ELIGIBLE"
    assert client_for(alice).post(url, {**data, "allow_duplicate": "on"}).status_code == 302


@pytest.mark.parametrize("name", ["intake:list", "intake:waitlist"])
def test_the_lists_run_a_constant_number_of_queries(name, alice, client_for, django_assert_max_num_queries):
    c = client_for(alice)
    f.DwellingFactory(partner=f.PartnerFactory(name="Premier"))
    for i in range(2):
        move(make_request(dt.date(2025, 1, 1 + i), name=f"P{i}"), ("ELIGIBLE", dt.date(2025, 1, 5)))
    c.get(reverse(name))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        c.get(reverse(name))
    for i in range(8):
        partner = f.PartnerFactory(name=f"Partenaire {i}")
        req = make_request(dt.date(2025, 2, 1 + i), name=f"Q{i}", requester="SERVICE", partner=partner)
        move(req, ("ELIGIBLE", dt.date(2025, 2, 10)))
        f.DwellingFactory(partner=partner)
    with django_assert_max_num_queries(len(few.captured_queries)):
        c.get(reverse(name))
