"""When the report does not answer: the evidence rules behind a refusal.

A question is refused when it names something no retrieved passage mentions (a year, a
number, a place, a name, a code), when its years never stand in one passage with its other
names, when it asks for a kind of fact (a count, a share, an average, a number of hours or
credits, a score, a date, a price or earnings, who heads something) that none of the closest
sentences holds, when it asks how many of something and the closest numbers count something
else, when the closest evidence is about other years, places, school years or services than
the question's, or never names the women or men it asks about, when the place it names
stands in no passage with the kind of fact it asks for (nor the course code in a sentence),
when the satisfaction it asks about for a year is told of another year,
when it asks what some work found and the report says that work is still going on, or when
the report says it has not looked at the thing asked about. These rules carry most
refusals: question–evidence similarity alone does not tell answerable from unanswerable
(eval/README.md, calibration).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping, Sequence
from functools import cache

from rag.glossary import EVERYDAY, GLOSSARY, to_bokmal
from rag.services import SERVICE_CHAPTERS, services_named
from rag.store import index_text
from rag.text import VERBS, fold, is_english, stopwords, terms
from rag.types import Hit, Passage

REFUSAL = "Rapporten ser ikke ut til å svare på dette."
REFUSAL_EN = "The report does not seem to answer this."

# Counties (today's and the old ones) and the larger towns: places a question may name.
COUNTIES = frozenset(
    (
        "agder innlandet nordland oslo rogaland trøndelag vestland viken vestfold telemark "
        "troms finnmark østfold akershus buskerud hedmark oppland hordaland sogn fjordane "
        "møre romsdal aust-agder vest-agder bergen trondheim stavanger tromsø kristiansand "
        "drammen bodø"
    ).split()
)
YEAR = re.compile(r"^(19|20)\d\d$")  # a year written alone
# A span of years as the report writes them: «2019-2020», «2020-21», «2018 til 2020»,
# «fra 2015-2016 til 2019-20» (school years from the first to the last).
_YEAR_SPAN = re.compile(
    r"\b((?:19|20)\d\d)(?:\s*[-–/]\s*(?:\d{4}|\d\d))?\s*(?:-|–|/|til)\s*(\d{4}|\d\d)\b"
)
# Capitalised English words that are no names the report must contain, beyond the glossaries'.
_ENGLISH_NAMES = (
    "norway norwegian europe european english oecd eu monday tuesday wednesday thursday friday "
    "saturday sunday january february march april may june july august september october "
    "november december"
).split()
_MONTHS = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
# A question asking which year, «år» typed without «å» too («hvilket ar», «kva ar»)
WHICH_YEAR = r"(?:i )?hvilket (?:år|ar|aar)|kva (?:år|ar)|what year"
_LABELLED = re.compile(
    r"\b(modul|kapittel|kap\.|punkt|side|s\.|nr\.|tabell|figur|trinn|nivå|fase|steg)\s*"
    r"\d+(?:[.,-]\d+)*|§+\s*\d+(?:[.,-]\d+)*(?:\s*[a-z]\b)?|\b\d+\.\s*(?:-\s*\d+\.\s*)?trinn\w*|"
    # a date: «1. januar 2021» keeps its year
    rf"\b\d{{1,2}}\.\s*(?:{_MONTHS})\b",
    re.IGNORECASE,
)
# A document's name: «NOU 2016:7», «Meld. St. 14 (2019–2020)» dates no event
_DOCUMENT = re.compile(
    r"\bNOU\s*\d{4}\s*:\s*\d+|\b(?:Meld\.\s*St\.|St\.\s*meld\.|Prop\.)\s*\d+"
    r"(?:\s*[A-Z]+)?(?:\s*\((?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?\))?"
)
# A score or mean («skår på 3,6»): a decimal that is no share counts nothing.
_DECIMAL = re.compile(r"\b\d+,\d+\b(?!\s*(?:prosent|%))")
# A footnote's number at the start of its line («21 Kilde Viken: …») counts nothing.
_FOOTNOTE_MARK = re.compile(r"^\s*\d{1,3}\s+(?=[A-ZÆØÅ])", re.MULTILINE)
# … nor its mark glued to the word or stop before it: «i ettertid.9», «skole.»47»
_GLUED_MARK = re.compile(r"(?:(?<=[^\W\d_])|(?<=[.,»)”’]))\d{1,3}\b")
_CODE = re.compile(r"[A-Za-zÆØÅæøå]+\d+")  # Vg3, RAD6000
_COURSE_CODE = re.compile(r"\b[A-ZÆØÅ]{2,}-?\d{3,}\b")  # RAD6000, KARRE1001, SV-923
# A school year the pupil survey asks in: «Vg1», «Vg2-elevene», «10. trinn», «7. trinnet»
_GRADE = re.compile(r"\b(vg)\s?([1-3])\b|\b(\d{1,2})\.\s*(trinn)", re.IGNORECASE)
# a score or a result: what the survey gives for a school year
_ASKS_SCORE = re.compile(
    r"\b(sk[åa]r\w*|score\w*|resultat\w*|result|forn[øo]yd\w*|n[øo]gd\w*|satisfied)\b",
    re.IGNORECASE,
)
GIVES_SCORE = re.compile(r"\b\d+,\d+\b|\b\d+\s*(?:prosent|%)")  # «3,6», «60 prosent»
_SCHOOL_YEAR = re.compile(r"\b((?:19|20)\d\d)\s*[-–/]\s*(\d\d)\b")
_GROUPED = re.compile(r"\b\d{1,3}(?:[ ,.\u00a0]\d{3})+\b(?![.,]\d)")  # «23,636», «10 000»
# A number in digits or words, alone or as a range («6-20», «30 + 30», «to»).
_AMOUNT = (
    r"\d+(?:[,.]\d+)?(?:\s*[-–+]\s*\d+)?|en|ett|et|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|"
    r"elleve|tolv|halvt|halv"
)
# Units a «how many» question may ask for (Norwegian and English), and how the report writes them.
_UNITS = (
    ("timer|timar|hours", r"timer?"),
    ("dager|dagar|days", r"dag(er)?"),
    ("uker|veker|weeks", r"uker?"),
    ("måneder|månader|months", r"måned(er)?"),
    ("år|years", r"år"),
    ("minutter|minutt|minutes", r"minutt(er)?"),
    ("studiepoeng|stp|credits", r"(studiepoeng|stp)"),
    ("semestre|semester|semesters", r"semest(er|re)"),
    ("spørsmål|sporsmal|questions", r"spørsmål"),
)
# A question asking what some work found, and a sentence saying the work is not done.
_ASKS_RESULTS = re.compile(
    r"\b(resultat\w*|funn\w*|fant(?! sted)|fann|viste|synte|konklu\w*|effekt\w*|utfall\w*|results?|"
    r"findings?|found|conclu\w*|outcomes?|show(ed|s)?)\b",
    re.IGNORECASE,
)
_UNDER_WAY = re.compile(
    r"\b(for tiden|pågår|pågåande|pågående|er i gang|ennå ikke|enda ikke|ikke ferdig|ikkje ferdig|"
    r"ikke avsluttet|under arbeid|under utvikling)\b",
    re.IGNORECASE,
)
_ASKS_EVALUATION = re.compile(r"\b(evaluer\w*|evaluat\w*)\b", re.IGNORECASE)
_NOT_EVALUATED = re.compile(
    r"\b(ikke|ikkje|aldri|not|never)\s+(blitt\s+|vorte\s+|been\s+)?(evaluert|evaluated)\b",
    re.IGNORECASE,
)
# The authors saying they have not looked into something, unless they go on to what they found.
_DISCLAIMER = re.compile(
    r"\b(vi har ikke (funnet|gått gjennom|gjennomgått|tilgang)|har ikke lyktes å finne)\b"
    r"(?!.*\bmen\b)",
    re.IGNORECASE,
)
_HEAD_CHARS = 6  # a compound's head this long names the same thing («undersøkelse»)
RARE_DF = 10  # a word in at most this many passages is rare enough to tie a disclaimer to
# «Hvilken kilde viser rapporten til …?», «Which page … is cited …?»: a footnote says
ASKS_NOTE = re.compile(
    # (not «kildekritikk», «referansegruppen»)
    r"\b(kild(e|en|er|ene)|kjeld(e|a|er|ene)|sources?|fotnot\w*|footnotes?|sidehenvis\w*|"
    r"sidetall\w*|(hvilken|hvilke|kva|what|which) (side|sider|sida|page|pages)|page numbers?|"
    r"referanse(n|r|ne)?|references?|cited|cites|siterer|henvises|henvist til|"
    # «Hvor kan jeg lese mer om …?»: where the report points to
    r"lese mer|lesa meir|lese meir|les mer|read more|read further|learn more)\b",
    re.IGNORECASE,
)
# A question about what something costs: «gratis» may answer it (rag/retrieve.py searches it too)
ASKS_PRICE = re.compile(
    r"\b(koster?|kostnad(en|er|ene)?|pris(en|er)?|betale|gebyr\w*|egenandel\w*|"
    r"costs?|prices?|pay|(?<!\bin )charges?|fees?)\b",  # «who is in charge of …» asks who
    re.IGNORECASE,
)
# A number of years, months … («over 4 år», «innen tre måneder», «et halvt år»)
_DURATION = (
    rf"(?<![\w.,])({_AMOUNT})\s+(år|måned\w*|månad\w*|uke\w*|veke\w*|dag\w*|døgn|"
    r"time(r|ar)?\b|minutt\w*|semest\w*)"
)
# What a sentence gives a share with: «60 prosent», «7 av 11», «halvparten», «de fleste»
_SHARE_GIVEN = (
    r"\d\s*(prosent|%)|\b\d+ av \d+\b|\b(prosent|halvparten|halvdelen|tredjedel\w*|"
    r"fjerdedel\w*|femtedel\w*|flertall\w*|majoritet\w*|mindretall\w*|de fleste|alle|"
    r"ingen|hver (andre|tredje|fjerde|femte))\b"
)
# A year with a beginning: «etablert i 2010», «Fra 2021 fikk …»
_DATES_A_BEGINNING = (
    r"^(?=.*\b(19|20)\d\d)(?=.*\b(opprett\w*|etabler\w*|start\w*|åpn\w*|lanser\w*|"
    r"innført\w*|begyn\w*|oppstart\w*|initiert|grunnlagt|stiftet|utviklet|kom|fikk|"
    r"trådte|ny|nytt|første)\b)"
)
# What kind of fact a question asks for, and what a sentence must hold to give it. When none of
# the closest sentences holds such a fact, the report does not answer the question.
# A number in digits that is not a year nor a footnote marker glued to a word or a closing
# quote («fengslene.61», «skole.»47», «i 2020.28»)
_NUMBER_IN_DIGITS = r"(?<![\w.,»)”’])(?!(?:19|20)\d\d\b)\d+(?![,.]\d)"
NUMBER = re.compile(_NUMBER_IN_DIGITS)
# «Hvor fornøyde var …?», «How satisfied …?»
_HOW_SATISFIED = (
    r"\b(hvor|kor) (fornøyd\w*|fornøgd\w*|nøgd\w*|tilfreds\w*)|\bhow (satisfied|happy)\b"
)
ASKS_COUNT = re.compile(
    r"\b(hvor mange|kor mange|antall|how many|number of|tall(ene|a)? for|tallet for|"
    r"figures? for|numbers for)\b",
    re.IGNORECASE,
)
# who paid: «Evalueringen ble finansiert av …» follows the sentence naming the evaluation
_GIVES_PAYER = re.compile(
    r"\b(finansier\w*|\w*midler|tilskudd\w*|tilskot\w*|bevilg\w*|betal\w*|bekost\w*|"
    r"kostnad\w*|kr|kroner)\b",
    re.IGNORECASE,
)
# who wrote: «Buland mfl. (2020)», «doktorgraden til Erik Hagaseth Haug»
_GIVES_WRITER = re.compile(
    r"\b(mfl|m\.fl|et al|skrevet av|skrive av|utarbeidet av|utarbeida av|forfatter\w*|"
    r"forfattar\w*)\b|(?-i:\b[A-ZÆØÅ][a-zæøå]+) (og (?-i:[A-ZÆØÅ][a-zæøå]+) )?\((19|20)\d\d\)|"
    r"\b(til|av|by)\s+(?-i:[A-ZÆØÅ][a-zæøå]+\s+[A-ZÆØÅ][a-zæøå]+)",
    re.IGNORECASE,
)
_GIVEN_AFTER = (_GIVES_PAYER, _GIVES_WRITER)  # kinds of fact the next sentence may give
ANSWER_TYPES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (  # a count
        ASKS_COUNT,
        re.compile(
            _NUMBER_IN_DIGITS + r"|"
            r"\b(to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|alle|halvparten|tredjedel\w*|"
            r"fjerdedel\w*|flertall\w*|ingen|få|fleste|majoritet\w*|mindretall)\b",
            re.IGNORECASE,
        ),
    ),
    (  # a share: a number alone («7 brukere») does not say how large a part they were
        re.compile(
            r"\b(hvor stor andel|kor stor del|kor stor andel|hvilken andel|kva del|andel|"
            r"hvor mange prosent|kor mange prosent|svarprosent\w*|what share|what percentage|"
            r"what proportion|response rate)\b",
            re.IGNORECASE,
        ),
        re.compile(_SHARE_GIVEN, re.IGNORECASE),
    ),
    (  # how satisfied: a share («94 prosent», «de fleste») or a score («3,6»)
        re.compile(_HOW_SATISFIED, re.IGNORECASE),
        # … or says it in words: «svært fornøyd», «opplevde den som nyttig»; a share alone
        # («Alle universitetene … var representert») says how many, not how satisfied
        re.compile(
            r"\b\d+,\d+\b|\b(fornøyd\w*|nøgd\w*|tilfreds\w*|nyttig\w*|nytte|"
            r"positiv\w*|negativ\w*|misfornøyd\w*|tommel opp)\b",
            re.IGNORECASE,
        ),
    ),
    (  # an average («gjennomsnittsalderen», «i snitt», «on average»): a close sentence must
        # give one («gjennomsnittlig stillingsandel», «bedre enn gjennomsnittet») or a score
        # («snittalder», «snittskår» too)
        re.compile(r"\b(gjennomsnitt\w*|i snitt|snitt\w*|average)\b", re.IGNORECASE),
        re.compile(r"\b(gjennomsnitt\w*|snitt\w*)\b|\b\d+,\d+\b", re.IGNORECASE),
    ),
    (  # how much more («Hvor mye bedre skåret RiO-skolene?»): a number says by how much
        re.compile(
            r"\b(hvor|kor) mye (mer|meir|mindre|bedre|betre|verre|dårligere|høyere|høgare|"
            r"lavere|lågare|flere|fleire|færre|større|lengre)\b|"
            r"\bhow much (more|less|better|worse|higher|lower|bigger|larger|longer)\b",
            re.IGNORECASE,
        ),
        re.compile(
            _NUMBER_IN_DIGITS + r"|\b\d+,\d+\b|\b(dobbelt\w*|halvparten|tredjedel\w*|"
            r"prosentpoeng)\b",
            re.IGNORECASE,
        ),
    ),
    (  # what follows («Hva skjer hvis fylkeskommunen ikke oppfyller plikten?»): a sanction,
        # a loss, a supervisor stepping in
        re.compile(
            r"\b(hva|kva) skjer (hvis|dersom|om|viss|når)\b|\bwhat happens (if|when)\b|"
            r"\b(konsekvens(en|er|ene)?|sanksjon\w*|consequences?|sanctions?)\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\b(konsekvens\w*|sanksjon\w*|reaksjon\w*|tilsyn\w*|mister|miste|mistet|"
            r"trekk\w*|stans\w*|bortfall\w*)\b",
            re.IGNORECASE,
        ),
    ),
    (  # a score («Hvilken skår hadde …?»): a mean («3,8»), or a ranking by score in words
        re.compile(r"\b(sk[åa]r(en|et|ene)?|score[sd]?)\b", re.IGNORECASE),
        re.compile(r"\b\d+,\d+\b|\b(sk[åa]r\w*|score\w*)\b", re.IGNORECASE),
    ),
    (  # a time
        re.compile(
            # «until when was it called Vox?», «fram til når …?»
            r"^\s*((until|till|up to) when|(fram|frem) til n[åa]r|til n[åa]r)\b|"
            # «nar» is «når» typed without «å»
            r"^\s*(n[åa]r (ble|blei|vart|kom|startet|starta|begynte|byrja|fikk|skjedde|trer|"
            r"trådte|tok|blir|endret|endra|opphørte|avsluttes|slutter)|"
            rf"{WHICH_YEAR}|when (was|were|did|will|does))\b|"
            # a keyword question: «bi karriereservice startet aar», «rio årstall»
            r"\b(startet|starta|opprettet|oppretta|etablert|lansert|åpnet|opna|kom)\s+"
            r"(år|aar|når|nar)\s*\??\s*$|\b(årstall|aarstall|arstall)\b",
            re.IGNORECASE,
        ),
        re.compile(r"\b(19|20)\d\d(\d{1,2})?\b"),  # «fra 20022»: 2002, footnote 2
    ),
    (  # a duration: «over 4 år», «innen tre måneder», «et halvt år», «fra 2018 til 2020»,
        # or since when: «startet i 2010»
        re.compile(r"\b(hvor|kor) (lenge|lang tid)\b|\bhow long\b", re.IGNORECASE),
        re.compile(rf"{_DURATION}|\b(19|20)\d\d\b", re.IGNORECASE),
    ),
    (  # a waiting time or how long something lasts: a number of days or weeks, not a year
        re.compile(
            # what the waiting time is, not whether users liked it («fornøyd med ventetiden»)
            r"\b(hvor|kor) lang\b.*\bventetid|\b(hva|kva) (er|var)( den)?( \w+)? ventetid\w*|"
            r"\bgjennomsnittlig\w* ventetid|\b(what|how long) (is|was|are|were) the( \w+)? "
            r"waiting times?|\baverage waiting times?|\bhow long\b.*\bwait(ing)?\b|"
            # «Hvor lenge varer en samtale?», «How long does a session last?»
            r"\b(hvor|kor) (lenge|lang tid)\b.*\b(varer|varte|vare|tar|tok|tek)\b|"
            r"\b(hvor|kor) (lenge|lang tid)\b.*\b(vente|venta|ventet)\b|"
            r"\bhow long\b.*\b(last|lasts|lasted|take|takes|took)\b",
            re.IGNORECASE,
        ),
        re.compile(_DURATION, re.IGNORECASE),
    ),
    (  # a section of a law («Hvilken paragraf …?»): a sentence must cite one
        re.compile(
            r"\b(hvilken|hvilke|kva|kva for|which|what)\s+(paragraf\w*|lovparagraf\w*|"
            r"paragraphs?|sections? of the)\b|\bparagraf\w*\s*\??\s*$|\bhvilken §",
            re.IGNORECASE,
        ),
        re.compile(r"§"),
    ),
    (  # a price (the report gives none; «gratis» answers what it costs the user)
        ASKS_PRICE,
        re.compile(
            r"\b(kr|kroner|(?-i:NOK)|mill\.|millioner|milliard\w*|gratis|free)\b", re.IGNORECASE
        ),
    ),
    (  # a budget or what some work cost («Hva kostet prosjektet?»): «gratis» does not answer
        re.compile(
            r"\b(budsjett\w*|bevilg\w*|kroner|kostet|budgets?|funding|grants?|"
            # not «spend most of their time», «spend a day at a company»
            r"spen(d|ds|ding|t)\b(?![^?]*\b(time|days?|weeks?|hours?)\b))\b|"
            # «Kor mykje pengar fekk RiO?», «Hva koster det å drive karriereveiledning.no?»
            r"\b(hvor mye|kor mykje|kor mye|how much)\b.*\b(penger|pengar|midler|money)\b|"
            r"\b(koster|kostar|costs?)\b.*\b(drive|drifte|run|running|operate)\b|"
            # what it costs a public body: «What will the rules cost the municipalities?»
            r"\bcost\w*\s+(the|for(\s+the)?)\s+(municipalit\w*|count(y|ies)|state|government|"
            r"taxpayers?)\b|\b(koste\w*|kostar)\s+(\w+\s+){0,2}(for\s+)?(kommunene|fylkeskommunene|fylkene|"
            r"staten|det offentlige)\b|"
            # «Hva koster Karriereløftet?», «What does RiO cost?»: what a named work costs
            r"(?-i:\b(koster|kostar)\s+[A-ZÆØÅ]|\bdoes\s+[A-ZÆØÅ]\S*\s+cost\b)",
            re.IGNORECASE,
        ),
        re.compile(r"\b(kr|kroner|(?-i:NOK)|mill\.|millioner|milliard\w*)\b", re.IGNORECASE),
    ),
    (  # earnings: a service being free says nothing of what its staff earn
        re.compile(
            # «lønn», «timelønna», «årslønn», «lønnsnivået»
            r"\b(\w*l[øo]nn(en|a|inger|stillegg\w*|sniv\w*)?|løn(a)?|tjener|tjene|tener|tene|salary|"
            r"salaries|earns?|wages?)\b|"
            # «how well paid», not «who paid for it»
            r"\b(?<!who )paid\b(?!\s+for\b)",
            re.IGNORECASE,
        ),
        re.compile(r"\b(kr|kroner|(?-i:NOK)|lønnstrinn\w*)\b", re.IGNORECASE),
    ),
    (  # when a law takes effect: a close sentence must say from when, not when it was heard
        re.compile(
            # «Når trer den nye opplæringsloven i kraft?»
            r"\b(tr[eå]r|trådte|tre|treder|trer)\s+([^\W\d]+\s+){0,5}i\s*kraft|\bikraft\w*|"
            r"\b(come|comes|came|enter|enters|entered|go|goes|went)\s+(into|in)\s+(force|effect)\b|"
            r"\btake effect\b|\btook effect\b",
            re.IGNORECASE,
        ),
        re.compile(  # dated: «etter at den nye integreringsloven trådte i kraft» says not when
            r"^(?=.*\b(19|20)\d\d)"
            r"(?=.*(\bi\s*kraft\b|\bikraft\w*|\bgjeld\w*\s+fra\b|\bnytt fra\b))|"
            rf"\bfra\s+(\d{{1,2}}\.\s*\w+\s+|({_MONTHS})\s+)?(19|20)\d\d\b",
            re.IGNORECASE | re.DOTALL,
        ),
    ),
    (  # when something began: a close sentence must date a beginning, not some other event
        re.compile(
            rf"^\s*(n[åa]r|kva tid|when|{WHICH_YEAR})\b.*\b("
            r"opprett\w*|etabler\w*|start\w*|åpn\w*|lanser\w*|innført\w*|begynt\w*|grunnlagt|"
            r"stiftet|open(ed|s)?|start(ed|s)?|establish\w*|found(ed)?|launch\w*|set up|creat\w*|"
            r"introduc\w*|beg[iau]n\w*)\b",
            re.IGNORECASE,
        ),
        re.compile(_DATES_A_BEGINNING, re.IGNORECASE | re.DOTALL),
    ),
    (  # who heads something: a close sentence must speak of heading it («direktør», «leder»)
        re.compile(
            r"^\s*(hvem|kven|who|hva het|kva heiter|kva heitte|what is the name of)\b.*\b("
            r"direktør(en)?|sjef(en)?|rektor(en)?|styreleder(en)?|leder(en)? (for|av|i)|"
            r"utvalgsleder(en)?|utvalsleiar(en)?|"
            r"leiar(en)? (for|av|i)|"
            r"director|head of|chair\w*|leader of)\b|"
            # «Hvem ledet Karriereutvalget?», «Who led the committee?»; who led a piece of work
            # («Hvem ledet evalueringen?») is who did it, which the report does say
            r"^\s*(hvem|kven|who)\s+(ledet|leder|ledes|leda|leiar|leia|leidde|led|leads|heads|"
            r"headed)\b(?!.*\b(evaluer\w*|prosjekt\w*|undersøk\w*|kartlegg\w*|studie\w*|"
            r"forsøk\w*|utprøving\w*|evaluation|project|survey|study|review)\b)",
            re.IGNORECASE,
        ),
        re.compile(
            r"\b(direktør\w*|sjef\w*|rektor\w*|leder\w*|leiar\w*|lede|leie|ledes|ledet|director|"
            r"chair\w*)\b",
            re.I,
        ),
    ),
    (  # how often («Hvor ofte møtes forumet?»): a close sentence must say how often
        re.compile(r"\b(hvor|kor) ofte\b|\bhow (often|frequently)\b", re.IGNORECASE),
        re.compile(
            r"\b(hver|hvert|kvar|kvart|årlig\w*|årleg\w*|annethvert|ukentlig\w*|vekentleg\w*|"
            r"månedlig\w*|månadleg\w*|daglig\w*|dagleg\w*|jevnlig\w*|jamleg\w*|"
            r"regelmessig\w*|ganger|gonger|sjelden|per (år|semester|måned|uke))\b",
            re.IGNORECASE,
        ),
    ),
    (  # who paid for something: a close sentence, or the next, must speak of money
        re.compile(
            r"\b(hvem|kven|who)\b.*\b(betal\w*|finansier\w*|bekost\w*|sponse\w*|paid|pays?|"
            r"fund(s|ed)?|financ\w*|sponsor\w*)\b|\b(funded|financed|paid for|sponsored) by\b|"
            r"\bfinansiert av\b",
            re.IGNORECASE,
        ),
        _GIVES_PAYER,
    ),
    (  # who wrote something: a close sentence, or the next, must name its writers
        re.compile(
            r"\b(hvem|kven|who)\b.{0,40}\b(skrev|skreiv|skrevet|skrive|wrote|written|"
            r"authored)\b|\b(forfattere?n?|forfattarane|author(s|ed)?)\b",
            re.IGNORECASE,
        ),
        _GIVES_WRITER,
    ),
    (  # a phone number, an e-mail or a postal address: the report gives only an e-mail or two
        re.compile(
            r"\b(telefonnummer\w*|telefonnr\w*|phone numbers?|e-?postadresse\w*|"
            r"e-?mail address(es)?|postadresse\w*|besøksadresse\w*|(street|postal|visiting) "
            r"address(es)?)\b",
            re.IGNORECASE,
        ),
        re.compile(r"@|\+47|\b\d{2} ?\d{2} ?\d{2} ?\d{2}\b"),
    ),
    (  # how a course is examined: the report says of no course how it is
        re.compile(
            # (not «examined»/«assessed»: what a study looked into is no exam)
            r"\b(eksamen\w*|eksamensform\w*|vurderingsform\w*|exams?|examinations?)\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\b(eksamen\w*|exam\w*|vurderingsform\w*|mappevurdering\w*|karakter\w*|"
            r"bestått|prøve)\b",
            re.IGNORECASE,
        ),
    ),
    (  # how sure a figure is: a margin of error, significance
        re.compile(
            r"\b(feilmargin\w*|margin of error|konfidensintervall\w*|confidence intervals?|"
            # (not «significance»: what career guidance means to society is no statistic)
            r"signifikan\w*|statistically significant|statistical significance)\b",
            re.IGNORECASE,
        ),
        re.compile(r"\b(feilmargin\w*|konfidens\w*|signifikan\w*|usikkerhet\w*)\b", re.IGNORECASE),
    ),
    (  # opening hours: a time of day («kl. 9–15») or round the clock, not users liking them
        re.compile(
            r"\b(hva|kva|what|which)\b.*\b(åpningstid\w*|opningstid\w*|opening hours)\b|"
            r"^\W*(åpningstid\w*|opningstid\w*|opening hours)\b|\bwhen (is|are)\b.*\bopen\b|"
            r"\b(når|kva tid)\s+(er|har)\b.*\b(åpent|åpen|ope)\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\bkl\.?\s*\d|\b\d{1,2}[.:]\d{2}\b|\bdøgnet\b|\b24/7\b|\bhverdag\w*|"
            r"\bkveld\w*|\bhelg\w*",
            re.IGNORECASE,
        ),
    ),
    (  # an application deadline: a date
        re.compile(
            # (not what a pupil is told of: «å få vite om søknadsfrister»)
            r"\b(når|kva tid|hva|kva|what|when)\b[^?]*\bs[øo]knadsfrist(en)?\b|"
            r"^\W*s[øo]knadsfrist|\b(what|when)\b[^?]*\b(application )?deadline\b|"
            r"\bwhen\b.*\b(apply|applications? close)\b|"
            r"\bnår\b.*\b(må|kan|bør)\b.*\bsøke\b|\bkva tid\b.*\bsøkje\b",
            re.IGNORECASE,
        ),
        re.compile(
            rf"\b\d{{1,2}}\.\s*({_MONTHS})\b|\bfrist\w*",
            re.IGNORECASE,
        ),
    ),
    (  # an age limit: an age
        re.compile(
            r"\baldersgrense\w*|\bage limits?\b|\bminimum age\b|\bhow old\b.*\b(must|do|should|"
            r"have to)\b|\b(hvor|kor) gam(mel|mal|le)\b.*\b(må|bør|skal)\b",
            re.IGNORECASE,
        ),
        re.compile(r"\d+\s*år\b|\bår og eldre\b|\balder\w*", re.IGNORECASE),
    ),
    (  # which languages guidance is given in: a language
        re.compile(
            # (not «which language centres»)
            r"\b(hvilke|hvilket|kva|which|what)\s+(andre\s+|other\s+)?(språk|languages?)\b"
            r"(?!\s+(centres?|centers?|sentr\w*|kurs\w*|courses?|opplæring\w*|training|skills?))|"
            r"\b(på|in)\s+(engelsk|samisk|arabisk|polsk|somali|tigrinja|ukrainsk|english|sami|"
            r"arabic|polish|somali|ukrainian)\s*\??\s*$",
            re.IGNORECASE,
        ),
        re.compile(
            r"\b(engelsk\w*|samisk\w*|arabisk\w*|polsk\w*|somali\w*|tigrinja|ukrainsk\w*|"
            r"tolk\w*|morsmål\w*|språk\w*)\b",
            re.IGNORECASE,
        ),
    ),
    (  # other countries: a close sentence must speak of one
        re.compile(
            r"\b(andre land|andre nordiske land|other (nordic |european )?countries|sverige|"
            r"danmark|finland|sweden|denmark|tyskland|germany|storbritannia|britain|europa|europe)"
            r"\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\b(land|landene|sverige|danmark|finland|sweden|denmark|tyskland|europ\w*|"
            r"oecd|internasjonal\w*|nordisk\w*|nordic)\b",
            re.IGNORECASE,
        ),
    ),
    (  # which countries: a country by name («utenfor Europa» names none)
        re.compile(
            r"\b(hvilke|hvilket|kva|which|what)\s+(andre\s+|other\s+)?(land|countr(y|ies))\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\b(sverige|danmark|finland|island|syria|somalia|eritrea|polen|litauen|afghanistan|"
            r"irak|ukraina|tyskland|storbritannia|england|usa|canada|nederland|frankrike|"
            r"sweden|denmark|iceland|poland|lithuania|iraq|ukraine|germany|britain|netherlands|"
            r"france)\b",
            re.IGNORECASE,
        ),
    ),
    (  # how old: an age or an age group («30–49 år», «50 år og eldre»)
        re.compile(
            r"\b(hvor|kor) gaml?e\b|\bhow old\b|\b(aldersfordeling\w*|age distribution)\b",
            re.IGNORECASE,
        ),
        # … or in words: a school year, young people, adults
        re.compile(
            r"\d+\s*(år|years)\b|\balder\w*|\b\d+\s*[–-]\s*\d+\b|\btrinn\b|\bung(dom|e)\w*|"
            r"\bvoksn\w*|\beldre\b|\byoung\w*|\badults?\b|"
            + _DATES_A_BEGINNING,  # how old a thing is: since when («etablert i 2010»)
            re.IGNORECASE | re.DOTALL,
        ),
    ),
    (  # per inhabitant: the report gives no figure in proportion to population
        re.compile(
            r"\bper (innbygger\w*|innbyggjar\w*|capita|inhabitant|resident|head)\b|"
            r"\bper (1000|1 000|tusen|100 000) (innbygger\w*|inhabitants|people|residents)\b|"
            r"\b(i forhold til|relative to|in proportion to) (folketall\w*|befolkning\w*|"
            r"innbyggertall\w*|population)\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\bper (innbygger\w*|capita|1000|1 000|tusen)\b|\bi forhold til (folketall\w*|"
            r"befolkning\w*|innbyggertall\w*)\b",
            re.IGNORECASE,
        ),
    ),
    (  # which of the two is more so: a close sentence must set them side by side
        re.compile(
            r"\b(hvilken|hvilket|hvilke|hvem|kva for ein|kven|which|who)\s+(av\s+(de|dei)\s+to|"
            r"of the two)\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\b(enn|mens|than|whereas|sammenlign\w*|samanlikn\w*|flest|mest|størst\w*|"
            r"høyest\w*|lavest\w*)\b",
            re.IGNORECASE,
        ),
    ),
    (  # how to complain: the report speaks of no complaint (what staff «complain about» is
        # what they find hard, which it does tell)
        re.compile(
            r"\b(hvordan|korleis|hvor|kvar|kan (jeg|man|en|eg)|how (do|can|could|would) (i|you|we|"
            r"one)|where (do|can|could) (i|you|we))\b.*\b(klage\w*|klaga\w*|complain\w*)\b|"
            r"\b(klageadgang\w*|klagerett\w*|file a complaint|right to complain)\b",
            re.IGNORECASE,
        ),
        re.compile(r"\b(klage\w*|klaga\w*|complain\w*)\b", re.IGNORECASE),
    ),
    (  # a month («I hvilken måned ble skjemaet sendt ut?»): a close sentence must name one
        re.compile(
            r"\b(hvilken|hvilke|kva|kva for ein|which|what|i hvilken|in which)\s+(måned|månad|"
            r"month)\b|\b(måned|månad|month)\s*\??\s*$",
            re.IGNORECASE,
        ),
        re.compile(
            rf"\b({_MONTHS}|january|february|march|may|june|july|october|december)\b", re.IGNORECASE
        ),
    ),
    (  # a spread or a median: the report gives counts, shares and means, never these
        re.compile(
            r"\b(standardavvik\w*|median\w*|varians\w*|spredning\w*|standard deviations?|"
            r"variances?|dispersion|interquartile|kvartil\w*|quartiles?)\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\b(standardavvik\w*|median\w*|varians\w*|spredning\w*|kvartil\w*)\b",
            re.IGNORECASE,
        ),
    ),
    *(  # hours, days, credits …: the unit asked for must follow a number («30 studiepoeng»)
        (
            re.compile(rf"\b(hvor|kor|how) (mange|many) ({asked})\b", re.IGNORECASE),
            re.compile(rf"(?<![\w.,])({_AMOUNT})\s+{written}\b", re.IGNORECASE),
        )
        for asked, written in _UNITS
    ),
)


# «hvor mange N», «kor mange N», «how many N» (glossed): the thing counted
_COUNTED = re.compile(
    # «fra hvor mange til hvor mange fylker» counts «fylker»
    r"(?:\b(?:hvor|kor|how) (?:mange|many)(?: (?:til|to) (?:hvor|kor|how) (?:mange|many))?"
    # a keyword question: «Antall introdeltakere som …», «number of users …»
    r"|^\W*(?:antall|antallet|number of))"
    r"(?: av(?: de| dei| dem| the| them)?)?(?: flere| fleire| færre| more| fewer)?\s+([\wÆØÅæøå-]+)"
    r"(?:\s+([\wÆØÅæøå-]+))?(?:\s+([\wÆØÅæøå-]+))?",
    re.IGNORECASE,
)
# no noun that is counted: «hvor mange prosent», «hvor mange ganger», «hvor mange per fylke»
# (a keyword question names what it counts before: «opplæringskoordinatorer hvor mange per …»)
_NO_NOUN = ("pros", "percent", "gang", "gong", "flere", "fleire")
_PREPOSITIONS = frozenset({"per", "i", "pa", "in", "on", "at"})
_RELATIVE = frozenset({"som", "der", "who", "that", "hvem"})  # «hvem»: «who» glossed
# «how many do they admit?», «hvor mange de tar opp»: the count's noun is left unsaid
_PRONOUNS = frozenset("they we you it he she there de dei vi du dere det han hun ho man".split())
# A question of why: it asks for a reason, not for the count or date it may name
_ASKS_WHY = re.compile(r"\s*(hvorfor|kvifor|korfor|why)\b", re.IGNORECASE)
_UNIT_WORDS = frozenset(fold(w) for asked, _ in _UNITS for w in asked.split("|"))
_ABBREVIATIONS = (("studiepoeng", "stp"),)
_COUNT_TOKEN = re.compile(  # a number, a range of them («30-35»), or a word counting
    r"\d+(?:[,.]\d+)?(?:-\d+(?:[,.]\d+)?)?%?|"
    r"to|tre|fire|fem|seks|sju|syv|åtte|atte|ni|ti|elleve|tolv|halvparten|"
    r"tredjedel\w*|fjerdedel\w*|flertall\w*|alle|ingen|fa|fleste"
)
_NEAR = 6  # words between a number and what it counts
_PART_OF = re.compile(r"\b(?:hvor|kor|how) (?:mange|many) (?:av|of)\b", re.IGNORECASE)
_SHARE = re.compile(r"\d\s*(?:prosent|%)", re.IGNORECASE)
_OF = frozenset({"av", "de", "dei", "of", "the"})  # «halvparten av rådgiverne»
# «tre eller flere eksterne aktører» counts the actors as «tre eksterne aktører» does
_OR_MORE = re.compile(r"\b(?:eller|or) (?:flere|fleire|mer|meir|færre|more|fewer)\b", re.IGNORECASE)
_ACTIVITY = re.compile(r"(ning|ningen|ingen|inga)$")  # «veiledning», «rådgivingen»
_PERSON = re.compile(r"(ere|erne|arar|arane|ar)$")  # «veiledere», «rådgiverne», «rettleiarar»
_STEM = 5  # letters two inflections of a noun share («rådgiver», «rådgiverne»)


def _label_mark(match: re.Match[str]) -> str:
    """What a label leaves behind: a law's «§», which answers «hvilken paragraf»; a date's
    month, which answers «hvilken måned»; else nothing."""
    label = match.group(0)
    if label.startswith("§"):
        return " § "
    month = re.search(_MONTHS, label, re.IGNORECASE)
    return f" {month.group(0)} " if month else " "


# «Hva står HiNT for?», «hva står forkortelsene HiNT og HiBV for», «What does NOKUT stand
# for?»: the short names whose full names are asked
_ASKS_FULL_NAME = re.compile(
    r"\b(?:hva|kva)\s+(?:står|stod|stend|star)\s+(?:forkortelsen\w*\s+|forkorting\w*\s+)?"
    r"(?P<a>[\w-]+)(?:\s+og\s+(?P<b>[\w-]+))?\s+for\b|"
    r"\b(?:hva|kva)\s+(?:betyr|tyder)\s+(?:forkortelsen\w*\s+|forkorting\w*\s+)?"
    r"(?P<c>(?-i:(?=[\w-]*[A-ZÆØÅ][\w-]*[A-ZÆØÅ]))[\w-]+)(?:\s+og\s+(?P<d>[\w-]+))?\s*(?:\?|$)|"
    r"\bwhat\s+(?:does|do|is)\s+(?:the\s+)?(?:abbreviations?\s+|acronyms?\s+)?(?P<e>[\w-]+)"
    r"(?:\s+and\s+(?P<f>[\w-]+))?\s+(?:stand\s+for|short\s+for)\b",
    re.IGNORECASE,
)


def full_names_asked(question: str) -> list[str]:
    """The short names whose full names the question asks for («HiNT», «HiBV»)."""
    match = _ASKS_FULL_NAME.search(question)
    return [name for name in match.groups() if name] if match else []


def full_name(short: str, known: str | None = None) -> re.Pattern[str]:
    """How the report writes a short name with its full one: «Rådgivningsløftet i Oslo (RiO)»,
    «Direktoratet for høyere utdanning og kompetanse, HK-dir,», or the `known` name."""
    written = re.escape(short)
    spelled = rf"\({written}\)|,\s*{written}\s*,|\b{written}\s*\(\s*[A-ZÆØÅ]"
    if known:
        spelled += rf"|{re.escape(known)}"
    return re.compile(spelled, re.IGNORECASE)


def lacks_asked_fact(question: str, closest: Sequence[str], following: Sequence[str] = ()) -> bool:
    """The question asks for a kind of fact (`ANSWER_TYPES`: a count, a share, a date, a
    section of a law, money …), and no close sentence holds one. Who paid for or wrote
    something may stand in a `following` sentence («Evalueringen ble finansiert av …»).

    A number that names something is no count: «modul 5», «kapittel 3», «§ 9-2», «10. trinn»;
    of a law's section only the «§» stays, which answers «hvilken paragraf».
    """

    def given(gives: re.Pattern[str]) -> bool:
        read = [*closest, *following] if gives in _GIVEN_AFTER else closest
        return any(holds(text, gives) for text in read)

    asked = asked_facts(question)
    return bool(asked) and not all(given(gives) for gives in asked)


def asked_facts(question: str) -> list[re.Pattern[str]]:
    """What a sentence must hold for each kind of fact the question asks for. A question of
    why asks for a reason, whatever it goes on to name: «Hvorfor vet ingen hvor mange …?»."""
    if _ASKS_WHY.match(question):
        return []
    return [gives for asks, gives in ANSWER_TYPES if asks.search(question)]


def holds(text: str, fact: re.Pattern[str], documents: bool = True) -> bool:
    """`text` holds a fact of a kind (`ANSWER_TYPES`), once labels and footnote marks are
    set aside; without `documents`, the numbers in a document's name («NOU 2016:7») too.

    (The refusal rules keep them: the sentence that dates the thing asked about may lie
    beyond the closest few, and a close «NOU 2016:7» says the report is near it.)"""
    if not documents:
        text = _DOCUMENT.sub(" ", text)
    return bool(fact.search(_FOOTNOTE_MARK.sub("", _LABELLED.sub(_label_mark, text))))


def places_off_evidence(items: Sequence[str], closest_passages: Sequence[str]) -> bool:
    """The question names a county or town that none of the passages its closest sentences come
    from names: «Vestland på Vg1» meets the pupil survey's national score, which names Agder
    and Oslo but not Vestland (that Vestland stands in some other retrieved passage, a table
    of users, does not make the survey answer for it)."""
    places = [c for c in map(_county, items) if c]
    return any(not any(_names_place(t, p) for t in closest_passages) for p in places)


def names_no_county(question: str, quotes: Sequence[str]) -> bool:
    """The question asks which county («Hvilket fylke hadde de mest fornøyde brukerne?»,
    «Which county's centre …?»), and the answer's quotes name none: what they give is
    national, or about something else. (Checked on the quotes chosen, not the closest
    sentences: a table's ranked row or a sentence brought along may be the one naming it.)"""
    return bool(_ASKS_COUNTY.search(question)) and not any(
        _names_place(q, county) for q in quotes for county in COUNTIES
    )


_ASKS_COUNTY = re.compile(
    # («kva fylkeskommunen skal tilby» asks what the county does, not which)
    r"\b(hvilke[nt]?|kva(\s+for)?|which|what)\s+((eit|et|a)\s+)?(fylker?|fylkeskommuner?|"
    r"county|counties|county's)\b|\bin which county\b",
    re.IGNORECASE,
)


def _names_place(text: str, county: str) -> bool:
    """`text` names `county` («Agder» in «Agder hadde …», «Oslo-skolen», «Vestlands», not inside
    another word: «Vestlandet» is the region, not the county Vestland)."""
    return bool(re.search(rf"\b{re.escape(fold(county))}s?\b", fold(text)))


def _county(item: str) -> str | None:
    """The county a named item is («Agders» → «agder», nynorsk too), or None."""
    for word in (item.lower(), to_bokmal(item).lower()):
        for county in (word, word.removesuffix("s")):
            if county in COUNTIES:
                return county
    return None


def place_and_year_apart(items: Sequence[str], closest: Sequence[str]) -> bool:
    """The question names a county and a year, and for some county no close sentence (or
    table row with its header) names it with the year: «Agders skår på Vg1 i 2018-19» meets
    Agder's score for 2020-21 and the national score for 2018-19, which do not answer it."""
    places = [c for c in map(_county, items) if c]
    years = [i for i in items if YEAR.match(i)]
    if not places or not years:
        return False
    return not all(
        any(_names_place(t, p) and all(_mentions_year(t, y) for y in years) for t in closest)
        for p in places
    )


# «Finnmark uten Troms»: a county the question leaves out
_LEAVES_OUT = re.compile(
    r"\b(?:uten|utan|unntatt|bortsett fra|minus|without|except|excluding)\s+([\wæøåÆØÅ-]+)",
    re.IGNORECASE,
)


def place_apart_from_fact(
    question: str, items: Sequence[str], closest: Sequence[tuple[str, str]]
) -> bool:
    """The question names a county or town and asks for a kind of fact (`asked_facts`), and
    no close sentence or table row holding that fact stands in a passage naming the place
    (and names it alone, not as half of «Troms og Finnmark» when Finnmark is asked about):
    `closest` pairs each with its passage's text. «Hvilken skår hadde Troms og Finnmark på 10.
    trinn?» meets the users' table, which names Troms og Finnmark but gives no score, and the
    pupils' scores, which do not name it."""
    # «Finnmark uten Troms» asks of Finnmark alone: Troms is left out, not asked about
    left_out = {c for m in _LEAVES_OUT.finditer(question) if (c := _county(m[1]))}
    places = [c for c in map(_county, items) if c and c not in left_out]
    # who paid for or wrote a work is told of the work, in the sentence after the place maybe
    asked = [f for f in asked_facts(question) if f not in _GIVEN_AFTER]
    return bool(places and asked) and not all(
        any(
            _names_place(where, p)
            and not _half_of_a_pair(t, p, places)
            and all(holds(t, f) for f in asked)
            for t, where in closest
        )
        for p in places
    )


def _half_of_a_pair(text: str, county: str, asked: Sequence[str]) -> bool:
    """`text` names `county` only as half of two merged ones («Troms og Finnmark 752 828»)
    whose other half the question does not name: it gives nothing for Finnmark alone."""
    folded = fold(text)
    named = re.compile(rf"\b{re.escape(county)}s?\b")

    def drop(pair: re.Match[str]) -> str:
        halves = {pair[1], pair[2]}
        merged = halves <= COUNTIES and county in halves and not (halves - {county}) & set(asked)
        return " " if merged else pair[0]

    rest = re.sub(r"\b([a-z-]+) og ([a-z-]+)\b", drop, folded)
    return bool(named.search(folded)) and not named.search(rest)


def code_apart_from_fact(question: str, closest: Sequence[str]) -> bool:
    """The question names a course code («RAD6000», «SV-923») and asks for a kind of fact
    (`asked_facts`), and no close sentence gives that fact with the code: what the report
    tells of a course stands by its code («KARRE1001 (…): ca. 40 studenter pr. år»), so
    NTNU's 30 students on «Rådgiving 1 og 2» are no count for RAD6000."""
    codes = {fold(c) for c in _COURSE_CODE.findall(question)}
    asked = asked_facts(question)
    return bool(codes and asked) and not all(
        any(code in fold(t) and all(holds(t, f) for f in asked) for t in closest) for code in codes
    )


# how satisfied (as the kind of fact asks it), or «satisfied» alone: «What share … were
# satisfied in 2019?»
_ASKS_SATISFACTION = re.compile(rf"{_HOW_SATISFIED}|\bsatisfied\b", re.IGNORECASE)
# satisfaction said in words, or a score («3,8»)
_SATISFACTION = re.compile(r"\b(fornøyd\w*|nøgd\w*|tilfreds\w*|nyttig\w*)\b|\b\d+,\d+\b", re.I)


def satisfaction_of_another_year(
    question: str, items: Sequence[str], closest: Sequence[tuple[str, str]]
) -> bool:
    """The question asks how satisfied someone was in a year, and the close sentences that
    tell of satisfaction all date it otherwise: «Hvor fornøyde var brukerne i 2019?» meets
    2020's 94 prosent. `closest` pairs each sentence with what dates it: itself and what
    stands just before it in its passage («… brukerne i 2020 som svarte … Av disse var 94
    prosent fornøyde»). When none tells of satisfaction, the other rules judge."""
    years = [i for i in items if YEAR.match(i)]
    if not years or not _ASKS_SATISFACTION.search(question):
        return False
    dated = [context for text, context in closest if _SATISFACTION.search(text)]
    return bool(dated) and not any(
        all(_mentions_year(fold(context), y) for y in years) for context in dated
    )


def grades(text: str) -> set[str]:
    """The school years a text names: {"vg1", "10. trinn"}."""
    return {f"vg{m[1]}" if m[0] else f"{m[2]}. trinn" for m in _GRADE.findall(text)}


def grade_off_evidence(question: str, closest: Sequence[str]) -> bool:
    """The question asks for a score or share of one school year («Vg2», «10. trinn»), and
    the close sentences that give one all name other years: «Hva var skåren på Vg2?» meets
    Vg1's scores, which do not answer it (the survey asks Vg2 too, but the report gives no
    Vg2 score)."""
    asked = grades(question)
    if len(asked) != 1 or not (asked_facts(question) or _ASKS_SCORE.search(question)):
        return False
    numbered = [grades(t) for t in closest if GIVES_SCORE.search(t)]
    named = [g for g in numbered if g]
    return bool(named) and not any(asked <= g for g in named)


_GENDER = re.compile(
    r"\b(kvinn\w*|jent\w*|gutt\w*|gutar\w*|gutane|kjønn\w*|kjonn\w*|mannlig\w*|menn|mann|women|woman|"
    r"girls?|boys?|females?|males?|gender)\b",
    re.IGNORECASE,
)
_MEN = re.compile(r"\bmen\b", re.IGNORECASE)  # English only: in Norwegian it is «but»


# upper secondary's two kinds of programme, which the report gives no figures apart for
_PROGRAMME = re.compile(
    # («vocational guidance» is a kind of guidance, not of pupil)
    r"\b(yrkesfag\w*|studiespesialiser\w*|studieforberedende|general studies|academic track|"
    r"vocational(?!\s+(guidance|counsel\w*|rehabilitation|college|training|choices?|advice)))\b",
    re.IGNORECASE,
)


def _groups(text: str, english: bool = False) -> set[str]:
    """The groups figures may be given apart for that `text` names: a gender, a programme."""
    named = {
        "gender": bool(_GENDER.search(text) or (english and _MEN.search(text))),
        "programme": bool(_PROGRAMME.search(text)),
    }
    return {group for group, there in named.items() if there}


def group_off_evidence(question: str, closest: Sequence[str]) -> bool:
    """The question asks about a group — women or men, girls or boys, pupils on vocational or
    general studies — and no close sentence names one of that kind beside the kind of fact
    asked for: «Hvordan skåret jentene sammenlignet med guttene?» meets the scores of all
    pupils, which the report never gives by gender, and a note that the survey's website
    sorts them «etter fylker, kjønn etc.»."""
    asked_groups = _groups(question, is_english(question))
    if not asked_groups:
        return False
    asked = asked_facts(question)  # «sorteringer etter kjønn» on a website gives no score
    return not any(asked_groups <= _groups(t) and all(holds(t, g) for g in asked) for t in closest)


_DEGREE = re.compile(
    r"\b(bachelor\w*|master\w*|ph\.?d\.?|doktorgrad\w*|årsstudi\w*|arsstudi\w*)",
    re.IGNORECASE,
)


def degree_off_evidence(question: str, closest: Sequence[tuple[str, str]]) -> bool:
    """The question asks for a count or share of a degree («bachelor», «mastergrad»,
    «ph.d.») and no close sentence holding the kind of fact asked for stands in a passage
    naming that degree (`closest`: sentence, passage): «Hvor stor andel av NAV-medarbeiderne
    hadde mastergrad?» meets shares of their tasks, and «Hvor mange tar NTNU opp på bachelor
    …?» the intake of a study the report calls no bachelor."""
    asked = asked_facts(question)
    if not asked or not (named := _degrees(question)):
        return False
    return not any(
        named & _degrees(passage) and all(holds(sentence, g) for g in asked)
        for sentence, passage in closest
    )


def _degrees(text: str) -> set[str]:
    """The degrees `text` names, one key each («mastergrad», «master's» → «mast»)."""
    keys = {fold(m).replace(".", "")[:4] for m in _DEGREE.findall(text)}
    return {"phd" if k == "dokt" else k for k in keys}


def counts_something_else(
    question: str,
    closest: Sequence[str],
    table_headers: Sequence[str] = (),
    reach: int = 2,
    shares: bool = True,
) -> bool:
    """«Hvor mange N …?», and no close sentence puts a number near N (within a few words, N
    in any inflection, or as the tail of a compound: «fengselsrådgiverne» ~ «rådgivere»): the
    numbers there count something else («7 av 11 fylker» for «hvor mange fylker har samiske
    veiledere?» counts the counties with more users). A table answers when its caption or
    header names N. The first `reach` words after «hvor mange» may name N («unike brukere»;
    a glossed English question needs three: «how many prison counsellors» → «hvor mange
    fengsel kriminalomsorgen rådgivere»). Without `shares`, a share («20 prosent av
    rådgiverne») counts nothing: enough to look further for the count, too little to refuse
    on (the report often answers «how many» with a share)."""
    match = _COUNTED.search(question)
    if not match or _ASKS_WHY.match(question):
        return False
    first, *rest = match.groups()[:reach]
    # a name further on («… har Viken?») is where, not what is counted
    nouns = [fold(to_bokmal(w)) for w in (first, *rest) if w and (w is first or w.islower())]
    if nouns[0].startswith(_NO_NOUN) or nouns[0] in _UNIT_WORDS | VERBS | _PREPOSITIONS | _PRONOUNS:
        return False  # «hvor mange prosent», «hvor mange timer»: other rules see to those
    if nouns[0] in _RELATIVE:
        return False  # «hvor mange av dem som fikk hjelp …» counts people by what they did
    nouns = [n for n in nouns if len(n) >= 4]
    if not nouns:
        return False
    stems = {alias for n in nouns for alias in _aliases(n)}

    persons = all(_PERSON.search(n) for n in nouns)

    def names(word: str) -> bool:  # the same noun, inflected, misspelt, nynorsk, compounded
        if persons and _ACTIVITY.search(word):
            return False  # «karriereveiledning» is what «karriereveiledere» do, not them
        return any(word.startswith(s) for s in stems) or any(
            (len(word) >= _STEM and word[:_STEM] in n)
            or (word[:4] == n[:4] and difflib.SequenceMatcher(None, word, n).ratio() >= 0.6)
            or (len(word) >= _STEM and difflib.SequenceMatcher(None, word, n).ratio() >= 0.8)
            for n in nouns
        )

    if any(names(w) for header in table_headers for w in re.findall(r"[\w-]+", fold(header))):
        return False
    if _PART_OF.search(question) and any(_SHARE.search(text) for text in closest):
        return False  # «hvor mange av brukerne …?» asks a part of them: «74 prosent» answers
    for text in closest:
        # (the numbers of a label, of a document's name («NOU 2016:7») or of a footnote's mark
        # («i ettertid.9») count nothing)
        text = _DOCUMENT.sub(" ", _LABELLED.sub(" ", text))
        text = _GLUED_MARK.sub(" ", _OR_MORE.sub(" ", _DECIMAL.sub(" ", text)))
        tokens = [fold(t) for t in re.findall(r"[\wÆØÅæøå%-]+", text)]
        for i, token in enumerate(tokens):
            # a year, or a span of years («2008-2009»), counts nothing
            if not _COUNT_TOKEN.fullmatch(token) or YEAR.match(token.split("-")[0]):
                continue
            if not shares and (
                token.endswith("%") or tokens[i + 1 : i + 2] in (["%"], ["prosent"])
            ):
                continue
            if token[0].isdigit():
                near = tokens[max(0, i - _NEAR) : i + _NEAR + 1]
            else:  # «alle rådgiverne», «halvparten av dem»: a word counts the noun it is on
                near = [t for t in tokens[i + 1 : i + 3] if t not in _OF][:1]
            if any(map(names, near)):
                return False
    return True


def _aliases(noun: str) -> set[str]:
    """The stems a noun may be written with: its own, its compound tail's after a hyphen
    («chat-brukerne» → «bruke»), and the report's abbreviation («studiepoeng» → «stp»)."""
    tail = noun.rsplit("-", 1)[-1]
    out = {noun[:_STEM], tail[:_STEM]}
    out |= {alias for word, alias in _ABBREVIATIONS if noun.startswith(word)}
    return out


# the English «school» alone may be a university («run by the school itself»): it names no
# service for this rule, though a follow-up may still swap it (rag/services.py)
_AMBIGUOUS_SCHOOL = re.compile(
    r"(?<!\bhigh )(?<!\bsecondary )\bschool\b(?!\s+(counsell?ors?|pupils?|students?))|"
    # «brukerne som gikk på skole»: being at school says who someone is, not which service
    r"\b(gikk|går|gar|gjekk|var|er)\s+på\s+skolen?\b",
    re.IGNORECASE,
)


def services_off_evidence(question: str, closest: Sequence[Passage]) -> bool:
    """The question names one service (the schools, NAV, the prisons …), and every passage its
    closest sentences come from is in another service's chapter and never names it: «Hvor
    mange prosent av rådgiverne i grunnskolen er kvinner?» meets the prison counsellors."""
    named = services_named(_AMBIGUOUS_SCHOOL.sub(" ", question))
    if len(named) != 1:
        return False
    return all(
        p.chapter in SERVICE_CHAPTERS
        and p.chapter != named[0]
        and named[0] not in services_named(index_text(p))
        for p in closest
    )


# «mer fornøyd … enn», «best til …»: which of two is more so
_WHICH_MORE = re.compile(
    r"\b(mer|mindre|bedre|dårligere|darligere|flere|færre|faerre|høyere|hoyere|lavere|større|"
    r"storre|oftere|more|less|better|worse|fewer|higher|lower)\b.*\b(enn|than)\b|"
    r"\b(best|beste|verst|mest|flest|most)\b.*\b(eller|or)\b|\b(eller|or)\b.*\b(best|mest|most)\b",
    re.IGNORECASE,
)
# a sentence setting two things side by side
_SETS_SIDE_BY_SIDE = re.compile(
    r"\b(enn|than|sammenlign\w*|compared|mens|whereas|både|begge|forskjell\w*|ulik\w*)\b",
    re.IGNORECASE,
)


_HIGHER = re.compile(r"\bh[øo]yere\b(?!\s+utdanning)", re.IGNORECASE)


def compares_services_apart(question: str, closest: Sequence[str]) -> bool:
    """The question asks which of two services is more so («Er brukerne mer fornøyde med
    karrieresentrene enn med NAV?», «Er X eller skolerådgiverne best til …?») and no close
    sentence sets the two side by side: the report tells of each in its own chapter, and
    ranks them nowhere."""
    # «Er den høyere eller lavere enn på videregående?»: «høyere» compares, names no service
    named = set(services_named(_HIGHER.sub(" ", _AMBIGUOUS_SCHOOL.sub(" ", question))))
    if len(named) != 2 or not _WHICH_MORE.search(question):
        return False
    return not any(
        named <= set(services_named(t)) and _SETS_SIDE_BY_SIDE.search(t) for t in closest
    )


# a question a report of what is cannot answer: what the asker should do, what will be
# (a choice put to the report: «Hvor bør jeg henvende meg?» asks where, which it tells)
_ASKS_ADVICE = re.compile(
    r"\b(bør|burde|bor) (jeg|eg|vi)\b.*\b(eller|velge|velje)\b|\bshould (i|we)\b.*\b(or|choose)\b|"
    r"\b(do|would) you (recommend|advise)\b|\b(anbefaler|tilrår|råder) (du|dere)\b",
    re.IGNORECASE,
)
_ASKS_FUTURE = re.compile(
    # «Kommer X til å …?» foretells; «Hvem kommer til å ha ansvaret?» asks who, as planned
    r"^\s*kommer\b.*\btil å\b|\bi (fremtiden|framtida|fremtida|framtiden)\b|"
    r"\b(de|dei) (neste|kommande|kommende) (årene|åra)\b|\bin (the )?(future|coming years)\b|"
    r"^\s*will\b.*\b(become|be made|ever)\b|"
    # … or what would have been: «How many would have used them if there had been no
    # pandemic?», «Hvor mange ville brukt dem hvis det ikke hadde vært en pandemi?»
    r"\bwould (have|there have)\b.*\bif\b|\bif (there )?had\b.*\bwould\b|"
    r"\bville\b.*\b(hvis|dersom|om)\b.*\b(ikke|ikkje) (hadde|hatt|vært|vore)\b|"
    r"\b(hadde|om) det (ikke|ikkje) (vært|vore)\b",
    re.IGNORECASE,
)


def asks_advice_or_forecast(question: str) -> bool:
    """«Bør jeg velge USN eller INN?», «should I call NAV or a career centre?», «Kommer
    betegnelsen til å bli byttet ut?», «How many would have come if there had been no
    pandemic?»: the report tells how guidance is and was, and advises no one."""
    return bool(_ASKS_ADVICE.search(question) or _ASKS_FUTURE.search(question))


# «Hvilket karrieresenter er best?», «… fungerte best?»: a verdict, not a measure («best skår»)
_ASKS_VERDICT = re.compile(
    r"\b(er|var|fungerte|fungerer|is|was|worked|works)\s+(den\s+|det\s+|the\s+)?best[e]?\b"
    r"(?!\s+(skår|skar|score))",
    re.IGNORECASE,
)
_GIVES_RANKING = re.compile(
    r"\b(best|beste|høyest\w*|hoyest\w*|høgast\w*|lavest\w*|dårligst\w*|flest|mest|størst\w*|"
    r"tydeligst\w*|bedre|dårligere|mer vellykk\w*|vellykk\w*|lyktes)\b",
    re.IGNORECASE,
)


# «Er faget utdanningsvalg et godt fag?», «Is the framework any good?»: a judgement asked for
_ASKS_JUDGEMENT = re.compile(
    r"^\s*(er|var|blir|is|was|are|were)\b.*\b(et godt|en god|ei god|gode|bra|a good|any good|"
    r"good enough|worth it|a good idea|a mistake|the right (decision|thing|choice)|wise to)\b|"
    # whether doing something was right («Var det riktig å legge ned …?»), not whether a
    # statement is true («Er det riktig at …?»)
    r"^\s*(er|var|blir|is|was)\b.*\b(riktig|rett|lurt|klokt|fornuftig|feil)\s+å\b",
    re.IGNORECASE,
)
# a finding: what a study showed, found or concluded, or how its users found it
GIVES_OUTCOME = re.compile(
    r"\b(konklu\w*|viste|viser|fant|funn\w*|nytte\w*|bidr(o|ar|att)|effekt\w*|positiv\w*|"
    r"resultat\w*|nyttig\w*)\b",
    re.IGNORECASE,
)
_JUDGES = re.compile(
    GIVES_OUTCOME.pattern + r"|\b(fornøyd\w*|tilfreds\w*|kriti\w*|svak\w*|mangl\w*)\b",
    re.IGNORECASE,
)


# A question taking for granted that something was closed down or stopped …
_ASKS_OF_CLOSURE = re.compile(
    r"\b(lagt ned|lagd ned|nedlagt|nedlagd|nedlegg\w*|avvikl\w*|stans\w*|lagt bort|"
    r"slutt(et|a|e)?\s+(\w+\s+)?med|stopped|"
    # (not «closed questions» of a survey)
    r"closed(?!\s+(questions?|ended|answers?))( down)?|shut( down)?|abolish\w*|discontinu\w*|"
    r"scrapp\w*|wound up)\b",
    re.IGNORECASE,
)
# … which a close sentence must state («Senteret ved UiT er lagt ned»)
_STATES_CLOSURE = re.compile(
    r"\b(lagt ned|nedlagt|nedlegg\w*|avvikl\w*|stans\w*|opphør\w*|lagt bort|avslutt\w*|"
    r"ikke lenger|finnes ikke|skift\w* navn|slått sammen|sammenslå\w*|erstatt\w*|innlemm\w*)\b",
    re.IGNORECASE,
)


# A question asking what someone recommended or concluded …
_ASKS_RECOMMENDATION = re.compile(r"\b(anbefal\w*|tilrå\w*|recommend\w*)\b", re.IGNORECASE)
# … which a close sentence must give: a recommendation, a proposal, what should be done
_GIVES_RECOMMENDATION = re.compile(
    r"\b(anbefal\w*|tilrå\w*|foresl[åo]\w*|forslag\w*|bør|burde|oppfordr\w*|råd(et|a|ene)?|"
    r"viktig\w*)\b",
    re.IGNORECASE,
)
# … or what the report's own authors advise: they speak as «vi» («Vi anbefaler …»)
_AUTHORS = r"\b(forfatter\w*|forfattar\w*|authors?)\b"
_ADVISES = r"\b(anbefal\w*|tilrå\w*|foresl\w*|recommend\w*|propos\w*|advi[sc]e\w*|suggest\w*)\b"
_ASKS_AUTHORS_ADVICE = re.compile(
    rf"{_AUTHORS}.*{_ADVISES}|{_ADVISES}.*{_AUTHORS}|"
    rf"\b(rapporten selv|rapporten sjølv|the report itself)\b.*{_ADVISES}",
    re.IGNORECASE,
)
_GIVES_AUTHORS_ADVICE = re.compile(
    r"\b(vi|we) (anbefaler|tilrår|foreslår|mener|recommend|propose|suggest)\b|"
    r"\b(anbefaler|tilrår|foreslår) (vi|me)\b",
    re.IGNORECASE,
)
_ASKS_CONCLUSION = re.compile(r"\b(konklu\w*|conclu\w*)\b", re.IGNORECASE)
_GIVES_CONCLUSION = re.compile(
    GIVES_OUTCOME.pattern + r"|\b(mener|mente|pek(er|te)|tyder|tydet|kom (frem|fram)|"
    r"viktig\w*|behov\w*|bør|burde)\b",
    re.IGNORECASE,
)


# «Kva meinte elevane om prosjektet?», «What did the pupils think of it?»: an opinion …
_ASKS_OPINION = re.compile(
    r"\b(hva|kva)\s+(mente|mener|meinte|meiner|syntes|synes|tenkte|tykte)\b|"
    r"\bwhat\s+(did|do|does)\b.*\b(think|feel)\b|\bhow did\b.*\bfeel\b|"
    r"\b(opinions?|views? on|syn på)\b",
    re.IGNORECASE,
)
# … which a close sentence must give: what someone meant, found, experienced or wanted
_GIVES_OPINION = re.compile(
    _JUDGES.pattern + r"|\b(mente|mener|meinte|syntes|synes|opplev\w*|vurder\w*|oppga|"
    r"svarte|pekte|peker|påpek\w*|behov\w*|etterlys\w*|savn\w*|tilbakemeld\w*|"
    r"understrek\w*|viktig\w*|bør|burde|enig\w*|uenig\w*|opptatt)\b",
    re.IGNORECASE,
)


# «Skal RiR fortsette etter 2021?», «Will RiO be continued?»: whether work goes on …
_ASKS_CONTINUATION = re.compile(
    r"\b(fortsette|fortsetter|fortsettes|videreføre|videreføres|videreført|continue[sd]?|"
    r"continuing|carry on|be extended|go on)\b",
    re.IGNORECASE,
)
# … which a close sentence must tell: it goes on, or it ended
_GIVES_CONTINUATION = re.compile(
    r"\b(fortsett\w*|fortsatt|viderefør\w*|videreutvikl\w*|permanent\w*|avslutt\w*|avviklet|"
    r"lagt ned|ferdig\w*|continu\w*)\b",
    re.IGNORECASE,
)


# «Når blir HK-dir ferdig med …?», «When will the review be finished?»: a date ahead …
_ASKS_COMPLETION = re.compile(
    r"\b(n[åa]r|when)\b.*\b(blir|skal|vil|will|is|are)\b.*\b(ferdig\w*|klar|fullført|"
    r"ferdigstilt|finished|ready|done|completed?)\b",
    re.IGNORECASE,
)
# … which a close sentence must give: finishing, or a deadline, with a year
_GIVES_COMPLETION = re.compile(
    r"\b(innen|frist\w*|avslutt\w*|ferdig\w*|fullført\w*|fullføres|klar)\b.{0,60}"
    r"\b(19|20)\d\d\b|\b(19|20)\d\d\b.{0,60}\b(avslutt\w*|ferdig\w*|fullført\w*)\b",
    re.IGNORECASE,
)


# What a question asks for that a close sentence must hold, or it is refused: each kind as
# the pattern asking for it, the pattern holding it, and how many of the closest sentences
# may hold it (None: all of them). Unlike `ANSWER_TYPES`, these are asked of a question of
# why as well: «Hvorfor ble karriereveiledning.no lagt ned?» takes a closure for granted.
_ASKED_AND_GIVEN: tuple[tuple[re.Pattern[str], re.Pattern[str], int | None], ...] = (
    # which is best («Hvilken videreutdanning er den beste?»): a ranking; the report
    # describes the studies side by side and judges none
    (_ASKS_VERDICT, _GIVES_RANKING, None),
    # whether something is good («Er faget utdanningsvalg et godt fag for elevene?»): a
    # finding or a verdict; the report tells what the subject is, and judges it nowhere
    (_ASKS_JUDGEMENT, _JUDGES, None),
    # a closure taken for granted («Hvorfor ble karriereveiledning.no lagt ned?», «When was
    # the Oslo centre shut down?»): something said to be closed, ended, merged or renamed;
    # the report tells of the service running, so there is no why or when to give
    (_ASKS_OF_CLOSURE, _STATES_CLOSURE, None),
    # what was recommended («Hvilke anbefalinger ga Agenda Kaupang for Østfold?»): a
    # recommendation or a proposal; the report tells of the review, not of advice from it
    (_ASKS_RECOMMENDATION, _GIVES_RECOMMENDATION, None),
    # what the authors themselves advise («Kva tilrår forfattarane sjølve …?»): advice in
    # their own voice; the report is a knowledge base, and what others proposed is not theirs
    (_ASKS_AUTHORS_ADVICE, _GIVES_AUTHORS_ADVICE, None),
    # what a work concluded («Hva konkluderte Haug med om kvaliteten …?»): a finding, in the
    # two closest sentences (one further off is another study's); the report points to the
    # thesis and reports none of what it found
    (_ASKS_CONCLUSION, _GIVES_CONCLUSION, 2),
    # when some work will be done («Når blir HK-dir ferdig med kvalitetsgjennomgangen?»): its
    # end, dated; the report says the work is going on, and when something else began is no
    # answer
    (_ASKS_COMPLETION, _GIVES_COMPLETION, None),
    # whether some work goes on («Skal RiR fortsette etter 2021?»): a close sentence saying it
    # goes on or ended; the report tells what the project did, not what comes after
    (_ASKS_CONTINUATION, _GIVES_CONTINUATION, None),
    # what some people thought («Kva meinte elevane ved Røyken vgs. om prosjektet?»): a close
    # sentence telling what they meant, found or wanted; the report tells that the project
    # started, and asked none of the pupils
    (_ASKS_OPINION, _GIVES_OPINION, 2),
)


def asked_but_not_given(question: str, closest: Sequence[str]) -> bool:
    """The question asks for a kind of thing `_ASKED_AND_GIVEN` lists (a verdict, a
    judgement, a closure, a recommendation, the authors' own advice, a conclusion, an end
    date, whether work goes on, an opinion) and none of the closest sentences it may stand in
    holds one."""
    return any(
        asks.search(question) and not any(gives.search(text) for text in closest[:reach])
        for asks, gives, reach in _ASKED_AND_GIVEN
    )


# «mellom 40 og 49 år», «21–30 år», «11 to 20 years»: a span of ages or of years of service
_ASKS_SPAN = re.compile(
    r"\b(\d{1,2})\s*(?:og|til|-|–|and|to)\s*(\d{1,2})\s*(?:år|års|years?)\b", re.IGNORECASE
)


def span_unstated(question: str, closest: Sequence[str]) -> bool:
    """The question asks about a span of years («Kor mange prosent var mellom 40 og 49
    år?») and no close sentence or table row gives that span: «30–49 49 % 52 %» holds
    the 40- to 49-year-olds among others, and does not say how many they were."""
    spans = _ASKS_SPAN.findall(question)
    return any(
        not any(re.search(rf"\b{a}\s*(?:og|til|-|–)\s*{b}\b", text) for text in closest)
        for a, b in spans
    )


def blank_cell(items: Sequence[str], header: str, values: str) -> bool:
    """The question names a year whose cell in a table row is blank: «Under 20 år  %  4 %»
    under the column header «Alder 2019  2020» gives no share for 2019. `values` is the row
    without its label; cells are shares («4 %», or a bare «%» when blank)."""
    years = [item for item in items if YEAR.match(item)]
    columns = next(
        (
            re.findall(r"(?:19|20)\d\d", line)
            for line in header.splitlines()
            if re.fullmatch(r"\D*(?:(?:19|20)\d\d\s*)+", line.strip())
        ),
        [],
    )
    cells = [cell.strip() for cell in re.findall(r"(\d[\d ]*(?:,\d+)?)?\s*%", values)]
    if not years or not columns or len(cells) != len(columns):
        return False
    return any(year in columns and not cells[columns.index(year)] for year in years)


def years_off_evidence(items: Sequence[str], closest_passages: Sequence[str]) -> bool:
    """The question names a year, and the passages its closest sentences come from never do
    (nor the passage just before each, the caller's choice: «Vox gjennomførte en kartlegging
    i 2014» dates what the next passage goes on to tell of it).

    The closest evidence then speaks of other years: «hele 2021» meets a count for
    September–December 2020, «i 2022» meets the users' verdict for 2018–2020. A span such as
    «2019-2020» or «2020-21» counts for each year in it.
    """
    years = [item for item in items if YEAR.match(item)]
    return bool(years) and not any(
        all(_mentions_year(text, year) for year in years) for text in closest_passages
    )


def reports_unfinished(question: str, best: str, following: Sequence[str] = ()) -> bool:
    """The question asks what some work found, and the closest sentence says it is still going
    on («FAFO evaluerer for tiden …, som går til mars 2023»): there are no results to quote.

    So too a question about an evaluation of what the closest sentence speaks of, when it or
    the sentences `following` it say that was never evaluated («… Karriereløftet, …» — «Vi har
    ikke funnet informasjon om prosjektet, det er ikke evaluert»); asked yes or no, that
    answers it."""
    if _ASKS_RESULTS.search(question) and _UNDER_WAY.search(best):
        return True
    return bool(
        _ASKS_EVALUATION.search(question)
        and not is_yes_or_no(question)
        and any(_NOT_EVALUATED.search(text) for text in (best, *following))
    )


_YES_OR_NO = re.compile(
    r"^\s*(er|var|ble|blei|vart|har|hadde|finnes|fins|fantes|fanst|fant|fann|fikk|fekk|lyktes|"
    r"klarte|is|was|were|has|have|had|did|does|do)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:ikke|ikkje|not)\s+(?:blitt\s+|vorte\s+|been\s+)?(\w+)", re.IGNORECASE)


def is_yes_or_no(question: str) -> bool:
    """«Er den evaluert?», «Has it been evaluated?»"""
    return bool(_YES_OR_NO.match(question))


def denies(text: str, query_terms: Sequence[str]) -> bool:
    """`text` says no to a word of the question: «det er ikke evaluert» to «Er den evaluert?»."""
    return any(set(terms(negated)) & set(query_terms) for negated in _NEGATED.findall(text))


def disclaims(
    question: str,
    query_terms: Sequence[str],
    closest: Sequence[str],
    document_frequency: Mapping[str, int],
) -> bool:
    """A close sentence says the authors did not look into what the question asks about
    («Vi har ikke gått gjennom høringssvarene.»), and names a rare word of the question.

    A disclaimer followed by what they did find («…, men vi får opplyst …») answers, so it
    does not count; nor does one that shares only common words («karriereveiledning») with
    the question (a word is rare in the report, not merely unknown, as a misspelling is).
    `closest` runs from the closest sentence on. A yes-or-no question is answered by a
    disclaimer, which says no to it: «Er den evaluert?» — «…, det er ikke evaluert»; «Fant de
    spørreundersøkelsen?» — «Det har ikke lyktes å finne spørreundersøkelsen.»
    """
    if is_yes_or_no(question):
        return False

    def rare(words: Sequence[str]) -> list[str]:
        return [w for w in words if document_frequency.get(w, 0) <= RARE_DF]

    asked = rare(query_terms)
    best = set(terms(closest[0])) if closest else set()
    # a close sentence giving the asked fact says what the disclaimer's word is about: «Det
    # har ikke lyktes å finne spørreundersøkelsen» does not undo «… en spørreundersøkelse
    # til 175 rådgivere» for «Hvor mange rådgivere fikk spørreundersøkelsen?»
    facts = asked_facts(question)
    giving: set[str] = set()  # … and by its head: «en undersøkelse» gives it
    for text in closest:
        if facts and not _DISCLAIMER.search(text) and all(holds(text, f) for f in facts):
            giving |= set(terms(text))
    best |= giving

    def about_the_question(disclaimer: str) -> bool:
        # the disclaiming words themselves («har ikke lyktes å finne») are about nothing
        rest = _DISCLAIMER.sub(" ", disclaimer)
        shared = [a for a in rare(terms(rest)) if any(_same_word(a, b, query_terms) for b in asked)]
        # when the closest sentence (or one giving the asked fact) says it («Rambøll
        # evaluerte …»), a disclaimer further down («… det er ikke evaluert») is about some
        # other work
        # (as a compound or a derived word: «samarbeidsprosjekt», «evaluering» say «prosjekt»,
        # «evaluer» too)
        return bool(shared) and (
            disclaimer == closest[0]
            or any(
                not any(_says(b, a) for b in best)
                and not any(len(g) >= _HEAD_CHARS and a.endswith(g) for g in giving)
                for a in shared
            )
        )

    return any(_DISCLAIMER.search(text) and about_the_question(text) for text in closest)


def missing_specifics(
    items: Sequence[str], hits: Sequence[Hit], spelled_out: Mapping[str, str] | None = None
) -> list[str]:
    """Of the things a question names (`specifics`), those the retrieved passages do not.

    Every year, number, place or name must appear in some retrieved passage (a year may lie
    inside a span: «fra 2014-15 til 2020-2021» has 2018), and the question's years must
    appear in one passage together with its other names (a table of 2019–2020 for Finnmark
    does not answer «Finnmark i 2022»). An acronym is there when its name is (`spelled_out`,
    from the retrieval: «UiA» → «Universitetet i Agder», which is all the report writes).
    """
    return unnamed(items, [index_text(h.passage) for h in hits], spelled_out)


def unnamed(
    items: Sequence[str], texts: Sequence[str], spelled_out: Mapping[str, str] | None = None
) -> list[str]:
    """Of `items`, those `texts` do not name (see `missing_specifics`)."""
    spelled = spelled_out or {}
    texts = [fold(t) for t in texts]
    hay_words = set(re.findall(r"\w+", " ".join(texts)))
    missing = [
        item
        for item in items
        if not any(_written_in(item, t) for t in texts)
        and (item[0].isdigit() or _ACRONYM.fullmatch(item) or not _fuzzy_in(fold(item), hay_words))
        and not (YEAR.match(item) and any(_mentions_year(t, item) for t in texts))
        and not (item in spelled and any(fold(spelled[item]) in t for t in texts))
    ]
    years = [fold(i) for i in items if YEAR.match(i)]
    names = [
        fold(n)
        for i in items
        if not i[0].isdigit()
        for n in (i, to_bokmal(i), spelled.get(i, i), _GENITIVE.sub("", i))
    ]
    if (
        years
        and names
        and not missing
        and not any(
            all(_mentions_year(t, y) for y in years) and any(n in t for n in names) for t in texts
        )
    ):
        missing += years
    return missing


_ACRONYM = re.compile(r"[A-ZÆØÅ]{2,5}s?")  # «VID», «NTNUs»: a word, not part of one («videre»)
_GENITIVE = re.compile(r"(?<=[A-ZÆØÅ])s$")  # «NTNUs analyse» is NTNU's


def number_pattern(digits: str) -> str:
    """A number as the report may write it: «23636» also as «23 636»."""
    grouped = re.sub(r"\B(?=(\d{3})+$)", "[ \u00a0]?", digits) if len(digits) > 4 else digits
    return rf"(?<![\d,.]){grouped}(?![\d])" if len(digits) > 4 else re.escape(digits)


def _written_in(item: str, text: str) -> bool:
    """`item` stands in the folded `text`: an acronym as a word of its own (in the genitive
    too), a number of thousands maybe grouped («23 636»), anything else anywhere, in bokmål
    or as typed."""
    if item.isdecimal():
        return re.search(number_pattern(item), text) is not None
    if _ACRONYM.fullmatch(item):
        return bool(re.search(rf"\b{re.escape(fold(_GENITIVE.sub('', item)))}s?\b", text))
    return fold(item) in text or fold(to_bokmal(item)) in text


# «Høgskolen i Molde», «universitetet i Bergen»: one institution, named by its place
_INSTITUTION = re.compile(
    r"\b(?:[Uu]niversitetet|[Hh]øgskolen|[Hh]øgskulen|[Hh]øyskolen|[Hh]ogskolen) (?:i|på|pa) "
    r"[A-ZÆØÅ][\wæøå]+(?:-[A-ZÆØÅ][\wæøå]+)?"
)
# the short names the report writes for some («ved UiO, UiB, HiNT og HiBV»)
_SHORT_NAME = {
    "universitetet i bergen": "uib",
    "universitetet i oslo": "uio",
    "universitetet i stavanger": "uis",
    "universitetet i agder": "uia",
    "universitetet i sorost-norge": "usn",
    "hogskolen i sorost-norge": "usn",
    "hogskolen i innlandet": "inn",
    "hogskolen pa vestlandet": "hvl",
    "universitetet i trondheim": "ntnu",  # the university in Trondheim, not by name
    "universitetet i tromso": "uit",
    "universitetet i as": "nmbu",
    "hogskolen i oslo": "oslomet",  # Høgskolen i Oslo og Akershus became OsloMet
    "hogskolen i nord-trondelag": "hint",
    "hogskolen i buskerud": "hibv",  # Høgskolen i Buskerud og Vestfold
}


def unknown_institution(question: str, hits: Sequence[Hit]) -> list[str]:
    """The universities and colleges the question names by place that no retrieved passage
    names, in full or by the report's short name: «Høgskolen i Bergen» is not there because
    «Bergen» and «Høgskolen» are, apart."""
    names = _INSTITUTION.findall(question)
    if not names:  # (most questions name none: no passage need be read for one)
        return []
    texts = [_one_college_word(fold(index_text(h.passage))) for h in hits]
    missing = []
    for name in names:
        key = _one_college_word(fold(name))
        short = _SHORT_NAME.get(key)
        if not any(key in t or (short and re.search(rf"\b{short}\b", t)) for t in texts):
            missing.append(name)
    return missing


def _one_college_word(folded: str) -> str:
    return re.sub(r"\b(hogskulen|hoyskolen)\b", "hogskolen", folded)


def specifics(question: str, english_names: bool = True) -> list[str]:
    """The specific things a question names: years, numbers, places, proper names, acronyms.

    English capitalises words such as «Norwegian» or «University» that the Norwegian report
    never uses, so in English questions a capitalised word counts only when it is no English
    word the glossaries know («Stockholm»), and only with `english_names` (the refusal check
    wants them; scoring sentences by the names they hold does not).
    """
    # a school year «2018-19» names 2018 and 2019, not the number 19; «23,636» and «23 636»
    # are one number, «23636»
    spelled = _SCHOOL_YEAR.sub(lambda m: f"{m[1]} {m[1][:2]}{m[2]}", question)
    spelled = _GROUPED.sub(lambda m: re.sub(r"\D", "", m[0]), spelled)
    found: list[str] = re.findall(r"\b\d{4}\b|\b\d+(?:[.,]\d+)?\b", spelled)
    english = is_english(question)
    stop = stopwords()
    for i, token in enumerate(re.findall(r"[\wÆØÅæøå-]+", question)):
        head, _, rest = token.partition("-")
        head_is_name = head.isupper() or bool(_CODE.fullmatch(head))
        if len(head) > 1 and head_is_name and len(rest) > 3 and rest.islower():
            token = head  # «NAV-rettleiarane» names NAV, «Vg1-skåren» Vg1; the rest is a word
        word = token.lower()
        acronym = len(token) > 1 and token.replace("-", "").isupper() and not token.isdigit()
        code = bool(_CODE.fullmatch(token))  # Vg3, RAD6000
        proper = i > 0 and token[0].isupper() and fold(word) not in stop and len(token) > 2
        foreign_name = english_names and proper and english and not _english_word(word)
        if word in COUNTIES or acronym or code or (proper and not english) or foreign_name:
            found.append(token)
    return list(dict.fromkeys(found))


def _mentions_year(text: str, year: str) -> bool:
    if year in text:
        return True
    for first, last in _YEAR_SPAN.findall(text):
        end = int(last) if len(last) == 4 else int(first) // 100 * 100 + int(last)
        if int(first) <= int(year) <= end:
            return True
    return False


def _english_word(word: str) -> bool:
    """A word English questions use («University», «Norwegian»), as opposed to a name."""
    return word.lower().removesuffix("'s") in _english_vocabulary()


@cache
def _english_vocabulary() -> frozenset[str]:
    """Every word of the glossaries' English side, English stopwords, and `_ENGLISH_NAMES`."""
    known = {*EVERYDAY, *GLOSSARY, *_ENGLISH_NAMES}
    return frozenset(w for phrase in known for w in phrase.split()) | stopwords()


def _says(word: str, term: str) -> bool:
    """`word` is `term`, a compound ending in it, or a word derived from it."""
    return word.endswith(term) or word.startswith(term)


def _same_word(a: str, b: str, others: Sequence[str] = ()) -> bool:
    """Two index terms for one thing: equal, or compounds that open alike and whose rest is
    said too: «høringssvarene» is what «Hvordan svarte høringsinstansene?» asks about (its
    «svar» is in the question), not «høringsfristen» (no «svar» in that question)."""
    if a == b:
        return True
    common = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    if common < 6:
        return False
    tail = a[common:]
    return len(tail) < 3 or any(tail[:4] == o[:4] for o in others if o != b)


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
