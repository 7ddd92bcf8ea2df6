from django.urls import path

from chapter import views

app_name = "chapter"

urlpatterns = [
    path("cette-annee/", views.year_to_date, name="year_to_date"),
    path("registres/<slug:kind>/", views.register, name="register"),
    path("registres/<slug:kind>/supprimer/", views.register_remove, name="register_remove"),
    path("<int:year>/", views.index, name="index"),
    path("<int:year>/verrou/", views.lock, name="lock"),
    path("<int:year>/<slug:section>/", views.edit, name="edit"),
]
