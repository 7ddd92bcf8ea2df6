"""Admin screens: the catalogue is edited by the Admin role; stock lines are
read-only there (they are only written through the services)."""

from django.urls import reverse

from harmreduction.models import Item, Movement
from harmreduction.services import receipt_record

from .conftest import DAY


def test_the_admin_role_edits_the_catalogue_but_not_stock_lines(adam, maggie, client_for):
    bd = Item.objects.get(code="BD")
    receipt_record(date=DAY, worker=maggie, supplier="MV", lines=[(bd, 5)])
    movement = Movement.objects.get()
    client = client_for(adam)
    assert client.get(reverse("admin:harmreduction_item_changelist")).status_code == 200
    assert client.get(reverse("admin:harmreduction_item_change", args=[bd.pk])).status_code == 200
    assert client.get(reverse("admin:harmreduction_movement_changelist")).status_code == 200
    page = client.get(reverse("admin:harmreduction_movement_change", args=[movement.pk]))
    assert page.status_code == 200 and b'name="quantity"' not in page.content  # read-only
    assert client.get(reverse("admin:harmreduction_movement_add")).status_code == 403
    response = client.post(reverse("admin:harmreduction_movement_delete", args=[movement.pk]), {"post": "yes"})
    assert response.status_code == 403 and Movement.objects.count() == 1
    # The import/export screens use the interchange resources (data.import_export).
    assert client.get(reverse("admin:harmreduction_movement_import")).status_code == 200


def test_staff_status_alone_grants_nothing(oscar, client_for):
    oscar.is_staff = True
    oscar.save()
    assert client_for(oscar).get(reverse("admin:harmreduction_item_changelist")).status_code == 403


def test_the_admin_import_goes_through_the_stock_rule(adam, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = b"date,item,kind,quantity,tenant\n2024-01-02,BD,RECEIPT,3,\n2024-01-03,BD,DISTRIBUTION,4,\n"
    client = client_for(adam)
    response = client.post(
        reverse("admin:harmreduction_movement_import"),
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("rdr_movements.csv", content, "text/csv")},
    )
    assert response.status_code == 200
    assert "le stock de « Seringue BD (normale) » deviendrait négatif le 2024-01-03 (-1) : ligne refusée." in (
        response.content.decode()
    )
    assert not Movement.objects.exists()
