"""Shared fixtures: named personas, one per role, and helpers.

alice (Support), sam (second Support), bob (Housing), maggie (Management),
diane (Direction), adam (Admin, staff), oscar (no role).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

from smes.accounts import user_create
from smes.roles import ADMIN, DIRECTION, HOUSING, MANAGEMENT, SUPPORT

PASSWORD = "correct-horse-battery-staple"
# In CI (CI=true) a test whose tool is missing (Chromium, LibreOffice) fails instead of skipping.
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# What the tests read, carried by the repository (tests/data/README.md).
DATA_DIR = Path(__file__).resolve().parent / "data"


def _persona(username, roles, first_name):
    return user_create(username=username, roles=roles, password=PASSWORD, first_name=first_name, last_name="Test")


@pytest.fixture
def alice(db):
    return _persona("alice", [SUPPORT], "Alice")


@pytest.fixture
def sam(db):
    return _persona("sam", [SUPPORT], "Sam")


@pytest.fixture
def bob(db):
    return _persona("bob", [HOUSING], "Bob")


@pytest.fixture
def maggie(db):
    return _persona("maggie", [MANAGEMENT], "Maggie")


@pytest.fixture
def diane(db):
    return _persona("diane", [DIRECTION], "Diane")


@pytest.fixture
def adam(db):
    return _persona("adam", [ADMIN], "Adam")


@pytest.fixture
def oscar(db):
    return _persona("oscar", [], "Oscar")


@pytest.fixture
def personas(alice, bob, maggie, diane, adam, oscar):
    return {
        "support": alice,
        "housing": bob,
        "management": maggie,
        "direction": diane,
        "admin": adam,
        "outsider": oscar,
    }


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client logged in as that user."""

    def make(user):
        from django.test import Client

        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    return make


@pytest.fixture
def sample_dir() -> Path:
    """The sample data set (docs/format.md), a folder of interchange files."""
    return DATA_DIR / "sample"


def on_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests are deselected (not skipped) on SQLite: the
    PostgreSQL run of .ci/run executes them."""
    if on_postgres():
        return
    keep, dropped = [], []
    for item in items:
        (dropped if "postgres" in item.keywords else keep).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the report keeps earlier years
    there, keyed by the newest row ids, which SQLite reuses after a rollback)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _catalogue_after_flush(request):
    """Transactional tests end with a flush that also empties what the data
    migrations created (the RdR catalogue). Put it back for the next test
    that uses the database (one cheap query when it is there)."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if not (marker or {"db", "transactional_db", "live_server"} & names):
        yield
        return
    transactional = (
        "transactional_db" in names
        or "live_server" in names
        or bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from harmreduction.models import Item
    from tests.harmreduction.catalogue import restore_catalogue

    if not Item.objects.exists():
        restore_catalogue()
    yield


@pytest.fixture(autouse=True)
def _french_first():
    """Each test starts in French: a request with a language cookie (the
    middleware activates it for the thread) must not leak into the next
    test's messages."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
