"""Find the notebooks, read their declared parameters and resolve a run's parameters.

Everything here happens before any kernel starts: a bad parameter stops the run with
`ParameterError` (exit 2) and no run directory is created.

Declared parameters come from ``papermill.inspect_notebook``: the first cell tagged
``parameters``, one assignment per line, a type annotation (``n_paths: int = 1000``)
and a trailing comment, which is the help text. A comment ending in an interval
declares the allowed range of a number (or of every value of a dict)::

    gdp_growth: float = 7.5  # nominal GDP growth, percent per year [-10, 30]

``[lo, hi]`` is closed, ``(lo, hi)`` open, and the brackets may be mixed.

Parameters files (YAML)::

    seed: 7                          # a global name: every notebook declaring it gets it
    03-scenario-projections:         # a section named after a notebook: only that notebook
      n_paths: 2000

``-p name=value`` sets a global name, ``-p NOTEBOOK.name=value`` one notebook's (a unique
prefix such as ``03`` names the notebook too). Values are YAML scalars or flow
collections. Precedence, lowest first: notebook default, file global, file section,
``-p`` global, ``-p`` section.
"""

from __future__ import annotations

import ast
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sei_analysis.errors import ParameterError

# NOTE: report notebooks are numbered (STYLE.md §6); anything else in the folder is ignored.
NOTEBOOK_PATTERN = re.compile(r"^\d{2}-[A-Za-z0-9_.-]+\.ipynb$")
# NOTE: the runner sets this one itself (it points into the run's figures/ folder).
RUNNER_PARAMETERS = ("figures_dir",)
# NOTE: a help comment ending in an interval declares a range: "[-10, 30]", "(0, 100)", "[0, inf)".
RANGE_PATTERN = re.compile(
    r"(?P<open>[\[(])\s*(?P<lo>[-+]?(?:inf|\d+(?:\.\d*)?(?:e[-+]?\d+)?))\s*,"
    r"\s*(?P<hi>[-+]?(?:inf|\d+(?:\.\d*)?(?:e[-+]?\d+)?))\s*(?P<close>[\])])\s*$",
    re.IGNORECASE,
)
# NOTE: numbers YAML 1.2 reads as floats but PyYAML's YAML 1.1 leaves as strings ("1e3", "1E-2").
YAML12_FLOAT = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d+$")
# NOTE: annotation name -> Python types accepted. An int is fine where a float is declared.
TYPES: dict[str, tuple[type, ...]] = {
    "int": (int,),
    "float": (float, int),
    "str": (str,),
    "bool": (bool,),
    "dict": (dict,),
    "list": (list,),
}


@dataclass(frozen=True)
class Range:
    """An interval of allowed numbers; ``lo_open``/``hi_open`` exclude the bound."""

    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False

    def __contains__(self, value: float) -> bool:
        above = value > self.lo if self.lo_open else value >= self.lo
        below = value < self.hi if self.hi_open else value <= self.hi
        return above and below

    def __str__(self) -> str:
        fmt = lambda x: repr(x) if math.isinf(x) else f"{x:g}"  # noqa: E731
        return f"{'(' if self.lo_open else '['}{fmt(self.lo)}, {fmt(self.hi)}{')' if self.hi_open else ']'}"


@dataclass(frozen=True)
class Declared:
    """One parameter a notebook declares: its type, default, help text and range."""

    name: str
    type_name: str  # "int", "float", "str", "bool", "dict", "list", or "" when unknown
    item_type: str  # for dict[str, float] / list[int]: the value type, else ""
    default: Any
    help: str
    range: Range | None = None


@dataclass(frozen=True)
class NotebookSpec:
    """A notebook selected for a run, with its declared and resolved parameters."""

    name: str
    path: Path
    declared: dict[str, Declared]
    overrides: dict[str, Any] = field(default_factory=dict)

    @property
    def resolved(self) -> dict[str, Any]:
        """Every declared parameter's value for this run (defaults plus overrides)."""
        values = {name: d.default for name, d in self.declared.items()}
        values.update(self.overrides)
        return values


def discover_notebooks(notebooks_dir: Path) -> list[Path]:
    """Return the numbered notebooks in ``notebooks_dir`` that are scheduled (`is_scheduled`), by name."""
    notebooks_dir = Path(notebooks_dir)
    if not notebooks_dir.is_dir():
        raise ParameterError(f"notebooks dir {notebooks_dir}: not a directory")
    paths = sorted(p for p in notebooks_dir.iterdir() if NOTEBOOK_PATTERN.match(p.name) and is_scheduled(p))
    if not paths:
        raise ParameterError(f"notebooks dir {notebooks_dir}: no notebooks named like 01-name.ipynb")
    return paths


# ---------------------------------------------------------------- scheduling (issue 12)
# NOTE: a notebook whose metadata holds {"sei": {"scheduled": false}} is for JupyterLab only
# (04-explore: widgets, no outputs worth keeping) and `sei report` leaves it out.
SCHEDULE_KEY = ("sei", "scheduled")


