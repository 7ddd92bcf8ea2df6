import pytest

from tests.security.world import build_world


@pytest.fixture
def world(personas, settings, tmp_path):
    """One record of each kind; uploaded files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world(personas)
