"""Norwegian text helpers shared by ingest, retrieval and answering.

Sentence splitting and term normalisation are ours (the report's abbreviations, footnote
markers and bullets); stemming and stopwords come from Snowball via PyStemmer and bm25s.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import Stemmer
from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_NORWEGIAN

# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = {
    "jf",
    "mfl",
    "m.fl",
    "bl.a",
    "f.eks",
    "dvs",
    "osv",
    "ca",
    "kap",
    "nr",
    "s",
    "mv",
    "ev",
    "evt",
    "pga",
    "iht",
    "ift",
    "m.m",
    "udir",
    "prop",
    "st",
    "vg",
    "ibid",
    "etc",
    "tlf",
}
_SENTENCE_END = re.compile(r"(?<=[.!?»:])(\d{1,2})?\s+(?=[«\"A-ZÆØÅ0-9])")
_WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+", re.UNICODE)
_THOUSANDS = re.compile(r"\d{1,3}(?:[.,]\d{3})+")  # «23,636», «10.000»
# a footnote marker glued to a word or a closing mark («Norge,7 som», «(2020).33», «2019.26»,
# «(2020)31»), not a decimal («3,7») nor a number of its own
NOTE_MARKER = re.compile(
    r"(?:(?<=\d{4}\.)|(?<=\(\d{4}\))|(?<=[^\W\d_][.,)»])|(?<=[)»][.,])|(?<=[^\W\d_]{3}))"
    r"(\d{1,3})(?![\d,])"
)
_SITE = re.compile(r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:no|com|org|net|eu|se|dk)\b")
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "è": "e", "ä": "a", "ö": "o"})

# Common verbs of questions, folded: «Hvor mange fikk …», «Hvor mange svarte?» name no thing.
VERBS = frozenset(
    "fikk far fekk hadde har hatt var er vart ble blir blei svarte svarer svara deltok deltar "
    "brukte bruker tok tar jobbet jobber gikk gar kom kommer oppga oppgir mente mener onsket "
    "onsker trenger trengte kan skal vil foretrakk foretrekker valgte velger opplevde opplever "
    "sokte soker kjente kjenner visste fullforte startet begynte fant fann anbefalte anbefalt "
    "got get had have has were are was did do does took preferred chose "
    "used answered said work worked found recommended "
    # how something ranked: «Hvem havnet nederst?», «Hvilket fylke endte lavest?»
    "havnet havna endte enda came ended scored "
    "ville kunne skulle matte burde would could should "
    # what was done, and what it was about: «Hvilket år ble undersøkelsen gjort?»
    "gjort gjore gjor gjorde gjennomfort gjennomforte gjennomfores dreide dreier pekte peker "
    "sitter satt "
    # who named what: «Hvor mange nevnte dem?», «Kor mange nemnde det?»
    "nevnte nevner nemnde nemner trakk mentioned named".split()
)

# Words that carry no topic in Norwegian (bokmål and nynorsk) or English questions.
QUESTION_WORDS = {
    "hva",
    "kva",
    "hvem",
    "kven",
    "hvor",
    "kor",
    "hvordan",
    "korleis",
    "hvilke",
    "hvilken",
    "hvilket",
    "kva for",
    "kvifor",
    "hvorfor",
    "når",
    "mange",
    "står",
    "sier",
    "seier",
    "rapporten",
    "finnes",
    "fins",
    "gjelder",
    "gjeld",
    "ifølge",
    "iflg",
    "eg",
    "ein",
    "eit",
    "ikkje",
    "dei",
    "vere",
    "vart",
    "blei",
    "noko",
    "nokon",
    "kvar",
    "what",
    "which",
    "who",
    "how",
    "many",
    "much",
    "does",
    "report",
    "say",
    "says",
    "tell",
}


def fold(text: str) -> str:
    """Lower-case and fold æøå and accents to ASCII, so «radgiver» meets «rådgiver»; «aa», the
    old way to type «å» («aar», «paa»), folds as «å» does."""
    return unicodedata.normalize("NFKC", text).lower().translate(_FOLD).replace("aa", "a")


def words(text: str) -> list[str]:
    """Unicode words and numbers (3,8 and 23 636-style pieces stay whole where written so)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower())


@cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("norwegian")


@cache
def stopwords() -> frozenset[str]:
    """Norwegian and English stopwords, plus question words, folded like the terms."""
    raw = set(STOPWORDS_NORWEGIAN) | set(STOPWORDS_EN) | QUESTION_WORDS
    return frozenset(fold(w) for w in raw)


