"""Read a web page saved from a browser: the article's text, and what the page says about it.

A saved release page carries its menus, breadcrumbs, related-news links, hot topics,
share buttons, footers (ICP numbers, phone numbers) and scripts, and many of those carry
figures. The reader keeps the article and drops the rest, with lxml and a main-content
rule (measured against trafilatura in ``benchmarks/bench_ingest.py``; see the README):

1. parse with libxml2's HTML parser (no network, no entities loaded, nesting capped);
2. read the metadata from ``<head>`` (``ArticleTitle``, ``PubDate``, ``ContentSource``,
   ``og:`` tags, ``<time>``, the "saved from" comment) before anything is dropped;
3. drop what is never article: scripts, styles, forms, frames, hidden elements, and
   elements whose tag, role, class or id names page chrome (nav, footer, related, share ...);
4. score every block by the text it holds outside links, and take the element that
   holds the most as the article;
5. inside it, drop the blocks that are mostly links (an inline "Related:" line), and write
   each block as a paragraph.

Nothing a page links to (``file://`` iframes, imports, scripts, stylesheets) is fetched.
"""

from __future__ import annotations

import re

from sei_analysis.corpus.document import Document, Found, check_text, decode_text
from sei_analysis.corpus.limits import MAX_HTML_DEPTH
from sei_analysis.errors import DocumentError

__all__ = ["VERSION", "read_html"]

# NOTE: bump when the text this reader produces changes; it is part of the text cache key.
VERSION = 1

# NOTE: elements that never hold article text.
DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "applet", "svg", "canvas", "map", "form", "button", "input", "select", "textarea", "label",
    "nav", "header", "footer", "aside", "menu", "dialog", "link", "meta", "head", "audio", "video",
)  # fmt: skip
# NOTE: ARIA roles of page chrome.
CHROME_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"}
)
# NOTE: words in a class or id that name page chrome on the sites economists save pages
# from (stats.gov.cn, gov.cn, ndrc.gov.cn, xinhuanet.com, people.com.cn, english sites):
# xgxw = 相关新闻 (related news), xgyd = 相关阅读, xgwz = 相关文章, rmtj = 热门推荐.
CHROME_WORDS = frozenset(
    "nav navbar navigation menu menus subnav breadcrumb breadcrumbs crumb crumbs position location "
    "header footer foot sidebar side aside related relate relation xgxw xgyd xgwz rmtj recommend "
    "recommended share sharing social bshare copyright banner ad ads advert advertisement comment "
    "comments toolbar pagination pager login search hot hotnews popular viewed ranking tags tag "
    "qrcode cookie print setfont font fontsize more latest channel logo topbar jiucuo correction "
    "subscribe newsletter widget".split()
)
# NOTE: blocks read as paragraphs; everything else is inline.
BLOCK_TAGS = frozenset(
    "p div section article main li ul ol dl dt dd h1 h2 h3 h4 h5 h6 table tbody thead tfoot tr "
    "blockquote pre figure figcaption address center".split()
)
# NOTE: the elements scored as paragraphs; a div, span or font counts only the text it
# holds itself (old sites write paragraphs as text and <br> straight inside a <td> or <div>).
PARAGRAPH_TAGS = frozenset("p td pre blockquote li dd div span font".split())
INLINE_PARAGRAPH_TAGS = frozenset("div span font".split())
# NOTE: a paragraph shorter than this (characters outside links) is a label, not prose.
MIN_PARAGRAPH_CHARS = 10
# NOTE: a block whose text is more than this share link text is navigation, not prose.
MAX_LINK_DENSITY = 0.5
CHARSET_DECLARATION = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
# NOTE: a short paragraph that is the page's own bookkeeping, not the article: view
# counters (浏览次数：1234, 点击数, 阅读量), font-size pickers, print and close links.
CHROME_PARAGRAPH = re.compile(
    r"(?:浏览次数|浏览量|点击数|点击量|点击率|阅读次数|阅读量|访问量|访问次数|Views?)\s*[:：]\s*\d"
    r"|^(?:字号|【?打印本页|【?关闭窗口|【打印】|【关闭】)",
    re.I,
)
MAX_CHROME_PARAGRAPH_CHARS = 120
WORD_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")
SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
# NOTE: a page title often ends with the site's name: "标题 - 国家统计局", "Title - Xinhua".
TITLE_SITE_SUFFIX = re.compile(r"\s*(?:[-_|–—]|--)\s*[^-_|–—]{2,60}$")
# NOTE: where Chinese government pages state their date in the page text when no
# <meta name="PubDate"> is given: 发布时间：2024-03-18 10:00, 发布日期, 时间：2024-04-22.
TEXT_DATE = re.compile(
    r"(?:发布时间|发布日期|發布時間|发文日期|成文日期|时间|日期)\s*[:：]\s*(\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?)"
)

