"""The chapter's sections from the records and the year-to-date view (issue 17)."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import translation

from chapter.models import EmploymentPeriod, NetworkPartner, QualityObjective, Target, Training
from chapter.records import records_context, records_figures
from chapter.selectors import figure_values
from chapter.targets import year_to_date
from tests.factories import TenantFactory, UserFactory, VisitFactory

pytestmark = pytest.mark.django_db


def _period(user, start, end, fte, team="ACT", funder="COCOM"):
    return EmploymentPeriod.objects.create(
        user=user, start=start, end=end, fte=Decimal(fte), function="accompagnateur", team=team, funder=funder
    )


def test_hr_figures_weigh_each_period_by_the_share_of_the_year_it_covers():
    a, b, c = UserFactory(), UserFactory(), UserFactory()
    _period(a, dt.date(2020, 1, 1), None, "1")  # the whole year
    _period(b, dt.date(2025, 7, 1), dt.date(2025, 12, 31), "1", funder="SPP_IS")  # half of it (184/365)
    _period(c, dt.date(2024, 1, 1), dt.date(2024, 12, 31), "0.5")  # another year
    team = records_figures(2025)["team"]
    assert team["people"] == 2
    assert team["fte_by_funder"] == {"COCOM": 1.0, "SPP_IS": 0.5, "SPF_TSI": 0.0, "OTHER": 0.0}
    assert team["fte_total"] == 1.5
    assert figure_values(2025)["team.people"] == 2  # a placeholder {team.people}
    with translation.override("fr"):
        rh = records_context(2025)["rh"]
    assert rh["tables"][0]["rows"] == [["COCOM", "1"], ["SPP Intégration sociale", "0,5"], ["Total des ETP", "1,5"]]
    assert "2 personnes différentes" in rh["paragraphs"][0]


def test_network_partners_are_listed_by_function_for_their_years():
    NetworkPartner.objects.create(name="SSM La Gerbe", function="PSY", first_year=2018)
    NetworkPartner.objects.create(name="Tela", function="PSY", first_year=2026)
    NetworkPartner.objects.create(name="Free Clinic", function="MEDICAL", first_year=2015, last_year=2024)
    NetworkPartner.objects.create(name="Poverello", function="SOCIAL", first_year=2020, last_year=2025)
    with translation.override("fr"):
        groups = records_context(2025)["reseaux"]["groups"]
    assert groups == [
        {"title": "Fonction psychiatrique", "items": ["SSM La Gerbe"]},
        {"title": "Fonction sociale", "items": ["Poverello"]},
    ]


def test_training_and_quality_registers_feed_their_sections():
    Training.objects.create(year=2025, title="Module 1", audience="travailleurs HF", sessions=2, days=Decimal("6"))
    QualityObjective.objects.create(first_year=2025, last_year=2029, general="Personnel", specific="Communication")
    assert records_figures(2025)["training"] == {"sessions": 2, "days": 6.0}
    context = records_context(2025)
    assert context["formation"]["tables"][0]["rows"] == [["Module 1", "travailleurs HF", 2, "6"]]
    assert context["qualite"]["groups"] == [{"title": "Personnel", "items": ["Communication"]}]


@time_machine.travel(dt.datetime(2026, 3, 31, 12, 0), tick=False)
def test_year_to_date_compares_with_last_year_at_the_same_date_and_the_target():
    tenant = TenantFactory(followup_start=dt.date(2020, 1, 1))
    for day in (dt.date(2025, 2, 1), dt.date(2025, 3, 30), dt.date(2025, 6, 1), dt.date(2026, 3, 2)):
        VisitFactory(tenant=tenant, date=day, kind="HOME", status="DONE")
    Target.objects.create(year=2026, key="contacts.by_kind.HOME", value=10)
    rows = {r["key"]: r for r in year_to_date(dt.date(2026, 3, 31))["rows"]}
    home = rows["contacts.by_kind.HOME"]
    assert (home["now"], home["then"], home["last_full"], home["target"]) == (1, 2, 3, Decimal(10))
    assert rows["tenants.accompanied"]["now"] == 1


def test_the_year_to_date_page_shows_the_targets(diane, client_for):
    Target.objects.create(year=dt.date.today().year, key="tenants.accompanied", value=90)
    page = client_for(diane).get("/chapitre/cette-annee/").content.decode()
    assert "Personnes accompagnées" in page and "90" in page and "<svg" in page


def test_the_registers_write_with_their_author(adam, diane, client_for):
    user = UserFactory()
    response = client_for(adam).post(
        "/chapitre/registres/equipe/",
        {
            "user": user.pk,
            "start": "2025-01-01",
            "fte": "0.8",
            "function": "psychologue",
            "team": "ICM",
            "funder": "COCOM",
        },
    )
    assert response.status_code == 302
    period = EmploymentPeriod.objects.get()
    assert period.history.get().history_user == adam
    response = client_for(diane).post(
        "/chapitre/registres/equipe/",
        {
            "user": user.pk,
            "start": "2025-05-01",
            "end": "2025-01-01",
            "fte": "2",
            "function": "x",
            "team": "ICM",
            "funder": "COCOM",
        },
    )
    assert response.status_code == 200 and EmploymentPeriod.objects.count() == 1
    assert client_for(adam).get("/chapitre/registres/reseau/").status_code == 403


def test_a_register_row_is_corrected_in_place_with_its_author(diane, client_for):
    client = client_for(diane)
    client.post("/chapitre/registres/formations/", {"year": 2025, "title": "Rétablissement", "sessions": 2, "days": 1})
    training = Training.objects.get()
    page = client.get(f"/chapitre/registres/formations/?modifier={training.pk}").content.decode()
    assert 'value="Rétablissement"' in page and f'name="pk" value="{training.pk}"' in page
    response = client.post(
        "/chapitre/registres/formations/",
        {"pk": training.pk, "year": 2025, "title": "Rétablissement et logement", "sessions": 3, "days": 1.5},
    )
    assert response.status_code == 302
    training.refresh_from_db()
    assert (Training.objects.count(), training.title, training.sessions) == (1, "Rétablissement et logement", 3)
    assert training.history.first().history_user == diane and training.history.count() == 2
    # A bad correction leaves the row as it was and names the field.
    response = client.post(
        "/chapitre/registres/formations/", {"pk": training.pk, "year": 2025, "title": "", "sessions": 3, "days": 1}
    )
    assert response.status_code == 200 and "Ce champ est obligatoire" in response.content.decode()
    training.refresh_from_db()
    assert training.title == "Rétablissement et logement"
    assert client.get("/chapitre/registres/formations/?modifier=999999").status_code == 404


def test_register_cells_carry_their_own_column_name_on_a_phone(diane, client_for):
    client = client_for(diane)
    client.post("/chapitre/registres/formations/", {"year": 2025, "title": "Rétablissement", "sessions": 2, "days": 1})
    page = client.get("/chapitre/registres/formations/").content.decode()
    assert '<td data-label="Intitulé">Rétablissement</td>' in page
