import datetime as dt

import pytest

from harmreduction.models import Item
from harmreduction.services import receipt_record

DAY = dt.date(2024, 3, 1)


@pytest.fixture
def bd(db) -> Item:
    """The catalogue's syringes (created by the data migration)."""
    return Item.objects.get(code="BD")


@pytest.fixture
def h2o(db) -> Item:
    return Item.objects.get(code="H2O")


@pytest.fixture
def stocked(bd, h2o, maggie):
    """10 BD and 20 H2O received on 1 March 2024."""
    receipt_record(date=DAY, worker=maggie, supplier="Modus Vivendi", lines=[(bd, 10), (h2o, 20)])
    return {"bd": bd, "h2o": h2o}