# NOTE: metadata tags in order of preference, by field: Chinese government CMS tags first
# (ArticleTitle, PubDate, ContentSource), then Open Graph and the common fallbacks.
META_TAGS = {
    "title": ("articletitle", "og:title", "twitter:title", "dc.title", "title"),
    "date": (
        "pubdate", "publishdate", "article:published_time", "og:article:published_time", "datepublished",
        "dc.date", "dc.date.issued", "date", "firstpublishedtime", "publish-date",
    ),
    "publisher": (
        "contentsource", "source", "author", "dc.publisher", "og:site_name", "sitename", "publisher",
    ),
    "url": ("og:url", "url"),
}  # fmt: skip


def read_html(data: bytes, name: str) -> Document:
    """Read the article of a saved web page.

    Parameters
    ----------
    data : bytes
        The file's bytes, in any charset the page declares (gb2312 and gbk read as GB18030).
    name : str
        The file name, for error messages.

    Returns
    -------
    Document
        The article's text (title first, one paragraph per block) and the metadata found.

    Raises
    ------
    DocumentError
        If the page does not decode, nests deeper than ``MAX_HTML_DEPTH``, or holds no text.
    """
    import lxml.html

    match = CHARSET_DECLARATION.search(data[:4096])
    text, _codec = decode_text(data, name, declared=match.group(1).decode("ascii") if match else None)
    head = text[:4096]
    text = XML_DECLARATION.sub("", text, count=1)
    parser = lxml.html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, huge_tree=False, default_doctype=False
    )
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except Exception as exc:  # lxml raises ParserError or XMLSyntaxError on an empty document
        raise DocumentError(f"{name}: not a readable HTML page ({exc})") from exc
    log = parser.error_log
    too_deep = (e.type_name == "ERR_RESOURCE_LIMIT" or "xcessive depth" in e.message for e in log)
    if any(too_deep):
        raise DocumentError(f"{name}: HTML nested more than {MAX_HTML_DEPTH} levels deep; refused")
    found = _metadata(root, head)
    body = _article_text(root)
    title = found.get("title")
    if title and title.value not in body[: len(title.value) + 200]:
        body = f"{title.value}\n\n{body}" if body else title.value
    if not body.strip():
        raise DocumentError(f"{name}: the page holds no article text")
    return Document(text=check_text(body, name), reader="html", found=found)


def _metadata(root, head: str) -> dict[str, Found]:
    """Title, date, publisher and url from the page's tags (before anything is dropped)."""
    meta: dict[str, tuple[str, str]] = {}
    for el in root.iter("meta"):
        attr = next((a for a in ("name", "property", "itemprop") if el.get(a)), None)
        key = el.get(attr).strip() if attr else ""
        value = _clean(el.get("content") or "")
        if key and value and key.lower() not in meta:
            meta[key.lower()] = (f'<meta {attr}="{key}">', value)
    found: dict[str, Found] = {}
    for fieldname, keys in META_TAGS.items():
        for key in keys:
            if key in meta:
                where, value = meta[key]
                found[fieldname] = Found(value, where)
                break
    if "title" not in found:
        title = root.find(".//title")
        value = _clean(title.text_content()) if title is not None else ""
        value = TITLE_SITE_SUFFIX.sub("", value) if len(value) > 12 else value
        if value:
            found["title"] = Found(value, "<title>")
    if "date" not in found:
        for el in root.iter("time"):
            value = _clean(el.get("datetime") or el.text_content())
            if value:
                found["date"] = Found(value, "<time>")
                break
    if "date" not in found:
        match = TEXT_DATE.search(_clean(_first_text(root, 20000)))
        if match:
            found["date"] = Found(match.group(1), f"page text {match.group(0)!r}")
    if "url" not in found:
        canonical = root.find('.//link[@rel="canonical"]')
        saved = SAVED_FROM.search(head)
        if canonical is not None and canonical.get("href", "").startswith("http"):
            found["url"] = Found(canonical.get("href"), '<link rel="canonical">')
        elif saved and saved.group(1).startswith("http"):
            found["url"] = Found(saved.group(1), "the browser's 'saved from' comment")
    return found


def _article_text(root) -> str:
    """The text of the element that holds the article, one paragraph per block."""
    _drop_chrome(root)
    body = root.find("body")
    body = body if body is not None else root
    elements = list(body.iter())  # keeps every proxy alive, so they can key the tallies
    tally = _tally(elements)
    best = _best_container(elements, tally)
    best = body if best is None else best
    _drop_link_blocks(best, tally)
    return _render(best)


