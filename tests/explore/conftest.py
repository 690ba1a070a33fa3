"""Keep each test's outcome on its node, so a fixture can save screenshots when a browser test fails."""

from __future__ import annotations

import pytest


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
