from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from smes import account_views, calendar, pwa, twofactor, views

urlpatterns = [
    path("", views.home, name="home"),
    path("connexion/", views.Login.as_view(), name="login"),
    path("deconnexion/", views.Logout.as_view(), name="logout"),
    path("mot-de-passe/", views.PasswordChange.as_view(), name="password_change"),
    path("mot-de-passe/ok/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("langue/", views.set_language, name="set_language"),
    path("connexion/verification/", twofactor.otp_verify, name="otp_verify"),
    path("compte/double-authentification/", twofactor.otp_setup, name="otp_setup"),
    path("", include("records.urls")),  # journal/, donnees/
    path("comptes/", account_views.account_list, name="accounts"),
    path("comptes/nouveau/", account_views.account_add, name="account_add"),
    path("comptes/<int:pk>/", account_views.account_edit, name="account_edit"),
    path("comptes/<int:pk>/mot-de-passe/", account_views.account_password, name="account_password"),
    path("locataires/", include("tenants.urls")),
    path("logement/", include("housing.urls")),
    path("rdr/", include("harmreduction.urls")),
    path("rapports/", include("reports.urls")),
    path("demandes/", include("intake.urls")),
    path("chapitre/", include("chapter.urls")),  # issue 17
    path("admin/", admin.site.urls),
    # installable app and calendar feeds (issue 15)
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("agenda/", calendar.calendar_page, name="calendar"),
    path("agenda/<str:token>.ics", calendar.feed, name="calendar_feed"),
]

admin.site.site_header = "Smes — Housing First"
admin.site.site_title = "Smes Housing First"
