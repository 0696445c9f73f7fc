"""The default answerer: extractive, offline. Picks verbatim sentences and cites their passages.

Every sentence of an answer is a verbatim slice of a retrieved passage, followed by `[n]`
pointing to that passage; `n` counts passages in order of first use. It refuses when the
question names something no retrieved passage mentions, asks for a kind of fact no close
sentence holds, is about a year the closest evidence is not, asks for results of work still
going on or for what the report says it did not look into, or no sentence is close enough to
the question (see rag/refusal.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from langchain_core.embeddings import Embeddings

from rag.glossary import gloss
from rag.refusal import (
    ANSWER_TYPES,
    ASKS_COUNT,
    ASKS_NOTE,
    ASKS_PRICE,
    COUNTIES,
    GIVES_OUTCOME,
    GIVES_SCORE,
    NUMBER,
    REFUSAL,
    REFUSAL_EN,
    WHICH_YEAR,
    YEAR,
    asked_but_not_given,
    asks_advice_or_forecast,
    blank_cell,
    code_apart_from_fact,
    compares_services_apart,
    counts_something_else,
    degree_off_evidence,
    denies,
    disclaims,
    full_name,
    full_names_asked,
    grade_off_evidence,
    grades,
    group_off_evidence,
    holds,
    is_yes_or_no,
    lacks_asked_fact,
    missing_specifics,
    names_no_county,
    number_pattern,
    place_and_year_apart,
    place_apart_from_fact,
    places_off_evidence,
    reports_unfinished,
    satisfaction_of_another_year,
    services_off_evidence,
    span_unstated,
    specifics,
    unknown_institution,
    years_off_evidence,
)
from rag.retrieve import Retrieval
from rag.services import services_named
from rag.settings import Settings
from rag.store import index_text
from rag.tables import (
    CAPTION_BELOW,
    CHANGE,
    LEAST,
    MOST,
    SUPERLATIVE,
    asks_moved_rows,
    asks_rows_past,
    asks_span,
    changed_rows,
    introduced,
    rows_in_span,
    rows_past,
    spoken_of,
    superlative_row,
    without_bound,
)
from rag.text import NOTE_MARKER, fold, is_english, sentence_spans, stopwords, terms, words
from rag.types import Citation, Hit, Passage

__all__ = [
    "ENGLISH_LEAD",
    "REFUSAL",
    "REFUSAL_EN",
    "Answerer",
    "Draft",
    "ExtractiveAnswerer",
    "refusal_draft",
    "specifics",
]

ENGLISH_LEAD = "The report says:"
_RANKING = set(terms(" ".join(MOST + LEAST)))  # what a superlative ranks by, not what it ranks
_COUNTING = {"flest", "faerrest", "faerrast", "fewest"}  # (folded) superlatives of a count

# a question answered by years: when something happened, or how long it went on
_DATED = re.compile(
    rf"\b(when|når|nar|{WHICH_YEAR}|hvor lenge|kor lenge|how long)\b",
    re.IGNORECASE,
)
_QUANTITY = re.compile(
    r"\b(hvor mange|kor mange|antall|andel(en)?|prosent|hvor stor|kor stor|hvor høy|kor høg|"
    r"skår|score|how many|how much|how big|how large|what share|percentage|number of|"
    r"hvor lenge|kor lenge|"
    rf"when|når|nar|{WHICH_YEAR})\b",
    re.IGNORECASE,
)
_LIST = re.compile(
    r"\b(hvilke|kva for|which|list|nevn|name the|oppgaver|tiltak|temaer|hva slags|what kind|"
    r"eksempler|examples)\b",
    re.IGNORECASE,
)
# «Hvilke fire steder …?», «which three areas»: a list of a told length
_LIST_OF = re.compile(
    r"\b(hvilke|kva for|which|what|nevn|name)\s+(to|tre|fire|fem|seks|sju|syv|"
    r"atte|ni|ti|two|three|four|five|six|seven|eight|\d)\b"
)
# A sentence that opens by pointing back: «Dette er …», «Disse var …», «Her …», «Begge …».
_ANAPHOR = re.compile(
    r"^(Dette|Disse|Denne|Det gjelder|Her|Begge|Blant disse|Av disse|Slik|Da|Den|De)\b"
)
# A sentence announcing what the next one tells («Det fremkommer av undersøkelsen hvem rådgiverne
# samarbeidet mest med.», «De ansatte ble spurt om hva …»): it answers nothing alone.
_ANNOUNCES = re.compile(
    r"\b(spurt|fremkommer|kommer frem|kartla|kartlagt|ble bedt)\b[^.?:]*"
    r"\b(hvem|hva|hvilke\w*|hvordan|hvor\w*|i hvilken)\b[^0-9?]*[.]?$",
    re.IGNORECASE,
)
# … and the ones that surely do, which open a passage only when the overlap cut their referent
_ORPHAN = re.compile(r"^(Dette|Disse|Denne|Begge|Blant disse|Av disse)\b")

# The value cells that end a table row: numbers, shares, blank «%» cells.
_ROW_VALUES = re.compile(r"(\s+(\d[\d ]*(?:[,.]\d+)?\s*%?|%))+\s*$")
_COMPARES = re.compile(
    r"\b(sammenlign\w*|forskjell\w*|versus|vs\.?|compared|comparison|difference|både)\b",
    re.IGNORECASE,
)
_BOTH = re.compile(r"\b(både|baade|begge|both)\b", re.IGNORECASE)
_BOTH_ROW = re.compile(r"\s*begge\b", re.IGNORECASE)
_PRICE_GIVEN = re.compile(r"\b(gratis|kr|kroner|free)\b", re.IGNORECASE)
# «Var det noe vits …?», «Hva kom ut av …?», «Did it work?»: a question about how some work
# turned out is answered by a sentence reporting a finding
_ASKS_OUTCOME = re.compile(
    r"\b(vits|nytte|igjen for|funket|fungerte|virket|effekt\w*|resultat\w*|kom ut av|"
    r"hva (viste|fant)|konklu\w*|work(ed)?|effects?|outcomes?|results?|what did .* find|useful|"
    r"conclu\w*)\b",
    re.IGNORECASE,
)
_SOURCES = 2  # the footnotes a question asking for a source brings along
# «Hvorfor …?» is answered by a sentence giving a reason
_ASKS_REASON = re.compile(r"\b(hvorfor|kvifor|why|grunnen til|årsaken til)\b", re.IGNORECASE)
_GIVES_REASON = re.compile(
    r"\b(fordi|ettersom|siden|på grunn av|grunnet|skyldes|skyldtes|årsak\w*|grunn(en|er)? "
    r"(til|for|var|er)|, da|derfor|for å|slik at|pga|som følge av|(har|hadde|ha) sammenheng med|"
    r"heng\w* sammen|forklar\w*|av hensyn til|med tanke på|bakgrunn(en)? (for|av)|begrunn\w*|"
    r"hensikt\w*|formål\w*|(føre|førte|ført|bidra|bidro|bidratt) til|because|due to)\b",
    re.IGNORECASE,
)
# What makes a sentence ending in «?» a question: «Fokuset i prosjektet har vært … se …
# omtale av prosjektet på veilederforum.no: Gjøre samme jobb, eller gjøre jobben sammen?» is none
_ASKS = re.compile(
    r"\b(hva|hvordan|hvilke[nt]?|hvem|hvor\w*|hvorfor|når)\b|"
    r"^(Eksisterer|Finnes|Er|Har|Kan|Skal|Bør)\b",
    re.IGNORECASE,
)
# «each year» names no row of years in the role («1-5 år», «Mer enn 31 år»); «31 år» does
_UNIT_TERMS = frozenset(terms("år års"))
_MAX_TABLE_QUOTE = 420  # characters of a table quoted from its caption on

# «Buland og Mordal (2019) ved NTNU gjennomførte … en evaluering av …»: who studied what and
# when; it names the question's study but tells nothing it found
_INTRODUCES_STUDY = re.compile(
    r"\b(gjennomførte|gjennomført|evaluerte|foretatt|foretok)\b.{0,60}?\b(en|et)\s+\w*"
    r"(evaluering|kartlegging|undersøkelse|prosjekt|analyse|studie|gjennomgang)\b|"
    r"\bevaluerte på oppdrag\b",
    re.IGNORECASE,
)
_ASKS_SOURCE = re.compile(
    r"\b(hvem|kven|når|kva tid|hva het\w*|kva heit\w*|tittel\w*|(år|aar|ar)stall|"
    r"hvilke[nt]? (år|rapport\w*|studie\w*|undersøkelse\w*|evaluering\w*|forsk\w*|prosjekt\w*)|"
    r"who|when|what year|title|"
    r"which (report|study|survey|evaluation|project|year)|name of)\b",
    re.IGNORECASE,
)
# «Hvilket kapittel handler om NAV?»: the report says where it treats what («… (kap. 6)»)
_ASKS_CHAPTER = re.compile(
    r"\b(hvilket kapittel|kva kapittel|hvilken del av rapporten|hvor i rapporten|"
    r"which (chapter|section|part)|where in the report)\b",
    re.IGNORECASE,
)
_GIVES_CHAPTER = re.compile(r"\b(kap\.|kapittel|kapitlene)\s*\d+", re.IGNORECASE)
# «Hvor er studiestedet?», «Where is it taught?»: a place, which a sentence gives by naming a
# town or county, or by saying where the teaching is (online, in sessions). Not a refusal rule:
# the report names places in too many ways; only a sentence close behind that names one joins.
_TOWNS = (
    "oslo bergen trondheim stavanger kristiansand drammen fredrikstad sandnes tromsø sarpsborg "
    "skien ålesund sandefjord haugesund tønsberg moss porsgrunn bodø arendal hamar larvik "
    "halden lillehammer molde harstad gjøvik kongsberg horten narvik elverum levanger steinkjer "
    "alta namsos stord alstahaug førde sogndal volda rena notodden hønefoss lillestrøm "
    "kristiansund grimstad hallingdal ringerike røyken asker bærum"
)
_PLACE = (
    re.compile(
        r"^\s*(hvor|kvar|where)\b(?!\s+(mange|mye|mykje|stor|store|høy|høg|lenge|ofte|godt|"
        r"fornøyd\w*|many|much|long|often|well|satisfied))|"
        r"\b(hvilket sted|hvilken by|which (city|town|place))\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b({'|'.join(_TOWNS.split())}|{'|'.join(COUNTIES)})\b|studiested|nettbasert|"
        r"samlingsbasert|digital\w*",
        re.IGNORECASE,
    ),
)

# Scoring weights, tuned on the dev split only (eval/data/dev.jsonl).
W_DENSE = 5.0
W_LEXICAL = 0.6
W_PASSAGE = 1.0  # the whole passage covers the question's terms, not only the sentence
W_RANK = 0.12
W_NAMED = 0.25
W_NUMBER = 0.15
W_PRICE = 0.5
W_CHAPTER = 0.6  # a sentence naming a chapter, for a question asking which chapter
W_REASON = 0.3  # a reason, for a question asking why
W_INTRODUCES = 0.3  # a sentence introducing a study, for a question not asking whose or when
W_OTHER_GRADE = 0.3  # a sentence on other school years than the question's
W_OUTCOME = 0.3  # a finding, for a question on how some work turned out
W_ANNOUNCED = 0.4  # a sentence announcing as many items as a list question asks for
W_SAID = 0.3  # a sentence the previous answer quoted, in a follow-up (conversation probes)
W_OWN = 0.3  # … and one holding the follow-up's own words («Og på ungdomsskolen?»)
W_FULL_NAME = 1.0  # a sentence writing out the short name asked about («Hva står RiO for?»)
MARGIN = 0.45  # how far behind the best sentence another may be and still be quoted
MARGIN_TIE = 0.1  # how far behind the best sentence another may be and still be quoted beyond
# the budget: about as likely the answer
MARGIN_DENIAL = 1.2  # how far behind a sentence saying no to a yes-or-no question may be
MARGIN_ROW = 1.0  # … and the table row a question of how many names (it gives the count)
MARGIN_FACT = 0.6  # how far behind a sentence holding the asked kind of fact may be
MARGIN_SECOND_PLACE = 0.3  # … and the best sentence of a second section, for a comparison
MARGIN_PEER = 0.06  # how close to the best sentence one of another passage is as good as beside it
SAME_PASSAGE_BONUS = 0.4
ADJACENT_BONUS = 0.2
REPEAT_OVERLAP = 0.6
REPEAT_WORDS = 4  # the fewest words two sentences share when one repeats the other
_CONTIGUOUS = 3  # characters between two passages that follow each other
_DATES_A_COLUMN = re.compile(r"\b(19|20)\d\d\b")  # a table with a year in it
_LEAD_IN = 150  # characters before a sentence that may date it («… i 2020 som svarte … Av disse»)
BUDGET = 750  # characters of quoted text
SUMMARY_PENALTY = 0.3  # the summary repeats the chapters; prefer citing the chapter
W_ROW = 0.6
W_TABLE_HEADER = 0.3
_MARKED_WORD = re.compile(r"([^\W\d_]{4,})(\d{1,3})(?!\d|[,.]\d)")  # «arbeidsgruppe45,»
_INSTITUTION_PLACE = re.compile(
    r"\b(?:universitet(?:et)?|h[øo][gy]?sk[ou]l(?:en|an|e)?|university(?: college)?|college)"
    r"(?:\s+(?:i|på|pa|of|in))?\s+((?-i:[A-ZÆØÅ])[\wæøå]+)",
    re.IGNORECASE,
)
_NATIONWIDE = re.compile(r"\b(i|in|across|all over)\s+(norge|noreg|norway)\b", re.IGNORECASE)
CLOSEST = 4  # sentences that must hold the kind of fact asked for (rag/refusal.py)
DISCLAIMER_REACH = 8  # sentences searched for the authors saying they did not look into it
ANAPHOR_SLACK = 150  # characters a quote's referent may add beyond the budget
_ITEM_MARK = re.compile(r"\s*(\d+[.)]|[-•–*])\s")  # a numbered or bulleted list item
STRAY_WORDS = 3  # a line this short, with no full stop, between a list's items is no item
ORPHAN = 0.3  # a passage opening with «Dette …»: its referent fell before the overlap
NEXT_SENTENCES = 2  # how far on a sentence introducing something may find the asked fact
NOT_A_STATEMENT = 0.6  # a unit penalised this much is a heading, source line or question


@dataclass(frozen=True)
class _Unit:
    """A candidate sentence (or table row) of one retrieved passage."""

    hit: Hit
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.hit.passage.text[self.start : self.end]


@dataclass(frozen=True)
class Draft:
    """An answer before it is wrapped in the `Answer` type."""

    text: str
    refused: bool
    citations: tuple[Citation, ...]
    by: str = "extractive"  # which answerer wrote it (see `Answer.answered_by`)


class Answerer(Protocol):
    """What the pipeline needs of an answerer (extractive here, generative in rag/generate.py)."""

    def answer(
        self,
        question: str,
        retrieval: Retrieval,
        query_terms: list[str],
        said: Sequence[str] = (),
    ) -> Draft:
        """`said`: the quotes of the previous answer, when `question` follows up on it."""
        ...


def _county_row(unit: _Unit) -> bool:
    """A table row labelled by a county («Troms og Finnmark 752 828 …»)."""
    label = fold(_row_label(unit.text)) if unit.hit.passage.kind == "table" else ""
    return any(word in COUNTIES for word in label.split())


def _with_preceding(passage: Passage, hits: Sequence[Hit]) -> str:
    """`passage`'s index text, after that of the retrieved passage just before it in the same
    section, if any: a place or a year named there carries over («… fra Oppland: …», then
    «… hadde en svarprosent på ca. 40»)."""
    before = [
        h.passage
        for h in hits
        if h.passage.source == passage.source
        and h.passage.section_number == passage.section_number
        and h.passage.start < passage.start <= h.passage.end + _CONTIGUOUS
    ]
    return "\n".join(index_text(p) for p in (*before[:1], passage))


def refusal_draft(english: bool) -> Draft:
    """The refusal, in English first for English questions; it cites nothing."""
    return Draft(REFUSAL_EN + " " + REFUSAL if english else REFUSAL, True, ())


class ExtractiveAnswerer:
    """Scores sentences of the top passages against the question and quotes the best."""

    def __init__(
        self,
        embedder: Embeddings,
        settings: Settings,
        document_frequency: dict[str, int],
        n_passages: int,
    ) -> None:
        self._embedder = embedder
        self._settings = settings
        self._df = document_frequency
        self._n = max(n_passages, 1)
        self._cache: dict[str, np.ndarray] = {}

    def answer(
        self,
        question: str,
        retrieval: Retrieval,
        query_terms: list[str],
        said: Sequence[str] = (),
    ) -> Draft:
        english = is_english(question)
        hits = retrieval.hits
        named = specifics(without_bound(retrieval.query))  # «over 100» names no figure
        read = self._settings.answer_passages
        units = [u for h in hits[:read] for u in _units(h)]
        # «Hva står HiNT for?»: a sentence writing the name out must be among those read
        known = {short.lower(): name for short, name in retrieval.acronyms.items()}
        spelled = [full_name(s, known.get(s.lower())) for s in full_names_asked(question)]
        if (
            missing_specifics(
                _own_specifics(without_bound(question), named), hits, retrieval.acronyms
            )
            or asks_advice_or_forecast(question)
            or unknown_institution(question, hits)
            or not units
            or not all(any(p.search(u.text) for u in units) for p in spelled)
        ):
            return refusal_draft(english)
        scored = specifics(retrieval.query, english_names=False)  # what a sentence must name
        rows_named_by = _row_terms(retrieval.query, query_terms)
        # a question read with the one before it: its own words tell what is new
        own = (
            {t: self._idf(t) for t in terms(_as_read(question))}
            if set(terms(retrieval.query)) - set(terms(question))
            else {}
        )

        def score(units: list[_Unit]) -> tuple[np.ndarray, np.ndarray]:
            scores, dense = self._score(
                question, retrieval, query_terms, units, scored, rows_named_by
            )
            # a follow-up asks for something new: what the previous answer quoted falls behind
            scores -= np.array([W_SAID * any(u.text in q for q in said) for u in units], np.float32)
            scores += np.array([W_OWN * _coverage(u.text, own) for u in units], np.float32)
            scores += np.array(
                [W_FULL_NAME * sum(bool(p.search(u.text)) for p in spelled) for u in units],
                np.float32,
            )
            return scores, dense

        scores, dense = score(units)
        best = int(np.argmax(scores))
        threshold = (
            self._settings.refusal_threshold_en if english else self._settings.refusal_threshold
        )
        order = [int(i) for i in np.argsort(-scores)]
        # far off topic: even the closest sentences are not near the question (a bonus that
        # lifts a finding or a place above a nearer sentence does not make it so)
        if max(dense[i] for i in order[:CLOSEST]) < threshold:
            return refusal_draft(english)
        if rows := self._rows_past(retrieval, units[best], english):
            return _compose(rows, english)  # the table answers; its rows are quoted whole
        if rows := self._rows_in_span(retrieval, query_terms):
            return _compose(rows, english)  # «mer enn ti års erfaring»: «11-20 år» and on
        closest = [units[i] for i in order[:CLOSEST]]
        closest_texts = [u.text for u in closest]
        # the sentence after each: who paid may follow («Evalueringen ble finansiert av …»),
        # and a count may follow the sentence introducing the study («Av disse deltok …»)
        following = _each_next(closest, units)
        top = units[best].hit.passage  # a table row for another year does not answer this one
        named_rows = self._named_rows(units, rows_named_by)  # close evidence too
        notes = [n for u in closest for n in _footnote(u, hits)]  # «… (2020).33» → note 33
        headers = [_header(u) for u in closest + named_rows]
        evidence = [f"{h}\n{u.text}" for h, u in zip(headers, closest + named_rows, strict=True)]
        if (
            # e.g. «how many», no count
            lacks_asked_fact(
                question,
                [u.text for u in closest + named_rows + notes],
                [u.text for u in following],
            )
            or years_off_evidence(named, [_with_preceding(u.hit.passage, hits) for u in closest])
            or places_off_evidence(named, _sections_of(closest, hits))
            or place_and_year_apart(named, evidence)
            or code_apart_from_fact(question, [u.text for u in closest + named_rows])
            or satisfaction_of_another_year(
                question,
                named,
                [
                    (u.text, f"{h}\n{u.hit.passage.text[max(0, u.start - _LEAD_IN) : u.end]}")
                    for h, u in zip(headers, closest + named_rows, strict=True)
                ],
            )
            or place_apart_from_fact(
                question,
                named,
                [  # a table of counties names them all: a row answers for the one it names
                    (e, e if _county_row(u) else _with_preceding(u.hit.passage, hits))
                    for e, u in zip(evidence, closest + named_rows, strict=True)
                ],
            )
            or grade_off_evidence(question, closest_texts)
            or group_off_evidence(question, evidence)
            or degree_off_evidence(
                question, [(u.text, u.hit.passage.text) for u in closest + named_rows]
            )
            or services_off_evidence(retrieval.query, [u.hit.passage for u in closest])
            or compares_services_apart(question, closest_texts)
            or asked_but_not_given(question, closest_texts)
            or span_unstated(question, [u.text for u in closest + named_rows])
            or _counts_else(
                question,
                [u.text for u in closest + notes + following],
                # a table of shares counts nothing: «Norge 69 % 68 %» is no number of centres
                [
                    _without_source(h)
                    for h, u in zip(headers, closest + named_rows, strict=True)
                    if h and _counts(u)
                ],
            )
            or (  # a table of other years (one of no year is dated by its prose, above)
                top.kind == "table"
                and _DATES_A_COLUMN.search(index_text(top)) is not None
                and years_off_evidence(named, [index_text(top)])
            )
            or (
                (row := _asked_row(named_rows, rows_named_by)) is not None
                and blank_cell(named, _header(row), row.text.strip()[len(_row_label(row.text)) :])
            )
            or reports_unfinished(
                question, units[best].text, [u.text for u in _next_sentences(units[best], units)]
            )
            or disclaims(
                question, query_terms, [units[i].text for i in order[:DISCLAIMER_REACH]], self._df
            )
        ):
            return refusal_draft(english)
        if row := self._ranked_row(retrieval, units[best], english):
            if len(compared := [r for r in named_rows if _county_row(r)]) >= 2:
                # «Hvem hadde flest brukere, Viken eller Agder?» ranks the two it names
                return _compose(compared, english)
            if fold(_row_label(row.text)) in {fold(n) for n in specifics(question)}:
                # «Hvilket karrieresenter i Viken hadde flest brukere?»: the table ranks the
                # counties, and naming Viken back answers nothing about its centres
                return refusal_draft(english)
            return _compose([row], english)
        if rows := self._changed_rows(retrieval, units[best], english):
            return _compose(rows, english)
        # a table further down with the row asked for may give the count; whether the report
        # answers at all was told by the passages read
        far = [u for h in hits[read:] for u in _named_table(h, question, retrieval.terms)]
        if far and _QUANTITY.search(question):
            units = units + far
            scores, _ = score(units)
            best = int(np.argmax(scores))
            named_rows = self._named_rows(units, rows_named_by)
        chosen = self._select(question, query_terms, units, scores, best, hits)
        asked_row = _asked_row(named_rows, rows_named_by)
        chosen = _with_asked_row(question, chosen, asked_row, units, scores, best)
        chosen = _with_named_note(query_terms, chosen, hits)
        if ASKS_NOTE.search(_as_read(question)):
            chosen = _with_sources(chosen, hits)
        if (
            said
            and all(any(u.text in q for q in said) for u in chosen)
            and {t for t in terms(_as_read(question)) if not t[0].isdigit()}
            - {t for u in chosen for t in terms(u.text)}
        ):
            # a follow-up with words of its own answered only by what the answer before it
            # quoted asks what the report leaves out: «Hvor mange fullfører masteren hvert
            # år?» after its intake («Og i 2011?» may be answered again by the same quote)
            return refusal_draft(english)
        if names_no_county(question, [u.text for u in chosen]) or (
            # «Kva var grunnen til at Vestfold og Telemark fekk færre brukarar?»: a table's
            # numbers show the fall, they give no reason for it, nor does prose giving none
            # (asked of prose alone, it refused answers whose reason no marker shows)
            _ASKS_REASON.search(question)
            and any(u.hit.passage.kind == "table" for u in chosen)
            and not any(_GIVES_REASON.search(u.text) for u in chosen)
        ):
            return refusal_draft(english)
        return _compose(chosen, english)

    def _ranked_row(self, retrieval: Retrieval, best: _Unit, english: bool) -> _Unit | None:
        """«Hvilket fylke hadde flest brukere?»: the table row that ranks first, or None.

        The question is read as resolved («Og i 2019?» after a «flest» question ranks 2019).
        Only a table that covers the question as well as the best evidence does may answer:
        the table of users per county must not rank the counties' pupil-survey scores. So may
        a table of the best evidence's section that a top passage introduces («Tabell 1 viser
        antall brukere …»), though its caption leaves out the «karrieresentrene» asked for.
        """
        question = retrieval.query
        if not SUPERLATIVE.search(question):
            return None
        return _superlative_row(
            question, self._table_units(retrieval, best, english), set(retrieval.terms)
        )

    def _changed_rows(self, retrieval: Retrieval, best: _Unit, english: bool) -> list[_Unit]:
        """For «Hvilke fylker fikk færre brukere i 2020?», the rows of a retrieved table
        (as `_ranked_row` takes them) that moved that way between its years."""
        if not asks_moved_rows(retrieval.query):
            return []  # (most questions: no table need be weighed)
        return self._rows(retrieval, best, english, changed_rows)

    def _rows_past(self, retrieval: Retrieval, best: _Unit, english: bool) -> list[_Unit]:
        """For «Hvilke fylker passerte 2000 brukere i 2020?», the rows of a retrieved table
        (as `_ranked_row` takes them) past the bound in the column asked about."""
        if not asks_rows_past(retrieval.query):
            return []
        return self._rows(retrieval, best, english, rows_past)

    def _rows_in_span(self, retrieval: Retrieval, query_terms: list[str]) -> list[_Unit]:
        """For «Hvor stor andel hadde mer enn ti års erfaring?», the rows of the retrieved
        table labelled by spans of years past the question's (the table whose caption the
        question says first, then the one covering most of it: the ages of the users, or the
        counsellors' years in the role)."""
        if not asks_span(retrieval.query):
            return []  # (most questions: no table need be weighed)
        weights = {t: self._idf(t) for t in query_terms}
        tables = [h for h in retrieval.hits if h.passage.kind == "table"]
        for hit in sorted(
            tables,
            key=lambda h: (
                -spoken_of(retrieval.query, h.passage.text),
                -_coverage(h.passage.text, weights),
            ),
        ):
            spans = rows_in_span(retrieval.query, hit.passage.text)
            rows = [u for u in _units(hit) for s in spans if u.start <= s[0] < u.end]
            if rows:
                return rows
        return []

    def _rows(
        self,
        retrieval: Retrieval,
        best: _Unit,
        english: bool,
        spans_of: Callable[[str, str, set[str]], list[tuple[int, int]]],
    ) -> list[_Unit]:
        """The rows of the first table that may answer whose spans `spans_of` picks."""
        for hit in dict.fromkeys(u.hit for u in self._table_units(retrieval, best, english)):
            spans = spans_of(retrieval.query, hit.passage.text, set(retrieval.terms))
            rows = [u for u in _units(hit) for s in spans if u.start <= s[0] < u.end]
            if rows:
                return rows
        return []

    def _table_units(self, retrieval: Retrieval, best: _Unit, english: bool) -> list[_Unit]:
        """The sentences of the retrieved tables that may rank what the question asks."""
        question = retrieval.query
        asked = set(terms(gloss(question) if english else question)) - _RANKING
        weights = {t: self._idf(t) for t in asked}
        needed = _coverage(best.hit.passage.text, weights)
        return [
            u
            for h in retrieval.hits
            if h.passage.kind == "table"
            and (
                _coverage(h.passage.text, weights) >= needed
                or (
                    h.passage.section == best.hit.passage.section
                    and introduced(h.passage, retrieval.hits)
                    and _measures(question, h.passage.text, english)
                )
            )
            for u in _units(h)
        ]

    @staticmethod
    def _named_rows(units: list[_Unit], query_terms: list[str]) -> list[_Unit]:
        """Table rows whose label the question names («mastergrad», «Viken»)."""
        return [
            u
            for u in units
            if u.hit.passage.kind == "table"
            and _is_data_row(u.text)
            and _names_row(_row_label(u.text), query_terms)
        ]

    def preload(self, vectors: dict[str, list[float]]) -> None:
        """Sentence vectors computed at ingest (keys from `sentence_texts`), so answering
        embeds nothing but the question."""
        for text, vec in vectors.items():
            self._cache[text] = np.asarray(vec, dtype=np.float32)

    def _vectors(self, texts: list[str]) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if todo:
            for text, vec in zip(todo, self._embedder.embed_documents(todo), strict=True):
                self._cache[text] = np.asarray(vec, dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])

    def _score(
        self,
        question: str,
        retrieval: Retrieval,
        query_terms: list[str],
        units: list[_Unit],
        specific: list[str],
        row_terms: list[str],
    ) -> tuple[np.ndarray, np.ndarray]:
        q = np.asarray(retrieval.query_vector, dtype=np.float32)
        vectors = self._vectors([_context(u) for u in units])
        dense = vectors @ q
        if retrieval.gloss_vector is not None:  # an English question: hear its gloss too
            dense = (dense + vectors @ np.asarray(retrieval.gloss_vector, dtype=np.float32)) / 2
        weights = {t: self._idf(t) for t in set(query_terms)}
        quantity = bool(_QUANTITY.search(question))
        dated = bool(_DATED.search(question))
        price = bool(ASKS_PRICE.search(question))
        outcome = bool(_ASKS_OUTCOME.search(question))
        reason = bool(_ASKS_REASON.search(question))
        chapter_asked = bool(_ASKS_CHAPTER.search(question))
        source_asked = bool(_ASKS_SOURCE.search(question))
        both = bool(_BOTH.search(question))  # «både X og Y» names the row «Begge deler»
        counted = (m := _LIST_OF.search(fold(question))) and m.group(2)
        # «Hva med 10. trinn?»: when a sentence scores that school year, Vg1's scores fall behind
        grade = grades(retrieval.query)
        if not any(grade & grades(u.text) and GIVES_SCORE.search(u.text) for u in units):
            grade = set()
        named = [_named_pattern(fold(s), fold(question)) for s in specific]
        in_rows = [re.compile(re.escape(fold(s))) for s in specific]  # «30–49 49 % 52 %»
        covered = {h.passage.id: _coverage(h.passage.text, weights) for h in {u.hit for u in units}}
        scores = np.zeros(len(units), dtype=np.float32)
        for i, unit in enumerate(units):
            lexical = _coverage(unit.text, weights)
            score = W_DENSE * float(dense[i]) + W_LEXICAL * lexical - W_RANK * unit.hit.rank
            score += W_PASSAGE * covered[unit.hit.passage.id]
            # a name the question gives is in a sentence whose sub-heading holds it: «Videre
            # tilbyr INN …» stands under «Høgskolen i Innlandet (INN)»
            folded = fold(f"{_name_over(unit.hit.passage)}\n{unit.text}")
            table = unit.hit.passage.kind == "table"
            score += W_NAMED * sum(bool(n.search(folded)) for n in (in_rows if table else named))
            if quantity and re.search(r"\d", unit.text if dated else _without_years(unit.text)):
                score += W_NUMBER  # a year is no count; a question of when wants one
            if grade and (named_grades := grades(unit.text)) and not grade & named_grades:
                score -= W_OTHER_GRADE
            if outcome and GIVES_OUTCOME.search(unit.text):
                score += W_OUTCOME
            if reason and _GIVES_REASON.search(unit.text):
                score += W_REASON
            if (
                not source_asked
                and _INTRODUCES_STUDY.search(unit.text)
                and not (quantity and re.search(r"\d", _without_years(unit.text)))
            ):  # («… ble gjennomført en spørreundersøkelse til 175 rådgivere» counts them)
                score -= W_INTRODUCES
            if counted and _announces(unit.text) and counted in fold(unit.text).split():
                score += W_ANNOUNCED  # «Hvilke fire steder …?»: «… fire regionale prosjekter …:»
            if chapter_asked and _GIVES_CHAPTER.search(unit.text):
                score += W_CHAPTER
            if price and _PRICE_GIVEN.search(unit.text):
                score += W_PRICE  # «Koster det noe?»: «gratis» is the report's answer
            if unit.hit.passage.kind == "table" and not _is_data_row(unit.text):
                score -= W_TABLE_HEADER  # caption and header come along with a chosen row
            elif unit.hit.passage.kind == "table":  # the row the question names
                label = _row_label(unit.text)
                row_named = _names_row(label, row_terms) or (both and _BOTH_ROW.match(label))
                score += W_ROW if row_named else 0.0
            scores[i] = score - _penalty(unit)
        return scores, dense

    def _idf(self, term: str) -> float:
        df = self._df.get(term, 0)
        return math.log((self._n - df + 0.5) / (df + 0.5) + 1.0)

    def _select(
        self,
        question: str,
        query_terms: list[str],
        units: list[_Unit],
        scores: np.ndarray,
        best: int,
        hits: Sequence[Hit],
    ) -> list[_Unit]:
        """The best unit, then the next best ones close enough in score, within a budget.

        Units from the best unit's passage get a bonus (one source is easier to check), and so
        do units of other passages as close as a tie (the «tommel opp» share that scores a
        hair below a sentence beside it, in the next passage, is quoted before the sentences
        following the best one); a table row brings its caption and header along when
        composed. A list, and an English question, may quote more sentences: the Norwegian
        sentences an English question is answered with are chosen across languages, less
        surely, so more of the close ones are quoted.
        """
        roomy = bool(_LIST.search(question)) or is_english(question)
        limit = self._settings.max_list_sentences if roomy else self._settings.max_sentences
        top = units[best]
        near = scores >= scores[best] - MARGIN_PEER
        adjusted = scores + np.array(
            [
                (SAME_PASSAGE_BONUS if u.hit is top.hit or near[i] else 0.0)
                + (ADJACENT_BONUS if u.hit is top.hit and _follows(top, u) else 0.0)
                for i, u in enumerate(units)
            ],
            dtype=np.float32,
        )
        chosen = [top]
        used = len(top.text)
        counts = bool(ASKS_COUNT.search(question))
        for i in np.argsort(-adjusted):
            unit = units[int(i)]
            if len(chosen) >= limit or adjusted[i] < scores[best] - MARGIN:
                break
            if unit in chosen or any(_overlaps(unit, c) or _repeats(unit, c) for c in chosen):
                continue
            if used + len(unit.text) > BUDGET and adjusted[i] < scores[best] - MARGIN_TIE:
                continue  # (a sentence as close as the best one is quoted all the same)
            if (
                counts
                and any(holds(c.text, NUMBER) for c in chosen)
                and not holds(unit.text, NUMBER)
                and scores[i] < scores[best] - MARGIN_TIE
            ):
                continue  # «hvor mange …» has its count: a sentence without one only pads
            chosen.append(unit)
            used += len(unit.text)
        chosen = self._with_asked_fact(question, chosen, units, scores, best, hits)
        chosen = self._with_denial(question, query_terms, chosen, units, scores, best)
        chosen = self._with_second_place(question, chosen, units, scores, best)
        chosen = _complete_lists(chosen, units, BUDGET)
        return _resolve_references(chosen, units, BUDGET + ANAPHOR_SLACK)

    @staticmethod
    def _with_denial(
        question: str,
        query_terms: list[str],
        chosen: list[_Unit],
        units: list[_Unit],
        scores: np.ndarray,
        best: int,
    ) -> list[_Unit]:
        """A yes-or-no question («Er Karriereløftet evaluert?») gets the sentence close behind
        that says no to it («…, det er ikke evaluert»), when no chosen sentence does."""
        if not is_yes_or_no(question) or any(denies(u.text, query_terms) for u in chosen):
            return chosen
        no = _close_behind(
            units,
            scores,
            best,
            MARGIN_DENIAL,
            lambda u: denies(u.text, query_terms) and not any(_overlaps(u, c) for c in chosen),
        )
        return [*chosen, no] if no else chosen

    @staticmethod
    def _with_second_place(
        question: str, chosen: list[_Unit], units: list[_Unit], scores: np.ndarray, best: int
    ) -> list[_Unit]:
        """A question comparing two places («rådgiverne i skolen og i fengslene», «sammenlignet
        med …») gets the best sentence from a second section too, when it is close behind."""
        if not (len(services_named(question)) >= 2 or _COMPARES.search(question)):
            return chosen
        sections = {u.hit.passage.section for u in chosen}
        second = _close_behind(
            units,
            scores,
            best,
            MARGIN_SECOND_PLACE,
            lambda u: u.hit.passage.section not in sections,
        )
        return [*chosen, second] if second else chosen

    @staticmethod
    def _with_asked_fact(
        question: str,
        chosen: list[_Unit],
        units: list[_Unit],
        scores: np.ndarray,
        best: int,
        hits: Sequence[Hit],
    ) -> list[_Unit]:
        """When the question asks for a kind of fact (a share, a count, a year) that no chosen
        sentence holds, the best sentence close behind that holds one joins them: «andel
        brukere 30-49 år» is answered by prose naming the age group and the row with its
        shares. Failing that, the footnote a chosen or closest sentence points to, when it
        holds one («1167 rådgivere svarte» stands in the note to the survey's sentence). For
        «how many N», a number must count N (`_counts_what_is_asked`)."""
        asked = [gives for asks, gives in (*ANSWER_TYPES, _PLACE) if asks.search(question)]
        named = set(words(fold(question)))

        def gives(text: str, fact: re.Pattern[str]) -> bool:
            if fact is _PLACE[1]:  # a place the question names already is no answer to «where»
                return any(fold(m[0]) not in named for m in fact.finditer(text))
            return holds(text, fact, documents=False)

        if not asked or (
            any(gives(u.text, g) for g in asked for u in chosen)
            and _counts_what_is_asked(question, [u.text for u in chosen])
        ):
            return chosen

        def holds_fact(unit: _Unit) -> bool:
            return (
                any(gives(unit.text, g) for g in asked)
                and not any(_overlaps(unit, c) for c in chosen)
                and _counts_what_is_asked(question, [unit.text])
            )

        closest = [units[int(i)] for i in np.argsort(-scores)[:CLOSEST]]
        fact = _close_behind(units, scores, best, MARGIN_FACT, holds_fact)
        if fact is None:  # the sentence after the best one goes on about what it introduced
            fact = next((u for u in _next_sentences(units[best], units) if holds_fact(u)), None)
        if fact is None:  # … or the one after a closest one («Av disse deltok …»)
            fact = next((u for u in _each_next(closest, units) if holds_fact(u)), None)
        if fact is None:  # the footnote a chosen or closest sentence points to
            notes = [n for u in chosen + closest for n in _footnote(u, hits) if holds_fact(n)]
            fact = _note_holding(question, notes)
        return [*chosen, fact] if fact else chosen


