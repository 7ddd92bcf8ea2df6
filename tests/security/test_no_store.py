"""Every response to a logged-in person says `Cache-Control: no-store`:
pages with health data and downloads must not stay in a browser's or a
proxy's cache (the URL matrix checks every page for every role too)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse


def _urls(world):
    tenant, lease = world["tenant"], world["lease"]
    return [
        reverse("home"),
        reverse("tenants:detail", args=[tenant.pk]),
        reverse("tenants:list") + "?page=1",
        reverse("housing:lease_detail", args=[lease.pk]),
        reverse("housing:lease_document", args=[lease.pk]),
        reverse("reports:annual"),
        reverse("reports:export", args=[2024, "pdf"]),
        reverse("reports:export", args=[2024, "xlsx"]),
        reverse("audit"),
        reverse("gdpr_export", args=[tenant.pk]),
        reverse("data_export"),
        reverse("admin:tenants_tenant_changelist"),
        "/page-qui-n-existe-pas/",
    ]


@pytest.mark.parametrize("index", range(13))
def test_authenticated_responses_are_not_stored(personas, world, index):
    url = _urls(world)[index]
    client = Client()
    client.force_login(personas["direction"] if not url.startswith("/admin/") else personas["admin"])
    response = client.get(url)
    assert response.status_code in (200, 404), (url, response.status_code)
    assert "no-store" in response.get("Cache-Control", ""), (url, response.get("Cache-Control"))


def test_the_login_page_for_anonymous_visitors_is_unchanged():
    response = Client().get(reverse("login"))
    assert response.status_code == 200
