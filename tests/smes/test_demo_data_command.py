"""`manage.py demo_data --reset` wipes the demo domain and regenerates it.

Kept apart from test_demo_data.py: a transactional test empties the tables,
which would pull the rug from under that module's shared demo.
"""

import io

import pytest
from django.core.management import call_command

from tenants.models import Tenant, Visit


# The catalogue that the flush after this test empties is put back for the
# next test by tests/conftest.py (_catalogue_after_flush).
@pytest.mark.django_db(transaction=True)
def test_it_regenerates_from_scratch_with_reset():
    call_command("demo_data", stdout=io.StringIO())
    visits = Visit.objects.count()
    Tenant.objects.filter(code="HF-0001").update(first_name="Changé")
    out = io.StringIO()
    call_command("demo_data", "--reset", stdout=out)
    assert "Données existantes effacées." in out.getvalue()
    assert Visit.objects.count() == visits
    assert Tenant.objects.get(code="HF-0001").first_name != "Changé"
    assert not Tenant.history.filter(first_name="Changé").exists()
