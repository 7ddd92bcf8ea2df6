"""Helpers to build small, hand-made years for the report tests."""

import datetime as dt

import pytest

from housing.models import MoveKind
from housing.services import move_record
from tests.factories import DwellingFactory, PartnerFactory

D = dt.date


@pytest.fixture
def flat(db):
    partner = PartnerFactory(name="Foyer Schaerbeekois")
    return DwellingFactory(code="D-7001", partner=partner, commune="Schaerbeek", postcode="1030")


@pytest.fixture
def make_flat(db):
    def make(code, partner="Foyer Schaerbeekois", commune="Schaerbeek"):
        return DwellingFactory(code=code, partner=PartnerFactory(name=partner), commune=commune, postcode="1030")

    return make


@pytest.fixture
def enter():
    def do(tenant, dwelling, day):
        return move_record(tenant=tenant, date=day, kind=MoveKind.ENTRY, dwelling=dwelling)

    return do


@pytest.fixture
def leave():
    def do(tenant, day, exit_to="STREET"):
        return move_record(tenant=tenant, date=day, kind=MoveKind.EXIT, exit_to=exit_to)

    return do
