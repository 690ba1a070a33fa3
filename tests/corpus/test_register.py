"""Registering documents: one new record each, originals copied, refusals change nothing."""

from __future__ import annotations

import difflib
import hashlib
import os
from pathlib import Path

import pytest
import yaml
from document_factories import docx_release, encrypt_pdf, pdf_with_lines, release_pdf_bytes

from sei_analysis.corpus import read_sources, verify_checksums
from sei_analysis.corpus.register import RECORD_FIELDS, AddOptions, add_documents, plan_additions
from sei_analysis.errors import DocumentError

FIXTURES = Path(__file__).parent / "fixtures"
NBS = FIXTURES / "nbs_release_gb2312.html"


def snapshot(raw_dir: Path) -> dict[str, bytes]:
    """Every file under data/raw, by relative path, with its bytes."""
    return {
        p.relative_to(raw_dir).as_posix(): p.read_bytes() for p in sorted(raw_dir.rglob("*")) if p.is_file()
    }


def test_adding_a_page_appends_one_record_and_nothing_else(raw_copy):
    before = (raw_copy / "sources.yml").read_text(encoding="utf-8")
    add_documents([NBS], raw_dir=raw_copy)
    after = (raw_copy / "sources.yml").read_text(encoding="utf-8")
    assert after.startswith(before)  # comments, order and quoting of the old records survive
    diff = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]
    assert all(line.startswith("+ ") for line in diff)
    assert len(diff) == len(RECORD_FIELDS)


def test_the_new_record_has_every_field_in_order(raw_copy):
    add_documents([NBS], raw_dir=raw_copy)
    record = yaml.safe_load((raw_copy / "sources.yml").read_text(encoding="utf-8"))["sources"][-1]
    assert list(record) == list(RECORD_FIELDS)
    assert record["id"] == "nbs-2024-03-18-economy"
    assert record["path"] == "policy/nbs_release_gb2312.html"
    assert (record["kind"], record["language"], record["date"]) == ("policy_text", "zh-Hans", "2024-03-18")
    assert record["title"] == "2024年1—2月份国民经济起步平稳"
    assert record["publisher"] == "国家统计局"
    assert record["sha256"] == hashlib.sha256(NBS.read_bytes()).hexdigest()


def test_the_original_is_copied_byte_for_byte(raw_copy):
    add_documents([NBS], raw_dir=raw_copy)
    assert (raw_copy / "policy" / NBS.name).read_bytes() == NBS.read_bytes()
    assert verify_checksums(raw_dir=raw_copy)[-1]["id"] == "nbs-2024-03-18-economy"


def test_the_copy_is_readable_by_colleagues(raw_copy):
    os.umask(0o022)
    add_documents([NBS], raw_dir=raw_copy)
    assert (raw_copy / "policy" / NBS.name).stat().st_mode & 0o777 == 0o644


def test_sources_yml_keeps_its_mode(raw_copy):
    (raw_copy / "sources.yml").chmod(0o664)
    add_documents([NBS], raw_dir=raw_copy)
    assert (raw_copy / "sources.yml").stat().st_mode & 0o777 == 0o664


def test_a_name_clash_gets_a_suffix(raw_copy, tmp_path):
    other = tmp_path / "000_bd7f20b55a8f3787.txt"
    other.write_text("Industrial output rose 7 percent in 2023.", encoding="utf-8")
    add_documents([other], AddOptions(date="2024-01-17"), raw_dir=raw_copy)
    assert read_sources(raw_copy / "sources.yml")[-1]["path"] == "policy/000_bd7f20b55a8f3787-2.txt"


def test_options_win_over_what_the_document_states(raw_copy):
    options = AddOptions(
        id="my-id",
        title="My title",
        publisher="NBS",
        date="2024-03",
        url="https://example.org/a",
        lang="zh-Hant",
    )
    (addition,) = add_documents([NBS], options, raw_dir=raw_copy)
    rec = addition.record
    assert (rec["id"], rec["title"], rec["publisher"], rec["date"]) == ("my-id", "My title", "NBS", "2024-03")
    assert (rec["url"], rec["language"]) == ("https://example.org/a", "zh-Hant")
    assert addition.origin["title"] == "--title"


def test_fields_the_document_does_not_state_are_named(tmp_path, raw_copy):
    page = tmp_path / "bare.html"
    page.write_text(
        "<html><body><div><p>工业增加值同比增长7.0%，增速比上月加快0.2个百分点。</p></div></body></html>"
    )
    (addition,) = plan_additions([page], AddOptions(date="2024-03-18"), raw_dir=raw_copy)
    assert addition.missing == ("title", "publisher", "url")
    assert addition.origin["title"] == "the first line of the text"


