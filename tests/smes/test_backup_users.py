"""users.csv and the dwellings' capacity: what the portable backup needs to
restore (issue 13). New file and new optional column: files written to the
old format import unchanged."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from housing.models import Dwelling
from smes.roles import CLINICAL_VIEW, has_cap

USERS = "username,first_name,last_name,email,roles,active\ncamille,Camille,Dupont,c@example.org,Support,1\nnadia,Nadia,Lambert,,Direction;Management,1\nold,Ancien,Collègue,,,0\n"


def _import(folder):
    call_command("import_data", str(folder))


def test_users_csv_creates_accounts_with_their_roles_and_no_password(tmp_path, db):
    (tmp_path / "users.csv").write_text(USERS, encoding="utf-8")
    _import(tmp_path)
    camille, nadia, old = (User.objects.get(username=n) for n in ("camille", "nadia", "old"))
    assert camille.email == "c@example.org" and has_cap(camille, CLINICAL_VIEW)
    assert sorted(nadia.groups.values_list("name", flat=True)) == ["Direction", "Management"]
    assert not old.is_active and not old.groups.exists()
    assert not any(u.has_usable_password() or u.is_superuser or u.is_staff for u in (camille, nadia, old))


def test_reimport_keeps_passwords_and_superuser_status(tmp_path, db):
    boss = User.objects.create_superuser("camille", password="a-good-password-123")
    (tmp_path / "users.csv").write_text(USERS, encoding="utf-8")
    _import(tmp_path)
    boss.refresh_from_db()
    assert boss.check_password("a-good-password-123") and boss.is_superuser
    assert list(boss.groups.values_list("name", flat=True)) == ["Support"]


def test_an_unknown_role_is_a_row_error(tmp_path, db, capsys):
    (tmp_path / "users.csv").write_text("username,roles\nzoe,Chef\n", encoding="utf-8")
    with pytest.raises(CommandError):
        _import(tmp_path)
    assert "users.csv:2: roles: code(s) inconnu(s) « Chef »" in capsys.readouterr().err
    assert not User.objects.filter(username="zoe").exists()


def test_capacity_is_carried_and_optional(sample_dir, tmp_path, db):
    (tmp_path / "partners.csv").write_bytes((sample_dir / "partners.csv").read_bytes())
    old = (sample_dir / "dwellings.csv").read_text(encoding="utf-8")
    (tmp_path / "dwellings.csv").write_text(old, encoding="utf-8")  # the old format: no capacity column
    _import(tmp_path)
    first = old.splitlines()[1].split(",")[0]
    assert set(Dwelling.objects.values_list("capacity", flat=True)) == {1}
    lines = old.splitlines()
    lines[0] += ",capacity"
    lines[1:] = [line + (",2" if line.startswith(first + ",") else ",1") for line in lines[1:]]
    (tmp_path / "dwellings.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _import(tmp_path)
    assert Dwelling.objects.get(code=first).capacity == 2
    (tmp_path / "dwellings.csv").write_text(old, encoding="utf-8")  # old format again: capacity kept
    _import(tmp_path)
    assert Dwelling.objects.get(code=first).capacity == 2


def test_only_account_managers_get_users_csv_in_the_browser(diane, adam, alice, client_for):
    def names(user):
        r = client_for(user).get("/donnees/export.zip")
        return zipfile.ZipFile(io.BytesIO(b"".join(r.streaming_content))).namelist()

    # Admin and Direction manage accounts (smes.roles.ACCOUNTS_MANAGE); nobody else has the page.
    assert "users.csv" in names(diane) and "users.csv" in names(adam)
    assert client_for(alice).get("/donnees/export.zip").status_code == 403


def test_the_admin_cannot_grant_a_clinical_role_through_users_csv(adam, client_for):
    r = client_for(adam).post(
        "/donnees/", {"action": "import", "files": [SimpleUploadedFile("users.csv", USERS.encode())]}
    )
    body = r.content.decode()
    assert r.status_code == 200
    assert "rien n&#x27;a été écrit" in body or "rien n'a été écrit" in body
    assert "Seule la Direction peut donner le rôle Accompagnement" in body  # line 2, camille
    assert "Seule la Direction peut donner le rôle Direction" in body  # line 3, nadia
    assert not User.objects.filter(username__in=["camille", "nadia", "old"]).exists()


def test_the_direction_imports_users_csv_and_the_account_journal_says_who(diane, client_for):
    from smes.models import AccountEvent

    r = client_for(diane).post(
        "/donnees/", {"action": "import", "files": [SimpleUploadedFile("users.csv", USERS.encode())]}
    )
    assert r.status_code == 200
    camille = User.objects.get(username="camille")
    assert has_cap(camille, CLINICAL_VIEW) and not camille.has_usable_password()
    events = AccountEvent.objects.filter(username="camille").values_list("action", "actor__username", "after")
    assert set(events) == {("CREATED", "diane", ""), ("ROLES", "diane", "Support")}
