"""Leases: end before start and negative amounts are refused (service, form,
database); the signed lease is uploaded and served only to housing roles;
the lists of leases ending soon and of running leases to check."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from housing import selectors
from housing.models import Lease, LeaseKind, MoveKind
from housing.services import lease_save, move_record
from tests.factories import DwellingFactory, LeaseFactory, TenantFactory

D = dt.date


def errors_of(exc_info) -> dict:
    return {k: [str(m) for m in v] for k, v in exc_info.value.message_dict.items()}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_a_lease_ending_before_it_starts_is_refused(tenant, flat):
    lease = Lease(
        tenant=tenant, dwelling=flat, kind=LeaseKind.STANDARD, start=D(2024, 1, 1), end=D(2023, 12, 31), rent=400
    )
    with pytest.raises(ValidationError) as exc:
        lease_save(lease=lease)
    assert errors_of(exc) == {"end": ["La fin du bail précède son début."]}
    assert not Lease.objects.exists()


def test_a_negative_rent_or_charge_is_refused(tenant, flat):
    lease = Lease(tenant=tenant, dwelling=flat, kind=LeaseKind.STANDARD, start=D(2024, 1, 1), rent=-1, charges=-5)
    with pytest.raises(ValidationError) as exc:
        lease_save(lease=lease)
    assert errors_of(exc) == {
        "rent": ["Le loyer ne peut pas être négatif."],
        "charges": ["Les charges ne peuvent pas être négatives."],
    }


def test_the_database_refuses_them_too(tenant, flat):
    with pytest.raises(IntegrityError), transaction.atomic():
        Lease.objects.create(
            tenant=tenant, dwelling=flat, kind="STANDARD", start=D(2024, 1, 1), end=D(2023, 1, 1), rent=1
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Lease.objects.create(tenant=tenant, dwelling=flat, kind="STANDARD", start=D(2024, 1, 1), rent=-1)


def test_the_lease_form_shows_the_errors_on_their_fields(bob, client_for, tenant, flat):
    response = client_for(bob).post(
        reverse("housing:lease_create"),
        {
            "dwelling": flat.pk,
            "tenant": tenant.pk,
            "kind": "STANDARD",
            "start": "2024-01-01",
            "end": "2023-12-31",
            "rent": "-10",
            "charges": "0",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["end"] == ["La fin du bail précède son début."]
    assert errors["rent"] == ["Le loyer ne peut pas être négatif."]


def test_a_signed_lease_is_uploaded_and_downloaded_by_housing_roles_only(
    bob, alice, oscar, client_for, tenant, flat, media
):
    pdf = SimpleUploadedFile("bail.pdf", b"%PDF-1.4 bail signe", content_type="application/pdf")
    response = client_for(bob).post(
        reverse("housing:lease_create"),
        {
            "dwelling": flat.pk,
            "tenant": tenant.pk,
            "kind": "SLIDING",
            "start": "2024-01-01",
            "rent": "450",
            "charges": "50",
            "document": pdf,
        },
    )
    lease = Lease.objects.get()
    assert response.status_code == 302 and response.url == reverse("housing:lease_detail", args=[lease.pk])
    url = reverse("housing:lease_document", args=[lease.pk])
    download = client_for(alice).get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 bail signe"
    assert 'filename="bail-HF-0501-D-0100-20240101.pdf"' in download["Content-Disposition"]
    assert client_for(oscar).get(url).status_code == 403


def test_only_pdf_or_images_are_accepted(bob, client_for, tenant, flat, media):
    exe = SimpleUploadedFile("bail.exe", b"MZ", content_type="application/octet-stream")
    response = client_for(bob).post(
        reverse("housing:lease_create"),
        {
            "dwelling": flat.pk,
            "tenant": tenant.pk,
            "kind": "STANDARD",
            "start": "2024-01-01",
            "rent": "450",
            "charges": "0",
            "document": exe,
        },
    )
    assert response.status_code == 200 and "document" in response.context["form"].errors
    assert not Lease.objects.exists()


def test_leases_ending_within_60_days(db):
    on = D(2025, 3, 1)
    soon = LeaseFactory(start=D(2024, 3, 1), end=D(2025, 4, 15))
    LeaseFactory(start=D(2024, 3, 1), end=D(2025, 5, 1))  # 61 days
    LeaseFactory(start=D(2024, 3, 1), end=D(2025, 2, 28))  # already over
    LeaseFactory(start=D(2024, 3, 1))  # running, no end
    assert list(selectors.leases_ending(on)) == [soon]


def test_running_leases_without_end_are_checked(db):
    on = D(2025, 3, 1)
    fine_tenant = TenantFactory(followup_start=D(2020, 1, 1))
    fine_flat = DwellingFactory()
    fine = LeaseFactory(tenant=fine_tenant, dwelling=fine_flat, start=D(2024, 1, 1))
    move_record(tenant=fine_tenant, date=D(2024, 1, 1), kind=MoveKind.ENTRY, dwelling=fine_flat)
    gone = LeaseFactory(start=D(2024, 1, 1))  # nobody lives there
    transit_tenant = TenantFactory(followup_start=D(2020, 1, 1))
    transit_flat = DwellingFactory()
    transit = LeaseFactory(tenant=transit_tenant, dwelling=transit_flat, kind=LeaseKind.TRANSIT, start=D(2024, 1, 1))
    move_record(tenant=transit_tenant, date=D(2024, 1, 1), kind=MoveKind.ENTRY, dwelling=transit_flat)
    rows = {lease.pk: (lease.living_there, lease.needs_check) for lease in selectors.leases_without_end(on)}
    assert rows == {fine.pk: (True, False), gone.pk: (False, True), transit.pk: (True, True)}
    assert selectors.leases_without_end(on).filter(needs_check=True).count() == 2


@pytest.mark.parametrize(
    "bad",
    [{"end": "2023-01-01"}, {"rent": "-5"}],  # a form error (rent) and a service error (end before start)
    ids=["end-before-start", "negative-rent"],
)
@pytest.mark.parametrize("editing", [False, True], ids=["create", "edit"])
def test_a_document_dropped_by_an_error_elsewhere_is_said_plainly(bad, editing, bob, client_for, tenant, flat, media):
    pdf = SimpleUploadedFile("bail-signe.pdf", b"%PDF-1.4 bail", content_type="application/pdf")
    data = {"dwelling": flat.pk, "tenant": tenant.pk, "kind": "STANDARD", "start": "2024-01-01", "rent": "450"}
    data.update({"charges": "0", "document": pdf, **bad})
    if editing:
        lease = LeaseFactory(tenant=tenant, dwelling=flat, start=D(2024, 1, 1))
        url = reverse("housing:lease_edit", args=[lease.pk])
    else:
        url = reverse("housing:lease_create")
    response = client_for(bob).post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["document"] == [
        "Le fichier « bail-signe.pdf » n'a pas été gardé, à cause de l'erreur ci-dessus ou ci-dessous : "
        "choisissez-le à nouveau avant d'enregistrer."
    ]
    assert "bail-signe.pdf" in response.content.decode()
    assert not list((media).rglob("*.pdf")) if media.exists() else True


def test_a_document_with_its_own_error_gets_only_that_error(bob, client_for, tenant, flat, media):
    exe = SimpleUploadedFile("bail.exe", b"MZ", content_type="application/octet-stream")
    data = {"dwelling": flat.pk, "tenant": tenant.pk, "kind": "STANDARD", "start": "2024-01-01", "rent": "-1"}
    response = client_for(bob).post(reverse("housing:lease_create"), {**data, "charges": "0", "document": exe})
    assert len(response.context["form"].errors["document"]) == 1
    assert "gardé" not in response.context["form"].errors["document"][0]
