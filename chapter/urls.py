from django.urls import path

from chapter import views

app_name = "chapter"

urlpatterns = [
    path("<int:year>/", views.index, name="index"),
    path("<int:year>/verrou/", views.lock, name="lock"),
    path("<int:year>/<slug:section>/", views.edit, name="edit"),
]
