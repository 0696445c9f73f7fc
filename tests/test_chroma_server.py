"""The same store code against a real Chroma server (`chroma run`), chosen by
VEIVISER_CHROMA_URL: ingest, skip an up-to-date index, answer with citations."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import free_port, stop_process
from langchain_core.embeddings import Embeddings

from ingest.run import ingest
from rag.pipeline import Veiviser
from rag.settings import Settings
from rag.store import PREFIX, SENTENCES, Store

pytestmark = pytest.mark.integration

STARTUP_SECONDS = 60


def _wait_for_heartbeat(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    import chromadb
    import httpx

    deadline = time.monotonic() + STARTUP_SECONDS
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"chroma run exited with {process.returncode}:\n{log.read_text()}")
        try:
            client = chromadb.HttpClient(
                host="127.0.0.1",
                port=port,
                settings=chromadb.Settings(anonymized_telemetry=False),
            )
            client.heartbeat()
            return
        except (ValueError, OSError, httpx.HTTPError) as err:  # not up yet
            last_error = err
            time.sleep(0.25)
    pytest.fail(f"Chroma server not up after {STARTUP_SECONDS} s: {last_error}\n{log.read_text()}")


@pytest.fixture
def chroma_url(tmp_path: Path) -> Iterator[str]:
    """A real Chroma server on a free local port, stopped whatever the test does."""
    chroma = Path(sys.executable).parent / "chroma"
    assert chroma.exists(), chroma
    port = free_port()
    log = tmp_path / "chroma.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                str(chroma),
                "run",
                "--path",
                str(tmp_path / "server-data"),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for_heartbeat(process, port, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            stop_process(process, timeout=10)


def test_ingest_and_ask_through_a_chroma_server(
    chroma_url: str,
    small_corpus: Path,
    isolated_env: Path,
    fake_embedder: Embeddings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VEIVISER_CHROMA_URL", chroma_url)
    settings = Settings(corpus_dir=small_corpus, refusal_threshold=-1.0, refusal_threshold_en=-1.0)
    assert settings.chroma_url == chroma_url

    report = ingest(settings, progress=False, embedder=fake_embedder)
    assert not report.skipped
    assert report.info.passages == 5
    assert Store(settings).location == chroma_url
    # Nothing went to the local folder: the server holds the index.
    assert not (isolated_env / "chroma").exists()
    names = sorted(c.name for c in Store(settings).client().list_collections())
    # the index and, beside it, the answer sentences embedded at ingest
    assert names == [report.info.collection, report.info.collection + SENTENCES]
    assert names[0].startswith(PREFIX)
    assert Store(settings).sentence_vectors(report.info)  # read back from the server

    # A second ingest finds the server's index up to date.
    again = ingest(Settings(corpus_dir=small_corpus), progress=False, embedder=fake_embedder)
    assert again.skipped
    assert again.info.collection == report.info.collection

    veiviser = Veiviser.open(settings, embedder=fake_embedder)
    answer = veiviser.ask("Hvor mange brukere hadde Viken i 2020?")
    assert not answer.refused
    assert answer.citations
    first = answer.citations[0]
    assert first.passage.id == "mini#2-00"
    assert first.quote in first.passage.text
    assert "[1]" in answer.text
    assert "5777" in answer.text
