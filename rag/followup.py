"""Resolve a short follow-up («Og i 2019?», «Hva med NAV?») against the previous question.

No LLM: a follow-up that is short, or opens like one, borrows the previous question's content
words; what it names itself (a year, a county, an institution) replaces the same kind of thing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.text import fold, stopwords, words

_OPENERS = re.compile(
    r"^\s*(og|enn|men|hva med|kva med|hvordan med|korleis med|samme for|også|what about|"
    r"and|how about|same for|i \d{4}|for \d{4})\b",
    re.IGNORECASE,
)
_MAX_FOLLOWUP_WORDS = 4
# The services the report covers one by one (chapters 3–8): a follow-up naming one («og i
# fengslene?», «hva med NAV?») swaps it for the one asked about before (folded words).
_SERVICE = re.compile(
    r"(ungdoms)?sk[ou]l\w*|videregaende|vidaregaande|universitet\w*|h[oø]y?g?sk[ou]l\w*|"
    r"uh|karrieresent\w*|nav|fengs\w*|kriminalomsorg\w*|innsatte|introduksjonsprogram\w*|"
    r"flyktning\w*|hoyere|hogare"
)
_YEAR = re.compile(r"^(19|20)\d{2}$")


def is_followup(question: str) -> bool:
    """Opens like a follow-up («Og …», «Hva med …», «What about …») or names nothing itself."""
    content = [w for w in words(question) if fold(w) not in stopwords() and not w.isdigit()]
    return bool(_OPENERS.match(question)) or not content


def resolve(question: str, history: Sequence[str]) -> str:
    """The text to retrieve with: the question itself, or combined with the previous one.

    `history` holds the conversation's earlier questions as they were asked, oldest first;
    each is read with the one before it, so «Hva med Oslo?» after «Og i 2019?» after «Hvor
    mange brukere hadde Viken i 2020?» still knows the topic.
    """
    previous = ""
    for earlier in history:
        previous = _combine(earlier, previous)
    return _combine(question, previous)


def _combine(question: str, previous: str) -> str:
    """`question` read with the (already resolved) question before it, if it is a follow-up."""
    if not previous or not is_followup(question) or len(words(question)) > 12:
        return question
    new_words = words(question)
    has_year = any(_YEAR.match(w) for w in new_words)
    stop = stopwords()
    kept = [
        w
        for w in re.findall(r"[\wÆØÅæøå-]+", previous)
        if fold(w) not in stop and not (has_year and _YEAR.match(w))
    ]
    if len(new_words) > _MAX_FOLLOWUP_WORDS or not has_year:
        kept = [w for w in kept if not _is_name(w)] if _names(question) else kept
    if any(_SERVICE.fullmatch(fold(w)) for w in new_words):
        kept = [w for w in kept if not _SERVICE.fullmatch(fold(w))]  # «Hva med NAV?»
    return f"{question.strip()} {' '.join(kept)}".strip()


def _is_name(word: str) -> bool:
    return word[:1].isupper()


def _names(question: str) -> list[str]:
    return [w for w in re.findall(r"[\wÆØÅæøå-]+", question)[1:] if _is_name(w)] + [
        w for w in re.findall(r"[\wÆØÅæøå-]+", question) if w.isupper() and len(w) > 1
    ]
