from django.shortcuts import render

from smes.roles import RDR_VIEW, cap_required


@cap_required(RDR_VIEW)
def stock(request):
    return render(request, "placeholder.html", {"title": "Matériel RdR"})
