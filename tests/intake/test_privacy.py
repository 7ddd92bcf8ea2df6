"""Requests never leading to housing are anonymised 2 years after their
closing; the GDPR export of a tenant covers the requests linked to them."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.management import call_command

from intake.models import Request
from intake.services import request_set_status, requests_anonymise
from records.gdpr import subject_access_zip
from tests.intake.helpers import house, make_request, move

pytestmark = pytest.mark.django_db

D = dt.date


def test_closed_requests_without_housing_are_anonymised_after_two_years(capsys):
    old = make_request(D(2022, 1, 10), notes="Voix, alcool", name="Jean Durand", birth_year=1970)
    request_set_status(request=old, status="ORIENTED", date=D(2022, 3, 1), reason="CPAS d'Ixelles", user=None)
    recent = make_request(D(2025, 1, 10), notes="Voix")
    move(recent, ("WITHDRAWN", D(2025, 2, 1)))
    housed = move(make_request(D(2022, 1, 10), name="Paul"), ("ELIGIBLE", D(2022, 1, 11)))
    house(housed, D(2022, 6, 1))
    open_one = make_request(D(2021, 1, 10), name="Ouvert")
    call_command("anonymise", "--requests-only")
    assert "1 intake request(s) anonymised" in capsys.readouterr().out
    old.refresh_from_db()
    assert old.anonymised and old.name == "Anonymisé·e" and old.notes == "" and old.birth_year is None
    assert not old.mental_health and old.changes.get(status="ORIENTED").reason == "CPAS d'Ixelles"
    assert all("Voix" not in (h.notes or "") and h.name != "Jean Durand" for h in old.history.all())
    # The figures stay: dates, statuses, channel.
    assert old.status == "ORIENTED" and old.closed_on == D(2022, 3, 1)
    for kept in (recent, housed, open_one):
        kept.refresh_from_db()
        assert not kept.anonymised
    assert requests_anonymise() == []


def test_the_gdpr_export_of_a_tenant_holds_their_requests(diane):
    req = move(make_request(D(2025, 1, 10), notes="Première demande"), ("ELIGIBLE", D(2025, 1, 11)))
    house(req, D(2025, 6, 1))
    req.refresh_from_db()
    again = make_request(D(2025, 9, 1), kind="REHOUSING", tenant=req.housed_tenant, notes="Relogement")
    archive = zipfile.ZipFile(io.BytesIO(subject_access_zip(req.housed_tenant, requested_by=diane)))
    names = archive.namelist()
    text = "".join(archive.read(n).decode("utf-8-sig") for n in names if n.endswith(".csv"))
    assert "Première demande" in text and "Relogement" in text
    assert Request.objects.count() == 2 and again
