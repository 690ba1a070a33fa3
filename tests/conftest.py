"""Shared fixtures: a writable copy of the raw data, and one deliberately messy text."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from sei_analysis import config

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A writable copy of data/raw (with sources.yml) under tmp_path; returns its path."""
    dest = tmp_path / "data" / "raw"
    shutil.copytree(config.RAW_DATA_DIR, dest)
    for path in dest.rglob("*"):
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
    return dest


@pytest.fixture
def project_copy(raw_copy: Path) -> Path:
    """A project root under tmp_path holding the raw copy; point SEI_PROJECT_ROOT at it."""
    return raw_copy.parents[1]


@pytest.fixture
def messy_text() -> str:
    """Every kind of noise the seeds carry, in one paragraph (see shared/seeds/README.md)."""
    return (
        "zero Useful+1\n"
        "【發(fā)改高技(2020)1409號】到2020年，戰(zhàn)略性新興產(chǎn)業(yè)增加值佔國內生產總值比重力爭達到１５％左右。\n"
        "(1) In the first half of 2020, the added value increased by 2.9%[3], 4.2 percentage points higher "
        "than all industry. Related News\n"
        "undefined\n"
        "The Links: NL8060BC26-35D G121SN01-V4\n"
    )
