"""Section-aware, sentence-aware passages over the cleaned report text.

Passages never cross a section, nor a sub-heading inside one («Høgskolen i Innlandet (INN)»
in chapter 10): the sentences under it say «høgskolen» or «INN», so a passage that ran on into
the next institution would lend it the wrong name. Every passage carries the sub-heading it
stands under. Prose is packed sentence by sentence to ~500–1000 characters with one sentence of
overlap; a flattened table stays whole with its caption, header and `Kilde:` line (split only
when long, repeating caption and header); footnotes become a passage of their own section,
searchable but out of the body flow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ingest.parse import ROW_MAX_CHARS, Paragraph, Section, is_row, paragraphs
from rag.tables import CAPTION_BELOW
from rag.text import sentence_spans
from rag.types import Passage, PassageKind

CHUNKER_VERSION = "14"  # bump when passages or what is stored with them change
MIN_CHARS = 500
MAX_CHARS = 1000
TABLE_MAX_CHARS = 1600
_OVERLAP_MAX_CHARS = 300
_TABLE_CAPTION = re.compile(r"^Tabell \d+\s*[:.]")
_TABLE_HEADER_PARAGRAPHS = 2
SUBHEADING_MAX_CHARS = 80
# A statement, a row or a figure ends so; a heading does not. «(INN)» may end one (below).
_ENDS_STATEMENT = re.compile(r"[.:;?!»)%\d]$")
_NAMED_IN_BRACKETS = re.compile(r"\([A-ZÆØÅ][\w-]*\)$")  # «Høgskolen i Innlandet (INN)»
# a caption, a source line, or a line with a web address («… ligger på nav.no: …»)
_NOT_A_HEADING = re.compile(
    r"^(Tabell|Kilde|Figur)\b|://|www\.|\b[a-z0-9-]+\.(no|com|org|net|eu)\b"
)


@dataclass(frozen=True)
class _Piece:
    """A sentence (or table row) of the cleaned document, as a span."""

    start: int
    end: int
    paragraph_end: bool


@dataclass(frozen=True)
class Document:
    """The cleaned text of one source and the passages cut from it."""

    source: str
    text: str
    passages: list[Passage]
    # every chapter's heading, also of chapters with no text of their own (2 → «Bakgrunn …»)
    chapters: dict[str, str] = field(default_factory=dict)


class _Writer:
    """Appends cleaned text and remembers where each paragraph landed."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text + "\n\n")
        self.length += len(text) + 2
        return start, start + len(text)

    def text(self) -> str:
        return "".join(self.parts)


def build_document(source: str, sections: list[Section]) -> Document:
    """Write the cleaned text of all sections and cut it into passages."""
    writer = _Writer()
    placed: list[tuple[Section, list[tuple[Paragraph, int, int]], tuple[int, int] | None]] = []
    for section in sections:
        heading = f"{section.number} {section.title}".strip()
        writer.add(heading)
        paras = [(p, *writer.add(p.text)) for p in paragraphs(section.body)]
        footnotes = [f for f in section.footnotes if not f.isdigit()]
        notes = writer.add("\n".join(footnotes)) if footnotes else None
        placed.append((section, paras, notes))
    text = writer.text()
    stem = re.sub(r"\.[^.]+$", "", source)
    passages: list[Passage] = []
    for section, paras, notes in placed:
        key = section.number or _slug(section.title)
        links = tuple(dict.fromkeys(section.links))
        spans = _cut(text, paras, section.title)
        if notes:
            page = paras[0][0].page if paras else None
            spans += [
                _Span(s, e, "footnotes", None, page)
                for s, e in _pack(text, _line_pieces(text, *notes))
            ]
        for i, span in enumerate(spans):
            passages.append(
                Passage(
                    id=f"{stem}#{key}-{i:02d}",
                    text=span.body if span.body is not None else text[span.start : span.end],
                    source=source,
                    section_number=section.number,
                    section_title=section.title,
                    start=span.start,
                    end=span.end,
                    kind=span.kind,
                    page=span.page,
                    links=links,
                    subheading=span.subheading,
                )
            )
    return Document(source, text, passages)


