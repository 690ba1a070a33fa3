"""Drive a live JupyterLab from Debian's Chromium with Playwright (the browser test and the benchmark).

``running_lab(root)`` starts ``jupyter lab`` on 127.0.0.1 with a free port, a random token and
fresh settings and workspaces folders (so no earlier session's layout leaks in), and stops it
afterwards. ``browser_page()`` opens Debian's ``/usr/bin/chromium`` headless; Playwright never
downloads a browser of its own (``PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD``). ``LabPage`` wraps the
few JupyterLab actions the tests need: open a notebook, run every cell, find errors.

Every request the page makes to a host other than the lab server is recorded (and aborted),
so a test can assert that nothing comes from a CDN.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
# NOTE: the flags the issue asks for: headless, no sandbox (root in CI), no GPU, and nothing
# that phones home (QUIC, first-run pages, background networking, component updates, sync).
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
LAB_START_TIMEOUT_S = 90
DONE = "/\\[\\d+\\]/"  # NOTE: a cell's prompt once it has run: [12]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Lab:
    """A running JupyterLab server: its base URL, token and log file."""

    url: str
    token: str
    root: Path
    log: Path
    process: subprocess.Popen = field(repr=False)

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/lab/tree/{name}?token={self.token}&reset"


def _wait_until_up(url: str, token: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + LAB_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as resp:
                if resp.status == 200:
                    return
        time.sleep(0.3)
    raise RuntimeError(
        f"jupyter lab did not answer within {LAB_START_TIMEOUT_S}s:\n{log.read_text()[-3000:]}"
    )


def _quiet_settings(settings: Path) -> None:
    """Settings that keep JupyterLab from asking about (and fetching) news during a test."""
    folder = settings / "@jupyterlab" / "apputils-extension"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')


@contextlib.contextmanager
def running_lab(root: Path, env: dict[str, str] | None = None) -> Iterator[Lab]:
    """Start ``jupyter lab`` serving ``root``; yield a :class:`Lab`; stop it (and its kernels) after."""
    port, token = free_port(), secrets.token_hex(16)
    state = Path(tempfile.mkdtemp(prefix="sei-lab-"))
    log = state / "lab.log"
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--allow-root",  # NOTE: CI runs as root
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={state / 'settings'}",
        f"--LabApp.workspaces_dir={state / 'workspaces'}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",  # NOTE: the default one asks PyPI for extensions
    ]
    child_env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(state / "config"),
        "JUPYTER_RUNTIME_DIR": str(state / "runtime"),
        **(env or {}),
    }
    with log.open("wb") as out:
        process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=child_env, cwd=root)
    _quiet_settings(state / "settings")
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, token, process, log)
        yield Lab(url=url, token=token, root=root, log=log, process=process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        shutil.rmtree(state, ignore_errors=True)


@contextlib.contextmanager
def browser_page(viewport: tuple[int, int] = (1400, 1000)) -> Iterator[Any]:
    """A Playwright page in Debian's headless Chromium with a fresh profile."""
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run scripts/install-sysdeps.sh (Debian package chromium)")
    profile = tempfile.mkdtemp(prefix="sei-chromium-")
    try:
        with sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                profile,
                executable_path=CHROMIUM,
                headless=True,
                args=list(CHROMIUM_ARGS),
                viewport={"width": viewport[0], "height": viewport[1]},
            )
            try:
                page = context.pages[0] if context.pages else context.new_page()
                yield page
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


class LabPage:
    """The JupyterLab actions the tests need, on one Playwright page."""

    def __init__(self, page: Any, lab: Lab):
        self.page, self.lab = page, lab
        self.console: list[tuple[str, str]] = []  # (type, text) of every console message
        self.page_errors: list[str] = []
        self.outside_requests: list[str] = []
        page.on("console", lambda msg: self.console.append((msg.type, msg.text)))
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        page.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.lab.url) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:  # NOTE: nothing may come from outside the lab server: record it and refuse it.
            self.outside_requests.append(url)
            route.abort()

    def console_errors(self) -> list[str]:
        return [text for kind, text in self.console if kind == "error"] + self.page_errors

    def open_notebook(self, name: str, timeout_ms: int = 120_000) -> None:
        """Open ``name`` and wait until its kernel is idle."""
        self.page.goto(self.lab.notebook_url(name), wait_until="domcontentloaded")
        self.page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout_ms)
        self.wait_kernel_idle(timeout_ms)

    def wait_kernel_idle(self, timeout_ms: int = 120_000) -> None:
        self.page.wait_for_function(
            "() => { const s = document.querySelector('.jp-NotebookPanel-toolbar .jp-KernelStatus,"
            " .jp-Notebook-ExecutionIndicator');"
            " return s && (s.getAttribute('data-status') === 'idle'); }",
            timeout=timeout_ms,
        )

    def run_all_cells(self, timeout_ms: int = 300_000) -> None:
        """Run every cell (Run > Run All Cells) and wait until none is pending."""
        prompts = (
            "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(e => e.textContent)"
        )
        for _attempt in range(3):
            self.page.click(".jp-Notebook")
            self.page.get_by_role("menuitem", name="Run", exact=True).click()
            item = self.page.get_by_role("menuitem", name="Run All Cells", exact=True)
            item.wait_for(state="visible")
            self.page.wait_for_timeout(300)  # NOTE: a click while the menu still opens is lost
            item.click()
            with contextlib.suppress(Exception):
                self.page.wait_for_function(
                    f"() => ({prompts})().some(t => /\\[(\\*|\\d+)\\]/.test(t))", timeout=10_000
                )
                break
        self.page.wait_for_function(
            f"() => {{ const p = ({prompts})(); return p.length > 0 && p.every(t => {DONE}.test(t)); }}",
            timeout=timeout_ms,
        )
        self.wait_kernel_idle(timeout_ms)

    def cell_errors(self) -> list[str]:
        """The text of every error output in the notebook."""
        return self.page.eval_on_selector_all(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'],"
            " .jp-OutputArea-output .jp-RenderedText[data-mime-type='application/vnd.jupyter.error']",
            "els => els.map(e => e.textContent)",
        )

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path), full_page=False)
        return path
