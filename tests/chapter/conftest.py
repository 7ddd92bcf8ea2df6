import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_editor_cache():
    """The editor keeps a year's figures two minutes (chapter.selectors.editor_values)."""
    cache.clear()
    yield
    cache.clear()
