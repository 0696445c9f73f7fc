"""Resolve a short follow-up («Og i 2019?», «Hva med NAV?», «Hvem eier den?») against the
previous question.

No LLM: a follow-up that opens like one, names nothing itself, has only a verb, or is short
and points back («den», «dem», «om det», «it») borrows the previous question's content words;
what it names itself (a year, a county, a service, a school level) replaces the same kind of
thing, and weighs twice. A follow-up swapping the service (the schools → NAV) is answered from
that service's chapter first (rag/pipeline.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.refusal import COUNTIES, YEAR
from rag.services import SERVICE, services_named
from rag.tables import SUPERLATIVE
from rag.text import VERBS, fold, is_english, stopwords, words

_OPENERS = re.compile(
    r"^\s*(og|enn|men|hva med|kva med|hvordan med|korleis med|samme(\s+\w+)?\s+for|også|"
    r"what about|and|how about|same for|i \d{4}|for \d{4})\b",
    re.IGNORECASE,
)
_THEN = re.compile(r",?\s+(da|då)\s*\?+\s*$", re.IGNORECASE)  # «Samme tall for 2019, da?»
_MAX_FOLLOWUP_WORDS = 4
# A fragment opening with a preposition and ending in its question word: «på oppdrag fra
# hvem?», «av hvem?», «by whom?», «fra hvilket år?», «over hvilken periode?»
_FRAGMENT = re.compile(
    r"^\s*(på|pa|i|av|fra|frå|med|for|til|hos|etter|over|gjennom|innen|ved|om|"
    r"by|in|on|at|from|with|to|of|during|within)\b[^?]*"
    r"\b(hvem|kven|hva|kva|who|whom|what|(hvilke[nt]?|kva for|which|what)\s+\w+)\s*\?*\s*$",
    re.IGNORECASE,
)
_MAX_FRAGMENT_WORDS = 5
_MAX_COMBINED_WORDS = 12  # a longer question is read alone …
_MAX_OPENED_WORDS = 20  # … unless it opens like a follow-up («Og …», «And …»)
# A short question pointing back at what was just asked about («Hvem eier den?», «Hvor mange
# av dem var kvinner?», «kan du si mer om det?», «why is that?»).
_POINTS_BACK = re.compile(
    r"\b(dem|them|they|it|av dei|med dei|til dei)\b|"  # always a pronoun (nynorsk «dei»
    # is «de» too: «dei fire områda» asks something new)
    # «den», «dette», «de», «der» … only at the end («Hvem eier den?», «Hva anbefalte de?»);
    # before a noun they are determiners («Hva er den nye integreringsloven?» asks something new)
    r"\b(den|det|dette|disse|desse|de|dei|der|this|that|these|those|there)"
    # … or before a time alone («Hva skjedde med den i 2021?», «Hva het den etterpå?»)
    r"(\s+(i\s+\d{4}|i dag|da|nå|etterpå|før|senere|then|now|later))?\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# «de»/«dei» mostly stand before a noun («de regionale karrieresentrene»): a pronoun only
# right after the question's verb («Anbefalte de noe …?», «Kva meinte dei om …?»)
_PRONOUN = re.compile(
    # («den nye loven» is a determiner; «kom den tidligere enn planlagt» a pronoun)
    r"\b(den|det)\b(?!\s+\w+e\b(?!\s+enn\b))|\b(dem|it|they|them)\b|"
    # «which one is taught in Bergen?», «how many of the conversations were by chat?»
    r"\b(which|that|this|the) ones?\b|\b(of|among) (those|these)\b|^\s*how many of the\b|"
    # English «that review», «this project»: always back to something
    r"\b(that|this|these|those)\s+(?!is\b|was\b|are\b|were\b)[a-z]{3,}\b|"
    r"^\s*(\w+\s+)?\w+\s+(de|dei)\s+(noe|noko|om|at|med|i|på|til)\b|"
    # … or after a modal verb, before the main one: «Hvem skal de samarbeide med?»
    r"^\s*(\w+\s+)?(skal|skulle|kan|kunne|må|måtte|bør|burde|vil|ville)\s+(de|dei)\s+[a-zæøå]",
    re.IGNORECASE,
)
# «Er lærestedene pålagt å ha et slikt tilbud?»: such a thing is the one just asked about
_SUCH = re.compile(r"\b(slikt?|slike|sånt|sånn|sånne|such)\b", re.IGNORECASE)
# «Who are the partners behind the career centre there?»: «there» ends it, not «are there?»
_THERE = re.compile(
    r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )\bthere\s*[?.!]*\s*$", re.IGNORECASE
)
_MAX_THERE_WORDS = 12
# nynorsk «ho» is always a pronoun, most often for a survey or a report just asked about
# («Kven stod bak ho, og kva heiter rapporten?»)
_SHE = re.compile(r"\bho\b", re.IGNORECASE)
# «det arbeidet», «den rapporten», «denne undersøkinga»: a demonstrative before a work in its
# definite form is the one just asked about («den nye loven» has an adjective between)
_THAT_WORK = re.compile(
    r"\b(det|den|dette|denne|disse|desse)\s+(arbeid|prosjekt|studi|tilbud|tilbod|tiltak|"
    r"samarbeid|rapport|undersøkels|undersøk|evaluering|kartlegging|ordning|tjenest|tenest|lov|"
    r"program|kurs|emn|nettverk|utvalg|rammeverk|forslag|satsing|artikkel|utdanning|master|"
    r"modul|senter|sentr)(et|en|a|inga|ingen|ene|ane)\b",
    re.IGNORECASE,
)
_PLACE_BACK = re.compile(r"\b(der|dit|derfra|there)\b", re.IGNORECASE)  # the place named before
# «why do they admit more than …?», «when was it set up?»: an English question whose subject is
# a pronoun stands for what was asked about before, whatever follows
_ENGLISH_SUBJECT = re.compile(
    r"^\s*(why|how|what|when|where|who|which|whom)\s+(\w+\s+)?(do|does|did|is|was|are|were|"
    r"can|could|will|would|has|have|had)\s+(they|it)\b",
    re.IGNORECASE,
)
# «Er den høyere eller lavere enn på videregående?», «Is that more than in Oslo?»: a pronoun
# compared with something else, whatever the length
_COMPARES = re.compile(
    r"^\s*(er|var|blir|ble|is|was|are|were)\s+(den|det|dette|de|dei|it|that|this|they)\s+"
    r"(\w+\s+)?(høyere|høgare|lavere|lågare|større|mindre|flere|fleire|færre|bedre|betre|"
    r"dårligere|higher|lower|bigger|larger|smaller|more|fewer|better|worse)\b",
    re.IGNORECASE,
)
# «how many of its users were on temporary layoff?», «Kva var rolla deira?»: a possessive
# stands for what was asked about before, whatever follows
_POSSESSIVE = re.compile(r"\b(its|their|dens|dets|deira|deres)\b", re.IGNORECASE)
# «Finnes det …?», «Hvor mange er det?»: «det» stands for nothing said before; but before
# a participle it is the thing just asked about («Hvem er det ment for?», «Når ble det startet?»)
_EXPLETIVE = re.compile(
    r"\b(finnes|fins|fantes|fanst|er|var|blir|gjelder|kva|hva)\s+det\b(?!\s+(ment|meint|"
    r"tenkt|laget|lagd|laga|skrevet|skrive|gitt|rettet|retta|beregnet|berekna|drevet|driven|"
    r"eid|finansiert|organisert|evaluert|etablert|oppretta|opprettet|startet|starta|"
    r"utviklet|utvikla|lansert)\b)",
    re.IGNORECASE,
)
# A noun in its definite form («svarprosenten», «studiestedet», «brukerne»): in a short
# question it names something already in the conversation («Hva var svarprosenten?»).
_DEFINITE = re.compile(r"\w{4,}(en|et|ene|ne|inga)")
_MAX_DEFINITE_WORDS = 5
_THE = re.compile(r"\bthe\s+(\w+(?:\s+\w+)?)", re.IGNORECASE)  # «the users», «the response rate»
_AUXILIARIES = frozenset("is are was were be been do does did has have had".split())
_DETERMINER = re.compile(r"\b(den|det|dette|denne|disse|desse|dei)\s+\w", re.IGNORECASE)
# Words asking for more of the same («kan du utdype?», «why?»): they name no topic of their own.
_MORE = frozenset(
    "why hvorfor kvifor utdype utdyp forklar forklare forklaring elaborate explain more mer "
    "meir details detaljer nærmere nærare".split()
)
# The number, share or score just asked about, named by what it is: «tallet», «andelen»
_BACK_NOUN = re.compile(
    r"tallet|talet|tala|tallene|antallet|andelen|prosenten|prosentandelen|skåren|skåret|"
    r"resultatet|resultata|resultatene|number|figure|share|score",
    re.IGNORECASE,
)
_MAX_POINTING_CONTENT = 3  # «Hva fant de?» points back; «proba evaluering nav hva fant de» not
_MAX_POINTING_WORDS = 7
# The school levels of the pupil survey: «Og på 10. trinn?» after a Vg1 question swaps them.
_LEVEL = re.compile(
    r"vg\d|vgs|trinn\w*|ungdomstrinn\w*|ungdomssk[ou]l\w*|videregaende|vidarega?ande|\d{1,2}"
)
# a year told by the one asked before: «Og året før?», «And the following year?»
RELATIVE_YEAR = re.compile(
    r"\b(?P<before>året før|året i forveien|året forut|forrige år|the year before|"
    r"the previous year|a year earlier|the prior year)\b|"
    r"\b(året etter|året etterpå|the year after|the following year|the next year|"
    r"a year later)\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[\wÆØÅæøå-]+(?:\.[^\W\d_]+)*")  # «karriereveiledning.no» stays whole


def opens_like_followup(question: str) -> bool:
    """«Og …», «Hva med …», «What about …», «Samme tall for 2019, da?», or a fragment: «på
    oppdrag fra hvem?»."""
    return bool(_OPENERS.match(question)) or (
        len(words(question)) <= _MAX_FRAGMENT_WORDS
        and bool(_FRAGMENT.match(question) or _THEN.search(question))
    )


def is_followup(question: str) -> bool:
    """Opens like a follow-up («Og …», «Hva med …», «What about …»), names nothing itself
    («kan du utdype?»), has only a verb («Hvor mange svarte?»), is short and points back
    («Hvem eier den?»), has a pronoun anywhere («Når ble det opprettet?»), or asks of
    something in the definite form (see `known_things`)."""
    return _points_elsewhere(question) or names_by_pronoun(question) or bool(known_things(question))


def _points_elsewhere(question: str) -> bool:
    """A follow-up by its form, whatever it names: it opens like one, names nothing, has only
    a verb («Hvor mange svarte?», «Hvem deltok?»), points back by a pronoun, or compares what
    a pronoun stands for («Er den høyere enn på videregående?»)."""
    content = content_words(question)
    only_verbs = bool(content) and len(content) <= 2 and all(fold(w) in VERBS for w in content)
    # «Hva var tallet i 2019?»: a number or share asked of what was just counted
    only_back = bool(content) and all(_BACK_NOUN.fullmatch(w) or fold(w) in VERBS for w in content)
    return (
        opens_like_followup(question)
        or not content
        or points_back(question)
        or only_verbs
        or only_back
        or bool(_COMPARES.match(question))
    )


def points_back(question: str) -> bool:
    """Short, and names what it asks about by a pronoun only: «Hvem eier den?»."""
    return (
        len(words(question)) <= _MAX_POINTING_WORDS
        and len(content_words(question)) <= _MAX_POINTING_CONTENT
        and bool(_POINTS_BACK.search(question))
    )


def names_by_pronoun(question: str) -> bool:
    """A short question with a pronoun anywhere in it: «Hvor ble den prøvd ut?», «Når ble det
    opprettet?», «Anbefalte de noe om NAV?», or one up to twelve words ending in «there»,
    with a possessive («how many of its users …?»), with nynorsk «ho» or with a work named
    as the one before («hvor kan jeg lese mer om det arbeidet?»).
    Not a determiner before an adjective («Hva er den nye integreringsloven?») nor the «det»
    of «Finnes det …?»."""
    if len(words(question)) <= _MAX_THERE_WORDS and (
        _THERE.search(question)
        or _ENGLISH_SUBJECT.match(question)
        or _SUCH.search(question)
        or _POSSESSIVE.search(question)
        or _SHE.search(question)
        or _THAT_WORK.search(question)
    ):
        return True
    return (
        len(words(question)) <= _MAX_POINTING_WORDS
        and bool(_PRONOUN.search(question))
        and not _EXPLETIVE.search(question)
    )


def known_things(question: str) -> list[str]:
    """«Hva var svarprosenten?», «Hvor er studiestedet?», «Hvor fornøyde var brukerne?»: the
    things a short question names in the definite form, when it has no name, number or
    service that would make it a question of its own; else [].

    Such a question may follow up («svarprosenten» of the survey just discussed) or stand
    alone («Hva er kvalitetsrammeverket?»): it follows up only when the previous answer's
    passages speak of the thing (rag/pipeline.py checks).
    """
    if (
        len(words(question)) > _MAX_DEFINITE_WORDS
        or _names(question)
        or any(w[0].isdigit() or w in COUNTIES for w in words(question))
        or _DETERMINER.search(question)  # «Hva er den nye integreringsloven?» is new
    ):
        return []
    if is_english(question):  # «who were the users?»: «the» makes it definite
        things = [w for w in content_words(question) if w.lower() not in _AUXILIARIES]
        definite = [m.group(1) for m in _THE.finditer(question)]  # what «the» names, whole
        return definite if 1 <= len(things) <= 2 and definite else []
    # «Hvilket år …?» asks when, and names no thing by «år»
    things = [w for w in content_words(question) if fold(w) not in VERBS and fold(w) != "ar"]
    if (
        1 <= len(things) <= 2
        and not any(SERVICE.fullmatch(fold(w)) or w[0].isdigit() for w in things)
        and any(_DEFINITE.fullmatch(w) for w in things)
    ):
        return [w for w in things if _DEFINITE.fullmatch(w)]
    return []


def only_by_known_things(question: str) -> bool:
    """A follow-up only for naming things in the definite form (`known_things`)."""
    return bool(known_things(question)) and not _points_elsewhere(question)


def content_words(question: str) -> list[str]:
    """The question's words less stopwords, numbers and asks for more («utdype», «why»)."""
    return [
        w
        for w in words(question)
        if fold(w) not in stopwords() and w not in _MORE and not w.isdigit()
    ]


