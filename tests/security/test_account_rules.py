"""Issue 13: the Admin, who may not read clinical files, can neither grant a
role that opens them nor set the password of an account that holds one —
in the service (smes/accounts.py), the Django admin (user add and change
forms, password form, groups) and the *Comptes* page. Every change is in
the audit trail, read by the Direction."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from smes.accounts import (
    DIRECTION_ONLY_PASSWORD,
    DIRECTION_ONLY_ROLE,
    user_create,
    user_set_password,
    user_set_roles,
    user_update,
)
from smes.models import AccountEvent
from tests.conftest import PASSWORD

NEW_PASSWORD = "another-long-passphrase-2026"


def _message(exc) -> str:
    return " ".join(exc.value.messages)


# --- the service ---------------------------------------------------------


def test_the_admin_cannot_create_a_support_account_with_a_password(adam):
    with pytest.raises(ValidationError) as exc:
        user_create(username="mole", roles=["Support"], password=NEW_PASSWORD, actor=adam)
    assert "Seule la Direction peut donner le rôle Accompagnement" in _message(exc)
    assert not User.objects.filter(username="mole").exists()
    assert not AccountEvent.objects.filter(username="mole").exists()


def test_the_admin_cannot_grant_a_clinical_role_even_without_a_password(adam, bob):
    for roles in (["Housing", "Support"], ["Direction"]):
        with pytest.raises(ValidationError):
            user_set_roles(user=bob, roles=roles, actor=adam)
    assert list(bob.groups.values_list("name", flat=True)) == ["Housing"]


def test_the_admin_cannot_reset_a_support_workers_password(adam, alice):
    with pytest.raises(ValidationError) as exc:
        user_set_password(user=alice, password=NEW_PASSWORD, actor=adam)
    assert "Seule la Direction peut définir le mot de passe" in _message(exc)
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_the_admin_cannot_reactivate_a_support_account(adam, alice):
    user_update(user=alice, actor=adam, is_active=False)  # de-activating is fine
    with pytest.raises(ValidationError):
        user_update(user=alice, actor=adam, is_active=True)
    alice.refresh_from_db()
    assert not alice.is_active


def test_the_admin_manages_the_other_roles_and_removes_clinical_ones(adam, alice, bob):
    user = user_create(username="newhousing", roles=["Housing"], password=NEW_PASSWORD, actor=adam)
    assert user.check_password(NEW_PASSWORD)
    user_set_password(user=bob, password=NEW_PASSWORD, actor=adam)
    user_set_roles(user=alice, roles=[], actor=adam)  # a leaver: removing access is fine
    assert not alice.groups.exists()


def test_the_direction_grants_clinical_roles_and_sets_their_passwords(diane, bob, alice):
    user_create(username="newsupport", roles=["Support"], password=NEW_PASSWORD, actor=diane)
    user_set_roles(user=bob, roles=["Housing", "Support"], actor=diane)
    user_set_password(user=alice, password=NEW_PASSWORD, actor=diane)
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


def test_nobody_changes_their_own_roles(diane):
    with pytest.raises(ValidationError):
        user_set_roles(user=diane, roles=["Direction", "Admin"], actor=diane)


def test_the_roles_without_account_rights_manage_nothing(alice, bob):
    with pytest.raises(ValidationError):
        user_set_password(user=bob, password=NEW_PASSWORD, actor=alice)


def test_every_role_change_is_recorded(diane, adam, bob):
    user_set_roles(user=bob, roles=["Housing", "Support"], actor=diane)
    user_set_roles(user=bob, roles=["Housing"], actor=adam)
    user_set_password(user=bob, password=NEW_PASSWORD, actor=adam)
    events = list(
        AccountEvent.objects.filter(account=bob)
        .order_by("id")
        .values_list("actor__username", "action", "before", "after")
    )
    assert events[-3:] == [
        ("diane", "ROLES", "Housing", "Support,Housing"),
        ("adam", "ROLES", "Support,Housing", "Housing"),
        ("adam", "PASSWORD", "", ""),
    ]


def test_the_direction_reads_the_account_changes_in_the_journal(diane, adam, bob, client_for):
    user_set_roles(user=bob, roles=["Housing", "Support"], actor=diane)
    html = client_for(diane).get(reverse("audit") + "?vue=comptes").content.decode()
    assert "bob" in html and "Logement" in html and "Accompagnement" in html and "Rôles changés" in html


# --- the Django admin ----------------------------------------------------


def _change_data(user, groups):
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": "",
        "is_active": "on",
        "groups": [g.pk for g in groups],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
    }


def test_the_admin_user_add_form_refuses_a_support_account_plainly(adam, client_for):
    response = client_for(adam).post(
        reverse("admin:auth_user_add"),
        {
            "username": "mole",
            "first_name": "M",
            "last_name": "O",
            "groups": [Group.objects.get(name="Support").pk],
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "Seule la Direction peut donner le rôle Accompagnement" in response.content.decode()
    assert not User.objects.filter(username="mole").exists()


def test_the_admin_user_change_form_refuses_a_clinical_role(adam, bob, client_for):
    response = client_for(adam).post(
        reverse("admin:auth_user_change", args=[bob.pk]),
        _change_data(bob, Group.objects.filter(name__in=["Housing", "Support"])),
    )
    assert response.status_code == 200
    assert "Seule la Direction peut donner le rôle Accompagnement" in response.content.decode()
    assert list(bob.groups.values_list("name", flat=True)) == ["Housing"]


def test_the_admin_password_form_refuses_a_support_account(adam, alice, client_for):
    response = client_for(adam).post(
        reverse("admin:auth_user_password_change", args=[alice.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 200
    assert "Seule la Direction peut définir le mot de passe" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_the_admin_password_form_works_for_a_housing_account_and_is_recorded(adam, bob, client_for):
    response = client_for(adam).post(
        reverse("admin:auth_user_password_change", args=[bob.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302
    bob.refresh_from_db()
    assert bob.check_password(NEW_PASSWORD)
    assert AccountEvent.objects.filter(account=bob, action="PASSWORD", actor__username="adam").exists()


def test_the_admin_change_form_records_role_changes(adam, bob, client_for):
    response = client_for(adam).post(
        reverse("admin:auth_user_change", args=[bob.pk]), _change_data(bob, Group.objects.filter(name="Management"))
    )
    assert response.status_code == 302
    assert AccountEvent.objects.filter(account=bob, action="ROLES", before="Housing", after="Management").exists()


def test_groups_are_not_editable_in_the_admin(adam, client_for):
    with pytest.raises(NoReverseMatch):
        reverse("admin:auth_group_changelist")
    assert client_for(adam).get("/admin/auth/group/").status_code == 404


# --- role names: translated everywhere -------------------------------------

ENGLISH = ("Support", "Housing", "Management")


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("fr", ["Accompagnement", "Logement", "Gestion", "Direction", "Administration"]),
        ("nl", ["Begeleiding", "Huisvesting", "Beheer", "Directie", "Administratie"]),
        ("en", ["Support", "Housing", "Management", "Direction", "Administration"]),
    ],
)
def test_every_account_screen_names_the_roles_in_the_language(lang, expected, adam, diane, alice, bob, client_for):
    pages = [
        (adam, reverse("admin:auth_user_changelist")),
        (adam, reverse("admin:auth_user_add")),
        (adam, reverse("admin:auth_user_change", args=[bob.pk])),
        (adam, reverse("accounts")),
        (adam, reverse("account_add")),
        (diane, reverse("account_edit", args=[bob.pk])),
        (diane, reverse("audit") + "?vue=comptes"),
    ]
    user_set_roles(user=bob, roles=["Housing", "Management"], actor=adam)
    for user, url in pages:
        c = client_for(user)
        c.cookies["django_language"] = lang
        html = c.get(url).content.decode()
        if "?vue=comptes" not in url:
            for label in expected:
                assert label in html, (lang, url, label)
        if lang != "en":
            import re

            text = re.sub(r"<[^>]+>", " ", re.sub(r'(value|name|for|id|class|href)="[^"]*"', "", html)).replace(
                "Housing First", ""
            )
            shown = [w for w in ENGLISH if re.search(rf"\b{w}\b", text)]
            assert shown == [], (lang, url, shown)
    with translation.override(lang):
        assert [str(x) for x in (DIRECTION_ONLY_ROLE, DIRECTION_ONLY_PASSWORD)] != ["", ""]


# --- the plain accounts page ----------------------------------------------


def test_the_direction_creates_a_support_account_with_checkboxes(diane, client_for):
    c = client_for(diane)
    page = c.get(reverse("account_add")).content.decode()
    assert 'type="checkbox" name="roles" value="Support"' in page
    response = c.post(
        reverse("account_add"),
        {
            "username": "nouvelle",
            "first_name": "Nina",
            "last_name": "Nouvelle",
            "email": "",
            "roles": ["Support"],
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="nouvelle")
    assert list(user.groups.values_list("name", flat=True)) == ["Support"] and user.check_password(NEW_PASSWORD)


def test_the_accounts_page_tells_the_admin_plainly(adam, client_for):
    response = client_for(adam).post(
        reverse("account_add"),
        {
            "username": "mole",
            "first_name": "M",
            "last_name": "O",
            "roles": ["Support"],
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "Seule la Direction peut donner le rôle Accompagnement" in response.content.decode()
    assert not User.objects.filter(username="mole").exists()


def test_the_accounts_page_sets_roles_and_password(adam, diane, bob, alice, client_for):
    c = client_for(adam)
    r = c.post(
        reverse("account_edit", args=[bob.pk]),
        {
            "username": "bob",
            "first_name": "Bob",
            "last_name": "Test",
            "email": "",
            "is_active": "on",
            "roles": ["Housing", "Management"],
        },
    )
    assert r.status_code == 302
    assert set(bob.groups.values_list("name", flat=True)) == {"Housing", "Management"}
    r = c.post(reverse("account_password", args=[alice.pk]), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert r.status_code == 200 and "Seule la Direction peut définir le mot de passe" in r.content.decode()
    r = client_for(diane).post(
        reverse("account_password", args=[alice.pk]), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert r.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


def test_an_identifier_differing_only_by_case_is_taken(diane, alice, client_for):
    """Found walking the site: "Alice " was created next to "alice" (two
    accounts one letter's case apart: which one logs in, which one visits.csv
    names). Django's own user form refuses it; ours does too."""
    response = client_for(diane).post(
        reverse("account_add"),
        {
            "username": alice.username.upper() + " ",
            "first_name": "A",
            "last_name": "B",
            "email": "",
            "roles": ["Housing"],
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200 and "Cet identifiant est déjà pris." in response.content.decode()
    assert User.objects.filter(username__iexact=alice.username).count() == 1
