"""Yearly reviews and GAF scores: access, validation, audit."""

import datetime as dt

import pytest
import time_machine

from records.models import AccessLog
from tenants.models import Assessment, GafScore
from tests.factories import AssessmentFactory, GafScoreFactory, TenantFactory


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 11, 20, 10, 0), tick=False):
        yield


@pytest.fixture
def tenant(db):
    return TenantFactory(followup_start=dt.date(2020, 1, 1))


def clinical_urls(tenant):
    review = AssessmentFactory(tenant=tenant, date=dt.date(2023, 5, 1))
    score = GafScoreFactory(tenant=tenant, date=dt.date(2023, 5, 1))
    return [
        ("get", f"/locataires/{tenant.pk}/clinique/"),
        ("get", f"/locataires/{tenant.pk}/bilans/ajouter/"),
        ("get", f"/locataires/bilans/{review.pk}/modifier/"),
        ("post", f"/locataires/bilans/{review.pk}/supprimer/"),
        ("get", f"/locataires/{tenant.pk}/egf/ajouter/"),
        ("get", f"/locataires/egf/{score.pk}/modifier/"),
        ("post", f"/locataires/egf/{score.pk}/supprimer/"),
    ]


@pytest.mark.parametrize("who", ["bob", "maggie", "adam", "oscar"])
def test_non_clinical_roles_get_403_on_every_clinical_url(request, client_for, tenant, who):
    c = client_for(request.getfixturevalue(who))
    for method, path in clinical_urls(tenant):
        assert getattr(c, method)(path).status_code == 403, path
    assert Assessment.objects.count() == 1 and GafScore.objects.count() == 1
    assert not AccessLog.objects.exists()


def test_direction_reads_the_clinical_file_but_cannot_change_it(diane, client_for, tenant):
    c = client_for(diane)
    urls = clinical_urls(tenant)
    assert c.get(urls[0][1]).status_code == 200
    for method, path in urls[1:]:
        assert getattr(c, method)(path).status_code == 403, path


def test_support_opens_every_clinical_page_and_each_opening_is_logged(alice, client_for, tenant):
    c = client_for(alice)
    gets = [path for method, path in clinical_urls(tenant) if method == "get"]
    for path in gets:
        assert c.get(path).status_code == 200, path
    assert list(AccessLog.objects.order_by("id").values_list("path", flat=True)) == gets
    assert set(AccessLog.objects.values_list("tenant_id", flat=True)) == {tenant.pk}
    assert set(AccessLog.objects.values_list("user__username", flat=True)) == {"alice"}


# --- GAF -----------------------------------------------------------------