def resolve(question: str, history: Sequence[str], always: bool = False) -> str:
    """The text to retrieve with: the question itself, or combined with the previous one.

    `history` holds the conversation's earlier questions as they were asked, oldest first;
    each is read with the one before it, so «Hva med Oslo?» after «Og i 2019?» after «Hvor
    mange brukere hadde Viken i 2020?» still knows the topic.
    """
    previous = ""
    for earlier in history:
        previous = _combine(earlier, previous)
    resolved = _combine(question, previous, always)
    if resolved != question and _PLACE_BACK.search(question) and not _counties(resolved):
        # «Og kva gjorde utdanning.no der?»: «der» is the county named turns before, though
        # the question just before («Kvar finn eg oversikta?») was one of its own
        named = [c for earlier in history for c in _counties(earlier)]
        if named:
            resolved = f"{resolved} {named[-1]}"
    return resolved


def _counties(text: str) -> list[str]:
    """The counties `text` names, in order («Østfold», «Troms og Finnmark» as «troms» …)."""
    return [w for w in words(text) if fold(w) in COUNTIES or w.lower() in COUNTIES]


def service_chapter(question: str, history: Sequence[str]) -> str | None:
    """The chapter on the service a follow-up swaps in: «Hva med NAV?» after a question about
    the schools is asked of chapter 6 first. None unless both name a service, and differ."""
    if not history or not is_followup(question):
        return None
    own = services_named(question)
    before = services_named(resolve(history[-1], history[:-1]))
    return own[0] if len(own) == 1 and own[0] not in before and before else None


