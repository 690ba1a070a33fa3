"""Benchmark the ingest readers against their peers: accuracy on saved pages and PDFs, speed, bombs.

Run: .venv/bin/python benchmarks/bench_ingest.py

HTML: the saved pages of ``tests/corpus/fixtures/pages.yml`` (an NBS release declared
gb2312, a State Council English page, two Xinhua pages, and two pages held out while the
rule was tuned), read by our lxml main-content rule (``corpus.html_reader``) and by
trafilatura (default and ``favor_precision``). Accuracy: the article sentences kept, the
chrome lines leaked (related links, hot topics, counters, footers with ICP and phone
numbers), and the figures ``extract_figures`` then finds in chrome. Speed: best of five
after a warm-up, all pages, milliseconds.

PDF: a release page drawn by matplotlib (lines broken mid-sentence) and the same kind of
page printed by Chromium (subset CJK fonts), read by pypdf (``corpus.pdf_reader``) and by
pdfminer.six, each followed by the same radical folding and line rejoining. Accuracy: the
expected sentences found whole, and the CJK radicals the library returned for ideographs.
Then a PDF whose stream inflates to 1 GB, read by each in a subprocess capped at 1.5 GB.
Takes about 90 s (pdfminer.six runs into the 60 s timeout on the bomb).
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import document_factories as factories  # noqa: E402

from sei_analysis.corpus.glyphs import fold_radicals  # noqa: E402
from sei_analysis.corpus.html_reader import read_html  # noqa: E402
from sei_analysis.corpus.layout import rejoin_lines  # noqa: E402
from sei_analysis.corpus.pdf_reader import read_pdf  # noqa: E402
from sei_analysis.corpus.text import normalize_text  # noqa: E402
from sei_analysis.extract import extract_figures  # noqa: E402

FIXTURES = ROOT / "tests" / "corpus" / "fixtures"
PAGES = yaml.safe_load((FIXTURES / "pages.yml").read_text(encoding="utf-8"))["pages"]
REPEATS = 5
BOMB_MEMORY = 1536 * 1024 * 1024
BOMB_TIMEOUT_S = 60
# NOTE: the page Chromium prints for the PDF comparison: a communiqué paragraph set narrow
# and justified, so that lines break mid-sentence, and an English paragraph with a
# compound broken at its hyphen.
CHROMIUM_PAGE = """<html lang="zh-CN"><head><meta charset="utf-8"><style>
body {{ font-family: "Noto Serif CJK SC"; font-size: 15pt; width: 14cm; text-align: justify }}
p {{ text-indent: 2em; margin: 0 }}</style></head><body>
<h2>中华人民共和国2023年国民经济和社会发展统计公报</h2>{paragraphs}
<p lang="en" style="font-family: 'Noto Serif'">{english}</p></body></html>"""
CHROMIUM_ZH = [
    "初步核算，全年国内生产总值1260582亿元，比上年增长5.2%。其中，第一产业增加值89755亿元，比上年增长4.1%；"
    "第二产业增加值482589亿元，增长4.7%；第三产业增加值688238亿元，增长5.8%。",
    "全年规模以上工业中，高技术制造业增加值比上年增长2.7%，占规模以上工业增加值的比重为15.7%；"
    "装备制造业增加值增长6.8%，占规模以上工业增加值的比重为33.6%。",
]
CHROMIUM_EN = (
    "In 2023, the value-added output of high-technology manufacturing above designated size grew by 2.7 "
    "percent, accounting for 15.7 percent of the value added of all industry above designated size."
)


def html_candidates() -> dict:
    import trafilatura

    return {
        "lxml + main-content rule (ours)": lambda data, name: read_html(data, name).text,
        "trafilatura": lambda data, name: trafilatura.extract(data, include_tables=True) or "",
        "trafilatura favor_precision": lambda data, name: (
            trafilatura.extract(data, include_tables=True, favor_precision=True) or ""
        ),
    }


def chrome_only_figures(page: dict) -> set[str]:
    """The figures the chrome lines carry that the article does not."""
    found = lambda lines: {raw for line in lines for raw in extract_figures(line, lang=page["lang"])["raw"]}  # noqa: E731
    return found(page["chrome"]) - found(page["article"])


def score_html(read) -> dict:
    totals = {key: [0, 0] for key in ("kept", "leaked", "figures", "kept_heldout", "leaked_heldout")}
    seconds = 0.0
    for page in PAGES:
        data = (FIXTURES / page["file"]).read_bytes()
        read(data, page["file"])  # warm up
        best = float("inf")
        for _ in range(REPEATS):
            start = time.perf_counter()
            text = read(data, page["file"])
            best = min(best, time.perf_counter() - start)
        seconds += best
        kept = sum(s in text for s in page["article"])
        leaked = sum(s in text for s in page["chrome"])
        chrome = chrome_only_figures(page)
        figures = set(extract_figures(text, lang=page["lang"])["raw"]) if text else set()
        suffix = "_heldout" if page.get("heldout") else ""
        totals["kept" + suffix][0] += kept
        totals["kept" + suffix][1] += len(page["article"])
        totals["leaked" + suffix][0] += leaked
        totals["leaked" + suffix][1] += len(page["chrome"])
        totals["figures"][0] += len(figures & chrome)
        totals["figures"][1] += len(chrome)
    return {**totals, "ms": seconds * 1000}


def chromium_pdf(dest: Path) -> Path | None:
    """The communiqué page printed to PDF by headless Chromium, or None without Chromium."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return None
    html = dest.with_suffix(".html")
    paragraphs = "".join(f"<p>{p}</p>" for p in CHROMIUM_ZH)
    html.write_text(CHROMIUM_PAGE.format(paragraphs=paragraphs, english=CHROMIUM_EN), encoding="utf-8")
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={dest}", html.as_uri()],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    return dest if dest.is_file() else None


