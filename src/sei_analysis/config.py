"""Every path the project uses, built from one root.

The root is the repository checkout (``src/sei_analysis/config.py`` sits two levels
below it). Set ``SEI_PROJECT_ROOT`` to point the package at another checkout, for
example a copy made by a test.
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """Return the project root: ``$SEI_PROJECT_ROOT`` if set, else the checkout."""
    env = os.environ.get("SEI_PROJECT_ROOT")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[2]


PROJ_ROOT = project_root()
DATA_DIR = PROJ_ROOT / "data"
RAW_DATA_DIR = DATA_DIR / "raw"
PROCESSED_DATA_DIR = DATA_DIR / "processed"
SOURCES_FILE = RAW_DATA_DIR / "sources.yml"
REFERENCE_FILE = RAW_DATA_DIR / "reference" / "sei_reference_figures.csv"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
REPORTS_DIR = PROJ_ROOT / "reports"
DEFAULT_PARAMS_FILE = REPORTS_DIR / "params" / "default.yml"
