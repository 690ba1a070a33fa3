"""Hostile documents (issue 14): each ends in exit 0 or 2, in bounded time and memory,
reading nothing from outside the document, and a refusal changes nothing.

Each case runs ``sei add`` in a subprocess under ``RLIMIT_AS`` (virtual memory), so a
regression that inflates a bomb fails the test instead of taking the machine down, and
under a timeout, so one that hangs fails too.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import document_factories as factories
import pytest

# NOTE: the address space a `sei add` run may use: Python, pandas and the readers take
# about 500 MB of it; each bomb below would need a gigabyte or more on top.
MEMORY_LIMIT = 1200 * 1024 * 1024
# NOTE: the time a run may take before it counts as hung (a clean run takes 2-4 s).
TIMEOUT_S = 120


def snapshot(raw_dir: Path) -> dict[str, bytes]:
    return {
        p.relative_to(raw_dir).as_posix(): p.read_bytes() for p in sorted(raw_dir.rglob("*")) if p.is_file()
    }


def run_add(project: Path, *args: str) -> subprocess.CompletedProcess:
    """``sei add ARGS`` against ``project``, in a subprocess with capped memory and time."""

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    env = {
        "SEI_PROJECT_ROOT": str(project),
        "PATH": os.environ.get("PATH", ""),
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "LC_ALL": "C.UTF-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "sei_analysis", "add", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT_S,
        preexec_fn=cap_memory,
        check=False,
    )


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOPSECRET-4711 grew 99.9 percent", encoding="utf-8")
    return path


def assert_refused(project: Path, proc: subprocess.CompletedProcess, before: dict, message: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert snapshot(project / "data" / "raw") == before


def test_a_docx_with_an_external_entity_is_refused_and_the_file_never_read(project_copy, tmp_path, secret):
    path = tmp_path / "xxe.docx"
    factories.docx_with_xxe(path, secret)
    before = snapshot(project_copy / "data" / "raw")
    proc = run_add(project_copy, str(path), "--date", "2024-03-18")
    assert_refused(project_copy, proc, before, "declares a DTD or entities")
    assert "TOPSECRET" not in proc.stdout + proc.stderr


def test_a_docx_with_a_billion_laughs_chain_is_refused(project_copy, tmp_path):
    path = tmp_path / "lol.docx"
    factories.docx_billion_laughs(path)
    before = snapshot(project_copy / "data" / "raw")
    assert_refused(project_copy, run_add(project_copy, str(path)), before, "declares a DTD or entities")


def test_a_docx_that_declares_a_gigabyte_is_refused_before_it_inflates(project_copy, tmp_path):
    path = tmp_path / "bomb.docx"
    factories.docx_bomb(path, inflated=factories.GB)
    assert path.stat().st_size < 2 * 1024 * 1024
    before = snapshot(project_copy / "data" / "raw")
    assert_refused(project_copy, run_add(project_copy, str(path)), before, "bytes uncompressed; the cap is")


def test_a_docx_that_understates_a_gigabyte_stops_at_what_it_declared(project_copy, tmp_path):
    path = tmp_path / "liar.docx"
    factories.docx_bomb(path, inflated=factories.GB, declared=10_000)
    before = snapshot(project_copy / "data" / "raw")
    assert_refused(project_copy, run_add(project_copy, str(path)), before, "liar.docx: not a readable DOCX")


def test_a_pdf_whose_stream_inflates_to_a_gigabyte_is_refused(project_copy, tmp_path):
    path = tmp_path / "bomb.pdf"
    factories.pdf_bomb(path, inflated=factories.GB)
    before = snapshot(project_copy / "data" / "raw")
    assert_refused(
        project_copy, run_add(project_copy, str(path)), before, "a PDF stream inflates past the cap"
    )


def test_a_file_named_pdf_that_is_not_one_is_refused(project_copy, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"PK\x03\x04 this is a zip, not a PDF" * 10)
    before = snapshot(project_copy / "data" / "raw")
    assert_refused(project_copy, run_add(project_copy, str(path)), before, "report.pdf: not a PDF")


def test_html_nested_200000_levels_deep_is_refused(project_copy, tmp_path):
    path = tmp_path / "deep.html"
    path.write_bytes(factories.deep_html(200_000))
    before = snapshot(project_copy / "data" / "raw")
    assert_refused(project_copy, run_add(project_copy, str(path)), before, "nested more than 256 levels deep")


def test_html_of_60_mb_is_refused_without_being_parsed(project_copy, tmp_path):
    path = tmp_path / "huge.html"
    paragraph = "<p>规模以上工业增加值同比增长7.0%，增速比上月加快0.2个百分点。</p>\n".encode()
    with open(path, "wb") as fh:
        fh.write(b"<html><body>")
        for _ in range(60 * 1024 * 1024 // len(paragraph) + 1):
            fh.write(paragraph)
        fh.write(b"</body></html>")
    before = snapshot(project_copy / "data" / "raw")
    assert_refused(
        project_copy, run_add(project_copy, str(path)), before, "huge.html: larger than 20,971,520 bytes"
    )


def test_html_linking_local_files_is_read_without_reading_them(project_copy, tmp_path, secret):
    path = tmp_path / "links.html"
    path.write_bytes(factories.html_linking_local_files(secret))
    proc = run_add(project_copy, str(path), "--date", "2024-03-18", "--dry-run")
    assert proc.returncode == 0, proc.stderr
    assert "TOPSECRET" not in proc.stdout + proc.stderr
    assert "99.9" not in proc.stdout
    assert "figures found: 2" in proc.stdout


def test_a_symlink_is_refused(project_copy, tmp_path, secret):
    link = tmp_path / "release.txt"
    link.symlink_to(secret)
    before = snapshot(project_copy / "data" / "raw")
    assert_refused(
        project_copy, run_add(project_copy, str(link), "--date", "2024-03-18"), before, "symbolic link"
    )


def test_an_id_that_climbs_out_of_data_raw_is_refused(project_copy):
    page = Path(__file__).parent / "fixtures" / "nbs_release_gb2312.html"
    before = snapshot(project_copy / "data" / "raw")
    proc = run_add(project_copy, str(page), "--id", "../../x")
    assert_refused(project_copy, proc, before, "--id '../../x': expected")
    assert not (project_copy / "x").exists() and not (project_copy.parent / "x").exists()