def is_scheduled(path: Path) -> bool:
    """False when the notebook's metadata sets ``sei.scheduled`` to false; True otherwise.

    An unreadable notebook counts as scheduled, so the parameter check names it.
    """
    try:
        metadata = json.loads(Path(path).read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError, AttributeError):
        return True
    section = metadata.get(SCHEDULE_KEY[0], {}) if isinstance(metadata, dict) else {}
    return not (isinstance(section, dict) and section.get(SCHEDULE_KEY[1], True) is False)


# ---------------------------------------------------------------- selection
def match_notebook(key: str, names: list[str]) -> str:
    """Return the notebook ``key`` names: an exact name or a unique prefix (``03``)."""
    if key in names:
        return key
    hits = [n for n in names if n.startswith(key)]
    if len(hits) == 1:
        return hits[0]
    what = "matches several notebooks" if hits else "matches no notebook"
    raise ParameterError(f"notebook {key!r} {what}; expected one of {', '.join(names)}")


def select_notebooks(paths: list[Path], only: tuple[str, ...] | list[str] = ()) -> list[Path]:
    """Keep the notebooks named by ``only`` (all when empty), in their numbered order."""
    if not only:
        return list(paths)
    names = [p.stem for p in paths]
    wanted = {match_notebook(key, names) for key in only}
    return [p for p in paths if p.stem in wanted]


def parse_range(help_text: str) -> Range | None:
    """Return the interval at the end of a help comment, or None.

    Examples
    --------
    >>> str(parse_range("nominal GDP growth, percent per year [-10, 30]"))
    '[-10, 30]'
    >>> parse_range("a seed") is None
    True
    >>> 0 in parse_range("share, percent (0, 100)")
    False
    """
    match = RANGE_PATTERN.search(help_text or "")
    if not match:
        return None
    return Range(
        float(match["lo"]),
        float(match["hi"]),
        lo_open=match["open"] == "(",
        hi_open=match["close"] == ")",
    )


def _parse_annotation(annotation: str) -> tuple[str, str]:
    """``"dict[str, float]"`` -> ``("dict", "float")``; ``"None"`` -> ``("", "")``."""
    text = (annotation or "").replace(" ", "")
    if text in ("", "None"):
        return "", ""
    head, _, rest = text.partition("[")
    head = head.lower()
    item = rest.rstrip("]").split(",")[-1].lower() if rest else ""
    return (head if head in TYPES else ""), (item if item in TYPES else "")


def _literal(text: str) -> tuple[Any, bool]:
    """The default's value and True when it is a literal, else its source text and False."""
    try:
        return ast.literal_eval(text), True
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return text, False


def declared_parameters(path: Path) -> dict[str, Declared]:
    """Read a notebook's declared parameters with ``papermill.inspect_notebook``."""
    import papermill

    try:
        raw = papermill.inspect_notebook(str(path))
    except Exception as exc:  # a corrupt .ipynb is bad input, not a failed run
        raise ParameterError(f"notebook {path}: cannot read its parameters ({exc})") from exc
    declared = {}
    for name, info in raw.items():
        type_name, item_type = _parse_annotation(info.get("inferred_type_name", ""))
        default, is_literal = _literal(info.get("default", ""))
        if not type_name and is_literal and default is not None:
            # NOTE: no annotation: infer the type from a literal default.
            type_name = next((t for t, types in TYPES.items() if type(default) is types[0]), "")
        declared[name] = Declared(
            name=name,
            type_name=type_name,
            item_type=item_type,
            default=default,
            help=info.get("help", ""),
            range=parse_range(info.get("help", "")),
        )
    return declared


def _yaml12_floats(value: Any, type_name: str, item_type: str) -> Any:
    """Read "1e-3" as 0.001 where a float is declared (PyYAML follows YAML 1.1, which does not)."""

    def fix(v: Any, t: str) -> Any:
        return float(v) if t == "float" and isinstance(v, str) and YAML12_FLOAT.match(v.strip()) else v

    if isinstance(value, dict):
        return {k: fix(v, item_type) for k, v in value.items()}
    if isinstance(value, list):
        return [fix(v, item_type) for v in value]
    return fix(value, type_name)


def _type_ok(value: Any, type_name: str) -> bool:
    if not type_name:
        return True
    if isinstance(value, bool) and type_name != "bool":
        return False  # NOTE: True is an int to Python, never to a parameter.
    return isinstance(value, TYPES[type_name])


def check_value(notebook: str, decl: Declared, value: Any) -> Any:
    """Check ``value`` against ``decl``; return it (ints become floats where floats are declared).

    Raises `ParameterError` naming the notebook, the parameter, the value and what was expected.
    """
    where = f"parameter {decl.name!r} of {notebook}"
    if value is None and decl.default is None:
        return None
    value = _yaml12_floats(value, decl.type_name, decl.item_type)
    if not _type_ok(value, decl.type_name):
        raise ParameterError(f"{where}: got {value!r} ({type(value).__name__}); expected {decl.type_name}")
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]
    for item in items:
        if decl.item_type and not _type_ok(item, decl.item_type):
            raise ParameterError(
                f"{where}: got {value!r}; expected {decl.type_name} of {decl.item_type}, not {item!r}"
            )
        if decl.range is not None:
            if not isinstance(item, int | float) or isinstance(item, bool) or math.isnan(item):
                raise ParameterError(f"{where}: got {item!r}; expected a number in {decl.range}")
            if item not in decl.range:
                raise ParameterError(f"{where}: got {item!r}; expected a number in {decl.range}")
    if decl.type_name == "float" and isinstance(value, int):
        return float(value)
    return value


