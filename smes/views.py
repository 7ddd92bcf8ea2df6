from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from smes import home as home_blocks
from smes.lib.urls import safe_next_url


def home(request):
    """The home page: each role sees the blocks of its own work."""
    return render(request, "home.html", {"blocks": home_blocks.blocks_for(request)})


class SafeNextMixin:
    """Login and logout follow `next` only through smes.lib.urls."""

    def get_redirect_url(self):
        return safe_next_url(self.request, "")


class Login(SafeNextMixin, auth_views.LoginView):
    redirect_authenticated_user = True


class Logout(SafeNextMixin, auth_views.LogoutView):
    pass


class PasswordChange(auth_views.PasswordChangeView):
    """After a password change every session ends, this one included."""

    success_url = reverse_lazy("login")

    def form_valid(self, form):
        form.save()
        logout(self.request)
        messages.success(self.request, _("Mot de passe modifié. Reconnectez-vous avec le nouveau."))
        return redirect(self.success_url)


@login_not_required
@require_POST
def set_language(request):
    request.POST = request.POST.copy()
    request.POST["next"] = safe_next_url(request, "/")
    return django_set_language(request)
