"""The subject-access export carries the signed lease documents themselves,
also an earlier version replaced since (still on disk), not only their paths."""

from __future__ import annotations

import io
import zipfile

from django.core.files.base import ContentFile
from django.urls import reverse


def _archive(client, tenant) -> zipfile.ZipFile:
    response = client.get(reverse("gdpr_export", args=[tenant.pk]))
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_export_holds_the_lease_documents(personas, client_for, world):
    lease = world["lease"]
    first = lease.document.name
    lease.document.save("bail-v2.pdf", ContentFile(b"%PDF-1.4 version 2"), save=True)
    archive = _archive(client_for(personas["direction"]), world["tenant"])
    documents = {n: archive.read(n) for n in archive.namelist() if n.startswith("documents/")}
    assert sorted(documents.values()) == [b"%PDF-1.4 test", b"%PDF-1.4 version 2"], list(documents)
    assert any(n.endswith(".pdf") and "bail-v2" in n for n in documents)
    assert any(first.rsplit("/", 1)[-1] in n for n in documents)
    assert "documents/" in archive.read("LISEZMOI.txt").decode()


def test_a_document_missing_on_disk_is_named_not_a_crash(personas, client_for, world):
    lease = world["lease"]
    lease.document.storage.delete(lease.document.name)
    archive = _archive(client_for(personas["direction"]), world["tenant"])
    assert not [n for n in archive.namelist() if n.startswith("documents/")]
    assert lease.document.name in archive.read("LISEZMOI.txt").decode()


def test_another_tenants_document_is_not_in_the_export(personas, client_for, world):
    from tests import factories as f

    other = f.LeaseFactory(tenant=f.TenantFactory(code="HF-0999"), dwelling=world["dwelling"])
    other.document.save("autre.pdf", ContentFile(b"%PDF-1.4 autre"), save=True)
    archive = _archive(client_for(personas["direction"]), world["tenant"])
    assert all(archive.read(n) != b"%PDF-1.4 autre" for n in archive.namelist())
