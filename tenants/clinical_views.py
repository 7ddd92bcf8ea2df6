"""Clinical pages: yearly reviews and GAF scores.

Only clinical.view roles (Support, Direction) open them, clinical.edit
(Support) changes them. The role check comes before any query, and every
opening is written to the access log.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smes.journal import log_access
from smes.lib.dates import today
from smes.lib.views import form_page
from smes.roles import CLINICAL_EDIT, CLINICAL_VIEW, cap_required
from tenants import selectors
from tenants.forms import AssessmentForm, GafScoreForm
from tenants.gaf import GAF_SCALE, gaf_chart
from tenants.services import assessment_delete, assessment_save, gaf_score_delete, gaf_score_save

AUDIT_CLINICAL = "dossier clinique (bilans, EGF)"
AUDIT_REVIEW = "bilan annuel"
AUDIT_GAF = "score EGF"


@cap_required(CLINICAL_VIEW)
def clinical_file(request, pk: int):
    tenant = selectors.get_tenant_for_user(request.user, pk)
    log_access(request, AUDIT_CLINICAL, tenant)
    scores = selectors.tenant_gaf_scores(tenant)
    return render(
        request,
        "tenants/clinical.html",
        {
            "tenant": tenant,
            "reviews": selectors.tenant_reviews(tenant),
            "gaf_scores": scores,
            "gaf_rows": _with_change(scores),
            "chart": gaf_chart(scores, until=tenant.followup_end or today()),
            "gaf_scale": GAF_SCALE,
        },
    )


def _with_change(scores) -> list[dict]:
    """Newest first, each with its change since the previous score."""
    rows, previous = [], None
    for s in scores:
        rows.append({"score": s, "change": None if previous is None else s.score - previous.score})
        previous = s
    return rows[::-1]


# --- yearly reviews ------------------------------------------------------


def _review_form_page(request, tenant, form, save, *, review=None, message: str):
    return form_page(
        request,
        form,
        save,
        template="tenants/assessment_form.html",
        context={"tenant": tenant, "review": review},
        success=reverse("tenants:clinical", args=[tenant.pk]),
        message=message,
    )


@cap_required(CLINICAL_EDIT)
def assessment_add(request, pk: int):
    tenant = selectors.get_tenant_for_user(request.user, pk)
    log_access(request, AUDIT_REVIEW, tenant)
    return _review_form_page(
        request,
        tenant,
        AssessmentForm(request.POST or None, initial={"date": today()}),
        lambda form: assessment_save(tenant=tenant, user=request.user, **form.cleaned_data),
        message=_("Bilan annuel enregistré."),
    )


@cap_required(CLINICAL_EDIT)
def assessment_edit(request, pk: int):
    review = selectors.get_assessment_for_user(request.user, pk, edit=True)
    tenant = review.tenant
    log_access(request, AUDIT_REVIEW, tenant)
    return _review_form_page(
        request,
        tenant,
        AssessmentForm(request.POST or None, instance=review),
        lambda form: assessment_save(tenant=tenant, user=request.user, assessment=review, **form.cleaned_data),
        review=review,
        message=_("Bilan annuel modifié."),
    )


@require_POST
@cap_required(CLINICAL_EDIT)
def assessment_delete_view(request, pk: int):
    review = selectors.get_assessment_for_user(request.user, pk, edit=True)
    tenant = review.tenant
    assessment_delete(assessment=review, user=request.user)
    messages.success(request, _("Bilan annuel supprimé."))
    return redirect("tenants:clinical", pk=tenant.pk)


# --- GAF scores ----------------------------------------------------------


def _gaf_form_page(request, tenant, form, save, *, entry=None, success: str, message: str):
    return form_page(
        request,
        form,
        save,
        template="tenants/gaf_form.html",
        context={"tenant": tenant, "entry": entry, "gaf_scale": GAF_SCALE},
        success=success,
        message=message,
    )


@cap_required(CLINICAL_EDIT)
def gaf_add(request, pk: int):
    tenant = selectors.get_tenant_for_user(request.user, pk)
    log_access(request, AUDIT_GAF, tenant)
    return _gaf_form_page(
        request,
        tenant,
        GafScoreForm(request.POST or None, initial={"date": today()}),
        lambda form: gaf_score_save(tenant=tenant, user=request.user, **form.cleaned_data),
        success=reverse("tenants:detail", args=[tenant.pk]),
        message=_("Score EGF enregistré."),
    )


@cap_required(CLINICAL_EDIT)
def gaf_edit(request, pk: int):
    entry = selectors.get_gaf_score_for_user(request.user, pk, edit=True)
    tenant = entry.tenant
    log_access(request, AUDIT_GAF, tenant)
    return _gaf_form_page(
        request,
        tenant,
        GafScoreForm(request.POST or None, initial={"date": entry.date, "score": entry.score}),
        lambda form: gaf_score_save(tenant=tenant, user=request.user, gaf_score=entry, **form.cleaned_data),
        entry=entry,
        success=reverse("tenants:clinical", args=[tenant.pk]),
        message=_("Score EGF modifié."),
    )


@require_POST
@cap_required(CLINICAL_EDIT)
def gaf_delete_view(request, pk: int):
    entry = selectors.get_gaf_score_for_user(request.user, pk, edit=True)
    tenant = entry.tenant
    gaf_score_delete(gaf_score=entry, user=request.user)
    messages.success(request, _("Score EGF supprimé."))
    return redirect("tenants:clinical", pk=tenant.pk)
