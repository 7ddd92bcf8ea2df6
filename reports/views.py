from django.shortcuts import render

from smes.roles import REPORT_VIEW, cap_required


@cap_required(REPORT_VIEW)
def annual(request):
    return render(request, "placeholder.html", {"title": "Rapport annuel"})
