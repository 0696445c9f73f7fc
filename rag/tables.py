"""«Which county had the most users in 2020?»: the row of a retrieved table with the largest
(or smallest, or second: «nest flest») value in the column the question asks about.

The report's tables are flattened text: a caption, header lines, then one row a line — a
label followed by its values («Viken 6093 5777 8450 8238 337 76»). A header line of years
(«2019 2020 2019 2020 2019 2020») tells which year each column holds; when the years repeat,
the line above names the groups they repeat for («Antall unike brukere Antall gjennomførte
samtaler Antall kurs …»). Lines without values split the rows into blocks («Kjønn»,
«Utdanningsnivå»). The question picks the block, the group and the year by its words; the
answer quotes the winning row verbatim, so nothing is computed that the reader cannot check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rag.text import fold, terms
from rag.types import Hit, Passage

__all__ = [
    "CAPTION_BELOW",
    "CHANGE",
    "LEAST",
    "MOST",
    "SUPERLATIVE",
    "asks_moved_rows",
    "asks_rows_past",
    "asks_span",
    "changed_rows",
    "header",
    "introduced",
    "names_a_row",
    "rows_in_span",
    "rows_past",
    "speaks_of_rows",
    "spoken_of",
    "superlative_row",
    "without_bound",
]

# «flest», «høyest», «most», «toppet» … and «færrest», «lavest», «fewest», «nederst» …
MOST = (
    "flest", "høyest", "høgast", "størst", "mest", "most", "highest", "largest", "biggest",
    "toppet", "toppa", "topper", "topped", "tops", "øverst",
)  # fmt: skip
LEAST = (
    "færrest", "færrast", "lavest", "lågast", "minst", "fewest", "lowest", "smallest", "least",
    "nederst", "bunnen", "bottom",
)  # fmt: skip
SUPERLATIVE = re.compile(
    # not «most of their time», which is the bulk of one thing, not a ranking
    rf"\b(?:(?P<most>{'|'.join(MOST)})|(?P<least>{'|'.join(LEAST)}))\b(?!\s+of\b)",
    re.IGNORECASE,
)
_SECOND = re.compile(r"\b(nest|second)[\s-]+(?:" + "|".join(MOST + LEAST) + r")\b", re.IGNORECASE)
# A table whose caption stands under its rows, in the source line: «Kilde: Tabell 2. Tid …».
CAPTION_BELOW = re.compile(r"^Kilde:\s*Tabell \d+")
# «Tabell 1», as a sentence names a table («Tabell 1 viser …») and its caption opens with it
_TABLE_NAME = re.compile(r"Tabell \d+\b")
_INTRODUCING_REACH = 3  # the top hits whose mention of a table brings it along
_YEAR = re.compile(r"(?:19|20)\d\d")
_NUMBER = re.compile(r"\d+(?:,\d+)?")  # «5777», «52,8»
_TOTAL = re.compile(r"^(totalt|sum|i alt|hele|alle)\b", re.IGNORECASE)
# A change between the years a table holds: up, down, or either way
# (not «fall», which is «i så fall», nor «steg», a step)
_RISE = (
    r"økning\w*|økte|øke|auke\w*|auka|vekst\w*|vokste|gikk opp|fikk flere|"
    r"increase\w*|grew|growth|rose|gain\w*|went up|go up"
)
_FALL = (
    r"nedgang\w*|mistet|miste|mista|tapte|falt|sank|gikk ned|fikk færre|reduksjon\w*|"
    r"redusert\w*|decrease\w*|declin\w*|drop\w*|fell|lost|lose|loss|went down|go down|shr[iu]nk"
)
CHANGE = re.compile(
    rf"\b(?:(?P<rise>{_RISE})|(?P<fall>{_FALL})|endring\w*|endret\w*|change\w*)\b",
    re.IGNORECASE,
)
# «flere brukere i 2020 enn i 2019», «fewer sessions in 2020 than in 2019»: a change told by
# comparing two years, whose order says which way
_MORE = r"flere|fleire|more|høyere|høgare|higher|større|bigger"
_FEWER = r"færre|færrare|fewer|lavere|lågare|lower|mindre|smaller"
_COMPARED = re.compile(
    rf"\b(?:(?P<more>{_MORE})|(?P<fewer>{_FEWER}))\b(?!\s+(?:enn|than)\b)"
    r"(?P<between>.*?\b(?:19|20)\d\d\b.*?\b(?:enn|than)\b.*?\b(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# «passerte 2000 brukere», «over 100», «færre enn 500», «more than 2,000»: a bound the rows
# asked for pass; not an age («over 50 år»), which names a row
_BOUND = re.compile(
    rf"\b(?:(?P<above>over|passerte|passert|oversteg|overstiger|above|exceed(?:ed|s|ing)?|"
    rf"(?:{_MORE}|mer|meir|greater) (?:enn|than))|"
    rf"(?P<below>under|below|(?:{_FEWER}|less) (?:enn|than)))"
    r"\s+(?P<bound>\d{1,3}(?:[ .,]\d{3})+|\d+(?:,\d+)?)(?!\s*(?:år|års|years?)\b)(?![\d–-])",
    re.IGNORECASE,
)
# «mer enn ti års erfaring», «over 30 år», «under 25 years»: a span of years the rows' labels
# («11-20 år», «50 og eldre», «Under 20 år») lie in
_TENS = {"fem": 5, "ti": 10, "femten": 15, "tjue": 20, "tjuefem": 25, "tretti": 30, "førti": 40,
         "femti": 50, "seksti": 60, "five": 5, "ten": 10, "fifteen": 15, "twenty": 20,
         "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}  # fmt: skip
_AGE_BOUND = re.compile(
    rf"\b(?:(?P<above>over|(?:mer|meir|more|eldre|older|lengre|longer) (?:enn|than))|"
    rf"(?P<below>under|(?:mindre|less|yngre|younger|kortere|shorter) (?:enn|than)))\s+"
    rf"(?P<years>\d{{1,2}}|{'|'.join(_TENS)})\s*(?:års?|years?)\b",
    re.IGNORECASE,
)
_SPAN = re.compile(  # «1-5 år», «21–24», «Mer enn 31 år», «Mindre enn 1 år», «50 og eldre»
    r"^(?:(?P<low>\d{1,2})\s*[-–]\s*(?P<high>\d{1,2})(?: år)?|(?:mer enn|over) (?P<over>\d{1,2})"
    r" år|(?P<older>\d{1,2}) og eldre|(?:mindre enn|under) (?P<under>\d{1,2}) år)$",
    re.IGNORECASE,
)
# «Hvilke fylker …», «Økte noen …»; not «what was the increase in Oslo», which asks one row
_WHICH_OR_ANY = re.compile(
    r"\b(hvilke[nt]?|kva for|kva (fylke|fylka|fylker)|noen|nokon|nokre|which|any)\b", re.IGNORECASE
)
_ASKS_AMOUNT = re.compile(
    r"\b(hvor|kor|how) (mange|mye|mykje|many|much)\b|\b(antall|andel\w*|prosent\w*|"
    r"share|percent\w*|proportion|number of|flere|fleire|færre|more|fewer|tall(et|ene|a)?|"
    r"figures?|numbers)\b",
    re.IGNORECASE,
)
_ASIDE = re.compile(r"\([^)]*\)")  # a label's note in brackets, which naming it may leave out
_ENDINGS = frozenset({"", "s", "e", "er", "en", "et", "ene", "ne"})  # left by the stemmer: «ars»
_HEAD_CHARS = 5  # a compound holding a word this long is one of it («skolerådgiverne»)
_LAYOUT = frozenset(terms("antall fordelt fylker prosent andel kilde tabell"))
_NOT_A_ROW = re.compile(r"^(Kilde|Tabell|Figur|\()")  # a caption, a source, «(N=609)»


@dataclass(frozen=True)
class _Row:
    label: str
    values: list[float]
    start: int  # the row's line, as a span of the table text
    end: int


def superlative_row(question: str, table: str, asked: set[str]) -> tuple[int, int] | None:
    """The span of the row a superlative question asks for, or None when the question is
    not one or shares no word with the table. `asked` are the question's index terms (an
    English question's include its Norwegian gloss).

    A question of the largest change («Hvilket fylke mistet flest brukere fra 2019 til
    2020?») ranks the rows by the change from the group's first year to its last; the row
    quoted shows both, so the reader can check it. A table of one year ranks no change."""
    match = SUPERLATIVE.search(question)
    if not match:
        return None
    asked = asked - set(terms(" ".join(m.group(0) for m in SUPERLATIVE.finditer(question))))
    read = _read(question, table, asked)
    if read is None or len(read) < 2:
        return None
    ranked = sorted(read, key=lambda rv: rv[1], reverse=bool(match.group("most")))
    place = 1 if _SECOND.search(question) else 0  # «nest flest», «second highest»
    best = ranked[place][0]
    return best.start, best.end


def asks_moved_rows(question: str) -> bool:
    """Whether the question asks which rows rose, or which fell («Hvilke fylker fikk flere
    brukere i 2020?», «Økte noen fylker antallet kurs?», «I hvilke fylker ble det færre
    samtaler i 2020 enn i 2019?»), not which moved most."""
    return (
        _direction(question) in ("rise", "fall")
        and _WHICH_OR_ANY.search(question) is not None
        and not SUPERLATIVE.search(question)
    )


def _direction(question: str) -> str | None:
    """Which change the question asks about: «rise», «fall», «either» (an «endring»), or None.

    Two years compared («færre … i 2020 enn i 2019») tell it by their order: fewer in the
    later year is a fall, fewer in the earlier one a rise."""
    if compared := _COMPARED.search(question):
        first, second = _YEAR.findall(compared.group("between"))[:2]
        fewer = compared.group("fewer") is not None
        return "fall" if fewer == (first > second) else "rise"
    change = CHANGE.search(question)
    if change is None:
        return None
    return change.lastgroup or "either"


def _bound(question: str) -> tuple[bool, float, re.Match[str]] | None:
    """The bound a «which rows» question sets («Hvilke fylker passerte 2000 brukere?»):
    whether the rows must lie above it, the bound, and where the question says it."""
    match = _BOUND.search(question)
    if match is None or not _WHICH_OR_ANY.search(question) or SUPERLATIVE.search(question):
        return None
    digits = match.group("bound")
    thousands = re.fullmatch(r"\d{1,3}(?:[ .,]\d{3})+", digits)
    value = float(re.sub(r"\D", "", digits) if thousands else digits.replace(",", "."))
    return match.group("above") is not None, value, match


def without_bound(question: str) -> str:
    """The question less the number of the bound it sets («over 100» → «over»): a bound is
    no figure the report must name."""
    bound = _bound(question)
    if bound is None:
        return question
    match = bound[2]
    return question[: match.start("bound")] + question[match.end("bound") :]


def rows_past(question: str, table: str, asked: set[str]) -> list[tuple[int, int]]:
    """The spans of the rows whose value in the column the question asks about lies past the
    bound it sets («Hvilke fylker hadde over 100 kurs i 2020?»); [] when it sets none."""
    bound = _bound(question)
    if bound is None:
        return []
    above, value, _ = bound
    read = _read(question, table, asked)
    return [
        (row.start, row.end) for row, got in read or [] if (got > value if above else got < value)
    ]


def changed_rows(question: str, table: str, asked: set[str]) -> list[tuple[int, int]]:
    """The spans of the rows that rose (or fell) between the table's years, as the question
    asks (`asks_moved_rows`); [] when it asks no such thing, the table holds one year, or no
    row moved that way."""
    if not asks_moved_rows(question):
        return []
    read = _read(question, table, asked)
    return [(row.start, row.end) for row, moved in read or [] if moved > 0]


def asks_rows_past(question: str) -> bool:
    """Whether the question asks which rows lie past a bound («Hvilke fylker passerte 2000
    brukere?»)."""
    return _bound(question) is not None


def asks_span(question: str) -> bool:
    """Whether the question asks an amount of those past a span of years («Hvor stor andel
    hadde mer enn ti års erfaring?»); not «Hvilke tilbud finnes for dem over 30 år?», which
    asks no share of a table."""
    return _AGE_BOUND.search(question) is not None and _ASKS_AMOUNT.search(question) is not None


def rows_in_span(question: str, table: str) -> list[tuple[int, int]]:
    """The spans of the rows whose span of years lies past the one the question sets («Hvor
    stor andel hadde mer enn ti års erfaring?»: «11-20 år», «21-30 år», «Mer enn 31 år»);
    [] when it sets none, asks no amount, or no row is labelled by years."""
    match = _AGE_BOUND.search(question)
    if match is None or not asks_span(question):
        return []
    said = match.group("years").lower()
    bound = int(said) if said.isdigit() else _TENS[said]
    spans = []
    for start, end, line in _lines(table):
        row = _row(line, start, end)
        span = _SPAN.match(row.label.strip()) if row else None
        if span is None:
            continue
        if span.group(0).lower() in question.lower():
            return []  # «under 20 år» names the row «Under 20 år»: no span of rows is asked
        low = int(span["low"] or span["over"] or span["older"] or 0)
        high = int(span["high"] or span["under"] or 999)
        if (low >= bound) if match.group("above") else (high <= bound):
            spans.append((start, end))
    return spans


def spoken_of(question: str, table: str) -> int:
    """How many words of what `table` counts (its caption and headers, its caption below)
    the question says, maybe inside a compound («skolerådgiverne» says «rådgiver»)."""
    said = fold(question)
    below = " ".join(t for _, _, t in _lines(table) if CAPTION_BELOW.match(t))
    heads = {fold(w) for w in re.findall(r"[^\W\d_]{5,}", f"{header(table)} {below}")}
    return sum(w in said for w in heads - {"tabell", "kilde"})


def _read(question: str, table: str, asked: set[str]) -> list[tuple[_Row, float]] | None:
    """The rows of the block the question speaks of, each with its value in the column it
    asks about, or its change over the group's years when it asks about one («økte»: up is
    positive; «mistet»: down is). None when the table shares no word with the question, or
    a change is asked of a table of one year."""
    if not asked & set(terms(table)):
        return None
    change = _direction(question)
    lines = _lines(table)
    years_at = next((i for i, (_, _, t) in enumerate(lines) if _is_year_header(t)), None)
    columns = _YEAR.findall(lines[years_at][2]) if years_at is not None else [""]
    groups = _groups(lines[years_at - 1][2], len(columns)) if years_at else [""]
    per_group = len(columns) // max(len(groups), 1)
    group = max(range(len(groups)), key=lambda g: _named_by(asked, groups[g]))
    first, last = group * per_group, (group + 1) * per_group - 1
    if change and last == first:
        return None
    years = columns[first : last + 1]
    wanted = [y for y in years if y in question]
    column = first + (years.index(wanted[0]) if wanted else len(years) - 1)
    body = lines[years_at + 1 :] if years_at is not None else lines
    rows = [
        r
        for r in _block(body, asked)
        if len(r.values) > max(column, last) and not _TOTAL.match(r.label)
    ]

    def value(row: _Row) -> float:
        if not change:
            return row.values[column]
        moved = row.values[last] - row.values[first]
        return {"rise": moved, "fall": -moved}.get(change, abs(moved))

    return [(row, value(row)) for row in rows]


def _named_by(asked: set[str], group: str) -> int:
    """How many of a column group's words the question says, maybe in a compound
    («veiledningssamtaler» says «samtaler»)."""
    return sum(
        any(a == g or (len(g) >= _HEAD_CHARS and a.endswith(g)) for a in asked)
        for g in set(terms(group))
    )


def introduced(table: Passage, hits: Sequence[Hit]) -> bool:
    """Whether one of the top hits names `table`, which stands in its section under that
    name («Tabell 1 viser antall brukere …» and «Tabell 1: Antall brukere …»): the table holds
    the figures the prose leaves to it, though its caption may not say «karrieresentrene»."""
    caption = _TABLE_NAME.match(table.text.lstrip())
    return (
        caption is not None
        and table.kind == "table"
        and any(
            h.passage.kind != "table"
            and h.passage.section == table.section
            and caption.group(0) in {m.group(0) for m in _TABLE_NAME.finditer(h.passage.text)}
            for h in hits[:_INTRODUCING_REACH]
        )
    )


def names_a_row(table: Passage, question: str, asked: set[str]) -> bool:
    """Whether the question asks an amount or a change («Gikk tallet på kurs ned?») and its
    terms name one of `table`'s rows and a word of what the table counts: the table holds
    the figure for that row, though prose around the same words outranks it («Hvor mange
    flere brukere fikk Trøndelag i 2020?»).

    A row is named by all of its label's words («Trøndelag», «Fullført mastergrad …»), or
    by its numbers and words («6–10 års erfaring» names «6-10 år»). What the table counts
    is said by its caption and column headers, or its caption below («Kilde: Tabell 2. Tid
    som rådgiver»), not by how it is laid out («antall», «fordelt på fylker»); a compound
    holding such a word says it too («skolerådgiverne»)."""
    if table.kind != "table" or not (_ASKS_AMOUNT.search(question) or CHANGE.search(question)):
        return False
    heads = _heads(table.text)
    return any(_counts(asked, label, heads) for label in _named_labels(table, asked))


def speaks_of_rows(table: Passage, asked: set[str]) -> bool:
    """Whether the question names one of `table`'s rows, or a number of one («over 50»
    speaks of «50 og eldre»)."""
    numbers = {t for label in _labels(table) for t in label if t.isdigit()}
    return bool(_named_labels(table, asked)) or bool(asked & numbers)


def _labels(table: Passage) -> tuple[frozenset[str], ...]:
    """Each row's label as terms, less a note in brackets: «Ungdomstrinn (8.-10. trinn)»."""
    return _labels_of(table.text) if table.kind == "table" else ()