def _named_table(hit: Hit, question: str, query_terms: list[str]) -> list[_Unit]:
    """The units of `hit` when it is a table with a row the question names, else []: «Hvor
    mange prosent av rådgiverne på videregående jobbet bare med utdannings- og
    yrkesrådgivning?» ranks the table of the counsellors' functions below the passages the
    answerer reads, and its row «Utdannings – og yrkesrådgivning 37 % 16,5 % 55 %» answers."""
    if hit.passage.kind != "table":
        return []
    units = _units(hit)
    return units if ExtractiveAnswerer._named_rows(units, _row_terms(question, query_terms)) else []


def _with_asked_row(
    question: str,
    chosen: list[_Unit],
    row: _Unit | None,
    units: list[_Unit],
    scores: np.ndarray,
    best: int,
) -> list[_Unit]:
    """A question of how many or how large that names a table row («Hvor mange … jobbet på
    videregående trinn?») gets that row when it is close behind and not quoted: the prose
    quoted first may give a share or a total only («53 prosent … og 46 prosent»), the row
    gives the count too («Videregående trinn (11.-13. trinn) 535 46,2 %»)."""
    if row is None or row in chosen or not _QUANTITY.search(question):
        return chosen
    close = _close_behind(units, scores, best, MARGIN_ROW, lambda u: u == row)
    return [*chosen, row] if close else chosen


