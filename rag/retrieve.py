"""Hybrid retrieval: BM25 (Snowball-stemmed Norwegian) and dense (Chroma), fused by RRF."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import bm25s
import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from rag.glossary import gloss, plain_to_report, to_bokmal
from rag.refusal import ASKS_NOTE, ASKS_PRICE
from rag.settings import Settings
from rag.store import IndexInfo, Store, index_text
from rag.tables import (
    SUPERLATIVE,
    asks_span,
    introduced,
    names_a_row,
    rows_in_span,
    speaks_of_rows,
    spoken_of,
)
from rag.text import NOTE_MARKER, fold, is_english, terms
from rag.types import Hit, Passage

# The common short names of Norwegian universities and university colleges → their names as
# the report writes them. Only where the report writes the name and people type the short
# one: «UiA» never stands in the report, «Universitetet i Agder» does. (NTNU, NMBU, UiB and
# OsloMet the report writes as short names itself; nothing to bridge.) The report's own
# definitions («Høgskolen i Innlandet (INN)») win over these.
INSTITUTIONS = {
    "UiA": "Universitetet i Agder",
    "HVL": "Høgskolen på Vestlandet",
    "INN": "Høgskolen i Innlandet",
    "HINN": "Høgskolen i Innlandet",
    "UiO": "Universitetet i Oslo",
    "UiS": "Universitetet i Stavanger",
    "UiT": "Norges arktiske universitet",
    "USN": "Universitetet i Sørøst-Norge",
    "Nord": "Nord Universitet",
    "HiOA": "OsloMet",
}
_FUZZY_CUTOFF = 0.84
_MIN_MEND_CHARS = 7  # a typo is mended only in a long word: short ones have too many neighbours
_MEND_CUTOFF = 0.9
_TIE = 0.05  # close matches this near the closest are as good: the more frequent one wins
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
FRONT_MATTER_WEIGHT = 0.5
NOTE_REACH = 3  # a question asking for a source brings the notes of the top passages …
NOTES_ADDED = 2  # … this many passages of them at most
# nynorsk endings → bokmål ones, for a word the report does not write when the swapped one it
# does: plural «-ar», «-ane», «-inga», superlative «-ast» (not «-a»: «nettsida» is singular,
# «tilboda» plural); a short word is more likely one written without æøå («ar» is «år»)
_NYNORSK_ENDINGS = (
    ("arane", "erne"),
    ("ane", "ene"),
    ("ane", "ne"),
    ("ar", "er"),
    ("inga", "ingen"),
    ("ast", "est"),
    ("aste", "este"),
)
_MIN_ENDING_WORD = 6
_NYNORSK_FORM = re.compile(r"(inga|ingane|ane|ar|ast)$", re.IGNORECASE)
_MIN_HEAD = 5  # the shortest head of a compound taken as known on its own


@dataclass(frozen=True)
class Retrieval:
    """Ranked hits plus what the answerer can reuse (the query vector)."""

    hits: list[Hit]
    query_vector: list[float]
    query: str
    terms: list[str] = field(default_factory=list)  # the query's index terms (see query_terms)
    # An English question's Norwegian gloss, embedded (rag.glossary.gloss); else None.
    gloss_vector: list[float] | None = None
    # The acronyms the query names, as typed → the name the report writes («UiA» →
    # «Universitetet i Agder»): a passage with the name mentions what the question names.
    acronyms: dict[str, str] = field(default_factory=dict)


def section_filter(scope: str | None) -> dict[str, str] | None:
    """A Chroma `where` for a chapter ("3"), a section ("3.1") or an unnumbered title."""
    if not scope:
        return None
    if "." in scope:
        return {"section_number": scope}
    return {"chapter": scope}


def in_scope(passage: Passage, scope: str | None) -> bool:
    """The same filter, applied to a passage in memory (for BM25)."""
    where = section_filter(scope)
    if where is None:
        return True
    key, value = next(iter(where.items()))
    return (passage.section_number if key == "section_number" else passage.chapter) == value


class HybridRetriever:
    """Dense ∪ BM25 over one index, fused with reciprocal rank fusion; optional reranker."""

    def __init__(
        self,
        passages: Sequence[Passage],
        embedder: Embeddings,
        store: Store,
        info: IndexInfo,
        settings: Settings,
        reranker: Any = None,
    ) -> None:
        self.passages = list(passages)
        self._by_id = {p.id: i for i, p in enumerate(self.passages)}
        self._tables = [p for p in self.passages if p.kind == "table"]
        self._notes = {  # the footnotes passage holding each note, by its number
            number: p
            for p in self.passages
            if p.kind == "footnotes"
            for number in re.findall(r"(?m)^(\d{1,3}) ", p.text)
        }
        self._embedder = embedder
        self._store = store
        self._info = info
        self._settings = settings
        self._reranker = reranker
        corpus_terms = [terms(index_text(p)) for p in self.passages]
        self._bm25 = bm25s.BM25()
        self._bm25.index(_to_tokenized(corpus_terms), show_progress=False)
        self._vocab = sorted({t for doc in corpus_terms for t in doc})
        self._vocab_set = set(self._vocab)
        self.document_frequency = _document_frequency(corpus_terms)
        written = [w for p in self.passages for w in _WORD.findall(index_text(p))]
        self._written = set(written)
        self._words = {w.lower() for w in self._written}
        self._word_count = Counter(fold(w) for w in written)
        self._spelling = _spellings(self._words)
        self._folded_words = sorted(self._spelling)
        self._acronyms = known_acronyms(acronyms(p.text for p in self.passages))

    def respell(self, text: str) -> str:
        """The question with each word the report does not have written as the report writes
        it: lost æøå restored («radgivere» → «rådgivere»), typos mended («karriersentrene» →
        «karrieresentrene»). The dense model hears words, not folded terms, so it needs this."""

        def mend(match: re.Match[str]) -> str:
            word = match.group(0)
            lower, key = word.lower(), fold(word)
            if lower in self._words:
                return word
            if key in self._spelling and key == lower:  # only æøå were lost
                fixed = self._spelling[key]
            elif len(key) >= _MIN_MEND_CHARS:  # a typo in a long word
                close = closest_word(key, self._folded_words, _MEND_CUTOFF, self._word_count)
                fixed = self._spelling[close] if close else word
            else:
                return word
            return fixed[:1].upper() + fixed[1:] if word[:1].isupper() else fixed

        return _WORD.sub(mend, text)

    def knows(self, word: str) -> bool:
        """The report has `word`: as written, without its æøå, in bokmål, by its stem, or
        mistyped («karriersentrene»); «fagforeninger» it never writes. A nynorsk compound
        the word lists miss is known by its head («leiarundersøkinga»: «undersøkelsen»)."""
        if self._knows_form(word, mistyped=True):
            return True
        # a head is a piece of the word, no typo of one: matched as it is, not fuzzily (a
        # fuzzy match over the report's words for each piece took up to 60 ms a word)
        return bool(_NYNORSK_FORM.search(word)) and any(
            self._knows_form(word[i:]) for i in range(3, len(word) - _MIN_HEAD + 1)
        )

    def _knows_form(self, word: str, mistyped: bool = False) -> bool:
        bokmal = self.bokmal(word)
        key = fold(bokmal)
        return (
            key in self._spelling
            or set(terms(bokmal)) <= self._vocab_set
            or (
                mistyped
                and closest_word(key, self._folded_words, _MEND_CUTOFF, self._word_count)
                is not None
            )
        )

    def bokmal(self, text: str) -> str:
        """Nynorsk words the report does not write, in their bokmål forms: «rådgiving» stays,
        «karrieresentera» becomes «karrieresentrene» (its stem «karrieresenter» is the report's
        «karrieresenteret», not the plural the table's «karrieresentrene» stems to); a word no
        word list has, by its ending («samtalar» → «samtaler»)."""
        text = to_bokmal(text, keep=lambda word: word.lower() in self._words)

        def ending(match: re.Match[str]) -> str:
            # a form no word list has: «samtalar» → «samtaler», «rettleiarane» → «rettleierne»
            word = match.group(0)
            lower = word.lower()
            if lower in self._words or len(lower) < _MIN_ENDING_WORD:
                return word
            for nynorsk, bokmal in _NYNORSK_ENDINGS:
                swapped = lower[: -len(nynorsk)] + bokmal
                if lower.endswith(nynorsk) and swapped in self._words:
                    return swapped[:1].upper() + swapped[1:] if word[:1].isupper() else swapped
            return word

        return _WORD.sub(ending, text)

    def query_terms(self, text: str) -> list[str]:
        """Question terms, each unknown one mapped to its closest index term (typos, lost æøå).

        English questions also get the Norwegian words for their domain terms.
        """
        text = self.bokmal(text)
        if is_english(text):
            # the English words the report has too (names, «OECD», years) and the Norwegian
            # gloss; the rest is English, and mapping it to the closest Norwegian term only
            # adds noise («have» → «halv», «get» → «eget»)
            found = terms(f"{text} {gloss(text)}")
            return [t for t in found if t in self._vocab_set or t[0].isdigit()]
        out = []
        for term in terms(text):
            if term in self._vocab_set or term[0].isdigit():
                out.append(term)
                continue
            close = closest_word(term, self._vocab, _FUZZY_CUTOFF, self.document_frequency)
            out.append(close or term)
        return out

    def search(self, query: str, scope: str | None = None, k: int | None = None) -> Retrieval:
        """The top-k passages for a query, within an optional chapter/section scope."""
        k = k or self._settings.top_k
        n = min(self._settings.candidates, len(self.passages))
        # the dense model hears the question as the report would write it (bokmål, typos, æøå)
        # «usn» is searched as «usn (Universitetet i Sørøst-Norge)»
        named = acronyms_in(query, self._acronyms, self._written)
        searched = spell_out(query, named)
        if ASKS_PRICE.search(query):
            searched += " gratis"  # «Koster det noe …?»: the report's answer is «gratis»
        english = is_english(query)
        if not english:
            # the report's words for everyday ones, also when typed wrong («oprettet»)
            mended = self.respell(self.bokmal(searched))
            added = set(plain_to_report(mended).split()) - set(mended.split())
            searched = plain_to_report(searched)
            searched += "".join(f" {w}" for w in sorted(added - set(searched.split())))
        heard = searched if english else self.respell(self.bokmal(searched))
        vector = self._embedder.embed_query(heard)
        where = section_filter(scope)
        dense = self._store.dense(self._info, vector, n, where=where)
        dense_rank = {pid: r for r, (pid, _) in enumerate(dense, start=1)}
        query_terms = self.query_terms(searched)
        bm25_rank = self._bm25_ranks(query_terms, scope, n)
        rankings = [dense_rank, bm25_rank]
        gloss_vector = None
        if english and (norwegian := gloss(query)):
            # English questions: the dense model also hears a word-for-word Norwegian gloss
            gloss_vector = self._embedder.embed_query(norwegian)
            translated = self._store.dense(self._info, gloss_vector, n, where=where)
            rankings.append({pid: r for r, (pid, _) in enumerate(translated, start=1)})
        fused: dict[str, float] = {}
        for ranks in rankings:
            for pid, rank in ranks.items():
                fused[pid] = fused.get(pid, 0.0) + 1.0 / (self._settings.rrf_k + rank)
        for pid in fused:
            if self.passages[self._by_id[pid]].is_front_matter:
                fused[pid] *= FRONT_MATTER_WEIGHT  # it restates the questions, answers none
        order = sorted(fused, key=lambda pid: -fused[pid])
        if self._reranker is not None:
            fused = self._rerank(query, order[: max(k, 20)])
            order = sorted(fused, key=lambda pid: -fused[pid])
        hits = [
            Hit(
                passage=self.passages[self._by_id[pid]],
                score=fused[pid],
                rank=rank,
                dense_rank=dense_rank.get(pid),
                bm25_rank=bm25_rank.get(pid),
            )
            for rank, pid in enumerate(order[:k], start=1)
        ]
        if SUPERLATIVE.search(query):
            hits = self._with_introduced_table(hits)
        hits = self._with_named_table(hits, query, set(query_terms))
        if ASKS_NOTE.search(gloss(query) if english else query):
            hits = self._with_notes(hits)
        return Retrieval(hits, vector, query, query_terms, gloss_vector, named)

    def _with_introduced_table(self, hits: list[Hit]) -> list[Hit]:
        """«Hvilket fylke hadde flest brukere ved karrieresentrene?»: the prose passage saying
        «Tabell 1 viser antall brukere …» ranks, the table of numbers it introduces may not;
        the table takes the last place, as only it can rank the counties."""
        have = {h.passage.id for h in hits}
        for table in self._tables:
            if table.id not in have and introduced(table, hits):
                return [
                    *hits[:-1],
                    replace(hits[-1], passage=table, dense_rank=None, bm25_rank=None),
                ]
        return hits

    def _with_notes(self, hits: list[Hit]) -> list[Hit]:
        """«Hvor kan jeg lese mer om …?», «Hvilken kilde …?»: the notes the top passages'
        markers point to name the sources; their footnotes passages, when not retrieved,
        take the last places."""
        have = {h.passage.id for h in hits}
        numbers = [n for h in hits[:NOTE_REACH] for n in NOTE_MARKER.findall(h.passage.text)]
        notes = [self._notes[n] for n in numbers if n in self._notes]
        wanted = [n for n in dict.fromkeys(notes) if n.id not in have][:NOTES_ADDED]
        kept = hits[: max(len(hits) - len(wanted), 1)]
        return kept + [
            Hit(passage=n, score=kept[-1].score, rank=rank)
            for rank, n in enumerate(wanted[: len(hits) - len(kept)], start=len(kept) + 1)
        ]

    def _with_named_table(self, hits: list[Hit], question: str, asked: set[str]) -> list[Hit]:
        """A table one of whose rows the question names (`names_a_row`), or whose rows it
        asks past a span of years (`rows_in_span`: «mer enn ti års erfaring»), is among the
        passages the answer reads, in the last of their places: «Hvor mange flere unike
        brukere fikk Trøndelag i 2020 enn året før?» ranks prose on users above Tabell 1."""
        reach = min(self._settings.answer_passages, len(hits))
        read = [h.passage for h in hits[:reach]]
        table = next((t for t in self._tables if names_a_row(t, question, asked)), None)
        if table is not None and any(speaks_of_rows(p, asked) for p in read):
            return hits  # (a table read already speaks of the rows asked about: «over 50»)
        if table is None and asks_span(question):
            spanned = [t for t in self._tables if rows_in_span(question, t.text)]
            if spanned and not set(spanned) & set(read):
                # of the tables labelled by years, the one sharing most words with the question
                table = max(spanned, key=lambda t: spoken_of(question, t.text))
        if table is None or reach == 0:
            return hits
        rest = [h for h in hits if h.passage.id != table.id]
        held = next((h for h in hits if h.passage.id == table.id), None)
        score = rest[reach - 1].score  # scores still fall with rank
        placed = replace(held, score=max(held.score, score)) if held else Hit(table, score, reach)
        ordered = [*rest[: reach - 1], placed, *rest[reach - 1 :]][: len(hits)]
        return [replace(h, rank=rank) for rank, h in enumerate(ordered, start=1)]

    def _bm25_ranks(self, query_terms: list[str], scope: str | None, n: int) -> dict[str, int]:
        tokens = [t for t in query_terms if t in self._bm25.vocab_dict]
        if not tokens:
            return {}
        mask = np.array([in_scope(p, scope) for p in self.passages], dtype=np.float32)
        scores = self._bm25.get_scores(tokens, weight_mask=mask)
        best = [int(i) for i in np.argsort(-scores, kind="stable")[:n] if scores[i] > 0]
        return {self.passages[i].id: r for r, i in enumerate(best, start=1)}

    def _rerank(self, query: str, ids: list[str]) -> dict[str, float]:
        """Cross-encoder scores replace the fused ones, so `Hit.score` still falls with rank."""
        texts = [index_text(self.passages[self._by_id[pid]]) for pid in ids]
        scores = self._reranker.predict([(query, t) for t in texts])
        return {pid: float(score) for pid, score in zip(ids, scores, strict=True)}


_DEFINED = re.compile(
    r"((?:[A-ZÆØÅ][\w-]*\s+(?:(?:i|og|for|på|av|til)\s+)?)*[A-ZÆØÅ][\w-]*)\s+"
    r"\(([A-ZÆØÅ][A-Za-zÆØÅæøå-]{1,8})\)"
)


def acronyms(texts: Iterable[str]) -> dict[str, str]:
    """The acronyms the report defines, «Universitetet i Sørøst-Norge (USN)»: the acronym as
    written → the name most often written before it (the longer one on a tie)."""
    names: dict[str, Counter[str]] = {}
    for text in texts:
        for name, short in _DEFINED.findall(text):
            name = re.sub(r"\s+", " ", name)
            if name.lower() != short.lower():
                names.setdefault(short, Counter())[name] += 1
    return {
        short: max(counts, key=lambda n: (counts[n], len(n))) for short, counts in names.items()
    }


def known_acronyms(defined: dict[str, str]) -> dict[str, str]:
    """The institutions' short names (`INSTITUTIONS`) and the report's own definitions, which
    win: an acronym the report defines keeps the report's name for it."""
    own = {short.lower() for short in defined}
    table = {short: name for short, name in INSTITUTIONS.items() if short.lower() not in own}
    return {**table, **defined}


def acronyms_in(text: str, known: dict[str, str], written: set[str]) -> dict[str, str]:
    """The acronyms `text` names, as typed → their names («usn» → «Universitetet i
    Sørøst-Norge»). A word the report also writes in lower case («inn») is that word, unless
    typed as the acronym («INN»)."""
    by_lower = {short.lower(): short for short in known}
    named: dict[str, str] = {}
    for word in _WORD.findall(text):
        short = by_lower.get(word.lower())
        if short is not None and (word == short or word not in written):
            named[word] = known[short]
    return named


def spell_out(text: str, named: dict[str, str]) -> str:
    """`text` with each acronym it names (`acronyms_in`) followed by its name («usn» → «usn
    (Universitetet i Sørøst-Norge)»), unless the name is there already."""

    def spell(match: re.Match[str]) -> str:
        word = match.group(0)
        name = named.get(word)
        return word if name is None or name.lower() in text.lower() else f"{word} ({name})"

    return _WORD.sub(spell, text)


def closest_word(
    word: str, candidates: Sequence[str], cutoff: float, frequency: Mapping[str, int]
) -> str | None:
    """The candidate closest to `word`; of nearly as close ones, one opening with the same
    letter, and of those the one the report uses most: «kvalitetsramverket» is
    «kvalitetsrammeverket» (17 passages), not the report's own slip «kvalitetsrammverket»
    (one)."""
    close = difflib.get_close_matches(word, candidates, n=3, cutoff=cutoff)
    if not close:
        return None
    short = len(word) < _MIN_MEND_CHARS  # a short word has too many neighbours: the closest
    best = difflib.SequenceMatcher(None, word, close[0]).ratio()
    tie = 0.0 if short else _TIE
    near = [c for c in close if difflib.SequenceMatcher(None, word, c).ratio() >= best - tie]
    # a slip rarely hits the first letter: «chatt» is «chat», not the as close «hatt»
    return max(near, key=lambda c: (c[:1] == word[:1], 0 if short else frequency.get(c, 0)))


def _spellings(words: Iterable[str]) -> dict[str, str]:
    """Folded word → the report's spelling of it, the one with æøå when there are two."""
    spelling: dict[str, str] = {}
    for word in sorted(words, key=lambda w: (-sum(c in "æøå" for c in w), w)):
        spelling.setdefault(fold(word), word)
    return spelling


def _to_tokenized(corpus_terms: list[list[str]]) -> bm25s.tokenization.Tokenized:
    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(t, len(vocab)) for t in doc] for doc in corpus_terms]
    return bm25s.tokenization.Tokenized(ids=ids, vocab=vocab)


def _document_frequency(corpus_terms: list[list[str]]) -> dict[str, int]:
    df: dict[str, int] = {}
    for doc in corpus_terms:
        for t in set(doc):
            df[t] = df.get(t, 0) + 1
    return df


class VeiviserRetriever(BaseRetriever):
    """The hybrid retriever as a LangChain `BaseRetriever` (citation fields in metadata)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    hybrid: Any
    scope: str | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        return [
            Document(
                page_content=h.passage.text,
                id=h.passage.id,
                metadata={"section": h.passage.section, "score": h.score, "rank": h.rank},
            )
            for h in self.hybrid.search(query, self.scope).hits
        ]


def load_reranker(name_or_path: str) -> Any:
    """A sentence-transformers CrossEncoder from a local path or cached name."""
    from sentence_transformers import CrossEncoder

    return CrossEncoder(name_or_path, device="cpu")