@lru_cache(maxsize=64)  # (read for each question: the report's few tables, parsed once)
def _labels_of(text: str) -> tuple[frozenset[str], ...]:
    lines = _lines(text)
    rows = [r for start, end, line in lines if (r := _row(line, start, end)) is not None]
    return tuple(frozenset(terms(_ASIDE.sub(" ", r.label))) for r in rows)


@lru_cache(maxsize=64)
def _heads(text: str) -> frozenset[str]:
    """The words of what a table counts: its header and caption below, less its layout."""
    below = " ".join(t for _, _, t in _lines(text) if CAPTION_BELOW.match(t))
    return frozenset(t for t in terms(f"{header(text)} {below}") if t.isalpha()) - _LAYOUT


def _named_labels(table: Passage, asked: set[str]) -> list[frozenset[str]]:
    """The labels the question names by all their numbers and words, a word maybe with an
    ending («år» in «års», not «Oslo» in «OsloMet»); one number alone names no row."""
    named = []
    for label in _labels(table):
        numbers = {t for t in label if t.isdigit()}
        words = label - numbers
        if (
            (words or len(numbers) > 1)
            and numbers <= asked
            and all(any(_inflects(a, w) for a in asked) for w in words)
        ):
            named.append(label)
    return named


def _inflects(term: str, word: str) -> bool:
    return term.startswith(word) and term[len(word) :] in _ENDINGS


