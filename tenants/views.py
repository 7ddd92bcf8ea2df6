from django.shortcuts import render

from smes.roles import TENANT_VIEW, VISIT_CREATE, cap_required


@cap_required(TENANT_VIEW)
def tenant_list(request):
    return render(request, "placeholder.html", {"title": "Locataires"})


@cap_required(VISIT_CREATE)
def my_week(request):
    return render(request, "placeholder.html", {"title": "Ma semaine"})
