"""Download names (issue 13, Low): every download builds its name through
smes.lib.download, so a hostile file code (written before codes were
validated, or straight into the database) can neither inject into the
Content-Disposition header, nor break it (CR/LF), nor become a ZIP member
outside the archive's root."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from housing.models import Lease, LeaseKind
from smes.lib.download import attachment_header, safe_filename
from tenants.models import Tenant
from tests.factories import DwellingFactory, TenantFactory

HOSTILE = ['Q";filename=x.html', "HF-0001\r\nSet-Cookie: a=b", "../../../evil", "..\\..\\evil", "é\u202e.exe", ""]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_safe_filename_has_no_quote_separator_control_or_path(value):
    name = safe_filename(value)
    assert name
    assert not any(c in name for c in '"\\/;\r\n\t\u202e') and not name.startswith(".")
    assert all(0x20 < ord(c) < 0x7F for c in name)


def test_plain_names_are_kept():
    assert safe_filename("acces-HF-0042-2026-11-20.zip") == "acces-HF-0042-2026-11-20.zip"
    assert attachment_header("rapport-2025-fr.pdf") == 'attachment; filename="rapport-2025-fr.pdf"'


@pytest.mark.parametrize("value", HOSTILE)
def test_the_header_is_one_safe_quoted_name(value):
    header = attachment_header(f"acces-{value}.zip")
    assert header.startswith('attachment; filename="') and header.endswith('.zip"')
    assert header.count('"') == 2 and "\r" not in header and "\n" not in header and ";" not in header[12:]


def _hostile_tenant(code: str) -> Tenant:
    tenant = TenantFactory()
    Tenant.objects.filter(pk=tenant.pk).update(code=code)  # as if written before the validation
    tenant.refresh_from_db()
    return tenant


@pytest.mark.parametrize("code", ['Q";filename=x.html', "HF-1\r\nX-Evil: 1", "../../../evil"])
def test_the_gdpr_export_of_a_hostile_code(diane, client_for, code):
    tenant = _hostile_tenant(code)
    response = client_for(diane).get(reverse("gdpr_export", args=[tenant.pk]))
    assert response.status_code == 200
    header = response["Content-Disposition"]
    assert header.count('"') == 2 and "x.html" not in header.split('"')[2] and "\n" not in header
    assert "X-Evil" not in response.headers
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names and all("/" not in n and "\\" not in n and not n.startswith(".") for n in names)


def test_the_lease_document_of_a_hostile_code(settings, tmp_path, bob, client_for):
    settings.MEDIA_ROOT = tmp_path / "media"
    tenant = TenantFactory()
    lease = Lease.objects.create(
        tenant=tenant,
        dwelling=DwellingFactory(),
        kind=LeaseKind.STANDARD,
        start=dt.date(2024, 1, 1),
        rent=1,
        document=SimpleUploadedFile("bail.pdf", b"%PDF-1.4 x"),
    )
    Tenant.objects.filter(pk=tenant.pk).update(code='Q";filename=x.html')
    response = client_for(bob).get(reverse("housing:lease_document", args=[lease.pk]))
    assert response.status_code == 200
    assert response[
        "Content-Disposition"
    ] == 'attachment; filename="bail-Q_filename_x.html-D-9000-20240101.pdf"'.replace("D-9000", lease.dwelling.code)


def test_the_data_export_and_the_report_use_plain_names(diane, client_for):
    response = client_for(diane).get(reverse("data_export"))
    assert response["Content-Disposition"].startswith('attachment; filename="smes-donnees-')
