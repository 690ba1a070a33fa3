"""Every reader, on damaged or random bytes, returns text or refuses: it never crashes."""

from __future__ import annotations

from pathlib import Path

from document_factories import docx_parts, release_pdf_bytes, write_docx_parts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sei_analysis.corpus.document import Document
from sei_analysis.corpus.readers import read_document
from sei_analysis.errors import DocumentError

FIXTURES = Path(__file__).parent / "fixtures"
NBS = (FIXTURES / "nbs_release_gb2312.html").read_bytes()


def docx_bytes(tmp: Path) -> bytes:
    path = tmp / "seed.docx"
    write_docx_parts(path, docx_parts("规模以上工业增加值同比增长7.0%。"))
    return path.read_bytes()


def damage(data: bytes, cuts: list[tuple[int, int]]) -> bytes:
    """Overwrite bytes at positions (taken modulo the length) with the given values."""
    out = bytearray(data)
    for position, value in cuts:
        out[position % len(out)] = value
    return bytes(out)


def read_or_refuse(name: str, data: bytes) -> None:
    try:
        doc = read_document(Path(name), data)
    except DocumentError as exc:
        assert name in str(exc)
        return
    assert isinstance(doc, Document) and isinstance(doc.text, str)


CUTS = st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), max_size=40)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(cuts=CUTS, keep=st.floats(min_value=0.05, max_value=1.0))
def test_a_damaged_pdf_is_read_or_refused(cuts, keep):
    data = release_pdf_bytes()
    read_or_refuse("damaged.pdf", damage(data, cuts)[: max(1, int(len(data) * keep))])


@SETTINGS
@given(cuts=CUTS, keep=st.floats(min_value=0.05, max_value=1.0))
def test_a_damaged_docx_is_read_or_refused(tmp_path_factory, cuts, keep):
    data = docx_bytes(tmp_path_factory.mktemp("docx"))
    read_or_refuse("damaged.docx", damage(data, cuts)[: max(1, int(len(data) * keep))])


@SETTINGS
@given(cuts=CUTS, keep=st.floats(min_value=0.01, max_value=1.0))
def test_a_damaged_page_is_read_or_refused(cuts, keep):
    read_or_refuse("damaged.html", damage(NBS, cuts)[: max(1, int(len(NBS) * keep))])


@SETTINGS
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".txt", ".md", ".html", ".pdf", ".docx"]))
def test_random_bytes_under_any_suffix_are_read_or_refused(data, suffix):
    read_or_refuse(f"random{suffix}", data)
