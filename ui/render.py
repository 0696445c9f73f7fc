"""Pure rendering: answers → chat Markdown and the «Kilder» HTML, a conversation → Markdown,
a vote → a feedback record. No Gradio here, so all of it is tested without a server."""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rag.types import Answer, Citation, Hit, Passage

REPORT = "«Karriereveiledning – et kunnskapsgrunnlag»"
WHOLE_REPORT = "Hele rapporten"
WHOLE_REPORT_VALUE = "*"

# The report's own mandate (the bullet list on its first page), then two short factual ones.
MANDATE_QUESTIONS = (
    "Hvordan dette er organisert og hvilke krav settes til tilbudene i ungdomsskolen, "
    "videregående skole, høyere utdanning og for voksne?",
    "Eksisterer det oppdatert(e) evaluering(er) av de ulike tilbudene, og hva mener elevene "
    "(ref. elevundersøkelsen)?",
    "Hva slags kompetanseprofil er det blant de ansatte som jobber i disse tjenestene?",
    "Hvilke tilbud om kompetanseheving og kvalifisering finnes for personer som vil jobbe, og "
    "allerede jobber, med slik rådgivning og veiledning?",
    "Eksisterer det formelle eller uformelle samarbeid mellom de ulike tilbudene?",
    "Hva er erfaringene med tiltak som Rådgivningsløftet i Oslo (RiO), Rådgivningsløftet i "
    "Rogaland (RiR)? Finnes det flere eksempler på slike tiltak i kommunesektoren med å styrke "
    "rådgivningstjenestene?",
)
FACTUAL_QUESTIONS = (
    "Hvor mange fikk individuell karriereveiledning ved karrieresentrene i 2020?",
    "Hva er skåren for rådgivning på 10. trinn i Elevundersøkelsen?",
)
EXAMPLES = FACTUAL_QUESTIONS + MANDATE_QUESTIONS

INTERNAL_ERROR = "Beklager, noe gikk galt da svaret skulle lages. Feilen er logget; prøv igjen."
_MARKER = re.compile(r"\s*\[(\d+)\]")
# After a marker (unless another follows), or after . ! ? … when a new sentence starts —
# not inside «10. trinn» or «Udir. er».
_SENTENCE_END = re.compile(r"(?<=\])\s+(?!\[)|(?<=[.!?…])\s+(?=[A-ZÆØÅ«\"(])")
_SHOWN_ON_REFUSAL = 3


@dataclass(frozen=True)
class Turn:
    """One question of a conversation and what came back: an answer, or an error message."""

    question: str
    answer: Answer | None = None
    error: str = ""
    scope: str | None = None

    @property
    def reply_text(self) -> str:
        return self.answer.text if self.answer is not None else self.error


# --- the chat ---------------------------------------------------------------------------------


def escape_md(text: str) -> str:
    """Text shown literally in Markdown: HTML escaped, Markdown syntax backslash-escaped.

    A web address is left unescaped (the renderer links it, and a backslash in it would
    become part of the link), but closed in angle brackets so no syntax around it counts."""
    parts = _ADDRESS.split(text)
    return "".join(f"<{p}>" if _ADDRESS.fullmatch(p) else _escape_plain(p) for p in parts if p)


_ADDRESS = re.compile(r"(https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?])")


def _escape_plain(text: str) -> str:
    escaped = html.escape(text, quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+|~!])", r"\\\1", escaped)


def escape_md_keep_code(text: str) -> str:
    """Like `escape_md`, but `command` spans in our own messages stay code."""
    parts = re.split(r"(`[^`\n]+`)", text)
    return "".join(p if p.startswith("`") else escape_md(p) for p in parts)


def label(text: str, kind: str) -> str:
    """A small coloured tag in front of a message (`kind`: refusal, error)."""
    return f'<span class="vv-label vv-label-{kind}">{html.escape(text)}</span>'


def reply_markdown(turn: Turn, upto: int | None = None) -> str:
    """The assistant's message; `upto` shows only the first chunks while streaming."""
    if turn.answer is None:
        return f"{label('Kunne ikke svare', 'error')} {escape_md_keep_code(turn.error)}"
    answer = turn.answer
    if answer.refused:
        return (
            f"{label('Ikke funnet i rapporten', 'refusal')} {escape_md(answer.text)}\n\n"
            "_De nærmeste passasjene står under «Kilder»._"
        )
    chunks = stream_chunks(answer.text)
    return escape_md("".join(chunks if upto is None else chunks[:upto]).rstrip())


def stream_chunks(text: str) -> list[str]:
    """The answer cut after each sentence and its `[n]` marker (the unit the chat streams)."""
    cuts = [m.end() for m in _SENTENCE_END.finditer(text)]
    bounds = [0, *cuts, len(text)]
    chunks = [text[a:b] for a, b in itertools.pairwise(bounds)]
    return [c for c in chunks if c.strip()] or [text]


