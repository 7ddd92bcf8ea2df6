import datetime as dt

from tests.factories import AssessmentFactory, TenantFactory


def test_support_and_direction_get_the_tenants_block_with_counts(alice, diane, client_for):
    TenantFactory(team="ACT")
    TenantFactory(team="ACT")
    reviewed = TenantFactory(team="ICM")
    TenantFactory(team="ICM", followup_end=dt.date(2023, 1, 1), end_reason="OTHER")
    AssessmentFactory(tenant=reviewed, date=dt.date.today())
    for user in (alice, diane):
        response = client_for(user).get("/")
        block = next(b for b in response.context["blocks"] if b["template"] == "tenants/home_block.html")
        counts = block["counts"]
        assert counts["total"] == 3
        assert [(t["code"], t["count"]) for t in counts["teams"]] == [("ACT", 2), ("ICM", 1)]
        assert counts["not_reviewed"] == 2
        html = response.content.decode()
        assert 'action="/locataires/"' in html and "?team=ICM" in html


def test_other_roles_do_not_get_it(bob, maggie, adam, client_for):
    for user in (bob, maggie, adam):
        templates = [b["template"] for b in client_for(user).get("/").context["blocks"]]
        assert "tenants/home_block.html" not in templates
