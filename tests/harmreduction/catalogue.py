"""Transactional tests (live_server, threads) end with a flush that also
empties the catalogue created by the data migration; `serialized_rollback`
does not bring it back once Playwright's event loop runs (the connection is
then another object, without the serialized copy). Tests that need the
catalogue after such a flush re-run the migration's own function."""

from importlib import import_module

from django.apps import apps


def restore_catalogue() -> None:
    migration = import_module("harmreduction.migrations.0003_catalogue_2025")
    migration.create_catalogue(apps, None)
