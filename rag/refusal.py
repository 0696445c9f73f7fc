"""When the report does not answer: the evidence rules behind a refusal.

A question is refused when it names something no retrieved passage mentions (a year, a
number, a place, a name, a code), when its years never stand in one passage with its other
names, or when it asks for a kind of fact (a count, a date, an amount of money) that none of
the closest sentences holds. These rules carry most refusals: question–evidence similarity
alone does not tell answerable from unanswerable (eval/README.md, calibration).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Sequence

from rag.glossary import to_bokmal
from rag.text import fold, is_english, stopwords
from rag.types import Hit

REFUSAL = "Rapporten ser ikke ut til å svare på dette."
REFUSAL_EN = "The report does not seem to answer this."

# Counties (today's and the old ones) and the larger towns: places a question may name.
_COUNTIES = frozenset(
    (
        "agder innlandet nordland oslo rogaland trøndelag vestland viken vestfold telemark "
        "troms finnmark østfold akershus buskerud hedmark oppland hordaland sogn fjordane "
        "møre romsdal aust-agder vest-agder bergen trondheim stavanger tromsø kristiansand "
        "drammen bodø"
    ).split()
)
_YEAR = re.compile(r"^(19|20)\d\d$")
# What kind of fact a question asks for, and what a sentence must hold to give it. When none of
# the closest sentences holds such a fact, the report does not answer the question.
ANSWER_TYPES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (  # a count or a share
        re.compile(
            r"\b(hvor mange|kor mange|antall|how many|number of|hvor stor andel|kor stor del|"
            r"what share|what percentage|hvor mange prosent)\b",
            re.IGNORECASE,
        ),
        re.compile(
            # a number that is not a year nor a footnote marker glued to a word («fengslene.61»)
            r"(?<![\w.,])(?!(?:19|20)\d\d\b)\d+|"
            r"\b(to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|halvparten|tredjedel\w*|"
            r"fjerdedel\w*|flertall\w*|alle|ingen|få|fleste|majoritet\w*|mindretall)\b",
            re.IGNORECASE,
        ),
    ),
    (  # a time
        re.compile(
            r"^\s*(når (ble|kom|startet|fikk|vart|blei|skjedde)|i hvilket år|hvilket år|kva år|"
            r"when (was|were|did)|what year)\b",
            re.IGNORECASE,
        ),
        re.compile(r"\b(19|20)\d\d\b"),
    ),
    (  # an amount of money (the report gives none)
        re.compile(
            r"\b(koster?|kostet|kostnad(en|er|ene)?|lønn(en|a|inger)?|tjener|tjene|"
            r"budsjett(et|er)?|pris(en|er)?|kroner|costs?|salary|salaries|budgets?|earns?|"
            r"prices?|paid)\b",
            re.IGNORECASE,
        ),
        re.compile(r"\b(kr|kroner|NOK|mill\.|millioner|milliard\w*|gratis|free)\b", re.IGNORECASE),
    ),
)


def lacks_asked_fact(question: str, closest: Sequence[str]) -> bool:
    """The question asks for a count, a date or money, and no close sentence holds one."""
    return any(
        asks.search(question) and not any(gives.search(text) for text in closest)
        for asks, gives in ANSWER_TYPES
    )


def missing_specifics(items: Sequence[str], hits: Sequence[Hit]) -> list[str]:
    """Of the things a question names (`specifics`), those the retrieved passages do not.

    Every year, number, place or name must appear in some retrieved passage, and the
    question's years must appear in one passage together with its other names (a table
    of 2019–2020 for Finnmark does not answer «Finnmark i 2022»).
    """
    texts = [fold(f"{h.passage.section} {h.passage.text}") for h in hits]
    hay_words = set(re.findall(r"\w+", " ".join(texts)))
    missing = [
        item
        for item in items
        if not any(fold(item) in t or fold(to_bokmal(item)) in t for t in texts)
        and (item[0].isdigit() or not _fuzzy_in(fold(item), hay_words))
    ]
    years = [fold(i) for i in items if _YEAR.match(i)]
    names = [fold(i) for i in items if not i[0].isdigit()]
    if (
        years
        and names
        and not missing
        and not any(all(y in t for y in years) and any(n in t for n in names) for t in texts)
    ):
        missing += years
    return missing


def specifics(question: str) -> list[str]:
    """The specific things a question names: years, numbers, places, proper names, acronyms.

    In English questions only numbers, places and acronyms count (English capitalises
    words such as «Norwegian» that the Norwegian report never uses).
    """
    found: list[str] = re.findall(r"\b\d{4}\b|\b\d+(?:[.,]\d+)?\b", question)
    english = is_english(question)
    stop = stopwords()
    for i, token in enumerate(re.findall(r"[\wÆØÅæøå-]+", question)):
        head, _, rest = token.partition("-")
        if len(head) > 1 and head.isupper() and len(rest) > 3 and rest.islower():
            token = head  # «NAV-rettleiarane» names NAV; the rest is an ordinary word
        word = token.lower()
        acronym = len(token) > 1 and token.replace("-", "").isupper() and not token.isdigit()
        code = bool(re.fullmatch(r"[A-Za-zÆØÅæøå]+\d+", token))  # Vg3, RAD6000
        proper = i > 0 and token[0].isupper() and fold(word) not in stop and len(token) > 2
        if word in _COUNTIES or acronym or code or (proper and not english):
            found.append(token)
    return list(dict.fromkeys(found))


def _fuzzy_in(key: str, hay_words: set[str]) -> bool:
    parts = [p for p in re.findall(r"\w+", key) if len(p) > 2]
    return all(
        p in hay_words
        or any(w.startswith(p) for w in hay_words)
        or _shares_stem(p, hay_words)
        or difflib.get_close_matches(p, hay_words, n=1, cutoff=0.85)
        for p in parts
    )


def _shares_stem(word: str, hay_words: set[str]) -> bool:
    """Another inflection of the same word («elevundersøkinga» ~ «elevundersøkelsen»)."""
    stem = word[: max(6, math.ceil(0.7 * len(word)))]
    return len(word) > 6 and any(w.startswith(stem) for w in hay_words)
