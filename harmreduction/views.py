"""Pages of the harm-reduction stock (matériel RdR). Access follows
docs/rights.md: Support distributes and reads the rest;
Management, Direction and Admin record receipts and adjustments and keep the
catalogue; Housing sees nothing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from harmreduction import selectors, services
from harmreduction.charts import monthly_chart
from harmreduction.forms import (
    INVENTORY,
    LOSS,
    AdjustmentForm,
    DistributionForm,
    ItemForm,
    MovementFilterForm,
    ReceiptForm,
)
from harmreduction.models import Item
from smes.journal import log_access
from smes.lib import dates
from smes.lib.views import paginate
from smes.roles import CLINICAL_VIEW, RDR_DISTRIBUTE, RDR_MANAGE, RDR_VIEW, cap_required, has_cap

PAGE_SIZE = 50


def get_item_for_user(user, pk: int) -> Item:
    """The catalogue is readable by every rdr.view role."""
    if not has_cap(user, RDR_VIEW):
        raise Http404
    return get_object_or_404(Item, pk=pk)


@cap_required(RDR_VIEW)
def stock(request):
    groups = selectors.stock_by_category()
    year = dates.today().year
    rows = [r for g in groups for r in g["rows"] if r.item.active]
    context = {
        "groups": groups,
        "year": year,
        "n_items": len(rows),
        "n_low": sum(1 for r in rows if r.low),
        "n_empty": sum(1 for r in rows if r.empty),
        "distributed_year": selectors.distributed_total(year),
        "may_distribute": has_cap(request.user, RDR_DISTRIBUTE),
        "may_manage": has_cap(request.user, RDR_MANAGE),
    }
    return render(request, "harmreduction/stock.html", context)


def _show_service_errors(form, exc: ValidationError) -> None:
    """A refusal about one item goes on that item's field, the rest on top."""
    for error in exc.error_list:
        pk = (error.params or {}).get("item_pk")
        field = f"q_{pk}" if pk is not None else None
        form.add_error(field if field in form.fields else None, error)


def _stock_form_view(request, form_class, *, title: str, template: str, record, success: str, intro: str = ""):
    """Shared flow of the three stock forms: active items with their stock,
    validation, the service call (whose refusal shows on the form)."""
    items_qs = selectors.items_with_stock().filter(active=True)
    items = list(items_qs)
    stock_map = {item.pk: item.stock for item in items}
    form = form_class(request.POST or None, items=items, stock=stock_map)
    if request.method == "POST" and form.is_valid():
        try:
            record(form.cleaned_data)
        except ValidationError as exc:
            _show_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("harmreduction:stock")
    return render(request, template, {"form": form, "title": title, "intro": intro})


@cap_required(RDR_DISTRIBUTE)
def distribution_create(request):
    def record(data):
        return services.distribution_record(
            date=data["date"], worker=request.user, tenant=data.get("tenant"), lines=data["lines"]
        )

    return _stock_form_view(
        request,
        DistributionForm,
        title=_("Distribuer du matériel"),
        template="harmreduction/distribution_form.html",
        record=record,
        success=_("Distribution enregistrée."),
        intro=_("Pour du matériel donné lors d'une visite, utilisez plutôt la fiche de contact : il y est relié."),
    )


@cap_required(RDR_MANAGE)
def receipt_create(request):
    def record(data):
        return services.receipt_record(
            date=data["date"], worker=request.user, supplier=data["supplier"], lines=data["lines"]
        )

    return _stock_form_view(
        request,
        ReceiptForm,
        title=_("Réception d'une commande"),
        template="harmreduction/receipt_form.html",
        record=record,
        success=_("Réception enregistrée."),
    )


@cap_required(RDR_MANAGE)
def adjustment_create(request):
    def record(data):
        mode = data["mode"]
        reason = (data.get("reason") or "").strip()
        if mode == INVENTORY:
            return services.inventory_record(
                date=data["date"], worker=request.user, counts=data["lines"], reason=reason or _("Inventaire")
            )
        lines = [(item, -qty) for item, qty in data["lines"]] if mode == LOSS else data["lines"]
        return services.adjustment_record(date=data["date"], worker=request.user, lines=lines, reason=reason)

    return _stock_form_view(
        request,
        AdjustmentForm,
        title=_("Ajuster le stock"),
        template="harmreduction/adjustment_form.html",
        record=record,
        success=_("Ajustement enregistré."),
    )


@cap_required(RDR_VIEW)
def movement_list(request):
    form = MovementFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    # Who received what reveals consumption: names only for clinical.view.
    with_tenant = has_cap(request.user, CLINICAL_VIEW)
    try:
        tenant_id = int(request.GET["locataire"]) if with_tenant else None
    except (KeyError, ValueError):
        tenant_id = None
    qs = selectors.movements(
        item=filters.get("item"),
        kind=filters.get("kind") or None,
        category=filters.get("category") or None,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        tenant_id=tenant_id,
        with_tenant=with_tenant,
    )
    page = paginate(request, qs, PAGE_SIZE)
    if with_tenant:
        log_access(request, "rdr.movements")
    return render(
        request,
        "harmreduction/movement_list.html",
        {"form": form, "page_obj": page, "with_tenant": with_tenant, "tenant_id": tenant_id},
    )


def _year_param(request) -> int:
    today = dates.today()
    try:
        year = int(request.GET.get("annee", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


@cap_required(RDR_VIEW)
def yearly(request):
    year = _year_param(request)
    table = selectors.yearly_table(year)
    chart = monthly_chart(selectors.monthly_distribution(year), selectors.monthly_distribution(year - 1))
    years = selectors.years_with_movements()
    if year not in years:
        years = sorted({*years, year}, reverse=True)
    return render(request, "harmreduction/yearly.html", {"table": table, "chart": chart, "year": year, "years": years})


@cap_required(RDR_VIEW)
def catalogue(request):
    return render(
        request,
        "harmreduction/catalogue.html",
        {"groups": selectors.stock_by_category(), "may_manage": has_cap(request.user, RDR_MANAGE)},
    )


@cap_required(RDR_MANAGE)
def item_edit(request, pk: int | None = None):
    item = get_item_for_user(request.user, pk) if pk is not None else None
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("« %(name)s » enregistré.") % {"name": saved.label})
        return redirect(reverse("harmreduction:catalogue"))
    return render(request, "harmreduction/item_form.html", {"form": form, "item": item})