class _Span(NamedTuple):
    """A passage to be: its span in the cleaned text, and its text when that is not the span
    (a long table's part repeats the caption and header)."""

    start: int
    end: int
    kind: PassageKind
    body: str | None = None
    page: int | None = None
    subheading: str = ""


def _cut(text: str, paras: list[tuple[Paragraph, int, int]], title: str) -> list[_Span]:
    """Prose runs become packed passages; each table becomes one (or a few) passages.

    A sub-heading closes the prose run before it and names every passage after it. Tables
    are recognised first, so a row label inside one («Kjønn» in Tabell 2) never splits it.
    """
    spans: list[_Span] = []
    prose: list[tuple[Paragraph, int, int]] = []
    plain = [para for para, _, _ in paras]
    heading = ""
    i = 0
    while i < len(paras):
        if _TABLE_CAPTION.match(paras[i][0].text):
            end = _table_end(paras, i)
            spans += _prose(text, prose, heading)
            prose = []
            spans += _table(text, paras[i : end + 1], heading)
            i = end + 1
        elif CAPTION_BELOW.match(paras[i][0].text) and (rows := _rows_before(prose)):
            source, rest = _first_line(paras[i])
            spans += _prose(text, prose[:-rows], heading)
            spans += _table(text, [*prose[-rows:], source], heading)
            prose = [rest] if rest else []
            i += 1
        else:
            if found := subheading(plain, i, title):
                spans += _prose(text, prose, heading)
                prose, heading = [], found
            prose.append(paras[i])  # the heading line opens the first passage under it
            i += 1
    return spans + _prose(text, prose, heading)


def subheading(paras: list[Paragraph], i: int, section_title: str = "") -> str:
    """The unnumbered sub-heading paragraph `i` opens with («Nord Universitet»), or "".

    A sub-heading is one short line (≤ 80 characters) that starts with a capital letter (a
    quoted one «… may open with «), does not end like a statement, a row or a figure
    (. : ; ? ! » ) % or a digit; a bracketed name «(INN)» may end it), is no caption or
    source line and holds no web address, and has text after it in its section: the next
    paragraph, or the rest of its own paragraph when the PDF left no blank line under it.
    That text must be prose, not a table row; and the paragraph before must not announce a
    list («… følgende studier:»), whose items are short lines too.
    """
    lines = paras[i].text.split("\n")
    line = lines[0].strip()
    name = line.removeprefix("«")
    if (
        len(line) > SUBHEADING_MAX_CHARS
        or not name[:1].isupper()
        or (_ENDS_STATEMENT.search(name) and not _NAMED_IN_BRACKETS.search(name))
        or _NOT_A_HEADING.search(name)
        or name == section_title
        or (i > 0 and paras[i - 1].text.rstrip().endswith(":"))
    ):
        return ""
    after = lines[1] if len(lines) > 1 else paras[i + 1].text if i + 1 < len(paras) else ""
    after = after.split("\n")[0].strip()
    if not after[:1].isupper() or is_row(after):
        return ""
    return name


def _first_line(
    para: tuple[Paragraph, int, int],
) -> tuple[tuple[Paragraph, int, int], tuple[Paragraph, int, int] | None]:
    """A paragraph split after its first line (a source line that took the prose after it)."""
    paragraph, start, end = para
    first, _, rest = paragraph.text.partition("\n")
    head = (Paragraph(first, paragraph.page), start, start + len(first))
    tail = (Paragraph(rest, paragraph.page), start + len(first) + 1, end) if rest else None
    return head, tail


def _rows_before(prose: list[tuple[Paragraph, int, int]]) -> int:
    """How many paragraphs at the end of `prose` are a table whose caption comes after it
    («… 1-5 år 35,4 % …» then «Kilde: Tabell 2. Tid som rådgiver»): short lines, no prose
    sentence, and at least one row with values."""
    count = 0
    for para, _, _ in reversed(prose):
        lines = para.text.split("\n")
        if any(len(line) > ROW_MAX_CHARS or line.rstrip().endswith(".") for line in lines):
            break
        count += 1
    tail = [line for para, _, _ in prose[len(prose) - count :] for line in para.text.split("\n")]
    return count if any(is_row(line) for line in tail) else 0


