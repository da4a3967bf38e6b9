"""report.html as a reader sees it: render the seeds' report in headless Chromium (desktop and phone),
check there are no console errors, that the screenshot is produced at the expected size, and that the
key sections are in the rendered DOM. Skipped when Chromium is not installed."""

from __future__ import annotations

import struct
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from test_coverage_support import run_corpus

from conftest import CHROMIUM, CHROMIUM_FLAGS

FLAGS = [*CHROMIUM_FLAGS, "--hide-scrollbars"]
SECTIONS = (
    "Brief",
    "Timeline",
    "Who said what",
    "Where they disagree",
    "Positions",
    "Provenance",
    "Coverage",
    "Carried by one source only",
    "What each article leaves out",
    "Framing notes",
    "Articles",
)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


@pytest.fixture(scope="module")
def report_html(seeds_dir, tmp_path_factory) -> Path:
    from newsprism.report import build_report, render_html
    from newsprism.report.build import validate_report

    out = tmp_path_factory.mktemp("html")
    analysis, runs = run_corpus(seeds_dir, out / "seeds.db")
    analysis = replace(analysis, stories=tuple(r.story for r in runs))
    report = build_report(analysis)
    validate_report(report)
    path = out / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    return path


def chromium(*args: str, timeout: int = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CHROMIUM, *FLAGS, *args], capture_output=True, text=True, timeout=timeout)


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def console_errors(stderr: str) -> list[str]:
    """Console messages of the page (not Chromium's own sandbox/dbus noise)."""
    return [
        line
        for line in stderr.splitlines()
        if "CONSOLE" in line or "Uncaught" in line or "Refused to" in line
    ]


@pytest.mark.parametrize("width,height", [(1280, 4000), (390, 3000)], ids=["desktop", "phone"])
def test_screenshot_renders(report_html: Path, tmp_path: Path, width: int, height: int) -> None:
    shot = tmp_path / f"shot-{width}.png"
    proc = chromium(
        "--enable-logging=stderr",
        "--v=0",
        f"--screenshot={shot}",
        f"--window-size={width},{height}",
        report_html.as_uri(),
    )
    assert shot.exists() and shot.stat().st_size > 20_000, proc.stderr[-2000:]
    assert png_size(shot) == (width, height)
    assert not console_errors(proc.stderr), console_errors(proc.stderr)


def test_dom_has_the_key_sections(report_html: Path) -> None:
    proc = chromium("--dump-dom", "--window-size=390,3000", report_html.as_uri())
    dom = proc.stdout
    assert "<html" in dom and "</html>" in dom
    for title in SECTIONS:
        assert title in dom, title
    assert "Trump confirms Ukraine will not join NATO" in dom
    assert "The Kremlin was already cheering behind closed doors" in dom
    assert "disputed" in dom and "never quotes" in dom
    assert "<script" not in dom


def test_page_is_readable_on_a_phone(report_html: Path) -> None:
    """No horizontal overflow of the page body at phone width (wide tables scroll inside their card)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed")
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(report_html.as_uri())
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        brief_items = page.locator("ol.brief li").count()
        browser.close()
    assert not errors
    assert overflow <= 1
    assert 3 <= brief_items <= 12  # short by default (issue 22): 24 words per report
