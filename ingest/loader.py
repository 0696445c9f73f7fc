"""Read every .txt, .md and .pdf in the corpus folder into cleaned documents."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from ingest.chunk import Document, build_document
from ingest.parse import Line, Section, split_markdown, split_sections
from rag.errors import CorpusError

SUFFIXES = (".txt", ".md", ".pdf")


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The corpus files, sorted, or a clear error when there are none."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"Fant ikke korpusmappen {corpus_dir} — sett VEIVISER_CORPUS_DIR.")
    files = sorted(
        p
        for p in corpus_dir.iterdir()
        if p.suffix.lower() in SUFFIXES and p.stem.lower() != "readme"  # about the data, not data
    )
    if not files:
        raise CorpusError(f"Ingen .txt-, .md- eller .pdf-filer i {corpus_dir}.")
    return files


def corpus_hash(files: list[Path]) -> str:
    """A fingerprint of the corpus: names and bytes of every file."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load(path: Path) -> Document:
    """Parse one corpus file into its cleaned text and passages."""
    title = path.stem.replace("-", " ").replace("_", " ")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        sections = split_sections(_pdf_lines(path), _pdf_title(path, title))
    else:
        lines = [Line(t) for t in _read_text(path).split("\n")]
        if suffix == ".md":
            sections = split_markdown(lines, title)
        else:
            sections = split_sections(lines, _first_line(lines) or title)
    chapters = {s.number: s.title for s in sections if s.number and "." not in s.number}
    document = build_document(path.name, [s for s in sections if _has_text(s)])
    return dataclasses.replace(document, chapters=chapters)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise CorpusError(
            f"{path} er ikke UTF-8 (byte {err.start}). Lagre filen som UTF-8 og kjør ingest igjen."
        ) from err


def _first_line(lines: list[Line]) -> str:
    """The report's own title: its first non-empty line."""
    return next((ln.text.strip() for ln in lines if ln.text.strip()), "")


def _pdf_lines(path: Path) -> list[Line]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        lines: list[Line] = []
        for number, page in enumerate(reader.pages, start=1):
            lines += [Line(t, number) for t in (page.extract_text() or "").split("\n")]
            # A page break ends a paragraph (`paragraphs` joins a sentence it cut). It is not
            # the text dump's whitespace page foot: pypdf puts a page's footnotes before it,
            # so a " " here would make the next page's heading («2 …») look like a footnote.
            lines.append(Line("", number))
        return lines
    except (PdfReadError, OSError) as err:
        raise CorpusError(f"Kunne ikke lese PDF-filen {path}: {err}") from err


def _pdf_title(path: Path, fallback: str) -> str:
    from pypdf import PdfReader

    meta = PdfReader(path).metadata
    return (meta.title if meta and meta.title else "") or fallback


def _has_text(section: Section) -> bool:
    return (
        bool(section.number)
        or any(ln.text.strip() for ln in section.body)
        or bool(section.footnotes)
    )
