"""Housing views, one module per subject; the urls import them from here."""

from housing.views.dwellings import dwelling_create, dwelling_detail, dwelling_edit, dwelling_list  # noqa: F401
from housing.views.finance import (  # noqa: F401
    arrears_list,
    guarantee_create,
    guarantee_detail,
    guarantee_edit,
    guarantee_list,
    ledger_detail,
    ledger_list,
    rent_month_add,
    rent_month_delete,
    rent_month_edit,
    rent_payment_delete,
    repayment_delete,
)
from housing.views.home import index  # noqa: F401
from housing.views.leases import lease_create, lease_detail, lease_document, lease_edit, lease_list  # noqa: F401
from housing.views.moves import death_followup, move_create, move_delete, move_edit, move_list  # noqa: F401
from housing.views.partners import (  # noqa: F401
    contact_add,
    contact_delete,
    contact_edit,
    convention_add,
    convention_delete,
    convention_edit,
    convention_list,
    partner_create,
    partner_detail,
    partner_edit,
    partner_list,
)
