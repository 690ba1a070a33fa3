"""How ``sei`` fails: one line and an exit code, never a traceback unless ``--debug`` (issue 14).

Faults a user cannot fix by changing the input (a full disk, a read-only folder, a bug)
exit 1; bad input exits 2.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sei_analysis.cli import main

SEI = Path(sys.executable).with_name("sei")
BAD_UTF8 = b"growth \xff 2.9%\n"  # byte 7 is not UTF-8
ZH = "同比增长10.8%。\n"


def sei(*args: str, stdin: bytes = b"", **env: str) -> subprocess.CompletedProcess:
    """Run the installed ``sei`` in a subprocess with extra environment variables."""
    full_env = {**os.environ, **env}
    return subprocess.run(
        [str(SEI), *args], input=stdin, capture_output=True, env=full_env, timeout=120, check=False
    )


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


# ---------------------------------------------------------------- --debug and unexpected errors
@pytest.fixture
def broken_build(monkeypatch):
    from sei_analysis import build

    def kaboom(**kwargs):
        raise RuntimeError("kaboom on purpose")

    monkeypatch.setattr(build, "processed_tables", kaboom)


def test_an_unexpected_error_is_one_line_and_exit_1(broken_build):
    result = CliRunner().invoke(main, ["build", "--out", "unused"])

    assert result.exit_code == 1
    line = one_line(result.stderr)
    assert line.startswith("sei: error: ") and "RuntimeError: kaboom on purpose" in line
    assert "--debug" in line and "Traceback" not in result.output


def test_debug_lets_the_traceback_through(broken_build):
    result = CliRunner().invoke(main, ["--debug", "build", "--out", "unused"])

    assert isinstance(result.exception, RuntimeError)
    assert str(result.exception) == "kaboom on purpose"


def test_a_package_error_message_spanning_lines_is_printed_on_one(monkeypatch):
    from sei_analysis import build
    from sei_analysis.errors import RawDataError

    def corrupt(**kwargs):
        raise RawDataError("raw file x.txt: changed\n  expected sha256 aaa\n  found bbb")

    monkeypatch.setattr(build, "processed_tables", corrupt)
    result = CliRunner().invoke(main, ["build", "--out", "unused"])

    assert result.exit_code == 2
    assert one_line(result.stderr) == "sei: error: raw file x.txt: changed expected sha256 aaa found bbb"


# ---------------------------------------------------------------- read-only and full disks
def refuse_writes_under(monkeypatch, folder: Path, err: int) -> None:
    """Make every file creation under ``folder`` fail with ``err`` (works as root too)."""
    real_open = os.open

    def guarded(path, flags, *args, **kwargs):
        if str(path).startswith(str(folder)) and flags & os.O_CREAT:
            raise OSError(err, os.strerror(err), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)


@pytest.mark.parametrize("err", [errno.EROFS, errno.EACCES, errno.ENOSPC], ids=errno.errorcode.get)
def test_sei_build_into_an_unwritable_folder_is_one_line_naming_the_path(tmp_path, monkeypatch, err):
    out = tmp_path / "processed"
    out.mkdir()
    (out / "figures.csv").write_text("old\n")
    refuse_writes_under(monkeypatch, out, err)

    result = CliRunner().invoke(main, ["build", "--out", str(out)])

    assert result.exit_code == 1
    # the figure cache is written first; failing to write it is a warning, not the error
    warning, error = result.stderr.strip().splitlines()
    assert warning.startswith(f"sei: warning: figure cache {out / 'cache' / 'figures.parquet'} not written")
    line = one_line(error)
    assert line.startswith("sei: error: ") and line.endswith(f"{out / 'figures.csv'}: {os.strerror(err)}")
    assert (out / "figures.csv").read_text() == "old\n"  # the previous file is whole
    assert sorted(p.name for p in out.iterdir()) == ["figures.csv"]


def test_a_write_that_fails_half_way_names_the_final_file_not_the_temporary_one(tmp_path, monkeypatch):
    from sei_analysis.atomic import write_text

    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as info:
        write_text(tmp_path / "a.txt", "x" * 100)
    monkeypatch.setattr(os, "fsync", real_fsync)

    assert info.value.errno == errno.ENOSPC and info.value.filename == str(tmp_path / "a.txt")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root writes through chmod; the monkeypatched variant covers it"
)
def test_sei_build_into_a_read_only_folder_by_chmod(tmp_path):
    out = tmp_path / "processed"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = CliRunner().invoke(main, ["build", "--out", str(out)])
    finally:
        out.chmod(0o755)

    assert result.exit_code == 1
    assert "Permission denied" in one_line(result.stderr) and str(out) in result.stderr


# ---------------------------------------------------------------- stdin and the C locale (item 5)
@pytest.mark.parametrize(
    "locale_env", [{"LC_ALL": "C"}, {"LC_ALL": "C", "PYTHONUTF8": "0"}], ids=["C", "C-ascii"]
)
def test_invalid_utf8_on_stdin_exits_2_naming_stdin_and_the_byte(locale_env):
    done = sei("figures", stdin=BAD_UTF8, **locale_env)

    assert done.returncode == 2, done.stderr.decode(errors="replace")[-2000:]
    assert one_line(done.stderr.decode()) == (
        "sei: error: <stdin>: not UTF-8 text (invalid start byte at byte 7)"
    )


def test_invalid_utf8_on_stdin_through_click_exits_2():
    result = CliRunner().invoke(main, ["figures"], input=BAD_UTF8)

    assert result.exit_code == 2
    assert "<stdin>: not UTF-8 text" in result.stderr and "byte 7" in result.stderr


@pytest.mark.parametrize(
    "locale_env", [{"LC_ALL": "C"}, {"LC_ALL": "C", "PYTHONUTF8": "0"}], ids=["C", "C-ascii"]
)
def test_chinese_on_stdin_under_the_c_locale_comes_out_as_utf8(locale_env):
    done = sei("figures", "--format", "json", stdin=ZH.encode("utf-8"), **locale_env)

    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    rows = json.loads(done.stdout.decode("utf-8"))
    assert [r["value"] for r in rows] == [10.8] and "同比增长" in rows[0]["sentence"]