def _close_behind(
    units: list[_Unit],
    scores: np.ndarray,
    best: int,
    margin: float,
    wanted: Callable[[_Unit], bool],
) -> _Unit | None:
    """The best-scoring unit `wanted` accepts, if it scores within `margin` of the best."""
    for i in np.argsort(-scores):
        if scores[i] < scores[best] - margin:
            break
        if wanted(units[int(i)]):
            return units[int(i)]
    return None


_NUMBER_WORDS = "null en to tre fire fem seks sju atte ni ti".split()  # folded: «åtte»


def _named_pattern(item: str, question: str) -> re.Pattern[str]:
    """How a sentence names what the question names: a number with the word after it («over
    60 år» is an age, and «60 prosent» no answer to it; «4 års» is «fire års»), anything else
    as written."""
    unit = re.search(rf"\b{re.escape(item)}\s+([^\W\d]{{2,}})", question)
    if (
        item.isdecimal()  # («²» is a digit int() cannot read)
        and not YEAR.match(item)
        and unit
        and unit[1] not in stopwords()
    ):
        number = rf"({item}|{_NUMBER_WORDS[int(item)]})" if int(item) <= 10 else item
        return re.compile(rf"\b{number}\s+{re.escape(unit[1][:3])}")
    return re.compile(number_pattern(item) if item.isdecimal() else re.escape(item))


