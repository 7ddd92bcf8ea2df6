import datetime as dt

import pytest

from housing.models import MoveKind
from housing.services import move_record
from tests.factories import DwellingFactory, PartnerFactory, TenantFactory

D = dt.date


@pytest.fixture
def partner(db):
    return PartnerFactory(name="Foyer Schaerbeekois")


@pytest.fixture
def flat(partner):
    return DwellingFactory(
        code="D-0100", partner=partner, capacity=1, address="Rue Royale 10", commune="Schaerbeek", postcode="1030"
    )


@pytest.fixture
def flat2(partner):
    return DwellingFactory(
        code="D-0200", partner=partner, capacity=1, address="Rue Josaphat 5", commune="Schaerbeek", postcode="1030"
    )


@pytest.fixture
def couple_flat(partner):
    return DwellingFactory(
        code="D-0300", partner=partner, capacity=2, address="Avenue Rogier 1", commune="Schaerbeek", postcode="1030"
    )


@pytest.fixture
def tenant(db):
    return TenantFactory(code="HF-0501", last_name="Dupont", first_name="Marc", followup_start=D(2020, 1, 1))


@pytest.fixture
def other(db):
    return TenantFactory(code="HF-0502", last_name="Martin", first_name="Sara", followup_start=D(2020, 1, 1))


@pytest.fixture
def enter():
    def do(tenant, dwelling, day):
        return move_record(tenant=tenant, date=day, kind=MoveKind.ENTRY, dwelling=dwelling)

    return do
