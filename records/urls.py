"""Pages of the journal, the GDPR export and the import/export page.

Included at the root by smes.urls: the addresses and URL names are those
they had when they lived in smes (tests/security/test_url_matrix.py)."""

from django.urls import path

from records import audit_views, data_views

urlpatterns = [
    path("journal/", audit_views.journal, name="audit"),
    path("journal/locataire/<int:tenant_pk>/", audit_views.tenant_journal, name="audit_tenant"),
    path("journal/locataire/<int:tenant_pk>/export-rgpd/", audit_views.subject_access_export, name="gdpr_export"),
    path("donnees/", data_views.data_page, name="data"),
    path("donnees/export.zip", data_views.export_zip, name="data_export"),
]