def parse_assignment(text: str) -> tuple[str | None, str, Any]:
    """Parse ``-p [NOTEBOOK.]name=value`` into (notebook key or None, name, YAML value).

    Examples
    --------
    >>> parse_assignment("n_paths=200")
    (None, 'n_paths', 200)
    >>> parse_assignment("03.scenarios={base: 6.5}")
    ('03', 'scenarios', {'base': 6.5})
    """
    import yaml

    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ParameterError(f"-p {text!r}: expected name=value")
    notebook, _, name = key.rpartition(".")
    if not name.isidentifier():
        raise ParameterError(f"-p {text!r}: {name!r} is not a parameter name")
    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except yaml.YAMLError as exc:
        raise ParameterError(f"-p {text!r}: the value is not a YAML scalar ({exc})") from exc
    return (notebook or None), name, value


def load_params_file(path: Path) -> dict[str, Any]:
    """Read a YAML parameters file; it must be a mapping (empty is fine)."""
    import yaml

    path = Path(path)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ParameterError(f"params file {path}: not found") from exc
    except yaml.YAMLError as exc:
        raise ParameterError(f"params file {path}: not valid YAML ({exc})") from exc
    if doc is None:
        return {}
    if not isinstance(doc, dict):
        raise ParameterError(f"params file {path}: expected a mapping of names to values")
    return doc


def _split_file(doc: dict[str, Any], names: list[str], source: str) -> list[tuple[str | None, str, Any]]:
    """A params file as (notebook or None, name, value) triples, sections named exactly."""
    triples: list[tuple[str | None, str, Any]] = []
    for key, value in doc.items():
        key = str(key)
        if key in names or re.match(r"^\d{2}-", key):
            if key not in names:
                raise ParameterError(f"{source}: section {key!r} names no notebook; expected one of {names}")
            if not isinstance(value, dict):
                raise ParameterError(f"{source}: section {key!r} should map parameter names to values")
            triples.extend((key, str(k), v) for k, v in value.items())
        else:
            triples.append((None, key, value))
    return triples


def resolve_parameters(
    notebooks: list[Path],
    all_notebooks: list[Path] | None = None,
    params_file: Path | None = None,
    assignments: tuple[str, ...] | list[str] = (),
) -> list[NotebookSpec]:
    """Resolve and check every parameter for the selected ``notebooks``.

    ``all_notebooks`` (default: ``notebooks``) is what a global name may be declared by:
    a params file written for the whole report still works with ``--only``.

    Raises
    ------
    ParameterError
        Unknown name, wrong type, out of range, or a runner-set name given by the user.
    """
    all_notebooks = list(all_notebooks or notebooks)
    names = [p.stem for p in all_notebooks]
    selected = {p.stem for p in notebooks}
    declared = {p.stem: declared_parameters(p) for p in all_notebooks}

    layers: list[tuple[str | None, str, Any, str]] = []
    if params_file is not None:
        src = f"params file {params_file}"
        layers += [(nb, n, v, src) for nb, n, v in _split_file(load_params_file(params_file), names, src)]
    for text in assignments:
        nb, name, value = parse_assignment(text)
        layers.append((match_notebook(nb, names) if nb else None, name, value, f"-p {text}"))
    # NOTE: stable sort: file before -p (list order), globals before sections within each.
    order = {"params": 0, "-p": 1}
    layers.sort(key=lambda t: (order["-p" if t[3].startswith("-p") else "params"], t[0] is not None))

    overrides: dict[str, dict[str, Any]] = {p.stem: {} for p in notebooks}
    for nb, name, value, src in layers:
        if name in RUNNER_PARAMETERS:
            raise ParameterError(f"{src}: parameter {name!r} is set by the runner; do not pass it")
        targets = [nb] if nb else [n for n in names if name in declared[n]]
        if not targets or (nb and name not in declared[nb]):
            where = f"notebook {nb}" if nb else "any notebook"
            known = sorted(declared[nb]) if nb else sorted({k for d in declared.values() for k in d})
            raise ParameterError(
                f"{src}: unknown parameter {name!r} (value {value!r}); not declared by {where}. "
                f"Declared: {', '.join(k for k in known if k not in RUNNER_PARAMETERS)}"
            )
        for target in targets:
            checked = check_value(target, declared[target][name], value)
            if target in selected:
                overrides[target][name] = checked
    return [NotebookSpec(p.stem, p, declared[p.stem], overrides[p.stem]) for p in notebooks]
