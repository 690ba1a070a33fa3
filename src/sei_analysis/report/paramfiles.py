"""Parameters as written: a YAML params file, and ``-p [NOTEBOOK.]name=value`` assignments.

Both are read with a PyYAML safe loader that refuses a key given twice in one mapping (plain
PyYAML keeps the last one silently), naming the key and its lines. What the values mean is
`sei_analysis.report.params`' business; this module only reads them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sei_analysis.errors import ParameterError


def _unique_key_loader():
    """A PyYAML safe loader that refuses a key given twice in one mapping (PyYAML keeps the last)."""
    import yaml

    class UniqueKeyLoader(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue  # "<<: *defaults" may be overridden on purpose
                key = self.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                try:
                    first = seen.get(key)
                    seen.setdefault(key, line)
                except TypeError:
                    continue  # an unhashable key: SafeLoader reports it
                if first is not None:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"duplicate key {key!r} on line {line} (first on line {first})",
                        key_node.start_mark,
                    )
            return super().construct_mapping(node, deep=deep)

    return UniqueKeyLoader


def _yaml_load(text: str) -> Any:
    import yaml

    return yaml.load(text, Loader=_unique_key_loader())  # noqa: S506 - a SafeLoader subclass


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
        value = _yaml_load(raw) if raw.strip() else ""
    except yaml.constructor.ConstructorError as exc:
        raise ParameterError(f"-p {text!r}: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise ParameterError(f"-p {text!r}: the value is not a YAML scalar ({exc})") from exc
    return (notebook or None), name, value


def load_params_file(path: Path) -> dict[str, Any]:
    """Read a YAML parameters file; it must be a mapping (empty is fine)."""
    import yaml

    path = Path(path)
    try:
        doc = _yaml_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ParameterError(f"params file {path}: not found") from exc
    except UnicodeDecodeError as exc:
        raise ParameterError(
            f"params file {path}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from exc
    except OSError as exc:
        raise ParameterError(f"params file {path}: cannot be read ({exc.strerror})") from exc
    except yaml.constructor.ConstructorError as exc:
        raise ParameterError(f"params file {path}: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise ParameterError(f"params file {path}: not valid YAML ({exc})") from exc
    if doc is None:
        return {}
    if not isinstance(doc, dict):
        raise ParameterError(f"params file {path}: expected a mapping of names to values")
    return doc


def split_file(doc: dict[str, Any], names: list[str], source: str) -> list[tuple[str | None, str, Any]]:
    """A params file as (notebook or None, name, value) triples, sections named exactly."""
    triples: list[tuple[str | None, str, Any]] = []
    for key, value in doc.items():
        key = str(key)
        if key in names or re.match(r"\d{2}-", key):
            if key not in names:
                raise ParameterError(f"{source}: section {key!r} names no notebook; expected one of {names}")
            if not isinstance(value, dict):
                raise ParameterError(f"{source}: section {key!r} should map parameter names to values")
            triples.extend((key, str(k), v) for k, v in value.items())
        else:
            triples.append((None, key, value))
    return triples
