"""Optional answerer: a language model writes the answer, and the report has the last word.

Any server that speaks the OpenAI chat API works (Ollama, llama.cpp's server, vLLM, LM Studio,
a hosted API): `VEIVISER_ANSWERER=openai:<model>` and `VEIVISER_LLM_URL=http://…/v1`. The model
sees the top passages, numbered, and must end every sentence with `[n]`. Its reply is then
checked against the report, sentence by sentence:

- a sentence must cite a passage it was shown (a sentence without a marker borrows the next
  marker of its paragraph; none at all, and it is dropped);
- its numbers must stand in a cited passage, and most of its content words too
  (`MIN_SUPPORT`, Snowball-stemmed terms), or it is dropped;
- each kept citation quotes, verbatim, the passage sentence closest to the claim.

When nothing survives the check, the extractive answer is given instead. The evidence rules
that refuse before any model is asked (a year, place or name no passage mentions) are the
extractive answerer's, so both backends refuse alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from langchain_core.language_models import BaseChatModel

from rag.answer import REFUSAL, REFUSAL_EN, Draft, ExtractiveAnswerer, refusal_draft
from rag.errors import LLMError, MissingDependencyError
from rag.refusal import missing_specifics, specifics
from rag.retrieve import Retrieval
from rag.settings import Settings
from rag.text import is_english, sentence_spans, terms
from rag.types import Citation, Hit

__all__ = ["PROMPT", "GenerativeAnswerer", "make_chat_model"]

MIN_SUPPORT = 0.6  # share of a sentence's content terms its cited passages must hold
_MARKERS = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")

PROMPT = (
    "Du svarer på spørsmål om rapporten «Karriereveiledning – et kunnskapsgrunnlag». "
    "Bruk bare utdragene nedenfor, og svar kort: høyst tre setninger, på samme språk som "
    "spørsmålet. Avslutt hver setning med nummeret på utdraget den bygger på, i "
    "hakeparentes, for eksempel [1] eller [2]. Gjengi tall nøyaktig slik utdragene skriver "
    "dem. Svarer ikke utdragene på spørsmålet, skriv bare: {refusal}"
)


class GenerativeAnswerer:
    """Asks a chat model with the top passages and keeps only what they support."""

    def __init__(
        self, chat: BaseChatModel, fallback: ExtractiveAnswerer, settings: Settings
    ) -> None:
        self._chat = chat
        self._fallback = fallback
        self._settings = settings

    def answer(
        self,
        question: str,
        retrieval: Retrieval,
        query_terms: list[str],
        said: Sequence[str] = (),
    ) -> Draft:
        english = is_english(question)
        shown = retrieval.hits[: self._settings.answer_passages]
        named = specifics(retrieval.query)
        if not shown or missing_specifics(named, retrieval.hits, retrieval.acronyms):
            return refusal_draft(english)
        reply = self._ask(question, shown, english)
        if REFUSAL in reply or REFUSAL_EN in reply:
            return refusal_draft(english)
        draft = ground(reply, shown, self._settings.answerer)
        if draft is None:  # nothing the model wrote held up: quote the report instead
            fallback = self._fallback.answer(question, retrieval, query_terms, said)
            return replace(fallback, by=f"extractive ({self._settings.answerer} uten støtte)")
        return draft

    def _ask(self, question: str, shown: list[Hit], english: bool) -> str:
        excerpts = "\n\n".join(
            f"[{n}] {h.passage.section}\n{h.passage.text}" for n, h in enumerate(shown, start=1)
        )
        messages = [
            ("system", PROMPT.format(refusal=REFUSAL_EN if english else REFUSAL)),
            ("human", f"Utdrag:\n\n{excerpts}\n\nSpørsmål: {question}"),
        ]
        try:
            reply = self._chat.invoke(messages)
        except Exception as err:  # connection refused, timeout, HTTP error: all the same here
            raise LLMError(
                f"Språkmodellen svarte ikke ({type(err).__name__}: {err}). Start tjenesten, "
                "eller bruk det innebygde svaret med VEIVISER_ANSWERER=extractive."
            ) from err
        return reply.text if hasattr(reply, "text") else str(reply.content)


def ground(reply: str, shown: list[Hit], by: str) -> Draft | None:
    """The reply's supported sentences, cited and renumbered by first use; None if none are."""
    kept: list[tuple[str, list[int]]] = []
    for claim, markers in _claims(reply):
        cited = [n for n in markers if 1 <= n <= len(shown)]
        if cited and _supported(claim, [shown[n - 1] for n in cited]):
            kept.append((claim, cited))
    if not kept:
        return None
    order = list(dict.fromkeys(n for _, cited in kept for n in cited))
    new = {old: i for i, old in enumerate(order, start=1)}
    text = " ".join(
        f"{claim} " + "".join(f"[{new[n]}]" for n in dict.fromkeys(cited)) for claim, cited in kept
    )
    citations = tuple(
        Citation(
            new[old],
            shown[old - 1].passage,
            _closest_sentence([c for c, cited in kept if old in cited], shown[old - 1]),
        )
        for old in order
    )
    return Draft(text, False, citations, by)


def _claims(reply: str) -> list[tuple[str, list[int]]]:
    """Sentences of the reply with the markers they end with; an unmarked sentence takes the
    next marker of its paragraph («A. B [1].» cites 1 for both)."""
    out: list[tuple[str, list[int]]] = []
    for paragraph in re.split(r"\n\s*\n", reply.strip()):
        pending: list[str] = []
        for span in sentence_spans(paragraph.replace("\n", " ")):
            sentence = paragraph.replace("\n", " ")[span.start : span.end].strip()
            markers = [int(n) for group in _MARKERS.findall(sentence) for n in group.split(",")]
            claim = _MARKERS.sub("", sentence).strip()
            if re.fullmatch(r"[.!?]?", claim):  # the marker after the full stop: «… 2020. [1]»
                claim = ""
            if claim:
                pending.append(claim)
            if markers and pending:
                out += [(c, markers) for c in pending]
                pending = []
    return out


def _supported(claim: str, hits: list[Hit]) -> bool:
    """Every number of the claim stands in a cited passage, and most of its content terms do."""
    text = " ".join(h.passage.text for h in hits)
    if not set(re.findall(r"\d+", claim)) <= set(re.findall(r"\d+", text)):
        return False
    claim_terms = set(terms(claim))
    held = set(terms(text))
    return bool(claim_terms) and len(claim_terms & held) >= MIN_SUPPORT * len(claim_terms)


def _closest_sentence(claims: list[str], hit: Hit) -> str:
    """The passage sentence sharing most terms with the claims that cite it (verbatim)."""
    wanted = set(terms(" ".join(claims)))
    text = hit.passage.text
    spans = list(sentence_spans(text))
    if not spans:
        return text
    best = max(spans, key=lambda s: len(wanted & set(terms(text[s.start : s.end]))))
    return text[best.start : best.end]


def make_chat_model(settings: Settings) -> BaseChatModel:
    """The chat model `VEIVISER_ANSWERER=openai:<model>` names, at `VEIVISER_LLM_URL`."""
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as err:
        raise MissingDependencyError(
            "Språkmodell-svar trenger pakken langchain-openai: pip install 'veiviser[llm]'."
        ) from err
    model = settings.answerer.removeprefix("openai:")
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else "ingen-nokkel"
    options: dict[str, Any] = {"temperature": 0.0, "max_retries": 1}
    return ChatOpenAI(
        model=model,
        base_url=settings.llm_url,
        api_key=key,  # local servers ignore it, but the client wants one
        timeout=settings.llm_timeout,
        **options,
    )