def pdfminer_text(path: Path) -> str:
    import logging

    from pdfminer.high_level import extract_text

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    return extract_text(str(path))


def pypdf_text(path: Path) -> str:
    import pypdf

    return "\n\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)


def score_pdf(name: str, raw_text, path: Path, expected: list[str]) -> tuple[int, int, float]:
    """(expected sentences found whole, radicals the library returned, best ms)."""
    raw_text(path)
    best, text = float("inf"), ""
    for _ in range(REPEATS):
        start = time.perf_counter()
        text = raw_text(path)
        best = min(best, time.perf_counter() - start)
    radicals = sum("\u2e80" <= ch <= "\u2fdf" for ch in text)
    joined = normalize_text(rejoin_lines(fold_radicals(text)))
    found = sum(normalize_text(s) in joined for s in expected)
    return found, radicals, best * 1000


def bomb_run(code: str) -> str:
    """Run ``code`` in a subprocess capped at BOMB_MEMORY; say how it ended and how long it took."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (BOMB_MEMORY, BOMB_MEMORY))

    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=BOMB_TIMEOUT_S,
            preexec_fn=cap,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"still running after {BOMB_TIMEOUT_S} s (killed)"
    seconds = time.perf_counter() - start
    said = " ".join((proc.stdout.strip() or proc.stderr.strip()).split())
    return f"{said[:100]} ({seconds:.1f} s, exit {proc.returncode})"


def main() -> None:
    print(
        "HTML: 6 saved pages (4 tuned on, 2 held out); sentences kept, chrome lines and chrome figures leaked"
    )
    results = {name: score_html(read) for name, read in html_candidates().items()}
    header = f"{'reader':<34}{'kept':>9}{'leaked':>9}{'held-out kept':>15}{'held-out leaked':>17}"
    print(header + f"{'chrome figs':>13}{'ms/6 pages':>12}")
    for name, r in results.items():

        def fmt(key: str, r: dict = r) -> str:
            return f"{r[key][0]}/{r[key][1]}"

        print(
            f"{name:<34}{fmt('kept'):>9}{fmt('leaked'):>9}{fmt('kept_heldout'):>15}{fmt('leaked_heldout'):>17}"
            f"{fmt('figures'):>13}{r['ms']:>12.1f}"
        )
    ours = results["lxml + main-content rule (ours)"]["ms"]
    print(f"speed: ours is {results['trafilatura']['ms'] / ours:.1f}x trafilatura's")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        docs = []
        matplotlib_pdf = tmp / "release.pdf"
        factories.pdf_with_lines(matplotlib_pdf, factories.ZH_RELEASE_LINES)
        docs.append(("matplotlib release", matplotlib_pdf, factories.ZH_RELEASE_PARAGRAPHS))
        printed = chromium_pdf(tmp / "communique.pdf")
        if printed:
            docs.append(("Chromium communique", printed, [*CHROMIUM_ZH, CHROMIUM_EN]))
        print("\nPDF: sentences found whole after folding and rejoining; radicals returned; best ms")
        for label, path, expected in docs:
            for name, fn in (("pypdf (ours)", pypdf_text), ("pdfminer.six", pdfminer_text)):
                found, radicals, ms = score_pdf(name, fn, path, expected)
                score = f"{found}/{len(expected)} sentences, {radicals:>3} radicals"
                print(f"  {label:<20} {name:<14} {score}, {ms:7.1f} ms")
            read_pdf(path.read_bytes(), path.name)
        bomb = tmp / "bomb.pdf"
        factories.pdf_bomb(bomb, inflated=factories.GB)
        print(
            f"\nPDF whose stream inflates to 1 GB ({bomb.stat().st_size:,} bytes), memory capped at 1.5 GB:"
        )
        ours_code = (
            "from sei_analysis.corpus.pdf_reader import read_pdf\n"
            f"try:\n    read_pdf(open({str(bomb)!r}, 'rb').read(), 'bomb.pdf')\n"
            "except Exception as e: print('refused:', e)"
        )
        print("  pypdf (ours):  " + bomb_run(ours_code))
        miner = (
            f"from pdfminer.high_level import extract_text\nprint('read', len(extract_text({str(bomb)!r})))"
        )
        print("  pdfminer.six:  " + bomb_run(miner))


if __name__ == "__main__":
    main()