def _drop_chrome(root) -> None:
    """Remove every element that is never article text (keeping the text that follows it)."""
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)  # comments and processing instructions
            continue
        if el.tag in DROP_TAGS or _is_hidden(el) or (el.get("role") or "").lower() in CHROME_ROLES:
            doomed.append(el)
            continue
        words = {w.lower() for w in WORD_SPLIT.split(f"{el.get('class', '')} {el.get('id', '')}") if w}
        if words & CHROME_WORDS:
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _is_hidden(el) -> bool:
    """True for elements a browser does not show."""
    style = (el.get("style") or "").replace(" ", "").lower()
    return (
        "display:none" in style
        or "visibility:hidden" in style
        or el.get("hidden") is not None
        or (el.get("aria-hidden") or "").lower() == "true"
    )


# Per element: (visible characters, characters inside links, clause marks, own characters).
_Tally = dict


def _chars(text: str | None) -> int:
    """Characters of ``text`` that are not whitespace."""
    return len("".join(text.split())) if text else 0


def _marks(text: str | None) -> int:
    """Commas and full stops in ``text``: prose has them, menus do not."""
    return text.count("，") + text.count(",") + text.count("。") if text else 0


def _tally(elements: list) -> _Tally:
    """Count text, link text and clause marks of every element in one pass, leaves first.

    One pass keeps the cost linear in the page's size however deep it nests (calling
    ``text_content`` at every level would be quadratic).
    """
    tally = _Tally()
    for el in reversed(elements):  # every element comes after its descendants
        own = _chars(el.text) + sum(_chars(child.tail) for child in el)
        total, linked = own, 0
        marks = _marks(el.text) + sum(_marks(child.tail) for child in el)
        for child in el:
            c_total, c_linked, c_marks, _ = tally[child]
            total += c_total
            linked += c_linked
            marks += c_marks
        if el.tag == "a":
            linked = total
        tally[el] = (total, linked, marks, own)
    return tally


def _best_container(elements: list, tally: _Tally):
    """The element whose paragraphs hold the most text outside links (readability's rule).

    A paragraph (p, li, td, ...; a div or span for the text it holds itself) scores its
    characters outside links plus ten per comma or full stop; its parent gets the score,
    its grandparent half of it. The element with the highest score holds the article.
    """
    scores: dict = {}
    for el in elements:
        if el.tag not in PARAGRAPH_TAGS:
            continue
        total, linked, marks, own = tally[el]
        if el.tag in INLINE_PARAGRAPH_TAGS:
            total, linked = own, 0
            marks = _marks(el.text) + sum(_marks(child.tail) for child in el)
        if total - linked < MIN_PARAGRAPH_CHARS:
            continue
        score = total - linked + 10 * marks
        parent = el.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + score
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0) + score / 2
    return max(scores, key=scores.get) if scores else None


def _drop_link_blocks(container, tally: _Tally) -> None:
    """Remove blocks inside the article that are mostly links ("Related:", 【纠错】 lines)."""
    gone: set = set()
    for el in list(container.iter()):
        if el is container or el in gone or not isinstance(el.tag, str) or el.tag not in BLOCK_TAGS:
            continue
        total, linked, _, _ = tally.get(el, (0, 0, 0, 0))
        if total and linked / total > MAX_LINK_DENSITY:
            gone.update(el.iter())
            el.drop_tree()


def _render(container) -> str:
    """Write the container's text: blocks as paragraphs, table rows as lines, cells spaced."""
    pieces: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br":
            pieces.append("\n")
        elif tag in BLOCK_TAGS:
            pieces.append("\n" if tag == "tr" else "\n\n")
        elif tag in ("td", "th"):
            pieces.append(" ")
        if el.text and tag:
            pieces.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
        if tag in BLOCK_TAGS:
            pieces.append("\n" if tag == "tr" else "\n\n")

    walk(container)
    return _tidy("".join(pieces))


def _tidy(text: str) -> str:
    """Collapse spaces inside lines and blank lines between paragraphs."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [SPACES.sub(" ", line).strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        paragraph = "\n".join(lines)
        if len(paragraph) <= MAX_CHROME_PARAGRAPH_CHARS and CHROME_PARAGRAPH.search(paragraph):
            continue
        if lines:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def _first_text(root, limit: int) -> str:
    """The first ``limit`` characters of the page's text (without building all of it)."""
    pieces, size = [], 0
    for piece in root.itertext():
        pieces.append(piece)
        size += len(piece)
        if size >= limit:
            break
    return "".join(pieces)[:limit]


def _clean(value: str) -> str:
    """Collapse the whitespace of a metadata value."""
    return SPACES.sub(" ", value.replace("\n", " ")).strip()
