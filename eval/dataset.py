"""The reference Q&A set: load and validate JSONL files into typed, frozen `Item`s.

One JSON object per line:
`{"id", "question", "lang", "type", "answer", "must_contain", "evidence", "section"}`
(see eval/README.md). Blank lines are skipped; keys outside the schema are ignored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.errors import VeiviserError

DATA_DIR = Path(__file__).resolve().parent / "data"
SPLITS: dict[str, tuple[str, ...]] = {"dev": ("dev",), "test": ("test",), "all": ("dev", "test")}
TYPES = ("fact", "number", "list", "multi", "paraphrase", "unanswerable", "en")
KEYS = ("id", "question", "lang", "type", "answer", "must_contain", "evidence", "section")


class DatasetError(VeiviserError):
    """A reference-set file is missing or does not follow the schema."""


@dataclass(frozen=True)
class Item:
    """One reference question with what a good answer must contain and where the report says it."""

    id: str
    question: str
    lang: str
    type: str
    answer: str
    must_contain: tuple[tuple[str, ...], ...]
    evidence: tuple[str, ...]
    section: str

    @property
    def answerable(self) -> bool:
        """Answerable items carry evidence; unanswerable ones should be refused."""
        return bool(self.evidence)

    def to_dict(self) -> dict[str, Any]:
        """The item as plain JSON data (what eval.metrics takes)."""
        return {
            "id": self.id,
            "question": self.question,
            "lang": self.lang,
            "type": self.type,
            "answer": self.answer,
            "must_contain": [list(group) for group in self.must_contain],
            "evidence": list(self.evidence),
            "section": self.section,
        }


def shipped_split(name: str) -> list[Path]:
    """The shipped files of a split: `dev`, `test` or `all` (dev first)."""
    if name not in SPLITS:
        raise DatasetError(f"Ukjent split «{name}»; bruk {', '.join(SPLITS)}.")
    paths = [DATA_DIR / f"{part}.jsonl" for part in SPLITS[name]]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise DatasetError(f"Fant ikke datasettet: {', '.join(missing)}.")
    return paths


def load_items(paths: Iterable[Path]) -> list[Item]:
    """Every item of the files, in order; ids must be unique across all of them."""
    items: list[Item] = []
    seen: dict[str, str] = {}
    for path in paths:
        for line_no, item in _load_file(path):
            where = f"{path}:{line_no}"
            if item.id in seen:
                raise DatasetError(f"{where}: id «{item.id}» finnes allerede ({seen[item.id]}).")
            seen[item.id] = where
            items.append(item)
    return items


def load(path: Path) -> list[Item]:
    """The items of one file."""
    return load_items([path])


def _load_file(path: Path) -> list[tuple[int, Item]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise DatasetError(f"Kan ikke lese datasettet {path}: {err}") from err
    items: list[tuple[int, Item]] = []
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{line_no}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as err:
            raise DatasetError(f"{where}: ugyldig JSON ({err.msg}, kolonne {err.colno}).") from err
        items.append((line_no, parse_item(raw, where)))
    if not items:
        raise DatasetError(f"Datasettet {path} er tomt.")
    return items


def parse_item(raw: Any, where: str) -> Item:
    """Validate one decoded JSON object; errors name `where` (file:line) and the field."""
    if not isinstance(raw, dict):
        raise DatasetError(f"{where}: hver linje må være et JSON-objekt.")
    missing = [key for key in KEYS if key not in raw]
    if missing:
        raise DatasetError(f"{where}: mangler nøkler: {', '.join(missing)}.")
    for key in ("id", "question", "lang", "type", "answer", "section"):
        if not isinstance(raw[key], str):
            raise DatasetError(f"{where}: «{key}» må være en streng.")
    for key in ("id", "question", "lang"):
        if not raw[key].strip():
            raise DatasetError(f"{where}: «{key}» er tom.")
    if raw["type"] not in TYPES:
        raise DatasetError(
            f"{where}: ukjent type «{raw['type']}»; gyldige typer: {', '.join(TYPES)}."
        )
    return Item(
        id=raw["id"],
        question=raw["question"],
        lang=raw["lang"],
        type=raw["type"],
        answer=raw["answer"],
        must_contain=tuple(
            _strings(group, f"{where}: «must_contain»[{i}]")
            for i, group in enumerate(_list(raw["must_contain"], f"{where}: «must_contain»"))
        ),
        evidence=_strings(raw["evidence"], f"{where}: «evidence»", allow_empty=True),
        section=raw["section"],
    )


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise DatasetError(f"{what} må være en liste.")
    return value


def _strings(value: Any, what: str, allow_empty: bool = False) -> tuple[str, ...]:
    """A list of non-empty strings (a must_contain group holds alternatives, so never empty)."""
    values: Sequence[Any] = _list(value, what)
    if not values and not allow_empty:
        raise DatasetError(f"{what} er en tom liste.")
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise DatasetError(f"{what} må bare inneholde ikke-tomme strenger.")
    return tuple(values)