def _counts(asked: set[str], label: frozenset[str], heads: frozenset[str]) -> bool:
    return any(
        a in heads or any(len(h) >= _HEAD_CHARS and h in a for h in heads) for a in asked - label
    )


def header(table: str) -> str:
    """A table's caption and column headers: its lines before the first row of values
    («Tabell 1: Antall brukere, samtaler og kurs- …», «2019 2020 2019 2020 …»); not the
    headings of its blocks further down («Landbakgrunn»), which name other rows."""
    kept = []
    for start, end, line in _lines(table):
        if line.startswith("Kilde") or (
            _row(line, start, end) is not None and not _is_year_header(line)
        ):
            break
        kept.append(line)
    return "\n".join(kept)


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, offset = [], 0
    for line in text.split("\n"):
        out.append((offset, offset + len(line), line.strip()))
        offset += len(line) + 1
    return [line for line in out if line[2]]


def _is_year_header(line: str) -> bool:
    tokens = line.split()
    return (
        len(tokens) >= 2
        and all(_YEAR.fullmatch(t) for t in tokens[-2:])
        and len([t for t in tokens if _YEAR.fullmatch(t)]) >= len(tokens) - 1
    )


def _groups(line: str, columns: int) -> list[str]:
    """The groups a repeating year header stands under: the line above, cut where its first
    word comes again («Antall unike brukere | Antall gjennomførte samtaler | …»)."""
    words = line.split()
    if not words:
        return [""]
    starts = [i for i, w in enumerate(words) if w == words[0]]
    if len(starts) < 2 or columns % len(starts):
        return [""]
    return [" ".join(words[a:b]) for a, b in zip(starts, [*starts[1:], len(words)], strict=True)]


