"""Admin import/export buttons on the interchange resources.

Same resources, same validation as `import_data`; shown only to users with
the import/export right, on models they may edit (import) or view (export).
"""

from import_export.admin import ImportExportMixin

from smes.interchange.formats import SafeCSV, SafeXLSX
from smes.roles import DATA_IMPORT_EXPORT, has_cap


class InterchangeAdminMixin(ImportExportMixin):
    # CSV and XLSX only, with the strict formula escaping of our exports.
    formats = [SafeCSV, SafeXLSX]
    import_formats = [SafeCSV, SafeXLSX]
    export_formats = [SafeCSV, SafeXLSX]

    def has_import_permission(self, request):
        return has_cap(request.user, DATA_IMPORT_EXPORT) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return has_cap(request.user, DATA_IMPORT_EXPORT) and self.has_view_permission(request)
