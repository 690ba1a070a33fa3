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
collections; a key given twice in a mapping is an error. Precedence, lowest first:
notebook default, file global, file section, ``-p`` global, ``-p`` section.

Every value given goes through two steps, in `resolve_parameters`:

1. `resolve_value` turns what was written into the value the notebook gets ("1e-3" where a
   float is declared becomes 0.001). Symbolic values belong here.
2. `check_value` checks it against the declaration: type, range, finite numbers.

Then the rules between parameters (`sei_analysis.report.checks`) run on each selected
notebook's resolved values.
"""

from __future__ import annotations

import ast
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sei_analysis.errors import ParameterError
from sei_analysis.report.checks import check_notebook
from sei_analysis.report.paramfiles import load_params_file, parse_assignment, split_file
from sei_analysis.report.symbols import Resolved, expected, is_symbol, resolve_symbols

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

# NOTE: report notebooks are numbered (STYLE.md §6); anything else in the folder is ignored.
# Every validating pattern here is used with fullmatch (or ends in \Z): "$" also matches
# before a final newline, so "01-x.ipynb\n" would pass a "^...$" match.
NOTEBOOK_PATTERN = re.compile(r"\d{2}-[A-Za-z0-9_.-]+\.ipynb")
# NOTE: the runner sets this one itself (it points into the run's figures/ folder).
RUNNER_PARAMETERS = ("figures_dir",)
# NOTE: a help comment ending in an interval declares a range: "[-10, 30]", "(0, 100)", "[0, inf)".
RANGE_PATTERN = re.compile(
    r"(?P<open>[\[(])\s*(?P<lo>[-+]?(?:inf|\d+(?:\.\d*)?(?:e[-+]?\d+)?))\s*,"
    r"\s*(?P<hi>[-+]?(?:inf|\d+(?:\.\d*)?(?:e[-+]?\d+)?))\s*(?P<close>[\])])\s*\Z",
    re.IGNORECASE,
)
# NOTE: numbers YAML 1.2 reads as floats but PyYAML's YAML 1.1 leaves as strings ("1e3", "1E-2").
YAML12_FLOAT = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d+")
# NOTE: a value longer than this is cut in messages (a 400-digit number is still one line).
SHOWN_CHARS = 60
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
    symbols: dict[str, Resolved] = field(default_factory=dict)

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
    paths = sorted(
        p for p in notebooks_dir.iterdir() if NOTEBOOK_PATTERN.fullmatch(p.name) and is_scheduled(p)
    )
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


def shown(value: Any) -> str:
    """``repr(value)``, cut to `SHOWN_CHARS` characters for a one-line message.

    Examples
    --------
    >>> shown(2.5)
    '2.5'
    >>> shown(int("9" * 400))
    '999999999999999999999999999999999999999999999999999999999999... (400 characters)'
    """
    text = repr(value)
    return text if len(text) <= SHOWN_CHARS else f"{text[:SHOWN_CHARS]}... ({len(text)} characters)"


def _yaml12_floats(value: Any, type_name: str, item_type: str) -> Any:
    """Read "1e-3" as 0.001 where a float is declared (PyYAML follows YAML 1.1, which does not)."""

    def fix(v: Any, t: str) -> Any:
        return float(v) if t == "float" and isinstance(v, str) and YAML12_FLOAT.fullmatch(v.strip()) else v

    if isinstance(value, dict):
        return {k: fix(v, item_type) for k, v in value.items()}
    if isinstance(value, list):
        return [fix(v, item_type) for v in value]
    return fix(value, type_name)


def resolve_value(notebook: str, decl: Declared, value: Any) -> Any:
    """What a written value means for ``decl``, before it is checked.

    Today: exponent notation ("1e-3") is a float where a float is declared. This is the one
    place where a value is turned into another, so symbolic values (``base_share: latest``)
    go here: ``check_value`` then checks what they resolved to.
    """
    return _yaml12_floats(value, decl.type_name, decl.item_type)


def _number_problem(item: Any, type_name: str) -> str | None:
    """Why ``item`` is not a usable number, or None (it is one, or it is not a number at all)."""
    if isinstance(item, bool) or not isinstance(item, int | float):
        return None
    if isinstance(item, float) and not math.isfinite(item):
        return "expected a finite number"
    if isinstance(item, int) and type_name == "float":
        try:
            float(item)
        except OverflowError:
            return "expected a finite number (too large for a float)"
    return None


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
    value = _yaml12_floats(value, decl.type_name, decl.item_type)  # also for direct callers
    if not _type_ok(value, decl.type_name):
        raise ParameterError(
            f"{where}: got {shown(value)} ({type(value).__name__}); expected {decl.type_name}"
        )
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]
    for item in items:
        if decl.item_type and not _type_ok(item, decl.item_type):
            raise ParameterError(
                f"{where}: got {shown(value)}; expected {decl.type_name} of {decl.item_type}, "
                f"not {shown(item)}"
            )
        if decl.range is not None:
            if not isinstance(item, int | float) or isinstance(item, bool) or item not in decl.range:
                raise ParameterError(f"{where}: got {shown(item)}; expected a number in {decl.range}")
        if problem := _number_problem(item, decl.item_type or decl.type_name):
            raise ParameterError(f"{where}: got {shown(item)}; {problem}")
    if decl.type_name == "float" and isinstance(value, int):
        return float(value)
    return value


def resolve_parameters(
    notebooks: list[Path],
    all_notebooks: list[Path] | None = None,
    params_file: Path | None = None,
    assignments: tuple[str, ...] | list[str] = (),
    indicators: Callable[[], pd.DataFrame] | None = None,
) -> list[NotebookSpec]:
    """Resolve and check every parameter for the selected ``notebooks``.

    ``all_notebooks`` (default: ``notebooks``) is what a global name may be declared by:
    a params file written for the whole report still works with ``--only``. Symbolic
    values (``base_share: latest``, `sei_analysis.report.symbols`) are replaced by the
    numbers the indicators table gives (``indicators``, default ``data/processed``), and
    those numbers are checked like any other.

    Raises
    ------
    ParameterError
        Unknown name, wrong type, out of range, a runner-set name given by the user, or
        values that break a rule between parameters (`sei_analysis.report.checks`).
    """
    all_notebooks = list(all_notebooks or notebooks)
    names = [p.stem for p in all_notebooks]
    selected = {p.stem for p in notebooks}
    declared = {p.stem: declared_parameters(p) for p in all_notebooks}

    layers: list[tuple[str | None, str, Any, str]] = []
    if params_file is not None:
        src = f"params file {params_file}"
        layers += [(nb, n, v, src) for nb, n, v in split_file(load_params_file(params_file), names, src)]
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
            decl = declared[target][name]
            if is_symbol(name, value):
                checked = value.strip().lower()  # resolved below, once every layer is in
            else:
                checked = _check_or_hint(target, decl, resolve_value(target, decl, value))
            if target in selected:
                overrides[target][name] = checked
    specs = [NotebookSpec(p.stem, p, declared[p.stem], overrides[p.stem]) for p in notebooks]
    specs = [_with_symbols_resolved(spec, indicators) for spec in specs]
    for spec in specs:
        check_notebook(spec.name, spec.resolved)
    return specs


def _check_or_hint(notebook: str, decl: Declared, value: Any) -> Any:
    """`check_value`, with the symbols a parameter accepts named when a string is refused."""
    try:
        return check_value(notebook, decl, value)
    except ParameterError as exc:
        if isinstance(value, str) and expected(decl.name):
            raise ParameterError(f"{exc}, or one of: {expected(decl.name)}") from exc
        raise


def _with_symbols_resolved(spec: NotebookSpec, indicators: Callable[[], pd.DataFrame] | None) -> NotebookSpec:
    """The spec with its symbolic values replaced by checked numbers, and a record of each."""
    values = spec.resolved
    if not any(is_symbol(name, value) for name, value in values.items()):
        return spec
    if indicators is None:
        # NOTE: the table the notebooks build from data/raw (cache-backed), not data/processed:
        # a symbol resolves to the number the notebook will show, with or without `sei build`.
        from sei_analysis.pipeline import processed_tables

        def indicators() -> pd.DataFrame:
            return processed_tables().indicators

    numbers, resolved = resolve_symbols(spec.name, values, indicators)
    overrides = dict(spec.overrides)
    for name in resolved:
        overrides[name] = check_value(spec.name, spec.declared[name], numbers[name])
    return replace(spec, overrides=overrides, symbols=resolved)