def _own_specifics(question: str, resolved: list[str]) -> list[str]:
    """What the question itself names, and the years of the question it follows up: a name
    only the earlier question gave need not stand in the passages («Hva het Vox etter 2017?»,
    «Hva skjedde med den i 2021?»: «den» is Kompetanse Norge, the answer, and the passage
    telling what happened to it in 2021 never names Vox)."""
    own = specifics(question)
    return own + [i for i in resolved if YEAR.match(i) and i not in own]


def _counts_what_is_asked(question: str, texts: list[str]) -> bool:
    """A number in `texts` counts what a «how many N» question counts (any question without a
    counted noun passes): «mellom 18 og 55 år» is no number of counties."""
    return not _counts_else(question, texts, shares=False)


def _counts_else(
    question: str, texts: list[str], headers: Sequence[str] = (), shares: bool = True
) -> bool:
    """`counts_something_else`, an English question read by its gloss, whose counted noun may
    stand third («how many prison counsellors» → «hvor mange fengsel kriminalomsorgen
    rådgivere»)."""
    reach = 3 if is_english(question) else 2
    return counts_something_else(_as_read(question), texts, headers, reach=reach, shares=shares)


def _note_holding(question: str, notes: list[_Unit]) -> _Unit | None:
    """Of footnote sentences holding the kind of fact asked for, the one counting what the
    question counts, then sharing most of its terms."""
    read_terms = set(terms(_as_read(question)))

    def fits(note: _Unit) -> tuple[bool, int]:
        counts = _counts_what_is_asked(question, [note.text])
        return counts, len(read_terms & set(terms(note.text)))

    return max(notes, key=fits, default=None)


