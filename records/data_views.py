"""The Direction's import / export page (interchange format).

Same engine as `manage.py import_data` / `export_data`: one transaction,
every bad row listed, nothing written on error; "Vérifier" is the dry run.
"""

from __future__ import annotations

import tempfile
import zipfile
import zlib
from pathlib import Path

from django import forms
from django.contrib import messages
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from records.audit import log_access
from records.interchange import available_files, stems_for_user
from records.interchange.engine import export_zip_stream, import_directory
from smes.lib.download import attachment_header
from smes.roles import DATA_IMPORT_EXPORT, cap_required

ALLOWED_SUFFIXES = (".csv", ".xlsx")
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# A ZIP may hold at most this many members…
MAX_ZIP_MEMBERS = 50
# …and the page imports at most this many bytes (all files together, ZIP
# members unpacked): about 45,000 visits, checked in about 20 s (the demo's
# 36,575 visits, 2.4 MB: 16 s of CPU; README, "Import and export").
# Larger: `manage.py import_data`.
BROWSER_IMPORT_MAX_BYTES = 3 * 1024 * 1024


class TooLarge(Exception):
    pass


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".csv,.xlsx,.zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class ImportForm(forms.Form):
    files = MultipleFileField(
        label=gettext_lazy("Fichiers"),
        help_text=gettext_lazy(
            "Fichiers CSV ou XLSX nommés comme dans le format d'échange (tenants.csv, visits.csv…), ou un ZIP qui les contient."
        ),
    )


def _too_large() -> str:
    return _(
        "Les fichiers dépassent ce que la page peut importer (%(max)s Mo en tout, décompressés) : "
        "importez-les avec la commande « manage.py import_data » (voir le README)."
    ) % {"max": BROWSER_IMPORT_MAX_BYTES // (1024 * 1024)}


def _copy(source, target: Path, budget: list[int]) -> None:
    """Copy a stream into `target`, counting its bytes against budget[0]."""
    with target.open("wb") as handle:
        while chunk := source.read(64 * 1024):
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise TooLarge
            handle.write(chunk)


def _save_uploads(uploads, folder: Path, known: set[str]) -> list[str]:  # noqa: C901 — each refusal of an upload (name, size, ZIP bomb) is one branch
    """Write the uploaded files (or the members of a ZIP) into `folder`.

    Returns the problems found (unknown names, too large, an unreadable or
    oversized ZIP). Member names are reduced to their base name: nothing is
    written outside `folder`. Sizes are counted as the bytes are unpacked,
    not as the ZIP declares them.
    """
    problems = []
    budget = [BROWSER_IMPORT_MAX_BYTES]
    try:
        for upload in uploads:
            name = Path(upload.name).name
            if upload.size > MAX_UPLOAD_BYTES:
                problems.append(_("%(name)s : fichier trop volumineux.") % {"name": name})
                continue
            if name.lower().endswith(".zip"):
                try:
                    with zipfile.ZipFile(upload) as archive:
                        members = [m for m in archive.infolist() if not m.is_dir()]
                        if len(members) > MAX_ZIP_MEMBERS:
                            problems.append(
                                _("%(name)s : l'archive contient plus de %(max)s fichiers.")
                                % {"name": name, "max": MAX_ZIP_MEMBERS}
                            )
                            continue
                        if sum(m.file_size for m in members) > BROWSER_IMPORT_MAX_BYTES:
                            raise TooLarge
                        for member in members:
                            base = Path(member.filename).name
                            if not base:
                                continue
                            if Path(base).stem not in known or not base.lower().endswith(ALLOWED_SUFFIXES):
                                problems.append(
                                    _("%(name)s : nom de fichier inconnu du format d'échange.") % {"name": base}
                                )
                                continue
                            with archive.open(member) as source:
                                _copy(source, folder / base, budget)
                except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, zlib.error):
                    problems.append(_("%(name)s : archive ZIP illisible.") % {"name": name})
                continue
            if Path(name).stem not in known or not name.lower().endswith(ALLOWED_SUFFIXES):
                problems.append(_("%(name)s : nom de fichier inconnu du format d'échange.") % {"name": name})
                continue
            budget[0] -= upload.size
            if budget[0] < 0:
                raise TooLarge
            with (folder / name).open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
    except TooLarge:
        problems.append(_too_large())
    return problems


@cap_required(DATA_IMPORT_EXPORT)
def data_page(request):
    allowed = stems_for_user(request.user)
    report, problems = None, []
    form = ImportForm()
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            dry_run = request.POST.get("action") != "import"
            with tempfile.TemporaryDirectory() as tmp:
                problems = _save_uploads(form.cleaned_data["files"], Path(tmp), {s for s, _ in available_files()})
                if not problems:
                    report = import_directory(tmp, dry_run=dry_run, only=allowed, actor=request.user)
            log_access(request, f"import de données ({'vérification' if dry_run else 'écriture'})")
            if report is not None and report.written:
                messages.success(request, _("Import terminé : toutes les lignes ont été enregistrées."))
    files = [(stem, stem in allowed) for stem, _ in available_files()]
    return render(request, "records/data.html", {"form": form, "report": report, "problems": problems, "files": files})


@cap_required(DATA_IMPORT_EXPORT)
def export_zip(request):
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    log_access(request, f"export des données ({fmt})")
    # Streamed: the first bytes leave at once, memory stays flat (issue 12).
    response = StreamingHttpResponse(
        export_zip_stream(fmt=fmt, only=stems_for_user(request.user)), content_type="application/zip"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = attachment_header(f"smes-donnees-{stamp}-{fmt}.zip")
    return response
