"""Fixtures of the report-runner tests: the fixture notebooks and a reports folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_report_fixtures import make_fixture_notebooks


@pytest.fixture
def nbdir(tmp_path: Path) -> Path:
    return make_fixture_notebooks(tmp_path / "notebooks")


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    return tmp_path / "reports"
