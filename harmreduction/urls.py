from django.urls import path

from harmreduction import views

app_name = "harmreduction"

urlpatterns = [
    path("", views.stock, name="stock"),
]
