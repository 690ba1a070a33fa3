"""Tiny notebooks for testing the report runner without the real notebooks (no tests here).

``make_fixture_notebooks(folder)`` writes three numbered notebooks:

- ``01-writes``: typed parameters (float with a range, int, bool, str, dict of floats);
  writes ``figures_dir/out.txt`` and optionally a ``<name>.meta.json``;
- ``02-raises``: raises ``ValueError('boom on purpose')`` when ``fail`` is True;
- ``03-sleeps``: sleeps ``seconds``.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

WRITES_PARAMS = """\
figures_dir: str = ""  # where the run wants files
x: float = 1.5  # a number [0, 10]
n: int = 3  # a count [1, 100]
flag: bool = False  # a switch
label: str = "a"  # a label
weights: dict[str, float] = {"a": 1.0}  # weights per name [0, 10]
write_meta: bool = False  # also write a chart's meta.json
"""
WRITES_BODY = """\
import json, os, pathlib
out = pathlib.Path(figures_dir or os.environ["SEI_FIGURES_DIR"])
(out / "out.txt").write_text(f"{x} {n} {flag} {label} {weights} {os.getcwd()}")
if write_meta:
    (out / "fake.meta.json").write_text(json.dumps({"name": "fake", "title": "A fake chart"}))
print("SECRET-SOURCE-MARKER" if False else "visible output")
"""


def make_notebook(folder: Path, name: str, params: str | None, *cells: str) -> Path:
    """Write ``folder/name.ipynb``: a ``parameters`` cell (if given), then code cells."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    code = []
    if params is not None:
        cell = nbformat.v4.new_code_cell(params)
        cell.metadata["tags"] = ["parameters"]
        code.append(cell)
    code += [nbformat.v4.new_code_cell(src) for src in cells]
    nb.cells = code
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def make_fixture_notebooks(folder: Path) -> Path:
    """Write the three fixture notebooks into ``folder``; return it."""
    make_notebook(folder, "01-writes", WRITES_PARAMS, WRITES_BODY)
    make_notebook(
        folder,
        "02-raises",
        "fail: bool = False  # raise on purpose\nn: int = 5  # another count [0, 10]",
        "print('before the failure')",
        "if fail:\n    raise ValueError('boom on purpose')",
    )
    make_notebook(
        folder,
        "03-sleeps",
        "seconds: float = 0.0  # how long to sleep [0, 600]",
        "import time\ntime.sleep(seconds)",
    )
    return folder


def sei_report(nbdir: Path, reports: Path, *args: str):
    """Run ``sei report`` on the fixture notebooks into ``reports``; return click's Result."""
    from click.testing import CliRunner

    from sei_analysis.cli import main

    argv = ["report", "--notebooks-dir", str(nbdir), "--reports-dir", str(reports), "--jobs", "2", *args]
    return CliRunner().invoke(main, argv, catch_exceptions=False)