def test_a_folder_adds_each_file_of_a_known_format(raw_copy, tmp_path):
    folder = tmp_path / "week12"
    folder.mkdir()
    (folder / "a.html").write_bytes(NBS.read_bytes())
    (folder / "b.pdf").write_bytes(release_pdf_bytes())
    docx_release(folder / "c.docx")
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04")
    (folder / ".hidden.txt").write_text("x")
    additions = add_documents([folder], AddOptions(date="2024-03-18"), raw_dir=raw_copy)
    assert [a.record["path"] for a in additions] == ["policy/a.html", "policy/b.pdf", "policy/c.docx"]
    assert len({a.record["id"] for a in additions}) == 3


def test_two_documents_with_one_title_get_distinct_ids(raw_copy, tmp_path):
    for n in (1, 2):
        (tmp_path / f"r{n}.txt").write_text(f"国家统计局：国民经济运行 {n}\n增长7.{n}%。", encoding="utf-8")
    additions = add_documents(
        [tmp_path / "r1.txt", tmp_path / "r2.txt"],
        AddOptions(publisher="国家统计局", date="2024-03-18"),
        raw_dir=raw_copy,
    )
    assert [a.record["id"] for a in additions] == ["nbs-2024-03-18-economy", "nbs-2024-03-18-economy-2"]


def test_dry_run_plans_and_writes_nothing(raw_copy):
    before = snapshot(raw_copy)
    (addition,) = add_documents([NBS], raw_dir=raw_copy, dry_run=True)
    assert addition.record["id"] == "nbs-2024-03-18-economy"
    assert snapshot(raw_copy) == before


# Each refusal of issue 10 §1 and issue 14, as (make the input, expected message).
def _registered(tmp, raw):
    add_documents([NBS], raw_dir=raw)
    copy = tmp / "again.html"
    copy.write_bytes(NBS.read_bytes())
    return [copy], AddOptions(), r"already registered as nbs-2024-03-18-economy"


def _unknown_format(tmp, raw):
    (tmp / "table.xlsx").write_bytes(b"PK\x03\x04")
    return [tmp / "table.xlsx"], AddOptions(), r"table.xlsx: unknown format '.xlsx'"


def _scanned_pdf(tmp, raw):
    (tmp / "scan.pdf").write_bytes(release_pdf_bytes(text_layer=False))
    return (
        [tmp / "scan.pdf"],
        AddOptions(date="2024-03-18"),
        r"scan.pdf: the PDF has no text layer.*OCR is not done",
    )


def _encrypted_pdf(tmp, raw):
    (tmp / "plain.pdf").write_bytes(release_pdf_bytes())
    encrypt_pdf(tmp / "plain.pdf", tmp / "locked.pdf", user_password="pw")
    return (
        [tmp / "locked.pdf"],
        AddOptions(date="2024-03-18"),
        r"locked.pdf: the PDF is encrypted with a password",
    )


def _undecodable(tmp, raw):
    (tmp / "garbled.txt").write_bytes(b"\x80\xff" * 500)
    return [tmp / "garbled.txt"], AddOptions(date="2024-03-18"), r"garbled.txt: does not decode"


def _bad_date(tmp, raw):
    return [NBS], AddOptions(date="2024-02-30"), r"--date '2024-02-30': not a calendar date"


def _no_date(tmp, raw):
    (tmp / "undated.txt").write_text("规模以上工业增加值同比增长7.0%。", encoding="utf-8")
    return [tmp / "undated.txt"], AddOptions(), r"undated.txt: no date found in the document; give --date"


def _symlink(tmp, raw):
    (tmp / "link.html").symlink_to(NBS)
    return [tmp / "link.html"], AddOptions(), r"link.html: is a symbolic link"


def _symlink_in_a_folder(tmp, raw):
    folder = tmp / "batch"
    folder.mkdir()
    (folder / "good.html").write_bytes(NBS.read_bytes())
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    return [folder], AddOptions(), r"passwd.txt: is a symbolic link"


def _climbing_id(tmp, raw):
    return [NBS], AddOptions(id="../../x"), r"--id '../../x': expected"


def _taken_id(tmp, raw):
    return [NBS], AddOptions(id="commentary-caict-2020"), r"already the id of another source"


def _not_a_pdf(tmp, raw):
    (tmp / "fake.pdf").write_bytes(b"<html>7.0%</html>")
    return [tmp / "fake.pdf"], AddOptions(date="2024-03-18"), r"fake.pdf: not a PDF"


def _one_bad_file_in_a_folder(tmp, raw):
    folder = tmp / "batch"
    folder.mkdir()
    (folder / "good.html").write_bytes(NBS.read_bytes())
    (folder / "scan.pdf").write_bytes(release_pdf_bytes(text_layer=False))
    return [folder], AddOptions(date="2024-03-18"), r"scan.pdf: the PDF has no text layer"


REFUSALS = [
    _registered, _unknown_format, _scanned_pdf, _encrypted_pdf, _undecodable, _bad_date, _no_date,
    _symlink, _symlink_in_a_folder, _climbing_id, _taken_id, _not_a_pdf, _one_bad_file_in_a_folder,
]  # fmt: skip


