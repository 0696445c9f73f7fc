"""`veiviser ingest`: corpus → passages → embeddings → a fresh Chroma collection, if needed."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass

from langchain_core.embeddings import Embeddings
from tqdm import tqdm

from ingest.chunk import CHUNKER_VERSION
from ingest.loader import corpus_files, corpus_hash, load
from rag.answer import answer_sentences
from rag.embeddings import make_embedder
from rag.settings import Settings
from rag.store import IndexInfo, Store


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did, for the closing summary."""

    info: IndexInfo
    skipped: bool
    files: int = 0
    sections: int = 0
    passages: int = 0
    seconds: float = 0.0
    sentences: int = 0

    def summary(self) -> str:
        if self.skipped:
            return (
                f"Indeksen er oppdatert ({self.info.passages} passasjer, bygget "
                f"{self.info.built_at}) — ingenting å gjøre. Bruk --force for å bygge på nytt."
            )
        rate = self.passages / self.seconds if self.seconds else 0.0
        return (
            f"Ferdig: {self.files} fil(er), {self.sections} seksjoner, {self.passages} passasjer "
            f"og {self.sentences} svarsetninger på {self.seconds:.1f} s ({rate:.0f} passasjer/s), "
            f"embedder {self.info.embedder}."
        )


def fingerprint(settings: Settings, chash: str) -> str:
    """Identity of an index: corpus bytes, embedder and chunker version."""
    key = f"{chash}|{settings.embedder}|{CHUNKER_VERSION}"
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def ingest(
    settings: Settings,
    force: bool = False,
    progress: bool = True,
    embedder: Embeddings | None = None,
) -> IngestReport:
    """Build the index unless an identical one is already active (`embedder` overrides)."""
    files = corpus_files(settings.corpus_dir)
    chash = corpus_hash(files)
    fp = fingerprint(settings, chash)
    store = Store(settings)
    active = store.active()
    if active is not None and active.fingerprint == fp and not force:
        return IngestReport(active, skipped=True)
    started = time.perf_counter()
    documents = [load(path) for path in files]
    passages = [p for doc in documents for p in doc.passages]
    sections = len({(p.source, p.section) for p in passages})
    embedder = embedder or make_embedder(settings.embedder)
    meta = {
        "fingerprint": fp,
        "embedder": settings.embedder,
        "corpus_hash": chash,
        "chunker_version": CHUNKER_VERSION,
        "chapters": json.dumps(
            {n: t for doc in documents for n, t in doc.chapters.items()}, ensure_ascii=False
        ),
    }
    sentences = answer_sentences(passages)
    total = len(passages) + len(sentences)
    with tqdm(total=total, unit="tekster", disable=not progress) as bar:
        info = store.build(passages, embedder, meta, on_batch=bar.update, sentences=sentences)
    seconds = time.perf_counter() - started
    return IngestReport(info, False, len(files), sections, len(passages), seconds, len(sentences))
