"""pytest plugin (loaded with -p in pyproject.toml, before pytest-django
reads the settings): development defaults for the test run."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("TEST_FAST_PASSWORD_HASHER", "true")
