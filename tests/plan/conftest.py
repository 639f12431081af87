"""The plan's fixed clock: 1 March 2026, 10:00 UTC, unless a test moves it."""

from datetime import UTC, datetime

import pytest

NOW = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch):
    """Set the plan views' clock: `clock(datetime)`; starts at NOW."""
    from stories.plan import views

    def set_to(moment):
        monkeypatch.setattr(views, "_now", lambda: moment)
        return moment

    set_to(NOW)
    return set_to
