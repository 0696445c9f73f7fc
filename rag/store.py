"""The Chroma store: atomic builds into a fresh collection, then a switch; passage look-ups.

Works the same on a local folder (`PersistentClient`) and a Chroma server (`HttpClient`). A
build writes a new collection and marks it complete only at the end, so an ingest killed
halfway leaves the old index answering. Chroma never embeds anything itself here.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from langchain_core.embeddings import Embeddings

from rag.errors import NoIndexError, StoreError
from rag.settings import Settings
from rag.types import Passage

PREFIX = "veiviser-"
SENTENCES = "-sentences"  # the sibling collection of an index's answer sentences
_BATCH = 32


@dataclass(frozen=True)
class IndexInfo:
    """What the active collection was built from."""

    collection: str
    fingerprint: str
    embedder: str
    corpus_hash: str
    chunker_version: str
    built_at: str
    passages: int
    chapters: dict[str, str] = field(default_factory=dict)  # chapter number → its heading


def index_text(passage: Passage) -> str:
    """What gets embedded and BM25-indexed: the section heading gives the passage its context,
    and so does the sub-heading it stands under («Høgskolen i Innlandet (INN)»), which its
    sentences do not repeat (they say «høgskolen»). The first passage under a sub-heading
    opens with it already."""
    heading = passage.subheading
    if heading and not passage.text.lstrip("«").startswith(heading):
        return f"{passage.section}\n{heading}\n{passage.text}"
    return f"{passage.section}\n{passage.text}"


class Store:
    """Thin wrapper over a Chroma client for Veiviser's collections."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._client: Any = None
        self._handles: dict[str, Any] = {}  # collection name → handle, fetched once

    @property
    def location(self) -> str:
        return self._settings.chroma_url or str(self._settings.store_dir / "chroma")

    def client(self) -> Any:
        if self._client is None:
            os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
            import chromadb
            from chromadb.errors import ChromaError

            chroma_settings = chromadb.Settings(anonymized_telemetry=False)
            url = self._settings.chroma_url
            try:
                if url:
                    parsed = urlparse(url)
                    self._client = chromadb.HttpClient(
                        host=parsed.hostname or "127.0.0.1",
                        port=parsed.port or 8000,
                        ssl=parsed.scheme == "https",
                        settings=chroma_settings,
                    )
                else:
                    path = self._settings.store_dir / "chroma"
                    path.mkdir(parents=True, exist_ok=True)
                    self._client = chromadb.PersistentClient(
                        path=str(path), settings=chroma_settings
                    )
            except (ValueError, ConnectionError, OSError, ChromaError) as err:
                raise StoreError(
                    f"Kan ikke åpne indeksen i {self.location}: {err} — er den skadet, slett "
                    "mappen og kjør `veiviser ingest`."
                ) from err
        return self._client

    def _collections(self) -> list[Any]:
        from chromadb.errors import ChromaError

        try:
            return [c for c in self.client().list_collections() if c.name.startswith(PREFIX)]
        except (ValueError, ConnectionError, OSError, ChromaError) as err:
            raise StoreError(f"Kan ikke nå Chroma på {self.location}: {err}") from err

    def active(self) -> IndexInfo | None:
        """The newest completely built index, or None (a store folder that is not there is
        not made by asking)."""
        if not self._settings.chroma_url and not (self._settings.store_dir / "chroma").is_dir():
            return None
        done = [c for c in self._collections() if (c.metadata or {}).get("complete")]
        if not done:
            return None
        newest = max(done, key=lambda c: c.metadata["built_at"])
        return _info(newest.name, newest.metadata)

    def require_active(self) -> IndexInfo:
        info = self.active()
        if info is None:
            raise NoIndexError()
        return info

    def build(
        self,
        passages: Sequence[Passage],
        embedder: Embeddings,
        meta: dict[str, str],
        on_batch: Callable[[int], None] = lambda n: None,
        sentences: Sequence[str] = (),
    ) -> IndexInfo:
        """Embed and write passages (and the answerer's sentences, in a sibling collection)
        into new collections, then make them the active index."""
        client = self.client()
        name = f"{PREFIX}{meta['fingerprint']}-{time.time_ns()}"
        collection = client.create_collection(
            name,
            embedding_function=None,
            metadata={**meta, "complete": False, "built_at": ""},
            configuration={"hnsw": {"space": "cosine"}},
        )
        for i in range(0, len(passages), _BATCH):
            batch = passages[i : i + _BATCH]
            collection.add(
                ids=[p.id for p in batch],
                documents=[p.text for p in batch],
                metadatas=[p.to_metadata() for p in batch],
                embeddings=embedder.embed_documents([index_text(p) for p in batch]),
            )
            on_batch(len(batch))
        if sentences:
            self._add_sentences(client, name + SENTENCES, sentences, embedder, on_batch)
        built_at = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        final = {**meta, "complete": True, "built_at": built_at, "passages": len(passages)}
        collection.modify(metadata=final)
        for old in self._collections():
            if not old.name.startswith(name):
                client.delete_collection(old.name)
        return _info(name, final)

    def _add_sentences(
        self,
        client: Any,
        name: str,
        sentences: Sequence[str],
        embedder: Embeddings,
        on_batch: Callable[[int], None],
    ) -> None:
        collection = client.create_collection(name, embedding_function=None)
        for i in range(0, len(sentences), _BATCH * 4):
            batch = list(sentences[i : i + _BATCH * 4])
            collection.add(
                ids=[f"s{i + j}" for j in range(len(batch))],
                documents=batch,
                embeddings=embedder.embed_documents(batch),
            )
            on_batch(len(batch))

    def sentence_vectors(self, info: IndexInfo) -> dict[str, list[float]]:
        """The precomputed sentence vectors of an index (empty for an index built without)."""
        from chromadb.errors import NotFoundError

        try:
            collection = self.client().get_collection(
                info.collection + SENTENCES, embedding_function=None
            )
        except (ValueError, NotFoundError):
            return {}
        got = collection.get(include=["documents", "embeddings"])
        return {
            d: list(map(float, e)) for d, e in zip(got["documents"], got["embeddings"], strict=True)
        }

    def passages(self, info: IndexInfo) -> list[Passage]:
        """Every passage of the index, in document order."""
        got = self._collection(info).get(include=["documents", "metadatas"])
        passages = [
            Passage.from_metadata(i, d, m)
            for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        ]
        return sorted(passages, key=lambda p: (p.source, p.start, p.id))

    def dense(
        self, info: IndexInfo, vector: list[float], n: int, where: dict[str, str] | None = None
    ) -> list[tuple[str, float]]:
        """Passage ids and cosine similarities, best first."""
        got = self._collection(info).query(
            query_embeddings=[vector], n_results=n, where=where, include=["distances"]
        )
        return [(i, 1.0 - d) for i, d in zip(got["ids"][0], got["distances"][0], strict=True)]

    def _collection(self, info: IndexInfo) -> Any:
        if info.collection not in self._handles:
            self._handles[info.collection] = self.client().get_collection(
                info.collection, embedding_function=None
            )
        return self._handles[info.collection]


def _info(name: str, meta: dict[str, Any]) -> IndexInfo:
    return IndexInfo(
        collection=name,
        fingerprint=str(meta.get("fingerprint", "")),
        embedder=str(meta.get("embedder", "")),
        corpus_hash=str(meta.get("corpus_hash", "")),
        chunker_version=str(meta.get("chunker_version", "")),
        built_at=str(meta.get("built_at", "")),
        passages=int(meta.get("passages", 0)),
        chapters=json.loads(str(meta.get("chapters", "{}"))),
    )