@pytest.mark.parametrize("make", REFUSALS, ids=[f.__name__.strip("_") for f in REFUSALS])
def test_a_refusal_names_the_file_and_leaves_data_raw_byte_identical(make, raw_copy, tmp_path):
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    paths, options, message = make(incoming, raw_copy)
    before = snapshot(raw_copy)
    with pytest.raises(DocumentError, match=message) as info:
        add_documents(paths, options, raw_dir=raw_copy)
    assert info.value.exit_code == 2
    assert snapshot(raw_copy) == before


def test_a_failed_write_removes_the_copies_it_made(raw_copy, monkeypatch):
    from sei_analysis.corpus import raw_store
    from sei_analysis.errors import SeiAnalysisError

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device", str(raw_copy / "sources.yml"))

    monkeypatch.setattr(raw_store, "_append_records", disk_full)
    before = snapshot(raw_copy)
    with pytest.raises(SeiAnalysisError, match="No space left on device; nothing was added") as info:
        add_documents([NBS], raw_dir=raw_copy)
    assert info.value.exit_code == 1
    assert snapshot(raw_copy) == before


def test_a_pdf_signed_with_a_date_takes_it_over_its_creation_date(raw_copy, tmp_path):
    """A PDF's /CreationDate is when it was printed; the date it signs with is when it was issued."""
    pdf = tmp_path / "release.pdf"
    pdf.write_bytes(release_pdf_bytes())
    (addition,) = plan_additions([pdf], raw_dir=raw_copy)
    assert addition.record["date"] == "2024-03-18"
    assert addition.origin["date"] == "a date line in the text (2024年3月18日)"
    assert (addition.record["publisher"], addition.origin["publisher"]) == (
        "国家统计局",
        "the signature line of the text",
    )


def test_two_adds_at_once_take_turns_and_both_records_land(project_copy, tmp_path):
    """The lock on sources.yml: neither run overwrites the other's record."""
    import subprocess
    import sys

    docs = []
    for n in range(2):
        doc = tmp_path / f"r{n}.txt"
        doc.write_text(f"国家统计局\n规模以上工业增加值同比增长7.{n}%。\n", encoding="utf-8")
        docs.append(doc)
    env = {**os.environ, "SEI_PROJECT_ROOT": str(project_copy)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "sei_analysis", "add", str(doc), "--date", "2024-03-18"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for doc in docs
    ]  # fmt: skip
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    paths = [rec["path"] for rec in read_sources(project_copy / "data" / "raw" / "sources.yml")]
    assert sorted(paths[-2:]) == ["policy/r0.txt", "policy/r1.txt"]


@pytest.mark.parametrize(
    ("date_line", "written"),
    [
        ("Published 2019-01-21", "Published 2019-01-21"),
        ("Release date: January 21, 2019", "Release date: January 21, 2019"),
        ("发布时间：2019-01-21", "发布时间：2019-01-21"),
    ],
)
def test_a_pdf_headed_by_its_issuer_and_a_labelled_date_takes_both(raw_copy, tmp_path, date_line, written):
    """A release that opens "issuer / title / Published <date>", converted to PDF today.

    The conversion stamps today's /CreationDate; the date the text labels as published wins,
    the issuer on the first line is the publisher, and the title is the line after it.
    """
    pdf = tmp_path / "review.pdf"
    pdf_with_lines(
        pdf,
        [
            "National Bureau of Statistics",
            "Industrial production in 2018",
            date_line,
            "",
            "In 2018, the value added of strategic emerging industries in industry above",
            "designated size grew by 8.9% year on year, 2.7 percentage points faster than all",
            "industry above designated size. The value added of all industry above designated",
            "size increased by 6.2%.",
        ],
    )
    (addition,) = plan_additions([pdf], raw_dir=raw_copy)
    rec, origin = addition.record, addition.origin
    assert (rec["date"], origin["date"]) == ("2019-01-21", f"a date line in the text ({written})")
    assert (rec["publisher"], origin["publisher"]) == (
        "National Bureau of Statistics",
        "the first line of the text, which names an office",
    )
    assert (rec["title"], origin["title"]) == ("Industrial production in 2018", "the line after the issuer")
    assert addition.missing == ("title", "url")  # a title read off the text is still a guess


def test_a_first_line_that_is_a_title_is_not_taken_for_an_issuer(raw_copy, tmp_path):
    page = tmp_path / "bare.html"
    page.write_text(
        "<html><body><p>Growth of strategic emerging industries</p><p>Text 8.9%.</p></body></html>"
    )
    (addition,) = plan_additions([page], AddOptions(date="2019-01-21"), raw_dir=raw_copy)
    assert addition.record["title"] == "Growth of strategic emerging industries"
    assert addition.record["publisher"] is None


def test_a_line_dated_by_another_label_is_not_the_publication_date(raw_copy, tmp_path):
    text = tmp_path / "note.txt"
    text.write_text("Industrial production\nUpdated 2019-02-01\nPublished 2019-01-21\n\nGrowth was 8.9%.\n")
    (addition,) = plan_additions([text], raw_dir=raw_copy)
    assert addition.record["date"] == "2019-01-21"