def terms(text: str) -> list[str]:
    """Index terms: folded, stopwords dropped, Snowball-stemmed (numbers kept as written);
    a web address («karriereveiledning.no») is a term as well as its words."""
    stop = stopwords()
    # «23,636» is written «23 636» in the report: a number of thousands is its groups
    folded = [
        piece
        for w in words(text)
        for piece in (re.split(r"[.,]", w) if _THOUSANDS.fullmatch(w) else [fold(w)])
    ]
    kept = [w for w in folded if w not in stop and (len(w) > 1 or w.isdigit())]
    stemmed = [
        w if w[0].isdigit() else s for w, s in zip(kept, _stemmer().stemWords(kept), strict=True)
    ]
    return stemmed + _SITE.findall(fold(text))  # «karriereveiledning.no» is a term of its own


@dataclass(frozen=True)
class Span:
    """A sentence as a character span of the text it came from."""

    start: int
    end: int


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or a number like «10.»."""
    match = re.search(r"([\w.]+)$", text[:dot])
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    if re.search(r"(?:^|\s)\d{1,2}$", text[:dot]):
        return True  # a numbered item («1. Kompetansestandarder») or a date («1. Januar»)
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentence_spans(text: str) -> Iterator[Span]:
    """Split text into sentence spans; a new line (bullets, table rows) always splits."""
    offset = 0
    for line in text.split("\n"):
        start = offset
        for match in _SENTENCE_END.finditer(line):
            punct = match.start() - 1
            if line[punct] == "." and _is_abbreviation(line, punct):
                continue
            if line[punct] == ":" and not match.group(1):
                continue  # a colon only ends a sentence when a footnote marker follows
            end = offset + match.start() + len(match.group(1) or "")
            if line[start - offset : end - offset].strip():
                yield _trimmed(text, start, end)
            start = offset + match.end()
        end = offset + len(line)
        if text[start:end].strip():
            yield _trimmed(text, start, end)
        offset = end + 1


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def sentences(text: str) -> list[str]:
    """The sentences of `text` as strings (verbatim slices)."""
    return [text[s.start : s.end] for s in sentence_spans(text)]


def is_english(text: str) -> bool:
    """A cheap language guess: English function words outnumber Norwegian ones.

    Names are left out first: «Høgskolen i Innlandet» in an English question is no Norwegian.
    """
    plain = _NAME.sub(" ", text)
    tokens = words(plain)
    en = sum(t in _EN_MARKERS for t in tokens)
    nb = sum(t in _NB_MARKERS for t in tokens) + 2 * sum(ch in "æøå" for ch in plain.lower())
    return en >= 1 and en > nb


# A name inside a sentence: capitalised words, with «i», «og» or «på» between them.
_NAME = re.compile(r"(?<=\w[\s,])[A-ZÆØÅ][\w-]*(?:\s+(?:i|og|på)\s+[A-ZÆØÅ][\w-]*)*")


_EN_MARKERS = {
    "the",
    "what",
    "which",
    "who",
    "how",
    "does",
    "do",
    "is",
    "are",
    "of",
    "in",
    "for",
    "and",
    "many",
    "much",
    "there",
    "was",
    "were",
    "did",
    "about",
    "with",
    "say",
    "says",
    "any",
    "where",
    "when",
    "why",
    "can",
    "you",
    "they",
    "their",
    "has",
    "have",
    "should",
    "from",
    # the field's English words, so keyword questions («prison counsellors») count as English
    "career",
    "careers",
    "guidance",
    "counselling",
    "counseling",
    "counsellor",
    "counsellors",
    "counselor",
    "counselors",
    "prison",
    "prisons",
    "school",
    "schools",
    "pupils",
    "students",
    "users",
    "centre",
    "centres",
    "center",
    "centers",
    "county",
    "counties",
    "survey",
    "universities",
    "adults",
    "employees",
    "requirements",
    "immigrants",
    "refugees",
}
_NB_MARKERS = {
    "hva",
    "hvilke",
    "hvem",
    "hvor",
    "hvordan",
    "er",
    "og",
    "i",
    "på",
    "av",
    "til",
    "som",
    "det",
    "kva",
    "korleis",
    "kor",
    "med",
    "for",
    "har",
    "om",
    "ein",
    "ikkje",
    "mange",
}


def unshout(text: str) -> str:
    """A question typed in capitals, as if written normally: «HVEM EIER KARRIEREVEILEDNING.NO?»
    → «Hvem eier karriereveiledning.no?» (else every word would read as a name or acronym)."""
    letters = [c for c in text if c.isalpha()]
    if len(words(text)) < 2 or not letters or any(c.islower() for c in letters):
        return text
    return text[:1] + text[1:].lower()