def _combine(question: str, previous: str, always: bool = False) -> str:
    """`question` read with the (already resolved) question before it, if it is a follow-up
    (or `always`: the caller knows it is one)."""
    # a long question is one of its own, unless it opens like a follow-up («And how much of a
    # full-time job comes on top of that?»)
    longest = _MAX_OPENED_WORDS if opens_like_followup(question) else _MAX_COMBINED_WORDS
    if not previous or not (always or is_followup(question)) or len(words(question)) > longest:
        return question
    question = _dated(question, previous)
    new_words = words(question)
    has_year = any(YEAR.match(w) for w in new_words)
    stop = stopwords()
    kept = [
        w
        for w in _TOKEN.findall(previous)
        if fold(w) not in stop and not (has_year and YEAR.match(w))
    ]
    names = _names(question)
    if names and (len(new_words) > _MAX_FOLLOWUP_WORDS or not has_year):
        # a county swaps the county («Og i Rogaland?» after Oslo's Vg1 score keeps «Vg1» and
        # «Elevundersøkelsen»); another name swaps the names («Hva med OsloMet?»)
        if all(n.lower() in COUNTIES for n in names):
            kept = [w for w in kept if w.lower() not in COUNTIES]
        else:
            kept = [w for w in kept if not _is_name(w) or _LEVEL.fullmatch(fold(w))]
    if names:  # «Hva med Nordland?» after «… flest brukere?» asks for Nordland's row
        kept = [w for w in kept if not SUPERLATIVE.fullmatch(w)]
    # «Hva med NAV?» swaps the service; not when the question before named it too: «Enn med
    # det lokale NAV-kontoret?» after the prison counsellors working with NAV stays in prison
    # («Og i ungdomsskolen?» after «videregående skole» swaps the level)
    swapped = {fold(w) for w in new_words if SERVICE.fullmatch(fold(w))}
    if swapped and not swapped <= {fold(w) for w in words(previous)}:
        kept = [w for w in kept if not SERVICE.fullmatch(fold(w))]
    compares = bool(_COMPARES.match(question))  # it asks of both levels: none is swapped
    if not compares and any(_LEVEL.fullmatch(fold(w)) and not YEAR.match(w) for w in new_words):
        kept = [w for w in kept if not _LEVEL.fullmatch(fold(w))]  # «Og på 10. trinn?»
    # what the follow-up names itself weighs twice: it is what is asked about now
    own = [w for w in _TOKEN.findall(question) if fold(w) not in stop and not w.isdigit()]
    return " ".join([question.strip(), *own, *kept])


def _dated(question: str, previous: str) -> str:
    """«Og året før?» after a question of 2020 asks «Og i 2019?» («the year after»: «in 2021»)."""
    years = [w for w in words(previous) if YEAR.match(w)]
    if not years:
        return question

    def year(match: re.Match[str]) -> str:
        shift = -1 if match.group("before") else 1
        said = "in" if match.group(0).lower().startswith(("the", "a ")) else "i"
        return f"{said} {int(years[-1]) + shift}"

    return RELATIVE_YEAR.sub(year, question, count=1)


def _is_name(word: str) -> bool:
    return word[:1].isupper()


def _names(question: str) -> list[str]:
    """Capitalised words after the first, and acronyms; a school level («Vg1») is no name."""
    tokens = [w for w in _TOKEN.findall(question) if not _LEVEL.fullmatch(fold(w))]
    return [w for w in tokens[1:] if _is_name(w)] + [
        w for w in tokens if w.isupper() and len(w) > 1
    ]