def _row_terms(question: str, query_terms: list[str]) -> list[str]:
    """The terms that may name a table row: «i Norge» says nationwide, not the row of users
    born in Norway («Norge 69 % 68 %»); «Universitetet i Agder» is a university, not the row
    of Agder's career centre users (a follow-up read with it keeps its words, not its «of»)."""
    nationwide = bool(_NATIONWIDE.search(question))
    institutions = {t for place in _INSTITUTION_PLACE.findall(question) for t in terms(place)}
    return [t for t in query_terms if not (nationwide and t == "norg") and t not in institutions]


def _names_row(label: str, row_terms: Sequence[str]) -> bool:
    """A term of the question names the row `label`; «år» alone names none (`_UNIT_TERMS`)."""
    return bool(set(terms(label)) & (set(row_terms) - _UNIT_TERMS))


def _as_read(question: str) -> str:
    """The question as the rules read it: an English one by its Norwegian gloss («the
    users»: «brukere»)."""
    return gloss(question) if is_english(question) else question


def _counts(unit: _Unit) -> bool:
    """A table with a row that holds a count, not only shares («Viken 6093 5777»; «Ungdomstrinn
    612 52,8 %» holds one too; «Norge 69 % 68 %» does not)."""
    rows = [u.text.strip() for u in _units(unit.hit) if _is_data_row(u.text)]
    values = [row[len(_row_label(row)) :] for row in rows]
    return any(re.search(r"\d", re.sub(r"\d[\d ]*(?:,\d+)?\s*%", " ", v)) for v in values)


