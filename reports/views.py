"""The annual report: page, downloads, data-quality lists, legacy figures.

Management and Direction see the report (REPORT_VIEW); only Direction
downloads it and enters legacy figures (REPORT_EXPORT). The report holds no
name; the data-quality lists do, so each list asks the capability of the
records it shows (clinical, visits, housing) before querying them.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reports import exports
from reports.blocks import REPORT_ADDITIONS
from reports.forms import LegacyFigureForm, YearForm
from reports.models import LegacyFigure
from reports.presentation import report_context
from reports.quality import CHECKS_BY_SLUG, quality_counts, quality_records
from reports.services import legacy_figure_delete, legacy_figure_set
from smes.journal import log_access
from smes.lib import dates
from smes.lib.dates import PROJECT_FIRST_YEAR, last_complete_year
from smes.lib.download import attachment_header
from smes.lib.forms import apply_errors
from smes.lib.views import paginate
from smes.roles import REPORT_EXPORT, REPORT_VIEW, cap_required, has_cap, refuse, require_cap

FIRST_YEAR = PROJECT_FIRST_YEAR  # the project started in 2013 (smes.lib.dates)


def report_years(today: dt.date | None = None) -> list[int]:
    today = today or dates.today()
    return list(range(today.year, FIRST_YEAR - 1, -1))


def _year_or_404(year: int) -> int:
    if year not in report_years():
        raise Http404
    return year


@cap_required(REPORT_VIEW)
def annual(request):
    years = report_years()
    form = YearForm(request.GET or None, years=years)
    year = form.cleaned_data["annee"] if form.is_bound and form.is_valid() else last_complete_year()
    if year not in years:
        year = years[0]
    context = report_context(year)
    for addition in REPORT_ADDITIONS:  # the chapter's texts (issue 17)
        context[addition.key] = addition.context(year, context["report"])
    context.update(
        {
            "form": form,
            "years": years,
            "quality": quality_counts(year),
            "may_export": has_cap(request.user, REPORT_EXPORT),
            "prev_year": year - 1 if year - 1 in years else None,
            "next_year": year + 1 if year + 1 in years else None,
            "formats": [("pdf", "fr"), ("pdf", "nl"), ("xlsx", "fr"), ("json", "fr")],
        }
    )
    return render(request, "reports/annual.html", context)


@cap_required(REPORT_EXPORT)
def export(request, year: int, fmt: str):
    _year_or_404(year)
    lang = request.GET.get("lang", "fr")
    if fmt not in exports.FORMATS or lang not in exports.LANGUAGES:
        raise Http404
    content = exports.export(year, fmt, lang)
    log_access(request, f"Rapport annuel {year} ({fmt.upper()}, {lang})")
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = attachment_header(exports.filename(year, fmt, lang))
    return response


@cap_required(REPORT_VIEW)
def quality_list(request, year: int, slug: str):
    _year_or_404(year)
    check = CHECKS_BY_SLUG.get(slug)
    if check is None:
        raise Http404
    require_cap(request.user, check.detail_cap)
    page = paginate(request, quality_records(check, year))
    log_access(request, f"Qualité des données {year} : {slug}")
    return render(request, "reports/quality_list.html", {"check": check, "year": year, "page_obj": page})


@cap_required(REPORT_VIEW)
def legacy_list(request):
    may_edit = has_cap(request.user, REPORT_EXPORT)
    form = LegacyFigureForm(request.POST or None) if may_edit else None
    if request.method == "POST":
        if not may_edit:
            refuse(request.user, REPORT_EXPORT)
        if form.is_valid():
            try:
                figure = legacy_figure_set(user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Chiffre enregistré : %(label)s en %(year)s.")
                    % {"label": figure.get_key_display(), "year": figure.year},
                )
                return redirect(reverse("reports:legacy") + f"?annee={figure.year}")
    figures = LegacyFigure.objects.order_by("-year", "key")
    year_filter = request.GET.get("annee", "")
    if year_filter.isdigit():
        figures = figures.filter(year=int(year_filter))
    page = paginate(request, figures)
    return render(
        request,
        "reports/legacy.html",
        {"form": form, "page_obj": page, "may_edit": may_edit, "year_filter": year_filter},
    )


@require_POST
@cap_required(REPORT_EXPORT)
def legacy_delete(request, pk: int):
    figure = get_object_or_404(LegacyFigure, pk=pk)
    legacy_figure_delete(user=request.user, figure=figure)
    messages.success(request, _("Chiffre supprimé."))
    return redirect("reports:legacy")
