"""Typed data that travels end to end: passages, retrieved hits, citations and answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

PassageKind = Literal["body", "table", "footnotes"]
SUMMARY_TITLE = "SAMMENDRAG"  # the report's one unnumbered section that answers questions


@dataclass(frozen=True)
class Passage:
    """One retrievable piece of the report, with everything needed to cite it."""

    id: str
    text: str
    source: str
    section_number: str
    section_title: str
    start: int
    end: int
    kind: PassageKind = "body"
    page: int | None = None
    links: tuple[str, ...] = ()
    # the unnumbered heading inside the section this passage stands under («Høgskolen i
    # Innlandet (INN)»): its sentences say «høgskolen», «INN», never the name again
    subheading: str = ""

    @property
    def section(self) -> str:
        """The section as people cite it: "3.1 Bruken av tilbudet og brukererfaringer"."""
        return f"{self.section_number} {self.section_title}".strip()

    @property
    def chapter(self) -> str:
        """The chapter number ("3" for section 3.1), or the title for unnumbered sections."""
        return self.section_number.split(".")[0] if self.section_number else self.section_title

    @property
    def is_front_matter(self) -> bool:
        """The title page and mandate (unnumbered, before SAMMENDRAG): it answers nothing."""
        return not self.section_number and self.section_title != SUMMARY_TITLE

    def to_metadata(self) -> dict[str, Any]:
        """Flatten for Chroma's metadata store (the inverse of `from_metadata`)."""
        meta: dict[str, Any] = {
            "source": self.source,
            "section_number": self.section_number,
            "section_title": self.section_title,
            "chapter": self.chapter,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "page": -1 if self.page is None else self.page,
        }
        if self.links:
            meta["links"] = list(self.links)
        if self.subheading:
            meta["subheading"] = self.subheading
        return meta

    @classmethod
    def from_metadata(cls, id: str, text: str, meta: dict[str, Any]) -> Passage:
        """Rebuild a passage from what the store returns."""
        page = int(meta.get("page", -1))
        return cls(
            id=id,
            text=text,
            source=str(meta["source"]),
            section_number=str(meta["section_number"]),
            section_title=str(meta["section_title"]),
            start=int(meta["start"]),
            end=int(meta["end"]),
            kind=meta.get("kind", "body"),
            page=None if page < 0 else page,
            links=tuple(meta.get("links") or ()),
            subheading=str(meta.get("subheading", "")),  # absent in stores built before v13
        )


@dataclass(frozen=True)
class Hit:
    """A passage as retrieval ranked it."""

    passage: Passage
    score: float
    rank: int
    dense_rank: int | None = None
    bm25_rank: int | None = None


@dataclass(frozen=True)
class Citation:
    """Marker `[n]` in an answer: the passage it points to and the verbatim quote from it."""

    n: int
    passage: Passage
    quote: str


@dataclass(frozen=True)
class Answer:
    """What every front end gets back for a question."""

    question: str
    text: str
    refused: bool
    citations: tuple[Citation, ...]
    hits: tuple[Hit, ...]
    timings_ms: dict[str, float] = field(default_factory=dict)
    retrieval_query: str = ""
    answered_by: str = "extractive"  # or the language model, e.g. "openai:llama3.1"

    def to_json(self) -> dict[str, Any]:
        """The `veiviser ask --json` contract, exactly."""
        return {
            "question": self.question,
            "answer": self.text,
            "refused": self.refused,
            "citations": [
                {
                    "n": c.n,
                    "chunk_id": c.passage.id,
                    "section": c.passage.section,
                    "text": c.passage.text,
                    "quote": c.quote,
                }
                for c in self.citations
            ],
            "passages": [
                {
                    "chunk_id": h.passage.id,
                    "section": h.passage.section,
                    "text": h.passage.text,
                    "score": round(h.score, 6),
                }
                for h in self.hits
            ],
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }
