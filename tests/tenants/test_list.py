import datetime as dt

import pytest

from tenants.selectors import PAGE_SIZE
from tests.factories import TenantFactory

URL = "/locataires/"


@pytest.fixture
def people(db):
    return {
        "marie": TenantFactory(code="HF-0001", first_name="Marie", last_name="Dupont", team="ACT", funding="COCOM"),
        "jean": TenantFactory(code="HF-0002", first_name="Jean", last_name="Dupuis", team="ICM", funding="SPF_TSI"),
        "ali": TenantFactory(code="HF-0003", first_name="Ali", last_name="Benali", team="ICM", funding="COCOM"),
        "helene": TenantFactory(code="HF-0005", first_name="Hélène", last_name="Dupré", team="ICM", funding="COCOM"),
        "ended": TenantFactory(
            code="HF-0004",
            first_name="Rose",
            last_name="Dupont",
            team="ACT",
            followup_end=dt.date(2024, 5, 1),
            end_reason="DECEASED",
        ),
    }


def names(response):
    return [t.code for t in response.context["page_obj"].object_list]


def test_it_lists_active_tenants_by_default(alice, client_for, people):
    response = client_for(alice).get(URL)
    assert response.status_code == 200
    assert names(response) == ["HF-0003", "HF-0001", "HF-0005", "HF-0002"]  # Benali, Dupont, Dupré, Dupuis


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"q": "dup"}, ["HF-0001", "HF-0005", "HF-0002"]),
        ({"q": "marie dup"}, ["HF-0001"]),
        # Accents and case do not matter, either way round.
        ({"q": "helene dupre"}, ["HF-0005"]),
        ({"q": "HÉLÈNE"}, ["HF-0005"]),
        ({"q": "dupré"}, ["HF-0005"]),
        ({"q": "mârie"}, ["HF-0001"]),
        ({"q": "100%"}, []),
        ({"q": "hf-0003"}, ["HF-0003"]),
        ({"q": "DUPONT", "status": "all"}, ["HF-0001", "HF-0004"]),
        ({"status": "ended"}, ["HF-0004"]),
        ({"team": "ICM"}, ["HF-0003", "HF-0005", "HF-0002"]),
        ({"funding": "SPF_TSI"}, ["HF-0002"]),
        ({"team": "ACT", "funding": "COCOM", "status": "all"}, ["HF-0001", "HF-0004"]),
        ({"q": "nobody"}, []),
    ],
)
def test_it_searches_and_filters(alice, client_for, people, query, expected):
    assert names(client_for(alice).get(URL, query)) == expected


def test_a_bad_filter_is_reported_and_the_others_still_apply(alice, client_for, people):
    response = client_for(alice).get(URL, {"team": "XYZ", "q": "dup"})
    assert response.context["form"].errors["team"] == ["« XYZ » n'est pas une valeur connue pour « Équipe »."]
    assert names(response) == ["HF-0001", "HF-0005", "HF-0002"]


def test_it_shows_team_funding_start_and_status(alice, client_for, people):
    html = client_for(alice).get(URL, {"status": "all"}).content.decode()
    assert "SPF TSI" in html and "ICM" in html
    assert "Décédé·e" in html and "En cours" in html


def test_it_paginates_by_25(alice, client_for):
    TenantFactory.create_batch(PAGE_SIZE + 3)
    c = client_for(alice)
    first = c.get(URL)
    assert len(first.context["page_obj"].object_list) == 25
    second = c.get(URL, {"page": 2})
    assert len(second.context["page_obj"].object_list) == 3
    assert "Page 1 sur 2" in first.content.decode()


@pytest.mark.parametrize("count", [3, 60])
def test_the_list_runs_a_constant_number_of_queries(alice, client_for, django_assert_max_num_queries, count):
    TenantFactory.create_batch(count)
    c = client_for(alice)
    c.get(URL)  # warm the session
    # session, user, roles, count, page + the session save (3, savepoint
    # included) that SESSION_SAVE_EVERY_REQUEST adds.
    with django_assert_max_num_queries(8):
        response = c.get(URL, {"q": "", "team": "ACT"})
    assert response.status_code == 200


def test_every_role_with_tenant_view_sees_the_list_and_outsiders_do_not(personas, client_for):
    for name, user in personas.items():
        expected = 403 if name == "outsider" else 200
        assert client_for(user).get(URL).status_code == expected, name


def test_only_editors_see_the_create_button(alice, bob, client_for):
    assert "/locataires/nouveau/" in client_for(alice).get(URL).content.decode()
    assert "/locataires/nouveau/" not in client_for(bob).get(URL).content.decode()
