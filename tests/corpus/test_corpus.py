"""The raw corpus: provenance records, checksums and loading."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sei_analysis import config
from sei_analysis.corpus import (
    REQUIRED_FIELDS,
    load_corpus,
    read_reference,
    read_sources,
    verify_checksums,
)
from sei_analysis.errors import RawDataError

SEEDS = Path(config.PROJ_ROOT).parent / "shared" / "seeds"


def test_every_raw_file_has_a_complete_provenance_record():
    records = read_sources()
    files = sorted(
        p.relative_to(config.RAW_DATA_DIR).as_posix() for p in config.RAW_DATA_DIR.rglob("*") if p.is_file()
    )
    listed = sorted(r["path"] for r in records)
    assert listed == [f for f in files if f != "sources.yml"]
    for rec in records:
        assert set(REQUIRED_FIELDS) <= set(rec), rec["id"]
        assert rec["title"] and rec["publisher"] and rec["date"], rec["id"]


def test_recorded_checksums_match_the_bytes_on_disk():
    for rec in verify_checksums():
        digest = hashlib.sha256((config.RAW_DATA_DIR / rec["path"]).read_bytes()).hexdigest()
        assert digest == rec["sha256"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside the checkout")
def test_raw_texts_are_byte_identical_copies_of_the_seeds():
    for seed in sorted(SEEDS.glob("0*.txt")):
        assert (config.RAW_DATA_DIR / "policy" / seed.name).read_bytes() == seed.read_bytes()


def test_load_corpus_gives_one_row_per_raw_file_with_normalised_text():
    corpus = load_corpus()
    assert list(corpus["id"]) == [r["id"] for r in read_sources()]
    texts = corpus[corpus["kind"] == "policy_text"]
    assert len(texts) == 5
    assert texts["text"].str.len().gt(1000).all()
    zh = texts.set_index("id").loc["guiding-opinions-2020-zh", "text"]
    assert "(fā)" not in zh and "發" in zh
    assert corpus.loc[corpus["kind"] == "reference_table", "text"].isna().all()


def test_a_changed_raw_file_stops_loading_and_names_the_file(raw_copy):
    target = raw_copy / "policy" / "001_ca9104434c036e86.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("2.9%", "3.9%"), encoding="utf-8")
    with pytest.raises(RawDataError, match=r"001_ca9104434c036e86\.txt.*checksum mismatch"):
        load_corpus(raw_copy)


def test_a_missing_raw_file_stops_loading_and_names_the_file(raw_copy):
    (raw_copy / "reference" / "sei_reference_figures.csv").unlink()
    with pytest.raises(RawDataError, match=r"sei_reference_figures\.csv.*missing"):
        read_reference(raw_copy)


def test_a_provenance_record_without_sha256_is_rejected(raw_copy):
    doc = yaml.safe_load((raw_copy / "sources.yml").read_text(encoding="utf-8"))
    del doc["sources"][2]["sha256"]
    (raw_copy / "sources.yml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    with pytest.raises(RawDataError, match=r"guiding-opinions-2020-en lacks field\(s\) sha256"):
        read_sources(raw_copy / "sources.yml")


def test_reference_rows_keep_their_published_values():
    ref = read_reference()
    row = ref[(ref["indicator"] == "sei_share_of_gdp") & (ref["period"] == "2019")]
    assert row["value"].tolist() == [11.5]
    assert set(ref["source_id"]) == {"reference-figures"}


def test_sei_check_exits_2_and_names_a_corrupted_file(project_copy):
    target = project_copy / "data" / "raw" / "policy" / "004_f9935a765335117c.txt"
    with open(target, "a", encoding="utf-8") as fh:
        fh.write("\nedited")
    env = {"SEI_PROJECT_ROOT": str(project_copy), "PATH": ""}
    proc = subprocess.run(
        [sys.executable, "-m", "sei_analysis", "check"], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 2, proc.stderr
    assert "004_f9935a765335117c.txt" in proc.stderr
    assert "checksum mismatch" in proc.stderr
