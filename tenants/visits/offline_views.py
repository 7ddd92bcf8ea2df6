"""The phone's offline quick log (issue 15): the page kept by the service
worker, the state it refreshes when online, and the idempotent endpoint the
offline queue sends visits to (static/js/offline.js).

What the phone keeps (README, "Hors connexion"): the caseload of
`offline_caseload` (code, name, team, last contact) and the visits waiting
to be sent; nothing clinical is ever returned by `offline_state`.
"""

from __future__ import annotations

import json
import logging
import time

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from smes.lib.dates import today
from smes.roles import VISIT_CREATE, cap_required
from tenants.models import Visit
from tenants.selectors import get_tenant_for_user
from tenants.visits import selectors
from tenants.visits.forms import VisitForm
from tenants.visits.services import visit_create
from tenants.visits.views import _extension_forms, _int_param, _uuid_param

logger = logging.getLogger(__name__)

NO_KEY = gettext_lazy("Identifiant d'envoi manquant ou invalide.")


@never_cache
@cap_required(VISIT_CREATE)
def offline_page(request):
    """The quick log as the phone keeps it: the visit form without a
    tenant (the picker is filled from the local caseload), the pending and
    "à corriger" lists. Works online too."""
    form = VisitForm(author=request.user)
    context = {"form": form, "extensions": _extension_forms(request, None), "plan": False}
    return render(request, "tenants/visits/offline.html", context)


@never_cache
@require_GET
@cap_required(VISIT_CREATE)
def offline_state(request):
    """Fresh CSRF token, who is logged in, when the session ends, and the
    caseload. Called by the page when online; never polled (each call
    extends the session)."""
    return JsonResponse(
        {
            "user": request.user.pk,
            "csrf": get_token(request),
            "expires": int(time.time()) + settings.SESSION_COOKIE_AGE,
            "caseload": selectors.offline_caseload(),
        }
    )


def _refused(errors: list[str], status: int = 422) -> JsonResponse:
    return JsonResponse({"status": "refused", "errors": errors}, status=status)


def _messages(form) -> list[str]:
    out = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        out.extend(f"{label} : {e}" if label else str(e) for e in errors)
    return out


MAX_BATCH = 50


def _sync_one(request, data) -> tuple[int, dict]:
    """One queued visit: (HTTP status, JSON answer). Each visit is its own
    transaction (visit_create): a refusal never undoes the others."""
    key = _uuid_param(data.get("client_uuid"))
    if key is None:
        return 400, {"status": "refused", "errors": [str(NO_KEY)]}
    already = Visit.objects.filter(client_uuid=key, created_by=request.user).only("pk", "tenant_id").first()
    if already is not None:
        return 200, {"status": "saved", "visit": already.pk, "tenant": already.tenant_id, "replayed": True}
    try:
        tenant = get_tenant_for_user(request.user, _int_param(data.get("tenant"), 0))
    except Http404:
        return 422, {"status": "refused", "errors": [_("Choisissez un·e locataire.")]}
    ended = tenant.ended_before(today())
    plan = data.get("plan") == "1" and ended is None
    form = VisitForm(data, author=request.user, plan=plan, chips=False)
    extensions = _extension_forms(request, data)
    valid = [form.is_valid()] + [ext_form.is_valid() for _ext, ext_form in extensions]
    if not all(valid):
        errors = _messages(form)
        for _ext, ext_form in extensions:
            errors.extend(_messages(ext_form))
        return 422, {"status": "refused", "errors": errors}
    try:
        visit = visit_create(
            tenant=tenant,
            author=request.user,
            extensions=[f for _e, f in extensions],
            client_uuid=key,
            **form.visit_data(),
        )
    except (ValidationError, PermissionDenied) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc) or _("Accès refusé.")]
        return 422, {"status": "refused", "errors": messages}
    return 200, {"status": "saved", "visit": visit.pk, "tenant": tenant.pk, "replayed": visit.replayed}


def _batch(body: bytes) -> list[QueryDict] | None:
    """{"visits": [{"fields": [[name, value], …]}, …]} → one QueryDict per visit."""
    try:
        visits = json.loads(body)["visits"]
        out = []
        for visit in visits[: MAX_BATCH + 1]:
            data = QueryDict(mutable=True)
            for name, value in visit["fields"]:
                data.appendlist(str(name), str(value))
            out.append(data)
    except (ValueError, KeyError, TypeError):
        return None
    return out if 0 < len(out) <= MAX_BATCH else None


@never_cache
@require_POST
@cap_required(VISIT_CREATE)
def visit_sync(request):
    """The phone's queue. Either one visit (the quick log's form fields +
    `client_uuid`), answered {"status": "saved", "visit": pk, "replayed":
    bool} or {"status": "refused", "errors": [...]} (422); or, as JSON, a
    batch of up to MAX_BATCH visits ({"visits": [{"fields": [[name, value],
    …]}]}, one round trip on a slow network), answered {"results": [one
    answer per visit, in order]}. The same `client_uuid` sent again answers
    "saved" with the first visit. Never a 500 for bad input."""
    if request.content_type == "application/json":
        batch = _batch(request.body)
        if batch is None:
            logger.warning("Offline sync: unreadable batch from user %s", request.user.pk)
            return _refused([_("Envoi illisible.")], status=400)
        return JsonResponse({"results": [_sync_one(request, data)[1] for data in batch]})
    status, payload = _sync_one(request, request.POST)
    return JsonResponse(payload, status=status)
