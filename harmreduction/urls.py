from django.urls import path

from harmreduction import views

app_name = "harmreduction"

urlpatterns = [
    path("", views.stock, name="stock"),
    path("distribution/", views.distribution_create, name="distribute"),
    path("reception/", views.receipt_create, name="receive"),
    path("ajustement/", views.adjustment_create, name="adjust"),
    path("mouvements/", views.movement_list, name="movements"),
    path("bilan/", views.yearly, name="yearly"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/ajouter/", views.item_edit, name="item_add"),
    path("catalogue/<int:pk>/", views.item_edit, name="item_edit"),
]
