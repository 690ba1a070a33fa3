"""Packaging: environment.yml and pyproject.toml agree; importing the package stays cheap."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# NOTE: conda-forge names that differ from the PyPI names.
CONDA_TO_PYPI = {"python-kaleido": "kaleido"}
# NOTE: conda-only entries that are not Python dependencies of the package.
NOT_DEPENDENCIES = {"python", "pip"}


def requirement_name(spec: str) -> str:
    return re.split(r"[<>=!~\[ ;]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def pyproject_names() -> set[str]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = meta["dependencies"] + [s for group in meta["optional-dependencies"].values() for s in group]
    return {requirement_name(s) for s in specs}


def environment_names() -> set[str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    names = set()
    for dep in env["dependencies"]:
        for spec in dep["pip"] if isinstance(dep, dict) else [dep]:
            if spec.startswith("-"):  # `-e .` installs the package itself
                continue
            name = requirement_name(spec)
            names.add(CONDA_TO_PYPI.get(name, name))
    return names - NOT_DEPENDENCIES


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    assert environment_names() == pyproject_names()


def test_requirement_name_strips_versions_and_extras():
    assert requirement_name("python-pptx>=0.6.23") == "python-pptx"
    assert requirement_name("pandas[pyarrow] ==2.2") == "pandas"


def test_the_issue_dependencies_are_declared():
    assert {"pandas", "matplotlib", "plotly", "statsmodels", "papermill", "jupyterlab", "pyarrow"} <= (
        pyproject_names()
    )


def test_importing_the_package_does_not_load_the_heavy_libraries():
    code = (
        "import sys, sei_analysis; "
        "heavy = [m for m in ('matplotlib', 'plotly', 'statsmodels', 'papermill', 'nbconvert', 'pandera',"
        " 'cn2an', 'scipy', 'ipywidgets', 'anywidget', 'sei_analysis.explore') if m in sys.modules];"
        " print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_sei_help_lists_every_subcommand():
    out = subprocess.run(
        [sys.executable, "-m", "sei_analysis", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("figures", "build", "check", "project", "report"):
        assert re.search(rf"^\s+{command}\b", out.stdout, re.M), command
