"""`sei build` and `sei figures`: the data stages end to end."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest
from click.testing import CliRunner

from sei_analysis import build
from sei_analysis.cli import main
from sei_analysis.corpus import load_corpus


@pytest.fixture(scope="module")
def tables() -> build.ProcessedTables:
    return build.processed_tables()


def digests(folder):
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()
    }


def test_a_rebuild_from_the_cache_gives_byte_identical_output(tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    cold = digests(out)
    assert (out / "cache" / "figures.parquet").is_file()
    result = runner.invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert digests(out) == cold


def test_build_twice_gives_byte_identical_output(tmp_path):
    runner = CliRunner()
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        result = runner.invoke(main, ["build", "--out", str(out)])
        assert result.exit_code == 0, result.output
    assert digests(first) == digests(second)
    assert set(digests(first)) == {
        "figures.csv",
        "figures.parquet",
        "indicators.csv",
        "indicators.parquet",
        "checks.csv",
        "targets.csv",
        "review.csv",
    }


def test_build_leaves_no_temporary_files(tmp_path):
    CliRunner().invoke(main, ["build", "--out", str(tmp_path)])
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_every_figure_carries_its_document_and_provenance(tables):
    figures = tables.figures
    ids = set(load_corpus().query("kind == 'policy_text'")["id"])
    assert set(figures["doc_id"]) == ids
    assert figures[["doc_id", "source_title", "publisher", "date_published", "language"]].notna().all().all()


def test_figure_offsets_point_into_the_documents_normalised_text(tables):
    texts = load_corpus().set_index("id")["text"]
    sample = tables.figures.groupby("doc_id").head(20)
    for row in sample.itertuples(index=False):
        assert texts[row.doc_id][row.start : row.end] == row.raw


def test_parquet_keeps_the_types_csv_cannot(tmp_path, tables):
    build.write_processed(tmp_path, tables)
    figures = pd.read_parquet(tmp_path / "figures.parquet")
    assert figures["is_target"].dtype == bool
    assert figures["value"].dtype == "float64"


def test_sei_figures_reads_stdin_and_prints_json():
    text = "In 2019, the value added grew by 8.4 percent, 2.7 percentage points faster than industry."
    result = CliRunner().invoke(main, ["figures", "--format", "json"], input=text)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["value"], r["unit"]) for r in rows] == [(8.4, "percent"), (2.7, "percentage_point")]


def test_sei_figures_csv_labels_each_row_with_its_file(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("同比增长10.8%。", encoding="utf-8")
    b.write_text("It fell by 1.3%.", encoding="utf-8")
    result = CliRunner().invoke(main, ["figures", "--format", "csv", str(a), str(b)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(pd.io.common.StringIO(result.output))
    assert table[["file", "value"]].values.tolist() == [[str(a), 10.8], [str(b), -1.3]]


def test_sei_figures_names_a_missing_file_and_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["figures", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "nope.txt" in result.output


def test_sei_figures_rejects_a_file_that_is_not_utf8(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("croissance de 2,9 % en été".encode("latin-1"))
    result = CliRunner().invoke(main, ["figures", str(bad)])
    assert result.exit_code == 2
    assert "latin1.txt" in result.output and "not UTF-8" in result.output


def test_sei_check_names_each_warning_with_its_indicator_period_and_values():
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert "raw files: 6 verified" in result.output
    warn = [line for line in result.output.splitlines() if "WARN" in line]
    assert any("[sei_share_of_gdp 2010]" in line for line in warn)
    assert "values: " in result.output and "less than 4" in result.output


@pytest.mark.parametrize(("status", "code"), [("fail", 1), ("warn", 0)])
def test_sei_check_exits_1_only_when_a_check_fails(monkeypatch, tables, status, code):
    row = {
        "check": "derived_vs_published",
        "status": status,
        "indicator": "industry_va_growth",
        "period": "2020H1",
        "values": "derived -1.0 vs published -1.3",
        "sources": "x",
        "explanation": "differs by 0.3 pp, beyond the 0.1 pp rounding tolerance",
    }
    checks = pd.concat([tables.checks, pd.DataFrame([row])], ignore_index=True)
    bad = build.ProcessedTables(tables.figures, tables.indicators, checks, tables.targets)
    monkeypatch.setattr(build, "processed_tables", lambda **kw: bad)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == code, result.output
    assert f"{status.upper()} derived_vs_published [industry_va_growth 2020H1]" in result.output


# ---------------------------------------------------------------- file modes (issue 14, item 10)
@pytest.fixture
def umask_022():
    import os

    old = os.umask(0o022)
    yield 0o022
    os.umask(old)


def mode_of(path) -> int:
    import stat

    return stat.S_IMODE(path.stat().st_mode)


def test_sei_build_writes_files_the_umask_lets_others_read(tmp_path, umask_022):
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out")])

    assert result.exit_code == 0, result.output
    modes = {p.name: oct(mode_of(p)) for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert "cache/figures.parquet" in {
        str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*")
    }
    assert set(modes.values()) == {oct(0o644)}, modes
    assert oct(mode_of(tmp_path / "out" / "cache")) == oct(0o755)


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077], ids=oct)
def test_atomic_write_gives_a_new_file_0666_minus_the_umask(tmp_path, umask):
    import os

    from sei_analysis.atomic import atomic_path, write_text

    old = os.umask(umask)
    try:
        write_text(tmp_path / "a.txt", "x")
        with atomic_path(tmp_path / "b.bin") as tmp:
            tmp.write_bytes(b"x")
    finally:
        os.umask(old)

    assert mode_of(tmp_path / "a.txt") == 0o666 & ~umask
    assert mode_of(tmp_path / "b.bin") == 0o666 & ~umask


def test_atomic_write_keeps_the_mode_of_the_file_it_replaces(tmp_path, umask_022):
    import os

    from sei_analysis.atomic import atomic_path, write_text

    for name in ("a.txt", "b.bin"):
        (tmp_path / name).write_text("old")
        os.chmod(tmp_path / name, 0o640)

    write_text(tmp_path / "a.txt", "new")
    with atomic_path(tmp_path / "b.bin") as tmp:
        tmp.write_bytes(b"new")

    assert (tmp_path / "a.txt").read_text() == "new"
    assert mode_of(tmp_path / "a.txt") == 0o640
    assert mode_of(tmp_path / "b.bin") == 0o640


def test_atomic_path_sets_the_mode_even_when_the_writer_recreates_the_file(tmp_path, umask_022):
    import os

    from sei_analysis.atomic import atomic_path

    with atomic_path(tmp_path / "c.bin") as tmp:
        os.unlink(tmp)  # some writers remove and recreate their output
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT, 0o600)
        os.close(fd)

    assert mode_of(tmp_path / "c.bin") == 0o644


def test_a_full_disk_half_way_through_leaves_the_previous_tables_whole(tmp_path, monkeypatch):
    import errno

    import sei_analysis.pipeline as pipeline

    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", "--out", str(out)]).exit_code == 0
    before = digests(out)
    real = pipeline._write_one

    def fill_up(table, tmp, fmt):
        if tmp.name.startswith(".indicators"):
            raise OSError(errno.ENOSPC, "No space left on device", str(tmp))
        real(table.iloc[:1], tmp, fmt)  # anything but the old bytes

    monkeypatch.setattr(pipeline, "_write_one", fill_up)
    result = CliRunner().invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == 1
    assert digests(out) == before  # figures.csv was written to a temporary file, never renamed
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]
