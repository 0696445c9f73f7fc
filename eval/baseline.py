"""The LangChain-tutorial pipeline, as a yardstick for Veiviser.

RecursiveCharacterTextSplitter(1000, 200) over the same cleaned text the corpus loader
produces, the same embedder, an in-memory Chroma collection queried by dense similarity
(top 10), and an "answer" that is the top chunk with ` [1]` appended. It never refuses.
Its `ask` returns an `Answer`, so its JSON is exactly the `veiviser ask --json` shape.
"""

from __future__ import annotations

import bisect
import os
import time
import uuid
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from ingest.loader import corpus_files, load
from rag.embeddings import make_embedder
from rag.settings import Settings
from rag.types import Answer, Citation, Hit, Passage

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 10
_BATCH = 64


class Baseline:
    """Chunks of the corpus in an ephemeral Chroma collection; answers with the top chunk."""

    def __init__(self, settings: Settings, embedder: Embeddings | None = None) -> None:
        self._embedder = embedder or make_embedder(settings.embedder)
        self.chunks = chunk_corpus(settings.corpus_dir)
        self._by_id = {c.id: c for c in self.chunks}
        self._collection = _collection()
        for i in range(0, len(self.chunks), _BATCH):
            batch = self.chunks[i : i + _BATCH]
            self._collection.add(
                ids=[c.id for c in batch],
                documents=[c.text for c in batch],
                embeddings=self._embedder.embed_documents([c.text for c in batch]),
            )

    def ask(self, question: str) -> Answer:
        """The top chunk as the answer, cited once; the top 10 chunks as the ranked passages."""
        started = time.perf_counter()
        got = self._collection.query(
            query_embeddings=[self._embedder.embed_query(question)],
            n_results=min(TOP_K, len(self.chunks)),
            include=["distances"],
        )
        hits = tuple(
            Hit(passage=self._by_id[i], score=1.0 - d, rank=rank, dense_rank=rank)
            for rank, (i, d) in enumerate(zip(got["ids"][0], got["distances"][0], strict=True), 1)
        )
        retrieved = time.perf_counter()
        top = hits[0].passage if hits else None
        return Answer(
            question=question,
            text=f"{top.text} [1]" if top else "",
            refused=False,
            citations=(Citation(n=1, passage=top, quote=top.text),) if top else (),
            hits=hits,
            timings_ms={"retrieve": (retrieved - started) * 1000, "answer": 0.0},
            retrieval_query=question,
        )


def chunk_corpus(corpus_dir: Path) -> list[Passage]:
    """Split each corpus file's cleaned text; each chunk gets the section its start falls in."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True
    )
    chunks: list[Passage] = []
    for path in corpus_files(corpus_dir):
        document = load(path)
        sections = sorted(document.passages, key=lambda p: p.start)
        starts = [p.start for p in sections]
        for doc in splitter.create_documents([document.text]):
            start = int(doc.metadata["start_index"])
            section = _section_at(sections, starts, start)
            chunks.append(
                Passage(
                    id=f"baseline-{len(chunks):04d}",
                    text=doc.page_content,
                    source=document.source,
                    section_number=section.section_number if section else "",
                    section_title=section.section_title if section else "",
                    start=start,
                    end=start + len(doc.page_content),
                )
            )
    return chunks


def _section_at(passages: list[Passage], starts: list[int], offset: int) -> Passage | None:
    """The passage whose span holds `offset`; in a gap (a heading), the passage that follows."""
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and offset < passages[index].end:
        return passages[index]
    if index + 1 < len(passages):
        return passages[index + 1]
    return passages[index] if passages else None


def _collection() -> Any:
    """A fresh in-memory collection; Chroma is never given an embedding function."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    import chromadb

    client = chromadb.EphemeralClient(settings=chromadb.Settings(anonymized_telemetry=False))
    return client.create_collection(
        f"baseline-{uuid.uuid4().hex}",
        embedding_function=None,
        configuration={"hnsw": {"space": "cosine"}},
    )
