"""A NUL byte in a query string or a form answers 400, never a 500
(PostgreSQL refuses NUL in text: DataError/ValueError deep in a query)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.admin import SimpleListFilter
from django.urls import reverse

from tests.conftest import PASSWORD


def _filter_parameters(model_admin) -> list[str]:
    params = []
    for entry in model_admin.list_filter:
        if isinstance(entry, (tuple, list)):
            entry = entry[0]
        if isinstance(entry, type) and issubclass(entry, SimpleListFilter):
            params.append(entry.parameter_name)
        else:
            params.append(f"{entry}__exact")
            params.append(entry)
    if model_admin.search_fields:
        params.append("q")
    return params


CHANGELISTS = sorted(
    (f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist", param)
    for model, model_admin in admin.site._registry.items()
    for param in _filter_parameters(model_admin)
)


def test_every_admin_filter_is_covered():
    params = {p for _url, p in CHANGELISTS}
    assert {"team__exact", "funding__exact", "kind__exact"} <= params


@pytest.mark.parametrize("url_name, param", CHANGELISTS)
def test_a_nul_byte_in_an_admin_filter_answers_400(personas, client_for, url_name, param):
    response = client_for(personas["admin"]).get(f"{reverse(url_name)}?{param}=%00")
    assert response.status_code == 400, response.status_code


@pytest.mark.parametrize("url", ["/locataires/?q=%00", "/locataires/?team=a%00b", "/logement/baux/?q=x%00"])
def test_a_nul_byte_in_an_app_query_answers_400(personas, client_for, url):
    assert client_for(personas["direction"]).get(url).status_code == 400


def test_a_nul_byte_in_a_form_answers_400(alice):
    from django.test import Client

    response = Client().post("/connexion/", {"username": "ali\x00ce", "password": PASSWORD})
    assert response.status_code == 400
    assert "_auth_user_id" not in Client().session


def test_the_400_page_says_what_is_wrong_in_french(personas, client_for):
    response = client_for(personas["direction"]).get("/locataires/?q=%00")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Requête refusée" in page
    assert "caractère non autorisé" in page