def _table_end(paras: list[tuple[Paragraph, int, int]], caption: int) -> int:
    """Index of the table's `Kilde:` line (or its last short row when there is none)."""
    last = caption
    for j in range(caption + 1, min(len(paras), caption + 60)):
        para = paras[j][0].text
        if para.startswith("Kilde"):
            return j
        if len(para) > 160 and not re.search(r"\d", para[:40]):
            break
        last = j
    return last


def _table(text: str, rows: list[tuple[Paragraph, int, int]], heading: str) -> list[_Span]:
    start, end, page = rows[0][1], rows[-1][2], rows[0][0].page
    if end - start <= TABLE_MAX_CHARS:
        return [_Span(start, end, "table", None, page, heading)]
    head = rows[: 1 + _TABLE_HEADER_PARAGRAPHS]
    header = "\n".join(text[s:e] for _, s, e in head)
    pieces = [_Piece(s, e, True) for _, s, e in rows[len(head) :]]
    room = TABLE_MAX_CHARS - len(header)
    return [
        _Span(s, e, "table", header + "\n" + text[s:e], page, heading)
        for s, e in _pack(text, pieces, low=room // 2, high=room, overlap=False)
    ]


def _prose(text: str, paras: list[tuple[Paragraph, int, int]], heading: str) -> list[_Span]:
    if not paras:
        return []
    pieces: list[_Piece] = []
    pages: dict[int, int | None] = {}
    for para, start, _ in paras:
        spans = list(sentence_spans(para.text))
        for k, span in enumerate(spans):
            pieces.append(_Piece(start + span.start, start + span.end, k == len(spans) - 1))
            pages[start + span.start] = para.page
    return [_Span(s, e, "body", None, pages.get(s), heading) for s, e in _pack(text, pieces)]


def _line_pieces(text: str, start: int, end: int) -> list[_Piece]:
    pieces, offset = [], start
    for line in text[start:end].split("\n"):
        pieces.append(_Piece(offset, offset + len(line), True))
        offset += len(line) + 1
    return pieces


def _pack(
    text: str,
    pieces: list[_Piece],
    low: int = MIN_CHARS,
    high: int = MAX_CHARS,
    overlap: bool = True,
) -> list[tuple[int, int]]:
    """Greedy packing: close at a paragraph end once `low` is reached, never pass `high`."""
    out: list[tuple[int, int]] = []
    first = 0
    i = 0
    while i < len(pieces):
        size = pieces[i].end - pieces[first].start
        at_limit = i + 1 < len(pieces) and pieces[i + 1].end - pieces[first].start > high
        lead_in = text[pieces[i].start : pieces[i].end].rstrip().endswith(":")
        # a list's lead-in («… har rett til:») stays with its first items
        done = (
            i + 1 == len(pieces)
            or at_limit
            or (size >= low and pieces[i].paragraph_end and not lead_in)
        )
        if not done:
            i += 1
            continue
        out.append((pieces[first].start, pieces[i].end))
        last = pieces[i]
        carry = overlap and i > first and last.end - last.start <= _OVERLAP_MAX_CHARS
        first = i if carry and i + 1 < len(pieces) else i + 1
        i += 1
    return _merge_short_tail(out, high)


def _merge_short_tail(spans: list[tuple[int, int]], high: int) -> list[tuple[int, int]]:
    """A last passage shorter than a fifth of the limit joins the one before it, if the two
    stay within a fifth over the limit. Sub-headings end runs often, and such a tail is mostly
    the overlap sentence: alone, «Departementet kan gi forskrift …» (2.4) drew questions
    about the counties' duty away from the passage with the law itself."""
    if (
        len(spans) > 1
        and spans[-1][1] - spans[-1][0] < high // 5
        and spans[-1][1] - spans[-2][0] <= high + high // 5
    ):
        return [*spans[:-2], (spans[-2][0], spans[-1][1])]
    return spans


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "start"
