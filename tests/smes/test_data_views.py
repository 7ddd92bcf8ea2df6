"""The Direction's import/export page."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from records.models import AccessLog
from tenants.models import GafScore, Tenant


def _upload(sample_dir, *names):
    return [SimpleUploadedFile(n, (sample_dir / n).read_bytes(), content_type="text/csv") for n in names]


def test_only_direction_and_admin_open_it(personas, client_for):
    expected = {"support": 403, "housing": 403, "management": 403, "direction": 200, "admin": 200, "outsider": 403}
    for name, user in personas.items():
        assert client_for(user).get("/donnees/").status_code == expected[name], name


def test_check_writes_nothing_and_import_writes(diane, client_for, sample_dir):
    c = client_for(diane)
    r = c.post("/donnees/", {"action": "check", "files": _upload(sample_dir, "tenants.csv", "gaf.csv")})
    assert r.status_code == 200 and "Vérification réussie" in r.content.decode()
    assert Tenant.objects.count() == 0
    r = c.post("/donnees/", {"action": "import", "files": _upload(sample_dir, "tenants.csv", "gaf.csv")})
    assert Tenant.objects.count() > 0 and GafScore.objects.count() > 0
    assert AccessLog.objects.filter(user=diane, what__startswith="import").count() == 2


def test_a_bad_row_is_listed_and_nothing_written(diane, client_for, sample_dir):
    text = (sample_dir / "tenants.csv").read_text(encoding="utf-8").replace(",COCOM,", ",NOPE,", 1)
    r = client_for(diane).post(
        "/donnees/", {"action": "import", "files": [SimpleUploadedFile("tenants.csv", text.encode())]}
    )
    body = r.content.decode()
    assert "tenants.csv:2" in body and "code inconnu « NOPE »" in body
    assert Tenant.objects.count() == 0


def test_admin_may_not_import_or_export_clinical_files(adam, client_for, sample_dir):
    c = client_for(adam)
    r = c.post("/donnees/", {"action": "import", "files": _upload(sample_dir, "tenants.csv", "gaf.csv")})
    assert "fichier non autorisé pour votre rôle" in r.content.decode()
    assert Tenant.objects.count() == 0
    names = zipfile.ZipFile(io.BytesIO(b"".join(c.get("/donnees/export.zip").streaming_content))).namelist()
    assert "tenants.csv" in names and "gaf.csv" not in names and "assessments.csv" not in names


def test_direction_exports_everything_as_a_zip(diane, client_for):
    r = client_for(diane).get("/donnees/export.zip")
    assert r["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(b"".join(r.streaming_content))).namelist()
    assert {"tenants.csv", "incomes.csv", "assessments.csv", "gaf.csv"} <= set(names)


def test_unknown_file_names_are_refused(diane, client_for):
    r = client_for(diane).post(
        "/donnees/", {"action": "import", "files": [SimpleUploadedFile("../../etc.csv", b"a,b\n")]}
    )
    assert "nom de fichier inconnu" in r.content.decode()


def test_the_admin_import_screen_uses_the_same_resource_and_rules(adam, client_for, sample_dir):
    from django.contrib.auth.models import User

    c = client_for(adam)
    assert User.objects.get(pk=adam.pk).is_staff and not adam.is_superuser
    page = c.get("/admin/tenants/tenant/import/")
    assert page.status_code == 200
    bad = (sample_dir / "tenants.csv").read_text(encoding="utf-8").replace(",COCOM,", ",NOPE,", 1)
    r = c.post(
        "/admin/tenants/tenant/import/",
        {"format": "0", "import_file": SimpleUploadedFile("tenants.csv", bad.encode())},
    )
    assert r.status_code == 200
    assert "NOPE" in r.content.decode()
    assert Tenant.objects.count() == 0
    # clinical models stay closed to the Admin role, import screen included
    assert c.get("/admin/tenants/gafscore/import/").status_code == 403