def _block(lines: list[tuple[int, int, str]], asked: set[str]) -> list[_Row]:
    """The rows under the block heading (or with the labels) the question speaks of."""
    blocks: list[tuple[str, list[_Row]]] = [("", [])]
    for start, end, text in lines:
        row = _row(text, start, end)
        if row is None:
            if text.startswith("Kilde"):
                break
            blocks.append((text, []))
        else:
            blocks[-1][1].append(row)
    blocks = [(head, rows) for head, rows in blocks if rows]
    if not blocks:
        return []

    def overlap(block: tuple[str, list[_Row]]) -> int:
        head, rows = block
        return len(asked & set(terms(head + " " + " ".join(r.label for r in rows))))

    return max(blocks, key=overlap)[1]


def _row(text: str, start: int, end: int) -> _Row | None:
    """A line as a row: its label, then the values it ends with («1-5 år 35,4 %» → «1-5 år»,
    [35.4]; «Ungdomstrinn (8.-10. trinn) 612 52,8 %» → [612, 52.8])."""
    if _NOT_A_ROW.match(text):
        return None
    tokens = text.split()
    values: list[float] = []
    while tokens and (tokens[-1] == "%" or _NUMBER.fullmatch(tokens[-1].rstrip("%"))):
        token = tokens.pop().rstrip("%")
        if token:
            values.insert(0, float(token.replace(",", ".")))
    label = " ".join(tokens)
    if not values or not label or _YEAR.fullmatch(label):
        return None
    return _Row(label, values, start, end)
