from django.shortcuts import render

from smes.roles import AUDIT_VIEW, DATA_IMPORT_EXPORT, REPORT_VIEW, cap_required


@cap_required(REPORT_VIEW)
def annual(request):
    return render(request, "placeholder.html", {"title": "Rapport annuel"})


@cap_required(DATA_IMPORT_EXPORT)
def data(request):
    return render(request, "placeholder.html", {"title": "Import / export"})


@cap_required(AUDIT_VIEW)
def audit(request):
    return render(request, "placeholder.html", {"title": "Journal"})
