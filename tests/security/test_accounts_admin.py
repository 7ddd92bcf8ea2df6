"""User accounts and roles in the admin (Admin role): no self-promotion,
no touching a superuser, staff status follows the Admin role."""

from __future__ import annotations

from django.contrib.auth.models import Group, User
from django.urls import reverse

from tests.conftest import PASSWORD


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


def test_the_admin_creates_an_account_with_a_role_and_a_strong_password(personas, client_for):
    client = client_for(personas["admin"])
    support = Group.objects.get(name="Housing")  # a clinical role is the Direction's (test_account_rules)
    weak = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newbie",
            "first_name": "N",
            "last_name": "B",
            "groups": [support.pk],
            "password1": "short-pw-1",
            "password2": "short-pw-1",
        },
    )
    assert weak.status_code == 200 and not User.objects.filter(username="newbie").exists()
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newbie",
            "first_name": "N",
            "last_name": "B",
            "groups": [support.pk],
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newbie")
    assert list(user.groups.values_list("name", flat=True)) == ["Housing"]
    assert not user.is_staff and not user.is_superuser


def test_granting_the_admin_role_makes_staff_and_removing_it_unmakes(personas, client_for):
    client = client_for(personas["admin"])
    bob = personas["housing"]
    admin_group = Group.objects.get(name="Admin")
    url = reverse("admin:auth_user_change", args=[bob.pk])
    assert client.post(url, _change_data(bob, [admin_group])).status_code == 302
    bob.refresh_from_db()
    assert bob.is_staff and not bob.is_superuser
    assert client.post(url, _change_data(bob, [Group.objects.get(name="Housing")])).status_code == 302
    bob.refresh_from_db()
    assert not bob.is_staff


def test_the_admin_cannot_give_itself_a_clinical_role(personas, client_for):
    adam = personas["admin"]
    client = client_for(adam)
    client.post(reverse("admin:auth_user_change", args=[adam.pk]), _change_data(adam, list(Group.objects.all())))
    assert list(adam.groups.values_list("name", flat=True)) == ["Admin"]


def test_the_admin_cannot_touch_a_superuser(personas, client_for):
    root = User.objects.create_superuser("root", password=PASSWORD)
    client = client_for(personas["admin"])
    assert (
        client.post(
            reverse("admin:auth_user_password_change", args=[root.pk]), {"password1": "x" * 20, "password2": "x" * 20}
        ).status_code
        == 403
    )
    assert client.post(reverse("admin:auth_user_delete", args=[root.pk]), {"post": "yes"}).status_code == 403
    root.refresh_from_db()
    assert root.check_password(PASSWORD)


def test_the_admin_unlocks_a_locked_account(personas, client_for):
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.create(
        username="alice", ip_address="192.0.2.1", user_agent="x", failures_since_start=5
    )
    client = client_for(personas["admin"])
    response = client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()


def test_the_admin_never_sees_a_totp_secret(personas, client_for):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=personas["direction"], name="Téléphone", confirmed=True)
    html = (
        client_for(personas["admin"])
        .get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
        .content.decode()
    )
    assert device.key not in html