def test_support_adds_a_gaf_score_scored_by_herself(alice, client_for, tenant):
    response = client_for(alice).post(f"/locataires/{tenant.pk}/egf/ajouter/", {"date": "2026-11-19", "score": "55"})
    assert response.status_code == 302 and response.url == f"/locataires/{tenant.pk}/"
    score = GafScore.objects.get()
    assert (score.date, score.score, score.scored_by) == (dt.date(2026, 11, 19), 55, alice)


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"date": "2026-01-10", "score": "0"}, "score", "Le score EGF va de 1 à 100."),
        ({"date": "2026-01-10", "score": "101"}, "score", "Le score EGF va de 1 à 100."),
        ({"date": "2026-01-10", "score": "quarante"}, "score", "« Score EGF (1 à 100) » : saisissez un nombre."),
        ({"date": "2026-01-10", "score": ""}, "score", "Le champ « Score EGF (1 à 100) » est obligatoire."),
        ({"date": "", "score": "40"}, "date", "Le champ « Date de la cotation » est obligatoire."),
        ({"date": "2026-11-21", "score": "40"}, "date", "La date ne peut pas être dans le futur."),
        (
            {"date": "2019-12-31", "score": "40"},
            "date",
            "La date est en dehors de la période d'accompagnement de ce·tte locataire.",
        ),
        (
            {"date": "2023-05-01", "score": "40"},
            "date",
            "Un score EGF existe déjà à cette date pour ce·tte locataire.",
        ),
    ],
)
def test_a_bad_gaf_score_is_refused_with_a_clear_message(alice, client_for, tenant, data, field, message):
    GafScoreFactory(tenant=tenant, date=dt.date(2023, 5, 1), score=30)
    response = client_for(alice).post(f"/locataires/{tenant.pk}/egf/ajouter/", data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert list(GafScore.objects.values_list("score", flat=True)) == [30]


def test_the_gaf_form_shows_the_scale_of_the_report(alice, client_for, tenant):
    html = client_for(alice).get(f"/locataires/{tenant.pk}/egf/ajouter/").content.decode()
    assert "symptômes modérés OU altération modérée du fonctionnement social ou professionnel." in html
    assert "geste suicidaire avec désir réel de mourir." in html


def test_editing_a_score_keeps_the_original_scorer(alice, sam, client_for, tenant):
    score = GafScoreFactory(tenant=tenant, date=dt.date(2023, 5, 1), score=30, scored_by=alice)
    response = client_for(sam).post(f"/locataires/egf/{score.pk}/modifier/", {"date": "2023-05-01", "score": "35"})
    assert response.status_code == 302
    score.refresh_from_db()
    assert score.score == 35 and score.scored_by == alice
    assert score.history.first().history_user == sam


def test_deleting_a_score(alice, client_for, tenant):
    score = GafScoreFactory(tenant=tenant)
    assert client_for(alice).post(f"/locataires/egf/{score.pk}/supprimer/").status_code == 302
    assert not GafScore.objects.exists()


def test_the_clinical_page_shows_the_timeline_with_changes(alice, client_for, tenant):
    GafScoreFactory(tenant=tenant, date=dt.date(2021, 1, 1), score=20)
    GafScoreFactory(tenant=tenant, date=dt.date(2022, 1, 1), score=35)
    GafScoreFactory(tenant=tenant, date=dt.date(2023, 1, 1), score=30)
    response = client_for(alice).get(f"/locataires/{tenant.pk}/clinique/")
    rows = [(r["score"].score, r["change"]) for r in response.context["gaf_rows"]]
    assert rows == [(30, -5), (35, 15), (20, None)]
    assert "+15" in response.content.decode()


# --- yearly reviews ------------------------------------------------------

REVIEW = {
    "date": "2026-06-01",
    "depression": "on",
    "cognitive": "on",
    "products": ["ALCOHOL", "COCAINE"],
    "crack_inhalation": "on",
}


def test_support_records_a_yearly_review(alice, client_for, tenant):
    response = client_for(alice).post(f"/locataires/{tenant.pk}/bilans/ajouter/", REVIEW)
    assert response.status_code == 302
    review = Assessment.objects.get()
    assert review.mental_health == ["depression", "cognitive"]
    assert review.products == ["ALCOHOL", "COCAINE"]
    assert (review.crack_inhalation, review.injection, review.overdose) == (True, False, False)
    assert review.assessed_by == alice


def test_no_product_means_abstinent(alice, client_for, tenant):
    client_for(alice).post(f"/locataires/{tenant.pk}/bilans/ajouter/", {"date": "2026-06-01"})
    review = Assessment.objects.get()
    assert review.products == [] and review.mental_health == []


@pytest.mark.parametrize(
    "data, field, message",
    [
        (
            {**REVIEW, "products": ["ALCOHOL", "TOBACCO"]},
            "products",
            "« TOBACCO » n'est pas une valeur connue pour « Produits consommés actuellement ».",
        ),
        ({**REVIEW, "date": ""}, "date", "Le champ « Date du bilan » est obligatoire."),
        ({**REVIEW, "date": "2027-01-01"}, "date", "La date ne peut pas être dans le futur."),
        ({**REVIEW, "date": "2023-05-01"}, "date", "Un bilan existe déjà à cette date pour ce·tte locataire."),
    ],
)
def test_a_bad_review_is_refused(alice, client_for, tenant, data, field, message):
    AssessmentFactory(tenant=tenant, date=dt.date(2023, 5, 1))
    response = client_for(alice).post(f"/locataires/{tenant.pk}/bilans/ajouter/", data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert Assessment.objects.count() == 1


def test_editing_a_review_prefills_and_changes_it(alice, client_for, tenant):
    review = AssessmentFactory(tenant=tenant, date=dt.date(2023, 5, 1), paranoia=True, p_heroin=True)
    c = client_for(alice)
    page = c.get(f"/locataires/bilans/{review.pk}/modifier/")
    assert page.context["form"].initial["products"] == ["HEROIN"]
    assert page.context["form"].initial["paranoia"] is True
    c.post(
        f"/locataires/bilans/{review.pk}/modifier/", {"date": "2023-05-01", "products": ["CANNABIS"], "overdose": "on"}
    )
    review.refresh_from_db()
    assert review.products == ["CANNABIS"] and review.overdose and not review.paranoia
