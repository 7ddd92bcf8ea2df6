"""The report page, its downloads and the data-quality lists, role by role."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from records.models import AccessLog
from reports.quality import CHECKS, quality_counts
from tests.factories import GafScoreFactory, TenantFactory, VisitFactory

D = dt.date
pytestmark = pytest.mark.django_db
PERSONA = {
    "support": "alice",
    "housing": "bob",
    "management": "maggie",
    "direction": "diane",
    "admin": "adam",
    "outsider": "oscar",
}


@pytest.fixture
def persona(request):
    """persona("management") -> only that user (hashing six passwords per test is slow)."""
    return lambda who: request.getfixturevalue(PERSONA[who])


@pytest.fixture
def year_2024(db):
    t = TenantFactory(code="HF-0042", first_name="Josiane", last_name="Vandamme", followup_start=D(2021, 1, 1))
    GafScoreFactory(tenant=t, date=D(2021, 2, 1), score=35)
    VisitFactory(tenant=t, date=D(2024, 3, 5), kind="HOME", duration_min=None, m_daily=True)
    VisitFactory(tenant=t, date=D(2024, 3, 6), kind="PHONE")  # no motive
    TenantFactory(code="HF-0043", first_name="Omar", last_name="Benali", followup_start=D(2022, 1, 1))  # no GAF
    return t


@pytest.mark.parametrize(
    "who, status",
    [("support", 403), ("housing", 403), ("management", 200), ("direction", 200), ("admin", 403), ("outsider", 403)],
)
def test_it_shows_the_report_to_management_and_direction_only(persona, client_for, year_2024, who, status):
    response = client_for(persona(who)).get(reverse("reports:annual"), {"annee": 2024})
    assert response.status_code == status


def test_anonymous_users_are_sent_to_the_login_page(client):
    response = client.get(reverse("reports:annual"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_page_shows_the_chosen_year_with_figures_and_charts(diane, client_for, year_2024):
    response = client_for(diane).get(reverse("reports:annual"), {"annee": 2024})
    html = response.content.decode()
    assert response.context["year"] == 2024
    assert "Rapport annuel 2024" in html
    assert response.context["report"]["tenants"]["accompanied"] == 2
    assert html.count("<svg") >= 10
    assert 'id="egf"' in html and 'id="resultats"' in html
    # Direction gets the download buttons.
    assert reverse("reports:export", args=[2024, "pdf"]) in html


def test_an_unknown_year_falls_back_to_last_year(maggie, client_for):
    response = client_for(maggie).get(reverse("reports:annual"), {"annee": "1850"})
    assert response.context["year"] == dt.date.today().year - 1


def test_management_sees_counts_but_no_download(maggie, client_for, year_2024):
    html = client_for(maggie).get(reverse("reports:annual"), {"annee": 2024}).content.decode()
    assert "réservé à la direction" in html
    assert reverse("reports:export", args=[2024, "pdf"]) not in html
    # Counts yes; no link to the clinical or visit lists Management may not see.
    assert reverse("reports:quality", args=[2024, "no-entry-gaf"]) not in html
    assert reverse("reports:quality", args=[2024, "meeting-no-duration"]) not in html


def test_the_quality_panel_counts_and_links_for_direction(diane, client_for, year_2024):
    response = client_for(diane).get(reverse("reports:annual"), {"annee": 2024})
    counts = {q["slug"]: q["count"] for q in response.context["quality"]}
    assert counts == {
        "no-entry-gaf": 1,
        "no-review": 2,
        "meeting-no-duration": 1,
        "visit-no-motive": 1,
        "planned-not-closed": 0,
        "housed-no-lease": 0,
    }
    assert reverse("reports:quality", args=[2024, "no-entry-gaf"]) in response.content.decode()


def test_the_quality_list_links_to_the_tenant_pages(diane, client_for, year_2024):
    response = client_for(diane).get(reverse("reports:quality", args=[2024, "no-entry-gaf"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Omar Benali" in html and "Josiane" not in html
    assert AccessLog.objects.filter(user=diane, what="Qualité des données 2024 : no-entry-gaf").exists()


@pytest.mark.parametrize(
    "slug", ["no-entry-gaf", "no-review", "meeting-no-duration", "visit-no-motive", "planned-not-closed"]
)
def test_management_may_not_open_clinical_or_visit_lists(maggie, client_for, year_2024, slug):
    assert client_for(maggie).get(reverse("reports:quality", args=[2024, slug])).status_code == 403


def test_management_may_open_the_housing_list(maggie, client_for, year_2024):
    assert client_for(maggie).get(reverse("reports:quality", args=[2024, "housed-no-lease"])).status_code == 200


def test_an_unknown_check_is_404(diane, client_for):
    assert client_for(diane).get(reverse("reports:quality", args=[2024, "nope"])).status_code == 404


@pytest.mark.parametrize("who", ["management", "support", "housing", "admin", "outsider"])
def test_only_direction_downloads(persona, client_for, who):
    assert client_for(persona(who)).get(reverse("reports:export", args=[2024, "json"])).status_code == 403


def test_direction_downloads_json_and_the_download_is_logged(diane, client_for, year_2024):
    response = client_for(diane).get(reverse("reports:export", args=[2024, "json"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert 'filename="rapport-housing-first-2024-fr.json"' in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["year"] == 2024 and data["tenants"]["accompanied"] == 2
    assert AccessLog.objects.filter(user=diane, what="Rapport annuel 2024 (JSON, fr)").count() == 1


def test_direction_downloads_xlsx(diane, client_for, year_2024):
    response = client_for(diane).get(reverse("reports:export", args=[2024, "xlsx"]), {"lang": "nl"})
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert 'filename="rapport-housing-first-2024-nl.xlsx"' in response["Content-Disposition"]


def test_unknown_format_language_or_year_is_404(diane, client_for):
    c = client_for(diane)
    assert c.get(reverse("reports:export", args=[2024, "odt"])).status_code == 404  # docx is a format (issue 17)
    assert c.get(reverse("reports:export", args=[2024, "json"]), {"lang": "de"}).status_code == 404
    assert c.get(reverse("reports:export", args=[1900, "json"])).status_code == 404


@pytest.fixture
def every_check_2024(year_2024, flat, enter):
    """year_2024 plus a record for the two checks it leaves empty: a visit
    planned and never closed, a stay without a lease."""
    VisitFactory(tenant=year_2024, date=D(2024, 4, 2), kind="HOME", status="PLANNED")
    housed = TenantFactory(code="HF-0044", first_name="Nadia", last_name="Peeters", followup_start=D(2022, 1, 1))
    enter(housed, flat, D(2023, 6, 1))
    return year_2024


@pytest.mark.parametrize("check", CHECKS, ids=[c.slug for c in CHECKS])
def test_direction_opens_every_quality_list_with_records(diane, client_for, every_check_2024, check):
    """Every slug of the quality panel, of either kind (tenant or visit), has
    at least one record here: its "Corriger" list opens and names them."""
    counts = {q["slug"]: q["count"] for q in quality_counts(2024)}
    assert counts[check.slug] >= 1
    response = client_for(diane).get(reverse("reports:quality", args=[2024, check.slug]))
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == counts[check.slug]
    html = response.content.decode()
    assert (
        reverse(
            "tenants:detail",
            args=[response.context["page_obj"][0].pk if check.kind == "tenant" else every_check_2024.pk],
        )
        in html
    )