def _asked_row(rows: list[_Unit], query_terms: list[str]) -> _Unit | None:
    """The table row whose label shares most terms with the question («Under 20 år» for
    «under 20 år i 2019»; «30–49», not «Under 20 år», for «30-49 år»), or None on a tie."""
    asked = set(query_terms)
    shared = sorted(
        ((len(set(terms(_row_label(r.text))) & asked), i) for i, r in enumerate(rows)),
        reverse=True,
    )
    if not shared or (len(shared) > 1 and shared[0][0] == shared[1][0]):
        return None
    return rows[shared[0][1]]


def _footnote(unit: _Unit, hits: Sequence[Hit]) -> list[_Unit]:
    """The sentences of the footnotes the markers of a body sentence's paragraph point to
    («… anno 2020 (2020).33» → note 33), when a retrieved footnotes passage of its section
    holds them. A note at a paragraph's end speaks of the whole paragraph: note 33 gives the
    response rate of the survey the sentence before it introduces."""
    passage = unit.hit.passage
    if passage.kind != "body":
        return []
    paragraph = _paragraph(passage.text, unit.start, unit.end)
    return [n for number in NOTE_MARKER.findall(paragraph) for n in _note(number, passage, hits)]


def _note(
    number: str, passage: Passage, hits: Sequence[Hit], anywhere: bool = False
) -> list[_Unit]:
    """The sentences of footnote `number`, when a retrieved footnotes passage of `passage`'s
    section holds it, or (`anywhere`) any retrieved footnotes passage: the notes are numbered
    through the report, and a note stands at the foot of its page, which may be the next
    section's."""
    for hit in hits:
        if hit.passage.kind == "footnotes" and (anywhere or hit.passage.section == passage.section):
            line = re.search(rf"(?m)^{number} .*$", hit.passage.text)
            if line:
                return [u for u in _units(hit) if line.start() <= u.start < line.end()]
    return []


def _with_named_note(
    query_terms: list[str], chosen: list[_Unit], hits: Sequence[Hit]
) -> list[_Unit]:
    """A quoted sentence whose footnote marker stands on a word the question asks about
    («… utarbeidet av en tverrsektoriell arbeidsgruppe45» for «Hvem satt i arbeidsgruppen?»)
    brings that note along: it says what the word only names («Gruppen besto av …»)."""
    asked = set(query_terms)
    for unit in chosen:
        if unit.hit.passage.kind != "body":
            continue
        for word, number in _MARKED_WORD.findall(unit.text):
            if set(terms(word)) & asked:
                note = [n for n in _note(number, unit.hit.passage, hits) if n not in chosen]
                return [*chosen, *note[:1]]
    return chosen


def _with_sources(chosen: list[_Unit], hits: Sequence[Hit]) -> list[_Unit]:
    """A question asking for a source («Hvilken kilde …?») is answered by the footnotes of
    the sentences quoted, when a retrieved footnotes passage holds them: first the note a
    sentence ends on, which cites what the sentence says («… fra 1. januar 2020.21»), then
    those on its words, which tell more of a word («regionreformen20»), else its
    paragraph's."""
    notes: list[list[_Unit]] = []
    for unit in chosen:
        if unit.hit.passage.kind != "body":
            continue
        markers = NOTE_MARKER.findall(unit.text)
        ending = [m for m in markers if unit.text.rstrip().endswith(m)]
        own = [_note(m, unit.hit.passage, hits, True) for m in dict.fromkeys(ending + markers)]
        for note in [n for n in own if n] or [_footnote(unit, hits)]:
            if note and note not in notes and not set(note) & set(chosen):
                notes.append(note)
    return [*chosen, *(u for note in notes[:_SOURCES] for u in note)]


def _paragraph(text: str, start: int, end: int) -> str:
    """The paragraph of `text` around the span start:end."""
    begin = text.rfind("\n\n", 0, start)
    stop = text.find("\n\n", end)
    return text[begin + 1 if begin >= 0 else 0 : stop if stop >= 0 else len(text)]


def _header(unit: _Unit) -> str:
    """A table row's caption, column header and source line, which name what its numbers
    count ("" for prose)."""
    if unit.hit.passage.kind != "table":
        return ""
    return "\n".join(
        u.text
        for u in _units(unit.hit)
        if not _is_data_row(u.text) or u.text.startswith("Kilde") or CAPTION_BELOW.match(u.text)
    )


def _without_source(header: str) -> str:
    """A table's caption and column header: the source's title («Offentlige karrieresentre og
    brukernes erfaringer») names what the table is about, not what its numbers count. A
    caption set below the table («Kilde: Tabell 1. Rådgivere fordelt på skoletrinn») stays."""
    return "\n".join(
        line
        for line in header.splitlines()
        if not line.startswith("Kilde") or CAPTION_BELOW.match(line)
    )


