from django.urls import path

from intake import views

app_name = "intake"

urlpatterns = [
    path("", views.index, name="index"),
    path("demandes/", views.request_list, name="list"),
    path("liste-d-attente/", views.waitlist, name="waitlist"),
    path("chiffres/", views.counts, name="counts"),
    path("nouvelle/", views.request_create, name="create"),
    path("verdict/", views.verdict, name="verdict"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/modifier/", views.request_edit, name="edit"),
    path("<int:pk>/statut/", views.request_status, name="status"),
    path("<int:pk>/proposer/", views.request_propose, name="propose"),
]
