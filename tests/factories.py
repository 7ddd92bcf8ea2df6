"""factory_boy factories for every model the tests build by hand."""

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth.models import User

from harmreduction.models import Category, Item, Movement, MovementKind
from housing.models import Dwelling, Lease, LeaseKind, Partner, PartnerKind
from tenants.models import (
    Assessment,
    Funding,
    GafScore,
    Income,
    IncomeSource,
    Sex,
    Team,
    Tenant,
    Visit,
    VisitKind,
    VisitStatus,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="fr_BE")
    last_name = factory.Faker("last_name", locale="fr_BE")


class TenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenant

    code = factory.Sequence(lambda n: f"HF-{n + 9000:04d}")
    last_name = factory.Faker("last_name", locale="fr_BE")
    first_name = factory.Faker("first_name", locale="fr_BE")
    sex = Sex.M
    birth_date = dt.date(1975, 6, 15)
    funding = Funding.COCOM
    team = Team.ACT
    referrer = "DIOGENES"
    ethos = 1
    street_years = Decimal("5.0")
    followup_start = dt.date(2020, 1, 1)


class IncomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Income

    tenant = factory.SubFactory(TenantFactory)
    source = IncomeSource.RIS
    start = dt.date(2020, 1, 1)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    tenant = factory.SubFactory(TenantFactory)
    date = dt.date(2024, 6, 1)


class GafScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GafScore

    tenant = factory.SubFactory(TenantFactory)
    date = dt.date(2024, 6, 1)
    score = 40


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    tenant = factory.SubFactory(TenantFactory)
    date = dt.date(2024, 3, 1)
    kind = VisitKind.HOME
    status = VisitStatus.DONE
    duration_min = 45
    travel_min = 30


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Partenaire {n}")
    kind = PartnerKind.SISP


class DwellingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dwelling

    code = factory.Sequence(lambda n: f"D-{n + 9000:04d}")
    partner = factory.SubFactory(PartnerFactory)
    address = factory.Sequence(lambda n: f"Rue de la Loi {n + 1}")
    postcode = "1000"
    commune = "Bruxelles"
    capacity = 1


class LeaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lease

    dwelling = factory.SubFactory(DwellingFactory)
    tenant = factory.SubFactory(TenantFactory)
    kind = LeaseKind.STANDARD
    start = dt.date(2022, 1, 1)
    rent = Decimal("450.00")
    charges = Decimal("50.00")


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"IT{n}")
    name = factory.Sequence(lambda n: f"Item {n}")
    category = Category.INJECTION
    unit = "pièce"


class MovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Movement

    date = dt.date(2024, 1, 1)
    item = factory.SubFactory(ItemFactory)
    kind = MovementKind.RECEIPT
    quantity = 100