def _sections_of(units: list[_Unit], hits: Sequence[Hit]) -> list[str]:
    """The retrieved passages of the sections `units` come from (a place named at a section's
    start holds for the section: «Buskerud» opens 6.3, its regions come a passage later)."""
    sections = {u.hit.passage.section for u in units}
    return [index_text(h.passage) for h in hits if h.passage.section in sections]


def _measures(question: str, table: str, english: bool) -> bool:
    """Whether `table` holds what the superlative ranks by: «flest» counts, which a table
    of numbers holds; «mest fornøyde», «høyest skår» rank by the word after, which the
    table must name (a table of users does not rank the counties' satisfaction)."""
    match = SUPERLATIVE.search(question)
    if match is None or fold(match.group(0)) in _COUNTING:
        return True
    if CHANGE.match(question, match.end() + 1):
        return True  # «størst økning»: a change in what the table counts
    after = words(question[match.end() :])[:1]
    measure = gloss(after[0]) if english and after else " ".join(after)
    return not after or bool(set(terms(measure)) & set(terms(table)))


def _coverage(text: str, weights: dict[str, float]) -> float:
    """The share of the question's term weight (IDF) that `text` holds."""
    if not weights:  # (no follow-up's own words: nothing to read the text for)
        return 0.0
    present = set(terms(text))
    return sum(w for t, w in weights.items() if t in present) / (sum(weights.values()) or 1.0)


def _resolve_references(chosen: list[_Unit], units: list[_Unit], budget: int) -> list[_Unit]:
    """A quote that opens with «Dette …» or «Disse …» brings the sentence it points back to;
    a quote whose next sentence does so brings that sentence (it names what was announced),
    and so does a quote announcing what the next sentence tells («… hvem rådgiverne
    samarbeidet mest med.»)."""
    out = list(chosen)
    used = sum(len(u.text) for u in out)
    for unit in chosen:
        before = [u for u in units if u.hit is unit.hit and _follows(u, unit)]
        after = _next_sentences(unit, units, 1)
        extra = before[:1] if _ANAPHOR.match(unit.text) else []
        extra += after[:1] if after and _ANAPHOR.match(after[0].text) else []
        extra += after[:1] if _ANNOUNCES.search(unit.text) else []
        for u in extra:
            if any(_overlaps(u, c) for c in out) or used + len(u.text) > budget:
                continue
            if _penalty(u) >= NOT_A_STATEMENT:
                continue  # a source line, a heading or a question is no referent
            out.append(u)
            used += len(u.text)
    return out


def _superlative_row(question: str, units: list[_Unit], asked: set[str]) -> _Unit | None:
    """For «which … most/least …», the row of the best-ranked retrieved table that ranks first
    in the column asked about (rag/tables.py); None when no retrieved table can say."""
    tables = dict.fromkeys(u.hit for u in units if u.hit.passage.kind == "table")
    for hit in tables:
        span = superlative_row(question, hit.passage.text, asked)
        if span is None:
            continue
        for unit in units:
            if unit.hit is hit and unit.start <= span[0] < unit.end:
                return unit
    return None


def _penalty(unit: _Unit) -> float:
    """Units that rarely answer anything: questions, headings, sources, footnotes, the front."""
    text = unit.text
    passage = unit.hit.passage
    penalty = 0.0
    if passage.kind == "footnotes":
        penalty += 0.6
    if text.rstrip().endswith("?") and _ASKS.search(text):
        penalty += 0.6  # a question (the mandate's), not a statement ending in a quoted title
    if re.match(r"^(Kilde|Figur \d+)", text):
        penalty += 1.0  # a source line or a figure caption (the figure itself is gone)
    if (
        passage.kind != "table"
        and len(text) < 90
        and not re.search(r"[.!:»\d%]$", text)
        and _opens_paragraph(unit)
    ):
        # a heading, not a statement: it opens a paragraph; a short line inside one is a list
        # item («Sosialpedagogikk (60 stp. på heltid): ca. 100 studenter pr. år»)
        penalty += 1.0
    if text[:1].islower():
        penalty += 0.15  # a fragment cut off by a bullet or a page break
    if _ORPHAN.match(text) and not passage.text[: unit.start].strip():
        penalty += ORPHAN  # «Dette …» opening a passage: what it points back to is not here
    if passage.is_front_matter:
        penalty += 0.3
    elif not passage.section_number:  # SAMMENDRAG
        penalty += SUMMARY_PENALTY
    return penalty


def _opens_paragraph(unit: _Unit) -> bool:
    before = unit.hit.passage.text[: unit.start]
    return not before.strip() or before.endswith("\n\n")


def _units(hit: Hit) -> list[_Unit]:
    text = hit.passage.text
    return [
        _Unit(hit, s.start, s.end)
        for s in sentence_spans(text)
        if len(words(text[s.start : s.end])) >= 2
    ]


def answer_sentences(passages: Sequence[Passage]) -> list[str]:
    """What ingest embeds for the answerer: every passage's `sentence_texts`, each once."""
    return list(dict.fromkeys(t for p in passages for t in sentence_texts(p)))


def sentence_texts(passage: Passage) -> list[str]:
    """What the answerer embeds for each candidate sentence of a passage (ingest precomputes)."""
    return [_context(u) for u in _units(Hit(passage, 0.0, 1))]


def _context(unit: _Unit) -> str:
    """What a unit is embedded as: a table row keeps its caption, a sentence its section and
    the name it stands under («10 … – Høgskolen i Innlandet (INN): Videre tilbyr INN …»),
    which tells one institution's «Studiet» from the next one's."""
    passage = unit.hit.passage
    if passage.kind == "table":
        return f"{_caption(passage.text)}\n{unit.text}"
    if name := _name_over(passage):
        return f"{passage.section_title} – {name}: {unit.text}"
    return f"{passage.section_title}: {unit.text}"


def _name_over(passage: Passage) -> str:
    """The passage's sub-heading when it names something («Høgskolen i Innlandet (INN)»,
    «Nord Universitet», «NTNU», «OsloMet»: every word of three letters or more capitalised, a
    lone word with a capital inside), else "".

    A name is what the sentences under it leave out («høgskolen», «INN»), so a sentence is
    read with it. A topic («Brukere av karrieresentrene», «Samarbeid») its sentences say in
    their own words; read with them, it lifts every sentence under it alike when a question
    uses its words, and «Hvor mange brukere hadde karrieresentrene i 2020?» met four sentences
    on the users' age and schooling and no count. Retrieval still hears topics (index_text).
    """
    words = [w for w in re.findall(r"[^\W\d_]+", passage.subheading) if len(w) > 2]
    if not words or not all(w[0].isupper() for w in words):
        return ""
    if len(words) == 1 and not any(c.isupper() for c in words[0][1:]):
        return ""
    return passage.subheading


def _caption(table: str) -> str:
    """A table's caption: its first line, or its source line when the caption comes last
    («Kilde: Tabell 2. Tid som rådgiver (N=1167)»)."""
    lines = table.split("\n")
    if not lines[0].startswith("Tabell") and CAPTION_BELOW.match(lines[-1]):
        return lines[-1].removeprefix("Kilde:").strip()
    return lines[0]


def _complete_lists(chosen: list[_Unit], units: list[_Unit], budget: int) -> list[_Unit]:
    """A quoted sentence that announces a list («… består av fire områder:») brings its items,
    within a `budget` of their own: the items are what was announced. The items may run on
    into the next passage read, and past a stray line between numbered or full-stopped items
    (a figure's label); among items of a few words a line of one («Problemløsningsferdigheter»)
    is one of them."""
    out = list(chosen)
    for unit in chosen:
        if not _announces(unit.text):
            continue
        used = 0
        previous = unit
        for item in sorted(units, key=_place):
            if _place(item) <= _place(previous):
                continue
            quoted = _same_span(item, out)  # an item quoted already: the list runs on past it
            if not quoted and _stray(item.text) and (previous is unit or _marked(previous.text)):
                continue  # a label among numbered items; among plain ones, a short item
            # ≥ 1 item, always
            over = not quoted and used + len(item.text) > budget and previous is not unit
            if not _runs_on(previous, item) or over:
                break
            if not _marked(item.text) and (previous is unit or not _marked(previous.text)):
                out += _lines_between(previous, item)  # among plain items, a one-word one
            if not quoted:
                out.append(item)
                used += len(item.text)
            previous = item
    return out


