"""What a run records about itself: ``manifest.json`` and ``params.yml``.

``manifest.json`` (all times ISO-8601 UTC, paths relative to the run dir)::

    {
      "run_id": "20261122T013000Z",
      "status": "succeeded" | "failed",
      "started_at": "...", "finished_at": "...", "duration_s": 41.2,
      "git": {"commit": "…40 hex…", "dirty": false},
      "versions": {"python": "3.11.2", "sei-analysis": "0.1.0", "pandas": "…", …},
      "options": {"jobs": 2, "timeout_s": 600, "only": [], "params_file": "…", "assignments": […]},
      "parameters": {"<notebook>": {"<name>": value, …}, …},
      "notebooks": {"<notebook>": {"status": "succeeded" | "failed" | "skipped",
                                    "duration_s": 12.3, "outputs": ["<nb>.ipynb", "<nb>.html"],
                                    "error": null | {"ename", "evalue", "cell_index"}}, …},
      "figures": ["figures/…", …],
      "briefing": {"status": "built" | "not built" | "failed", "detail": "…", "outputs": […]},
      "error": null | "why the run failed"
    }
"""

from __future__ import annotations

import json
import math
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

from sei_analysis import config

# NOTE: the packages whose versions explain a report's numbers and looks.
VERSIONED_PACKAGES = (
    "sei-analysis",
    "pandas",
    "numpy",
    "statsmodels",
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
    "matplotlib",
    "plotly",
    "kaleido",
    "python-pptx",
)


def package_versions() -> dict[str, str | None]:
    """Python's and each package's installed version (None when not installed)."""
    versions: dict[str, str | None] = {"python": platform.python_version()}
    for name in VERSIONED_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def git_state(root: Path | None = None) -> dict[str, Any]:
    """The checkout's commit and whether it has uncommitted changes (None outside git)."""
    root = Path(root or config.PROJ_ROOT)

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10, check=True
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip()

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no") if commit else None
    return {"commit": commit, "dirty": bool(status) if status is not None else None}


def jsonable(value: Any) -> Any:
    """Parameters as JSON/YAML-safe values (non-finite floats become strings)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def write_manifest(run_dir: Path, manifest: dict[str, Any]) -> None:
    """Write ``manifest.json`` atomically."""
    from sei_analysis.atomic import write_text

    write_text(
        Path(run_dir) / "manifest.json", json.dumps(jsonable(manifest), indent=2, ensure_ascii=False) + "\n"
    )


def write_params(
    run_dir: Path, parameters: dict[str, dict[str, Any]], symbols: dict[str, dict[str, Any]] | None = None
) -> None:
    """Write ``params.yml``: the resolved parameters, one section per notebook.

    A value that a symbol stood for (``base_share: latest``) carries a comment with the
    symbol and where the number came from, so the file both records the run and, fed back
    to ``sei report --params``, repeats it with the same numbers.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> write_params(d, {"03-x": {"gdp_growth": 4.085}}, {"03-x": {"gdp_growth": {"symbol": "recent",
    ...     "value": 4.085, "source": "4.09% a year, the compound mean of 2024-2025"}}})
    >>> (d / "params.yml").read_text().splitlines()[-1]
    '  gdp_growth: 4.085  # recent: 4.09% a year, the compound mean of 2024-2025'
    """
    import yaml

    from sei_analysis.atomic import write_text

    header = (
        "# The resolved parameters of this run, per notebook (defaults plus overrides).\n"
        "# figures_dir is set by the runner; it is the run's figures/ folder. A value resolved\n"
        "# from a symbol (latest, recent) says so in a comment.\n"
    )
    symbols = symbols or {}
    lines = []
    for notebook, values in jsonable(parameters).items():
        body = yaml.safe_dump({notebook: values}, sort_keys=False, allow_unicode=True).splitlines()
        for name, record in symbols.get(notebook, {}).items():
            body = [
                f"{line}  # {record['symbol']}: {' '.join(str(record['source']).split())}"
                if line.startswith(f"  {name}: ")
                else line
                for line in body
            ]
        lines += body
    write_text(Path(run_dir) / "params.yml", header + "\n".join(lines) + "\n")


def last_durations(reports_dir: Path) -> dict[str, float]:
    """Seconds each notebook took in the newest run that succeeded (``reports/latest``), or {}.

    The runner starts the longest notebooks first, so a run of uneven notebooks on two
    workers ends sooner (longest-processing-time-first). A missing or unreadable manifest
    means no history: the notebooks then start in their numbered order.

    Examples
    --------
    >>> import tempfile
    >>> last_durations(Path(tempfile.mkdtemp()))
    {}
    """
    try:
        doc = json.loads((Path(reports_dir) / "latest" / "manifest.json").read_text(encoding="utf-8"))
        return {
            name: float(entry["duration_s"])
            for name, entry in doc.get("notebooks", {}).items()
            if isinstance(entry, dict) and isinstance(entry.get("duration_s"), int | float)
        }
    except (OSError, ValueError, AttributeError, TypeError):
        return {}
