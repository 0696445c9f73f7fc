"""Parse the report's extracted text into cleaned sections.

The text came out of a PDF (see DESIGN.md): page-end URL blocks, footnote lines that look like
headings, bullets shown only as a leading space, hyphenated line ends. This module classifies
every line, finds the real headings, and joins the body back into paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.types import SUMMARY_TITLE

_URL = re.compile(r"^\s*(https?://|www\.)\S*\s*$")
_FOOTNOTE = re.compile(r"^(\d{1,3})(?:\s*\S.*)?$")
_PAGE_START = re.compile(r"^ [^\s\d]")  # a page's first line opens with one space
_HEADING = re.compile(r"^\s*(\d{1,2})(?:\.(\d{1,2}))?\s+([«A-ZÆØÅ].*?)\s*$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_MAX_HEADING_CHARS = 90
_NUMBERED = re.compile(r"^\d{1,2}\.\s+\S")  # «1. Kompetansestandarder»: an item of its own
_ROW_END = re.compile(r"\s\d+(?:[,.]\d+)?\s*%?$")
ROW_MAX_CHARS = 80  # shorter than a wrapped line of prose


@dataclass(frozen=True)
class Line:
    text: str
    page: int | None = None


@dataclass
class Section:
    """A heading and what stands under it, before chunking."""

    number: str
    title: str
    body: list[Line] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Paragraph:
    """Cleaned paragraph text. Lines are joined by spaces; a bullet or row keeps its newline."""

    text: str
    page: int | None = None


def split_sections(lines: list[Line], default_title: str) -> list[Section]:
    """Classify lines into body, footnotes and links, and cut the body at real headings.

    A footnote block starts after a whitespace-only line (the PDF's page foot) with the next
    footnote number, and runs to the next empty line or to a line opening with a space: that is
    the next page's first line of body («… rådgivningsvitenskap.» then « Halvparten mente …»).
    Footnote numbers only grow, which is what tells «3 Koblingen til …» (footnote) from
    «3 Fylkesvise karrieresentre» (heading).
    """
    sections = [Section("", default_title)]
    chapter, sub, last_footnote = 0, 0, 0
    in_footnotes = after_page_foot = False
    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text.rstrip()
        current = sections[-1]
        number = _footnote_number(text)
        if in_footnotes and _PAGE_START.match(text):
            in_footnotes = False
            continue  # read this line again, as body
        if in_footnotes and text:
            if number is not None and last_footnote < number <= last_footnote + 5:
                last_footnote = number
                current.footnotes.append(text.strip())
            else:
                current.footnotes[-1] = join_wrapped(current.footnotes[-1], text.strip())
        elif after_page_foot and number is not None and last_footnote < number <= last_footnote + 5:
            in_footnotes = True
            continue  # read this line again, as a footnote
        elif _URL.match(text):
            current.links.append(text.strip())
        elif not text:
            in_footnotes = False
            after_page_foot = after_page_foot or line.text != ""
            if line.text == "":
                current.body.append(Line("", line.page))
        elif (heading := _heading(lines, i, chapter, sub)) is not None:
            number_text, title, used = heading
            chapter, sub = (int(p) for p in (number_text + ".0").split(".")[:2])
            sections.append(Section(number_text, title))
            after_page_foot = False
            i += used
            continue
        elif text.strip() == SUMMARY_TITLE and chapter == 0:
            sections.append(Section("", SUMMARY_TITLE))
        elif _is_page_number(lines, i):
            pass  # «22» alone between blank lines: the page's number, not the next sentence's
        else:
            current.body.append(Line(text, line.page))
        if text:
            after_page_foot = False
        i += 1
    return [s for s in sections if s.body or s.footnotes or s.number or s.title == SUMMARY_TITLE]


def _is_page_number(lines: list[Line], i: int) -> bool:
    """A line of one to three digits with blank lines around it."""
    around = [lines[j].text.strip() for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return bool(re.fullmatch(r"\d{1,3}", lines[i].text.strip())) and not any(around)


def _footnote_number(text: str) -> int | None:
    match = _FOOTNOTE.match(text)
    return int(match.group(1)) if match else None


def _heading(lines: list[Line], i: int, chapter: int, sub: int) -> tuple[str, str, int] | None:
    """A numbered heading that continues the outline (next chapter, or next section)."""
    match = _HEADING.match(lines[i].text)
    if not match:
        return None
    major, minor, title = int(match.group(1)), match.group(2), match.group(3)
    follows = (minor is None and major == chapter + 1) or (
        minor is not None and major == chapter and int(minor) == sub + 1
    )
    if not follows or len(title) > _MAX_HEADING_CHARS or title.endswith("."):
        return None
    used = 1
    nxt = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
    if nxt and nxt[0].islower() and len(nxt) < 60 and not nxt.endswith("."):
        title = f"{title} {nxt}"  # a title that wraps onto a second line
        used = 2
    number = str(major) if minor is None else f"{major}.{minor}"
    return number, re.sub(r"\s+", " ", title).strip(), used


def split_markdown(lines: list[Line], default_title: str) -> list[Section]:
    """Markdown sources: `#` headings make sections, numbered when the title starts so."""
    sections = [Section("", default_title)]
    for line in lines:
        match = _MD_HEADING.match(line.text)
        if match:
            title = match.group(2)
            numbered = re.match(r"^(\d+(?:\.\d+)*)\s+(.*)$", title)
            sections.append(
                Section(numbered.group(1), numbered.group(2)) if numbered else Section("", title)
            )
        elif _URL.match(line.text):
            sections[-1].links.append(line.text.strip())
        else:
            sections[-1].body.append(line)
    return [s for s in sections if any(ln.text.strip() for ln in s.body)]


def paragraphs(body: list[Line]) -> list[Paragraph]:
    """Join body lines into cleaned paragraphs.

    Blank lines end a paragraph; a line starting with a space (a lost bullet glyph) starts a
    new line inside it; a hyphen at a line end is undone when the word goes on in lower case
    (but not in «ungdoms- og» pairs); a paragraph cut by a page break is joined again.
    """
    blocks: list[list[Line]] = [[]]
    for line in body:
        if line.text.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    result: list[Paragraph] = []
    for block in blocks:
        if not block:
            continue
        text = ""
        for line in block:
            piece = line.text.rstrip()
            if not text:
                text = piece.strip()
            elif (
                line.text.startswith(" ")
                or _is_subheading(text)
                or _NUMBERED.match(piece)
                or (is_row(piece) and is_row(text.rsplit("\n", 1)[-1]))
            ):
                text += "\n" + piece.strip()
            else:
                text = join_wrapped(text, piece.strip())
        text = re.sub(r"[ \t]+", " ", text)
        if result and _continues(result[-1].text, text):
            result[-1] = Paragraph(result[-1].text + " " + text, result[-1].page)
        else:
            result.append(Paragraph(text, block[0].page))
    return result


def join_wrapped(text: str, piece: str) -> str:
    """Append a wrapped line: undo a line-end hyphen only where it split a word.

    «beredskaps-» + «departementet» joins; «ungdoms-» + «og» keeps its space; a hyphen after
    an acronym or a number («HK-dir», «NAV-kontorer», «2013-2016») or inside a URL is real.
    """
    if not re.search(r"\w-$", text) or re.match(r"(og|eller|and|or)\b", piece):
        return f"{text} {piece}"
    last = text.rsplit(maxsplit=1)[-1]
    if "://" in last or "www." in last or re.search(r"[A-ZÆØÅ0-9]-$", text):
        return text + piece
    if re.match(r"[a-zæøå]", piece):
        return text[:-1] + piece
    return f"{text} {piece}"


def is_row(line: str) -> bool:
    """A table row the PDF flattened: a short line ending in a value («1-5 år 35,4 %»)."""
    return len(line) <= ROW_MAX_CHARS and bool(_ROW_END.search(line))


def _is_subheading(text: str) -> bool:
    """A paragraph's first line that is a short title («Brukere av karrieresentrene»)."""
    return "\n" not in text and len(text) < 70 and not re.search(r"[.,:;!?–-]$", text)


def _continues(previous: str, text: str) -> bool:
    """True when `text` is the rest of a sentence that a page break cut off."""
    return (
        bool(re.search(r"[\w,–-]$", previous))
        and bool(re.match(r"[a-zæøå]", text))
        and ("\n" not in previous[-80:])
    )
