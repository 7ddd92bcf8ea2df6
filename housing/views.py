from django.shortcuts import render

from smes.roles import HOUSING_VIEW, cap_required


@cap_required(HOUSING_VIEW)
def index(request):
    return render(request, "placeholder.html", {"title": "Logement"})