_ENDS_IN_COLON = re.compile(r":\d{0,3}$")  # «… i NAVs karriereveiledning:51», a note's mark after


def _announces(sentence: str) -> bool:
    """`sentence` announces a list: it ends in a colon."""
    return bool(_ENDS_IN_COLON.search(sentence))


def _place(unit: _Unit) -> tuple[str, int]:
    """Where `unit` stands in its document (passages overlap: one sentence, one place)."""
    return unit.hit.passage.source, unit.hit.passage.start + unit.start


def _same_span(unit: _Unit, chosen: Sequence[_Unit]) -> bool:
    return any(_place(unit) == _place(c) for c in chosen)


def _runs_on(first: _Unit, unit: _Unit) -> bool:
    """`unit` comes right after `first` in the document, in its passage or the next one read,
    with nothing between but white space and stray lines of a word or three (a figure's
    label, a running head: «Evaluering av\nkarriereveiledningspro»)."""
    gap = _gap_start(first, unit)
    if gap is None:
        return False
    between = unit.hit.passage.text[gap : unit.start]
    return all(not line.strip() or _stray(line) for line in between.split("\n"))


def _gap_start(first: _Unit, unit: _Unit) -> int | None:
    """Where the text after `first` begins in `unit`'s passage; None when `first` ends in
    another document or before that passage starts."""
    passage, after = unit.hit.passage, first.hit.passage.start + first.end
    if passage.source != first.hit.passage.source or after < passage.start:
        return None
    return after - passage.start


def _lines_between(first: _Unit, unit: _Unit) -> list[_Unit]:
    """The lines standing between `first` and `unit`, which runs on from it (`_runs_on`)."""
    text, gap = unit.hit.passage.text, _gap_start(first, unit)
    if gap is None:
        return []
    return [
        _Unit(unit.hit, gap + line.start(), gap + line.end())
        for line in re.finditer(r"[^\n]+", text[gap : unit.start])
        if line.group().strip()
    ]


def _marked(item: str) -> bool:
    """`item` shows itself as an item of a list: numbered, or a sentence of its own."""
    return bool(_ITEM_MARK.match(item)) or item.rstrip().endswith(".")


def _stray(line: str) -> bool:
    """A line of a word or three with no full stop: a figure's label or a running head."""
    return (
        len(words(line)) <= STRAY_WORDS
        and not line.rstrip().endswith((".", ":"))
        and not _ITEM_MARK.match(line)  # «1. Kompetansestandarder» is an item
    )


def _each_next(some: list[_Unit], units: list[_Unit]) -> list[_Unit]:
    """The sentence right after each of `some`, where there is one."""
    return [after for u in some for after in _next_sentences(u, units, 1)]


def _next_sentences(first: _Unit, units: list[_Unit], n: int = NEXT_SENTENCES) -> list[_Unit]:
    """The `n` sentences right after `first` in its passage, in order."""
    out: list[_Unit] = []
    last = first
    for _ in range(n):
        after = next((u for u in units if u.hit is last.hit and _follows(last, u)), None)
        if after is None:
            break
        out.append(after)
        last = after
    return out


def _without_years(text: str) -> str:
    """`text` less its years («2020», «2019-20») and footnote markers («(2020).33»)."""
    return NOTE_MARKER.sub(" ", re.sub(r"\b(19|20)\d\d(\s*[-–/]\s*\d{2,4})?\b", " ", text))


def _follows(first: _Unit, unit: _Unit) -> bool:
    """`unit` is the sentence right after `first` (only white space between them)."""
    between = first.hit.passage.text[first.end : unit.start]
    return unit.start >= first.end and not between.strip()


def _repeats(a: _Unit, b: _Unit) -> bool:
    """The same statement again (the summary repeats the chapters almost word for word)."""
    ta, tb = ({t for t in terms(u.text) if not t.isdigit()} for u in (a, b))
    # words, not numbers: the row «30–49 49 % 52 %» gives what «… 30-49 år i 2020 …» does not
    shared = len(ta & tb)
    if shared < REPEAT_OVERLAP * min(len(ta), len(tb)) or not shared:
        return False
    # a short sentence sharing two or three words with another repeats it only when it
    # gives no number the other does not: «Det var 12 rådgivere som arbeidet på begge
    # skoletrinn» is news after «… antall rådgivere fordelte seg … arbeidet på 8.-10. trinn»
    na, nb = (set(re.findall(r"\d+", u.text)) for u in (a, b))
    return shared >= REPEAT_WORDS or na <= nb or nb <= na


def _overlaps(a: _Unit, b: _Unit) -> bool:
    """Same text already chosen (overlapping passages repeat a sentence)."""
    return a.text == b.text or (a.hit is b.hit and a.start < b.end and b.start < a.end)


def _compose(chosen: list[_Unit], english: bool) -> Draft:
    """Group sentences by passage (document order within one), number passages by first use."""
    order: list[Passage] = []
    by_passage: dict[str, list[_Unit]] = {}
    for unit in chosen:
        pid = unit.hit.passage.id
        if pid not in by_passage:
            order.append(unit.hit.passage)
            by_passage[pid] = []
        by_passage[pid].append(unit)
    lines: list[str] = []
    citations: list[Citation] = []
    for n, passage in enumerate(order, start=1):
        group = sorted(by_passage[passage.id], key=lambda u: u.start)
        if passage.kind == "table":
            group = _with_table_header(group)
        lines += [f"{text} [{n}]" for text in _runs(group)]
        # the quote runs from the first to the last sentence quoted, so it holds every claim
        # marked [n]; a table's from its caption to the row, or the rows alone when far down
        start, end = group[0].start, group[-1].end
        if passage.kind == "table" and end - start > _MAX_TABLE_QUOTE:
            rows = by_passage[passage.id]
            start, end = min(u.start for u in rows), max(u.end for u in rows)
        citations.append(Citation(n, passage, passage.text[start:end]))
    body = " ".join(lines) if not any(p.kind == "table" for p in order) else "\n".join(lines)
    text = f"{ENGLISH_LEAD}\n{body}" if english else body
    return Draft(text, False, tuple(citations))


def _runs(group: list[_Unit]) -> list[str]:
    """Sentences that stand next to each other in the passage are quoted as one run, one marker.

    Line breaks (list items, table rows, paragraphs) are kept as single new lines."""
    text = group[0].hit.passage.text
    runs: list[list[_Unit]] = []
    for unit in group:
        if runs and _follows(runs[-1][-1], unit):
            runs[-1].append(unit)
        else:
            runs.append([unit])
    quoted = [text[run[0].start : run[-1].end] for run in runs]
    return [re.sub(r"\s*\n\s*", "\n", q) for q in quoted]


def _with_table_header(rows: list[_Unit]) -> list[_Unit]:
    """A table row means nothing alone: put the caption and column header lines before it,
    and the caption after it when the table has it last."""
    units = _units(rows[0].hit)
    lines: list[_Unit] = []
    for unit in units:
        if _is_data_row(unit.text) or unit.text.startswith("Kilde"):
            break
        lines.append(unit)
    # the header as one span, so a one-word column name («Ungdomstrinn») between two header
    # lines comes along too
    header = [_Unit(rows[0].hit, lines[0].start, lines[-1].end)] if lines else []
    end = header[0].end if header else 0
    last = units[-1:] if units and CAPTION_BELOW.match(units[-1].text) else []
    rows = [r for r in rows if r.start >= end and r not in last]
    return [*header, *rows, *last]


def _is_data_row(text: str) -> bool:
    """A table row with values: a number that is not a year (a header row holds only years)."""
    body = re.sub(r"^(Tabell|Figur) \d+|\(N\s*=\s*\d+\)", "", text)  # «(N=528)» heads a column
    return bool(re.search(r"(?<![\d-])(?!(?:19|20)\d\d\b)\d+(?![\d-])", body))


def _row_label(text: str) -> str:
    """A row without its values: «Troms og Finnmark» in «Troms og Finnmark 752 …», «30–49» in
    «30–49 49 % 52 %» (an age group), «Under 20 år» in «Under 20 år % 4 %» (a blank cell)."""
    return _ROW_VALUES.sub("", text.strip()) if _ROW_VALUES.search(text.strip()) else ""
