"""Earlier years: computed from the records when covered, else the legacy figures."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from reports.models import LegacyFigure
from reports.presentation import fmt, report_context
from reports.services import legacy_figure_set
from tests.factories import AssessmentFactory, TenantFactory

D = dt.date
pytestmark = pytest.mark.django_db


def _assessed(year: int, depressed: int, total: int):
    for i in range(total):
        t = TenantFactory(followup_start=D(2019, 1, 1))
        AssessmentFactory(tenant=t, date=D(year, 6, 1), depression=i < depressed)


def test_a_legacy_value_fills_a_year_the_records_do_not_cover(diane):
    _assessed(2025, depressed=3, total=4)
    legacy_figure_set(user=diane, year=2024, key="problems.mental_health_pct.depression", value=Decimal("87"))
    legacy_figure_set(user=diane, year=2023, key="problems.mental_health_pct.depression", value=Decimal("82"))

    fig = report_context(2025)["figures"]["problems.mental_health_pct.depression"]

    assert fig.text == "75\u202f%"
    assert [(p.year, p.value, p.legacy) for p in fig.history] == [
        (2024, Decimal("87"), True),
        (2023, Decimal("82"), True),
    ]
    assert fig.history_text == "(87\u202f% en 2024, 82\u202f% en 2023)"


def test_a_computed_year_wins_over_a_legacy_value(diane):
    _assessed(2024, depressed=1, total=2)
    legacy_figure_set(user=diane, year=2024, key="problems.mental_health_pct.depression", value=Decimal("87"))

    fig = report_context(2025)["figures"]["problems.mental_health_pct.depression"]

    assert [(p.year, p.value, p.legacy) for p in fig.history] == [(2024, 50.0, False)]


def test_a_year_without_records_for_that_block_keeps_its_legacy_value(diane):
    # 2024 has tenants but no assessment: the problems block does not cover it.
    TenantFactory(followup_start=D(2019, 1, 1))
    legacy_figure_set(user=diane, year=2024, key="problems.consumption.one", value=Decimal("26"))

    fig = report_context(2025)["figures"]["problems.consumption.one"]

    assert [(p.year, p.value) for p in fig.history] == [(2024, Decimal("26"))]


def test_the_reference_report_fixture_loads_and_shows_on_the_page(diane, client_for):
    call_command("loaddata", "fixtures/legacy_figures.json", verbosity=0)
    call_command(
        "loaddata", "fixtures/legacy_figures.json", verbosity=0
    )  # natural keys: loads twice without duplicates
    assert LegacyFigure.objects.get(year=2024, key="gaf.current_mean").value == Decimal("56")
    assert LegacyFigure.objects.filter(key="problems.mental_health_pct.depression").count() == 5

    html = client_for(diane).get(reverse("reports:annual"), {"annee": 2025}).content.decode()

    assert "(87\u202f% en 2024, 82\u202f% en 2023, 88\u202f% en 2022, 65\u202f% en 2021, 66\u202f% en 2020)" in html
    assert "(56 en 2024, 55 en 2023, 50 en 2022, 51 en 2021, 48 en 2020)" in html


def test_legacy_values_are_checked(diane):
    with pytest.raises(ValidationError) as exc:
        legacy_figure_set(user=diane, year=2024, key="problems.mental_health_pct.depression", value=Decimal("187"))
    assert exc.value.message_dict == {"value": ["Un pourcentage ne dépasse pas 100."]}
    with pytest.raises(ValidationError) as exc:
        legacy_figure_set(user=diane, year=2024, key="tenants.nonsense", value=Decimal("1"))
    assert "key" in exc.value.message_dict
    assert LegacyFigure.objects.count() == 0


def test_setting_a_value_twice_replaces_it(diane):
    legacy_figure_set(user=diane, year=2024, key="tenants.accompanied", value=Decimal("86"))
    legacy_figure_set(user=diane, year=2024, key="tenants.accompanied", value=Decimal("87"), source="Rapport 2025")
    figure = LegacyFigure.objects.get()
    assert (figure.value, figure.source, figure.updated_by) == (Decimal("87"), "Rapport 2025", diane)


def test_direction_enters_a_legacy_figure_from_the_page(diane, client_for):
    c = client_for(diane)
    response = c.post(
        reverse("reports:legacy"), {"year": 2022, "key": "gaf.current_mean", "value": "50", "source": "Rapport 2023"}
    )
    assert response.status_code == 302
    assert LegacyFigure.objects.get(year=2022, key="gaf.current_mean").value == Decimal("50")
    page = c.get(reverse("reports:legacy")).content.decode()
    assert "EGF — moyenne actuelle" in page


def test_the_form_shows_a_clear_error(diane, client_for):
    response = client_for(diane).post(
        reverse("reports:legacy"), {"year": 2022, "key": "housing.retention_pct", "value": "120"}
    )
    assert response.status_code == 200
    assert "Un pourcentage ne dépasse pas 100." in response.content.decode()
    assert not LegacyFigure.objects.exists()


def test_management_reads_but_may_not_enter_legacy_figures(maggie, client_for):
    c = client_for(maggie)
    assert c.get(reverse("reports:legacy")).status_code == 200
    assert (
        c.post(reverse("reports:legacy"), {"year": 2022, "key": "gaf.current_mean", "value": "50"}).status_code == 403
    )
    figure = LegacyFigure.objects.create(year=2022, key="gaf.current_mean", value=50)
    assert c.post(reverse("reports:legacy_delete", args=[figure.pk])).status_code == 403
    assert LegacyFigure.objects.exists()


def test_direction_deletes_a_legacy_figure(diane, client_for):
    figure = LegacyFigure.objects.create(year=2022, key="gaf.current_mean", value=50)
    assert client_for(diane).post(reverse("reports:legacy_delete", args=[figure.pk])).status_code == 302
    assert not LegacyFigure.objects.exists()


@pytest.mark.parametrize(
    "value, unit, text",
    [
        (3.4, "pct", "3,4\u202f%"),
        (100.0, "pct", "100\u202f%"),
        (51.25, "mean", "51,3"),
        (1.5, "ratio", "1,50"),
        (49.8, "minutes", "49,8\u00a0min"),
        (1760, "count", "1760"),
        (None, "count", "—"),
        (15000, "count", "15\u00a0000"),
    ],
)
def test_figures_are_printed_the_french_way(value, unit, text):
    assert fmt(value, unit) == text
