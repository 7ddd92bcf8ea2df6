import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tests.factories import TenantFactory, VisitFactory

D = dt.date
pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2025, 3, 10, 9, 0), tick=False)
def test_direction_and_management_see_last_year_at_a_glance(diane, maggie, client_for):
    t = TenantFactory(followup_start=D(2023, 1, 1))
    VisitFactory(tenant=t, date=D(2024, 5, 2), duration_min=None)
    for user in (diane, maggie):
        html = client_for(user).get(reverse("home")).content.decode()
        assert "L'année 2024 en bref" in html
        assert "Rencontres réalisées sans durée" in html  # one count to fix
        assert f"{reverse('reports:annual')}?annee=2024" in html


def test_support_does_not_get_the_report_block(alice, client_for):
    assert "en bref" not in client_for(alice).get(reverse("home")).content.decode()
