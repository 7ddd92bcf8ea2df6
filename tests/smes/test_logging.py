"""What the application logs: refused accesses and refused imports, with
ids and counts only — never a name, never a cell of the file."""

import logging

from django.urls import reverse

from records.interchange.engine import import_directory
from tests.factories import TenantFactory


def test_it_logs_a_refused_page_with_the_account_id_and_the_capability(client_for, bob, caplog):
    tenant = TenantFactory(last_name="Vandermeulen")
    with caplog.at_level(logging.WARNING, logger="smes.roles"):
        response = client_for(bob).get(reverse("tenants:clinical", args=[tenant.pk]))

    assert response.status_code == 403
    refused = [r for r in caplog.records if r.name == "smes.roles"]
    assert [r.getMessage() for r in refused] == [f"Access refused to user {bob.pk}: clinical.view"]
    assert "bob" not in caplog.text and "Vandermeulen" not in caplog.text


def test_it_logs_a_refused_import_with_file_names_and_counts_only(tmp_path, diane, caplog):
    (tmp_path / "tenants.csv").write_text("code,last_name\nHF-0001,Vandermeulen\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="records.interchange.engine"):
        report = import_directory(tmp_path, actor=diane)

    assert report.errors
    (record,) = [r for r in caplog.records if r.name == "records.interchange.engine"]
    assert record.getMessage().startswith("Import refused: ")
    assert "tenants.csv" in record.getMessage() and f"(user {diane.pk})" in record.getMessage()
    assert "Vandermeulen" not in caplog.text and "HF-0001" not in caplog.text