def chat_messages(turns: Sequence[Turn], pending: str | None = None) -> list[dict[str, str]]:
    """Chatbot messages (user, assistant) per turn; `pending` adds a question being answered."""
    messages: list[dict[str, str]] = []
    for turn in turns:
        messages.append({"role": "user", "content": escape_md(turn.question)})
        messages.append({"role": "assistant", "content": reply_markdown(turn)})
    if pending is not None:
        messages.append({"role": "user", "content": escape_md(pending)})
    return messages


# --- the «Kilder» panel ----------------------------------------------------------------------


def quote_spans(text: str, quotes: Iterable[str]) -> list[tuple[int, int]]:
    """Where each quote sits in `text` (exact, else with any run of whitespace), merged."""
    spans: list[tuple[int, int]] = []
    for quote in quotes:
        quote = quote.strip()
        if not quote:
            continue
        at = text.find(quote)
        if at >= 0:
            spans.append((at, at + len(quote)))
            continue
        pattern = r"\s+".join(re.escape(w) for w in quote.split())
        found = re.search(pattern, text)
        if found:
            spans.append(found.span())
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, quotes: Iterable[str]) -> str:
    """The passage as HTML: every piece escaped first, then `<mark>` around the quoted spans."""
    out: list[str] = []
    pos = 0
    for start, end in quote_spans(text, quotes):
        out.append(html.escape(text[pos:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def cited_sentences(answer_text: str, n: int) -> list[str]:
    """The answer's sentences that carry marker `[n]` (each is verbatim from passage n)."""
    found = []
    for chunk in re.split(r"(?<=\])\s+", answer_text):
        markers = [int(m) for m in _MARKER.findall(chunk)]
        if n in markers:
            found.append(_MARKER.sub("", chunk).strip())
    return found


def _section(passage: Passage) -> str:
    return html.escape(passage.section or passage.source)


def _citation_html(citation: Citation, answer_text: str) -> str:
    quotes = [citation.quote, *cited_sentences(answer_text, citation.n)]
    return (
        f'<li class="vv-source" id="vv-source-{citation.n}">'
        f'<div class="vv-source-head"><span class="vv-n">[{citation.n}]</span> '
        f'<span class="vv-section">{_section(citation.passage)}</span></div>'
        f"{_passage_div(citation.passage, highlight(citation.passage.text, quotes))}</li>"
    )


def _hit_html(hit: Hit) -> str:
    return (
        f'<li class="vv-hit"><div class="vv-source-head"><span class="vv-rank">#{hit.rank}</span> '
        f'<span class="vv-section">{_section(hit.passage)}</span></div>'
        f"{_passage_div(hit.passage, html.escape(hit.passage.text))}</li>"
    )


def _passage_div(passage: Passage, inner: str) -> str:
    """The passage's text block; its lines show as lines (CSS pre-line), a table's rows without
    the blank lines between them."""
    if passage.kind == "table":
        inner = re.sub(r"\n\s*\n", "\n", inner)
    return f'<div class="vv-passage">{inner}</div>'


def kilder_html(turn: Turn | None) -> str:
    """The sources of one answer: cited passages with quotes marked; the rest collapsed."""
    head = '<div class="vv-kilder"><h3 class="vv-kilder-title">Kilder</h3>'
    if turn is None or turn.answer is None:
        hint = (
            "Kildene til svaret vises her: hvert nummer [n] i svaret peker på en passasje "
            "fra rapporten, med den siterte setningen uthevet."
        )
        return f'{head}<p class="vv-muted">{html.escape(hint)}</p></div>'
    answer = turn.answer
    parts = [head]
    if answer.refused:
        shown = list(answer.hits[:_SHOWN_ON_REFUSAL])
        rest = list(answer.hits[_SHOWN_ON_REFUSAL:])
        parts.append(
            '<p class="vv-refusal-note">Ingen passasje i rapporten besvarer spørsmålet godt nok. '
            "Dette er de nærmeste:</p>"
        )
        parts.append(f'<ol class="vv-hits">{"".join(_hit_html(h) for h in shown)}</ol>')
    else:
        cited = {c.passage.id for c in answer.citations}
        rest = [h for h in answer.hits if h.passage.id not in cited]
        items = "".join(_citation_html(c, answer.text) for c in answer.citations)
        parts.append(f'<ol class="vv-cited">{items}</ol>')
    if rest:
        parts.append(
            f'<details class="vv-more"><summary>Andre treff ({len(rest)})</summary>'
            f'<ol class="vv-hits">{"".join(_hit_html(h) for h in rest)}</ol></details>'
        )
    parts.append("</div>")
    return "".join(parts)


# --- status, export, feedback ----------------------------------------------------------------


def index_line(info: Any) -> str:
    """Index facts for the status line (any object with embedder, built_at and passages)."""
    built = str(getattr(info, "built_at", "") or "ukjent tid").replace("T", " ")
    return (
        f"Indeks: {getattr(info, 'embedder', '?')}, bygget {built}, "
        f"{getattr(info, 'passages', '?')} passasjer"
    )


def status_line(answer: Answer, info: Any) -> str:
    """Timing, passage count and index facts for one answer (plain text)."""
    retrieve = answer.timings_ms.get("retrieve", 0.0)
    compose = answer.timings_ms.get("answer", 0.0)
    parts = [
        f"Søk {retrieve:.0f} ms",
        f"svar {compose:.0f} ms",
        f"{len(answer.hits)} passasjer hentet",
        index_line(info),
    ]
    if answer.answered_by != "extractive":
        parts.append(f"svar fra {answer.answered_by}")
    if answer.retrieval_query and answer.retrieval_query != answer.question:
        parts.append(f"tolket som «{answer.retrieval_query}»")
    return " · ".join(parts)


def conversation_markdown(turns: Sequence[Turn], now: datetime) -> str:
    """The whole conversation as a Markdown document, each answer followed by its sources."""
    lines = [
        "# Samtale med Veiviser",
        "",
        f"Spørsmål og svar fra rapporten {REPORT}. Eksportert {now:%Y-%m-%d %H:%M}.",
        "",
    ]
    for i, turn in enumerate(turns, start=1):
        lines += [f"## {i}. {turn.question}", ""]
        if turn.scope:
            lines += [f"_Avgrenset til kapittel/seksjon {turn.scope}._", ""]
        if turn.answer is None:
            lines += [f"**Kunne ikke svare:** {turn.error}", ""]
            continue
        answer = turn.answer
        if answer.refused:
            lines += [f"**Ikke funnet i rapporten:** {answer.text}", "", "Nærmeste passasjer:", ""]
            lines += [
                f"- {h.passage.section}: {_snippet(h.passage.text)}"
                for h in answer.hits[:_SHOWN_ON_REFUSAL]
            ]
            lines.append("")
            continue
        lines += [answer.text, "", "### Kilder", ""]
        for c in answer.citations:
            lines += [f"[{c.n}] **{c.passage.section}** (passasje `{c.passage.id}`)", ""]
            lines += [f"> {line}" if line else ">" for line in c.quote.splitlines()]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _snippet(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rstrip() + " …"


def feedback_record(turn: Turn, vote: str, now: datetime) -> dict[str, Any]:
    """One line of feedback.jsonl: when, the vote, and what was voted on."""
    answer = turn.answer
    return {
        "timestamp": now.isoformat(timespec="seconds"),
        "vote": vote,
        "question": turn.question,
        "retrieval_query": answer.retrieval_query if answer else "",
        "scope": turn.scope,
        "answer": turn.reply_text,
        "refused": answer.refused if answer else None,
        "error": turn.error or None,
        "citations": [
            {"n": c.n, "chunk_id": c.passage.id, "section": c.passage.section, "quote": c.quote}
            for c in (answer.citations if answer else ())
        ],
    }


def scope_choices(
    passages: Iterable[Passage], chapters: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """«Avgrens til kapittel» choices in document order: each chapter, then its sections.

    A chapter whose heading has no text of its own (only subsections) is named by its heading
    from `chapters` (the index records them), else «Kapittel n»; the front matter is left out.
    """
    chapters = chapters or {}
    titles: dict[str, str] = {}
    sections: dict[str, list[tuple[str, str]]] = {}
    for p in passages:
        if p.is_front_matter:
            continue  # the title page and the mandate: nothing to limit a question to
        chapter = p.chapter
        sections.setdefault(chapter, [])
        if p.section_number == chapter or not p.section_number:
            titles.setdefault(chapter, p.section)
        elif all(num != p.section_number for num, _ in sections[chapter]):
            sections[chapter].append((p.section_number, p.section))
    choices = [(WHOLE_REPORT, WHOLE_REPORT_VALUE)]
    for chapter, subs in sections.items():
        heading = f"{chapter} {chapters[chapter]}" if chapter in chapters else f"Kapittel {chapter}"
        choices.append((titles.get(chapter, heading), chapter))
        choices += [(title, number) for number, title in subs]
    return choices


def scope_value(choice: str | None) -> str | None:
    """The `scope` argument for `ask()`: None for the whole report."""
    return None if not choice or choice == WHOLE_REPORT_VALUE else choice
