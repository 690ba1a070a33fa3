"""What every reader returns, and how bytes become text.

A reader turns the bytes of one file into a `Document`: its plain text (not yet
normalised: `normalize_text` is the corpus stage's last step) and the metadata the file
states about itself, each value with the place it was found, so that ``sei add`` can say
where a title or a date came from and name the fields it could not find.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from sei_analysis.corpus.limits import MAX_TEXT_CHARS
from sei_analysis.errors import DocumentError

__all__ = ["METADATA_FIELDS", "Document", "Found", "decode_text", "check_text"]

# NOTE: the metadata a reader may find in a document; the rest of a provenance record
# (id, path, sha256, ...) is made by `register`.
METADATA_FIELDS = ("title", "date", "publisher", "url")

# NOTE: many Chinese government sites declare gb2312 (or gbk) but use characters only GBK
# or GB18030 have, such as the dash of 1—2月 or 喆; GB18030 is the superset of both, so
# every such declaration is decoded as GB18030. big5 pages use HKSCS characters likewise.
CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gb_2312-80": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "windows-936": "gb18030",
    "euc-cn": "gb18030",
    "big5": "big5hkscs",
    "x-big5": "big5hkscs",
}
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# NOTE: text that is not UTF-8 and declares nothing is taken as GB18030 only when most of
# its non-ASCII characters are common Chinese (in GB2312): Latin-1 or binary bytes also
# decode as GB18030, but into rare characters.
GB_PLAUSIBLE_SHARE = 0.8
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f]")


@dataclass(frozen=True)
class Found:
    """A metadata value and where in the document it was found."""

    value: str
    where: str


@dataclass(frozen=True)
class Document:
    """The text of one file and what the file states about itself.

    Attributes
    ----------
    text : str
        Plain text, paragraphs separated by blank lines; not yet normalised.
    reader : str
        The reader that made it (``text``, ``html``, ``pdf``, ``docx``).
    found : mapping of str to Found
        Metadata the file states (keys from ``METADATA_FIELDS``); a field not found is absent.
    notes : tuple of str
        What the reader had to do that a reader of the record should know (pages not read).
    """

    text: str
    reader: str
    found: Mapping[str, Found] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def decode_text(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """Decode the bytes of a text or HTML file; return the text and the codec used.

    A byte-order mark wins, then the declared charset (gb2312 and gbk read as GB18030),
    then UTF-8, then GB18030 when the result looks like Chinese. Newlines become ``\\n``.

    Raises
    ------
    DocumentError
        If no codec decodes the bytes, naming the file and the codecs tried.

    Examples
    --------
    >>> decode_text("增长7.0%".encode("gb18030"), "a.txt", declared="gb2312")
    ('增长7.0%', 'gb18030')
    >>> decode_text(b"grew 5%\\r\\n", "a.txt")
    ('grew 5%\\n', 'utf-8')
    """
    candidates: list[str] = []
    for bom, codec in BOMS:
        if data.startswith(bom):
            candidates.append(codec)
            break
    codec = _codec_for(declared)
    if codec:
        candidates.append(codec)
    candidates += ["utf-8", "gb18030"]
    tried = []
    for codec in dict.fromkeys(candidates):
        tried.append(codec)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "gb18030" and codec not in candidates[:-2] and not _looks_chinese(text):
            continue
        if codec.startswith("utf-16") or codec == "utf-8-sig":
            text = text.lstrip("\ufeff")
        return text.replace("\r\n", "\n").replace("\r", "\n"), codec
    raise DocumentError(f"{name}: does not decode as text (tried {', '.join(tried)}); is it a text file?")


def _codec_for(declared: str | None) -> str | None:
    """The codec to decode a declared charset with, or None for an unknown or missing one."""
    if not declared:
        return None
    key = declared.strip().lower()
    if key in CHARSET_ALIASES:
        return CHARSET_ALIASES[key]
    try:
        name = codecs.lookup(key).name
    except LookupError:
        return None
    return CHARSET_ALIASES.get(name, name)


def _looks_chinese(text: str) -> bool:
    """True when most non-ASCII characters of ``text`` are common Chinese (GB2312)."""
    sample = [ch for ch in text[:20000] if ord(ch) > 127]
    if not sample:
        return True
    common = 0
    for ch in sample:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= GB_PLAUSIBLE_SHARE * len(sample)


def check_text(text: str, name: str) -> str:
    """Refuse text that is binary or longer than ``MAX_TEXT_CHARS``; return it unchanged."""
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentError(
            f"{name}: yields {len(text):,} characters of text; the cap is {MAX_TEXT_CHARS:,} "
            "(split the document)"
        )
    sample = text[:65536]
    if "\x00" in sample or len(CONTROL_CHARS.findall(sample)) > len(sample) // 100:
        raise DocumentError(f"{name}: holds binary data (NUL or control bytes), not text")
    return text
