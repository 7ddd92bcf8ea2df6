"""Optional TOTP second factor (django-otp).

Anyone may enrol a phone app; with REQUIRE_2FA=true the roles of
settings.REQUIRE_2FA_ROLES must. At login we note in the session what the
user owes (a code, an enrolment, or nothing); SecondFactorMiddleware below enforces it.
"""

from __future__ import annotations

import base64
import io

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from smes.lib.urls import safe_next_url
from smes.roles import user_roles

SESSION_KEY = "smes_2fa"
OWES_VERIFICATION = "verify"
OWES_ENROLMENT = "enrol"

BAD_CODE = gettext_lazy(
    "Code incorrect ou expiré. Saisissez le code à 6 chiffres affiché maintenant par l'application."
)


def must_enrol(user) -> bool:
    return settings.REQUIRE_2FA and bool(user_roles(user) & set(settings.REQUIRE_2FA_ROLES))


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@receiver(user_logged_in, dispatch_uid="smes_2fa_on_login")
def on_login(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if confirmed_device(user) is not None:
        request.session[SESSION_KEY] = OWES_VERIFICATION
    elif must_enrol(user):
        request.session[SESSION_KEY] = OWES_ENROLMENT
    else:
        request.session.pop(SESSION_KEY, None)


def qr_data_uri(text: str) -> str:
    """The QR code as an SVG data: URI — no inline style, no external asset."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _next_url(request) -> str:
    return safe_next_url(request, resolve_url(settings.LOGIN_REDIRECT_URL))


def _token(request) -> str:
    return "".join(ch for ch in request.POST.get("token", "") if ch.isdigit())


def _grouped_key(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@require_http_methods(["GET", "POST"])
def otp_verify(request):
    """Second step of the login: the 6-digit code of the user's phone app."""
    device = confirmed_device(request.user)
    error = ""
    if request.user.is_verified() or (device is None and not request.session.get(SESSION_KEY)):
        return redirect(_next_url(request))
    if request.method == "POST" and device is not None:
        matched = django_otp.verify_token(request.user, device.persistent_id, _token(request))
        if matched is not None:
            django_otp.login(request, matched)
            request.session.pop(SESSION_KEY, None)
            return redirect(_next_url(request))
        error = str(BAD_CODE)
    return render(
        request,
        "registration/otp_verify.html",
        {"device": device, "error": error, "next": safe_next_url(request, "")},
    )


@require_http_methods(["GET", "POST"])
def otp_setup(request):
    """Enrol (or remove) the phone app that gives the second factor."""
    user = request.user
    active = confirmed_device(user)
    if active is not None and not user.is_verified():
        # Whoever knows only the password may not replace the phone.
        return redirect(f"{resolve_url('otp_verify')}?next={request.path}")
    error = ""
    if request.method == "POST" and request.POST.get("action") == "disable" and active is not None:
        if must_enrol(user):
            messages.error(request, _("La double authentification est obligatoire pour votre rôle."))
            return redirect("otp_setup")
        if active.verify_token(_token(request)):
            TOTPDevice.objects.filter(user=user).delete()
            request.session.pop(SESSION_KEY, None)
            messages.success(request, _("Double authentification désactivée."))
            return redirect("otp_setup")
        error = str(BAD_CODE)
    pending = None
    if active is None:
        pending = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if pending is None:
            pending = TOTPDevice.objects.create(user=user, name=_("Téléphone"), confirmed=False)
        if request.method == "POST" and request.POST.get("action") == "confirm":
            if pending.verify_token(_token(request)):
                with transaction.atomic():
                    TOTPDevice.objects.filter(user=user).exclude(pk=pending.pk).delete()
                    pending.confirmed = True
                    pending.save(update_fields=["confirmed"])
                django_otp.login(request, pending)
                request.session.pop(SESSION_KEY, None)
                messages.success(request, _("Double authentification activée. Elle sera demandée à chaque connexion."))
                return redirect(_next_url(request) if request.POST.get("next") else "otp_setup")
            error = str(BAD_CODE)
    context = {
        "active": active,
        "pending": pending,
        "error": error,
        "required": must_enrol(user),
        "next": safe_next_url(request, ""),
    }
    if pending is not None:
        context["qr"] = qr_data_uri(pending.config_url)
        context["secret"] = _grouped_key(pending)
    return render(request, "registration/otp_setup.html", context)


# --- the gate ---------------------------------------------------------------------

# Pages that stay open while the factor is owed (besides the one settling it).
_ALWAYS_OPEN = ("logout", "set_language")


class SecondFactorMiddleware:
    """A signed-in user who owes a TOTP code (or, with REQUIRE_2FA, an
    enrolment) reaches no page but the one that settles it. What is owed was
    decided at login (on_login) and sits in the session: no extra query."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._open: dict[str, frozenset[str]] | None = None

    def _open_paths(self) -> dict[str, frozenset[str]]:
        if self._open is None:
            common = {resolve_url(name) for name in _ALWAYS_OPEN}
            self._open = {
                OWES_VERIFICATION: frozenset(common | {resolve_url("otp_verify")}),
                OWES_ENROLMENT: frozenset(common | {resolve_url("otp_setup")}),
            }
        return self._open

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            owed = request.session.get(SESSION_KEY)
            if owed in (OWES_VERIFICATION, OWES_ENROLMENT) and not user.is_verified():
                if request.path_info not in self._open_paths()[owed]:
                    url = resolve_url("otp_verify" if owed == OWES_VERIFICATION else "otp_setup")
                    if request.method == "GET":
                        url += "?" + urlencode({"next": request.get_full_path()})
                    return redirect(url)
        return self.get_response(request)
