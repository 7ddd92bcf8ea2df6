from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.annual, name="annual"),
    path("<int:year>/telecharger/<str:fmt>/", views.export, name="export"),
    path("qualite/<int:year>/<slug:slug>/", views.quality_list, name="quality"),
    path("chiffres-anterieurs/", views.legacy_list, name="legacy"),
    path("chiffres-anterieurs/<int:pk>/supprimer/", views.legacy_delete, name="legacy_delete"),
]
