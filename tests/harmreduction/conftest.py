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


@pytest.fixture(autouse=True)
def balances_kept(request):
    """After every harm-reduction test: each item's kept balance
    (Item.balance, moved by the services) equals the sum of its lines."""
    needs_db = [name for name in ("transactional_db", "db") if name in request.fixturenames]
    if not needs_db:
        yield
        return
    request.getfixturevalue(needs_db[0])
    yield
    kept, summed = kept_and_summed()
    assert kept == summed, "Item.balance differs from the sum of its lines"


def kept_and_summed() -> tuple[dict[str, int], dict[str, int]]:
    from django.db.models import Sum

    from harmreduction.models import Movement
    from harmreduction.selectors import SIGNED

    kept = dict(Item.objects.values_list("code", "balance"))
    summed = {code: 0 for code in kept}
    summed.update(
        Movement.objects.order_by().values("item__code").annotate(t=Sum(SIGNED)).values_list("item__code", "t")
    )
    return kept, summed
