"""A signed lease is a real PDF or a real image: the content is checked, not
only the extension (an HTML page or a program renamed `.pdf` is refused), and
it is only ever served as a download with `nosniff`."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from housing.models import Lease, LeaseKind
from housing.services import lease_save

MESSAGE = "Le document n'est pas un PDF ou une image (JPG, PNG) lisible : vérifiez le fichier."


def _image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _lease(tenant, flat, name, content):
    return Lease(
        tenant=tenant,
        dwelling=flat,
        kind=LeaseKind.STANDARD,
        start=dt.date(2024, 1, 1),
        rent=400,
        document=SimpleUploadedFile(name, content),
    )


@pytest.mark.parametrize(
    "name, content",
    [
        ("bail.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("bail.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"),
        ("bail.pdf", b"  %PDF-1.4 not at the start"),
        ("photo.jpg", b"%PDF-1.4 a pdf named jpg"),
        ("photo.png", b"\x89PNG\r\n\x1a\n but truncated garbage"),
        ("photo.jpeg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("photo.png", "jpeg"),  # a JPEG named .png
        ("bail.pdf", b""),
    ],
)
def test_a_file_whose_content_is_not_its_type_is_refused(tenant, flat, media, name, content):
    if content == "jpeg":
        content = _image("JPEG")
    with pytest.raises(ValidationError) as exc:
        lease_save(lease=_lease(tenant, flat, name, content))
    assert exc.value.message_dict["document"] == [MESSAGE]
    assert not Lease.objects.exists()


@pytest.mark.parametrize(
    "name, content",
    [("bail.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), ("photo.jpg", "JPEG"), ("scan.PNG", "PNG")],
)
def test_real_pdfs_and_images_are_accepted(tenant, flat, media, name, content):
    if isinstance(content, str):
        content = _image(content)
    lease = lease_save(lease=_lease(tenant, flat, name, content))
    assert lease.document.read() == content


def test_the_form_shows_the_message_and_the_download_is_an_attachment(bob, client_for, tenant, flat, media):
    fields = {"dwelling": flat.pk, "tenant": tenant.pk, "kind": "STANDARD", "start": "2024-01-01", "rent": "450"}
    html = SimpleUploadedFile("bail.pdf", b"<html><body>hello</body></html>", content_type="application/pdf")
    response = client_for(bob).post(reverse("housing:lease_create"), {**fields, "charges": "0", "document": html})
    assert response.status_code == 200
    assert response.context["form"].errors["document"] == [MESSAGE]
    pdf = SimpleUploadedFile("bail.pdf", b"%PDF-1.4 bail", content_type="application/pdf")
    response = client_for(bob).post(reverse("housing:lease_create"), {**fields, "charges": "0", "document": pdf})
    assert response.status_code == 302
    download = client_for(bob).get(reverse("housing:lease_document", args=[Lease.objects.get().pk]))
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/pdf"
