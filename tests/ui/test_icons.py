"""Every icon the application names exists, and an unknown name fails loudly."""

from __future__ import annotations

import pytest

from workbench.ui.icons import APP_ID, icon, icon_path

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("qapp")]


def test_the_application_icon_exists_and_loads() -> None:
    assert icon_path(APP_ID).read_text(encoding="utf-8").startswith("<?xml")
    assert not icon(APP_ID).isNull()


def test_an_unknown_icon_is_an_error() -> None:
    with pytest.raises(LookupError, match="no icon named"):
        icon_path("no-such-icon")
