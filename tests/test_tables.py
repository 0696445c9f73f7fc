"""rag/tables.py: a superlative question reads the column it asks about and quotes one row."""

from __future__ import annotations

import pytest

from rag.tables import (
    changed_rows,
    header,
    introduced,
    names_a_row,
    rows_in_span,
    rows_past,
    speaks_of_rows,
    spoken_of,
    superlative_row,
    without_bound,
)
from rag.text import terms
from rag.types import Hit, Passage
from tests.conftest import passage

TABELL_1 = (
    "Tabell 1: Antall brukere, samtaler og kurs- gruppeveiledninger fordelt på fylker, 2019-2020\n"
    "Antall unike brukere Antall gjennomførte samtaler Antall kurs og gruppeveiledninger\n"
    "2019 2020 2019 2020 2019 2020\n"
    "Viken 6093 5777 8450 8238 337 76\n"
    "Oslo 68 2595 69 2595 0 18\n"
    "Agder 3598 3373 12891 11306 162 141\n"
    "Kilde: Kompetanse Norge"
)
TABELL_2 = (
    "Tabell 2: Alder, utdanningsbakgrunn og brukerne av karrieresentrene, 2019-2020\n"
    "Alder 2019 2020\n"
    "21–24 20 % 19 %\n"
    "30–49 49 % 52 %\n"
    "Kjønn\n"
    "Menn 38 % 37 %\n"
    "Kvinner 62 % 63 %\n"
    "Utdanningsnivå\n"
    "Fullført grunnskole 35 % 31 %\n"
    "Fullført og bestått videregående opplæring 39 % 40 %\n"
    "Kilde: Kompetanse Norge"
)
TID = "Mindre enn 1 år 8,3 %\n1-5 år 35,4 %\n6-10 år 27,4 %\n\nKilde: Tabell 2. Tid som rådgiver"


def _row(question: str, table: str) -> str | None:
    span = superlative_row(question, table, set(terms(question)))
    return table[span[0] : span[1]] if span else None


@pytest.mark.parametrize(
    ("question", "row"),
    [
        ("Hvilket fylke hadde flest brukere i 2020?", "Viken 6093 5777 8450 8238 337 76"),
        ("Hvilket fylke hadde flest brukere i 2019?", "Viken 6093 5777 8450 8238 337 76"),
        ("Hvilket fylke hadde flest gjennomførte samtaler?", "Agder 3598 3373 12891 11306 162 141"),
        ("Hvilket fylke hadde færrest samtaler i 2019?", "Oslo 68 2595 69 2595 0 18"),
        ("Hvilket fylke hadde lavest antall kurs i 2020?", "Oslo 68 2595 69 2595 0 18"),
        ("Hvilket fylke hadde nest flest brukere i 2020?", "Agder 3598 3373 12891 11306 162 141"),
        # a list is topped, or ended, too
        ("Hvilket fylke toppet Tabell 1 i brukere i 2019?", "Viken 6093 5777 8450 8238 337 76"),
        ("Hvilket fylke kom nederst i samtaler i 2019?", "Oslo 68 2595 69 2595 0 18"),
        (
            "Hvilket fylke hadde nest-høyest antall samtaler i 2019?",
            "Viken 6093 5777 8450 8238 337 76",
        ),
    ],
)
def test_the_group_and_year_asked_about_pick_the_column(question: str, row: str) -> None:
    assert _row(question, TABELL_1) == row


def test_the_block_asked_about_picks_the_rows() -> None:
    assert _row("Hvilken alder var størst blant brukerne i 2020?", TABELL_2) == "30–49 49 % 52 %"
    assert _row("Hvilket utdanningsnivå hadde høyest andel av brukerne?", TABELL_2) == (
        "Fullført og bestått videregående opplæring 39 % 40 %"
    )
    assert _row("Hvilket kjønn var flest av brukerne i 2019?", TABELL_2) == "Kvinner 62 % 63 %"


def test_a_table_with_one_column_and_its_caption_last() -> None:
    assert _row("Hvor lenge har flest vært rådgiver?", TID) == "1-5 år 35,4 %"
    # «most of their time» is the bulk of one thing, no ranking
    assert _row("What takes up most of the time of a rådgiver?", TID) is None
    assert _row("Hvor lenge har færrest vært rådgiver?", TID) == "Mindre enn 1 år 8,3 %"


@pytest.mark.parametrize(
    "question",
    [
        "Hvor mange brukere hadde Viken i 2020?",  # no superlative
        "Hvilken skole har flest elever?",  # nothing the table speaks of
    ],
)
def test_no_row_when_the_table_cannot_say(question: str) -> None:
    assert _row(question, TABELL_1) is None


@pytest.mark.parametrize(
    ("question", "row"),
    [
        ("Hvilket fylke hadde størst økning i antall brukere?", "Oslo 68 2595 69 2595 0 18"),
        (
            "Hvilket fylke mistet flest brukere fra 2019 til 2020?",
            "Viken 6093 5777 8450 8238 337 76",
        ),
        (
            "Hvilket fylke hadde størst nedgang i antall samtaler?",
            "Agder 3598 3373 12891 11306 162 141",
        ),
        ("Hvilket fylke hadde størst endring i antall kurs?", "Viken 6093 5777 8450 8238 337 76"),
    ],
)
def test_the_largest_change_ranks_by_the_groups_first_and_last_year(
    question: str, row: str
) -> None:
    assert _row(question, TABELL_1) == row
    assert _row("Hvilken alder økte mest blant brukerne?", TABELL_2) == "30–49 49 % 52 %"
    assert _row("Hvor lenge har flest økte vært rådgiver?", TID) is None  # one year only


def _changed(question: str, table: str) -> list[str]:
    return [table[a:b] for a, b in changed_rows(question, table, set(terms(question)))]


def test_the_rows_that_rose_or_fell_are_those_the_question_asks_for() -> None:
    viken, oslo, agder = TABELL_1.split("\n")[3:6]
    assert _changed("Økte noen fylker antallet kurs og gruppeveiledninger?", TABELL_1) == [oslo]
    assert _changed("Hvilke fylker fikk færre brukere i 2020?", TABELL_1) == [viken, agder]
    assert _changed("Which counties lost users?", TABELL_1) == []  # nothing the table names
    assert _changed("Which counties lost brukere?", TABELL_1) == [viken, agder]
    # not a list of rows: a superlative, a level, a change either way
    assert _changed("Hvilket fylke fikk færrest brukere?", TABELL_1) == []
    assert _changed("Hvilke fylker hadde brukere i 2020?", TABELL_1) == []
    assert _changed("Hvilke fylker endret antall brukere?", TABELL_1) == []
    assert _changed("Hvilke fylker fikk færre brukere?", TID) == []
    assert _changed("Var noen brukere sykmeldte, og i så fall hvor mange?", TABELL_1) == []
    assert _changed("What was the increase in brukere in Oslo?", TABELL_1) == []


def test_two_years_compared_tell_which_way_the_rows_moved() -> None:
    viken, oslo, agder = TABELL_1.split("\n")[3:6]
    fewer = "I hvilke fylker ble det færre veiledningssamtaler i 2020 enn i 2019?"
    assert _changed(fewer, TABELL_1) == [viken, agder]  # «samtaler» in a compound
    assert _changed("Hvilke fylker hadde flere brukere i 2019 enn i 2020?", TABELL_1) == [
        viken,
        agder,
    ]
    assert _changed("Which counties had more brukere in 2020 than in 2019?", TABELL_1) == [oslo]
    # «færre enn 100» is a bound, not a change
    assert _changed("Hvilke fylker hadde færre enn 100 kurs i 2020?", TABELL_1) == []


def _past(question: str, table: str) -> list[str]:
    return [table[a:b] for a, b in rows_past(question, table, set(terms(question)))]


def test_the_rows_past_a_bound_are_read_in_the_column_asked_about() -> None:
    viken, oslo, agder = TABELL_1.split("\n")[3:6]
    assert _past("Hvilke fylker passerte 3000 brukere i 2020?", TABELL_1) == [viken, agder]
    assert _past("Hvilke fylker passerte 3000 brukere i 2019?", TABELL_1) == [viken, agder]
    assert _past("Hvilke fylker hadde over 2 600 brukere i 2020?", TABELL_1) == [viken, agder]
    assert _past("kurs 2020 – hvilke fylker lå over 100?", TABELL_1) == [agder]
    assert _past("Hvilke fylker hadde under 100 kurs i 2019?", TABELL_1) == [oslo]
    assert _past("Which counties had more than 5,000 samtaler in 2020?", TABELL_1) == [
        viken,
        agder,
    ]
    assert _past("Hvilke aldersgrupper hadde over 30 % i 2020?", TABELL_2) == ["30–49 49 % 52 %"]
    # one county asked for, in bokmål or nynorsk
    assert _past("Hvilket fylke hadde under 100 brukere i 2019?", TABELL_1) == [oslo]
    assert _past("Kva fylke hadde under 100 brukarar i 2019?", TABELL_1) == [oslo]
    # no bound, no list, or a bound that is an age
    assert _past("Hvilke fylker hadde brukere i 2020?", TABELL_1) == []
    assert _past("Hadde Viken over 3000 brukere i 2020?", TABELL_1) == []
    assert _past("Hvilke tilbud er det for brukere over 50 år?", TABELL_2) == []


def _in_span(question: str, table: str) -> list[str]:
    return [table[a:b] for a, b in rows_in_span(question, table)]


def test_the_rows_labelled_by_years_past_the_questions_span() -> None:
    long_tid = TID.replace("\n\n", "\n11-20 år 23 %\nMer enn 31 år 1,2 %\n\n")
    assert _in_span("Hvor stor andel hadde mer enn ti års erfaring?", long_tid) == [
        "11-20 år 23 %",
        "Mer enn 31 år 1,2 %",
    ]
    assert _in_span("Hvor mange prosent hadde under 6 års erfaring?", long_tid) == [
        "Mindre enn 1 år 8,3 %",
        "1-5 år 35,4 %",
    ]
    assert _in_span("Hvor stor andel av brukerne var under 25 år?", TABELL_2) == ["21–24 20 % 19 %"]
    # no amount asked, no span of years, or a table of other rows
    assert _in_span("Hvilke tilbud finnes for dem over 30 år?", TABELL_2) == []
    assert _in_span("Hvor stor andel av brukerne var menn?", TABELL_2) == []
    assert _in_span("Hvor stor andel var over 30 år?", TABELL_1) == []
    # a bound that is a row's label names that row, no span of rows
    assert _in_span("Hvor mange prosent hadde mindre enn 1 år?", TID) == []


def test_a_table_is_spoken_of_by_its_caption_inside_a_compound() -> None:
    question = "Hvor stor andel av skolerådgiverne hadde mer enn ti års erfaring?"
    assert spoken_of(question, TID) > spoken_of(question, TABELL_2)
    assert spoken_of("Hvor gamle var brukerne?", TABELL_2) > spoken_of("Hvor gamle?", TABELL_2)


def test_a_bound_is_no_figure_the_report_must_name() -> None:
    assert without_bound("Hvilke fylker passerte 2000 brukere i 2020?") == (
        "Hvilke fylker passerte  brukere i 2020?"
    )
    assert without_bound("Hvilke fylker hadde over 2 000 brukere?") == (
        "Hvilke fylker hadde over  brukere?"
    )
    assert without_bound("Hvor mange brukere hadde over 2000 samtaler?") == (
        "Hvor mange brukere hadde over 2000 samtaler?"  # asks no rows
    )


def _hits(*passages: Passage) -> list[Hit]:
    return [Hit(passage=p, score=1.0, rank=r) for r, p in enumerate(passages, start=1)]


def test_a_table_is_introduced_by_a_top_passage_of_its_section_naming_it() -> None:
    table = passage("t", TABELL_1, kind="table")
    prose = passage(
        "p", "Tabell 1 viser antall brukere og gjennomførte aktiviteter fordelt på fylke."
    )
    other = passage("o", "Karrieresentrene hadde mange brukere.")
    assert introduced(table, _hits(other, prose))
    assert not introduced(table, _hits(other))  # no top passage names it
    # «Tabell 1» of another section is another table
    assert not introduced(table, _hits(passage("x", prose.text, number="4.2", title="Rådgivere")))
    # only the top hits bring their table along
    assert not introduced(table, _hits(other, other, other, prose))
    assert not introduced(passage("u", "Viken 6093 5777", kind="table"), _hits(prose))  # no caption


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("Hvor mange flere unike brukere fikk Agder i 2020 enn året før?", True),
        ("Hvor stor andel av brukerne hadde fullført grunnskole?", False),  # Tabell 2's row
        ("Hvor mange samtaler hadde Oslo?", True),
        ("Hvordan samarbeider Agder med NAV?", False),  # no amount asked
        ("Hvor mange rådgivere i Agder?", False),  # Tabell 1 counts no counsellors
        # «fylker» and «antall» say how the table is laid out, not what it counts
        ("Hvor mange fylker slo sammen Agder?", False),
        ("Hvor mange brukere hadde karrieresentrene?", False),  # no row named
        ("Hvor mange brukere hadde OsloMet?", False),  # Oslo with more than an ending
        # a change or «tallet» asks an amount too
        ("Gikk tallet på kurs i Agder ned?", True),
        ("Økte samtalene i Oslo i 2020?", True),
    ],
)
def test_a_table_is_named_by_a_row_and_what_it_counts(question: str, named: bool) -> None:
    table = passage("t", TABELL_1, kind="table")
    assert names_a_row(table, question, set(terms(question))) is named
    assert not names_a_row(passage("p", TABELL_1), question, set(terms(question)))  # prose


@pytest.mark.parametrize(
    ("question", "named"),
    [
        # its numbers and words name the row; the caption below says what it counts
        ("Blant skolerådgiverne, hvor mange hadde 6–10 års erfaring?", True),
        ("Hvor mange rådgivere hadde 1-5 år bak seg?", True),
        ("Hvor mange rådgivere hadde 6–10 elever?", False),  # «år» not named
        ("Hvor mange elever hadde 6–10 års skolegang?", False),  # it counts no pupils
    ],
)
def test_a_row_of_numbers_is_named_by_its_numbers_and_words(question: str, named: bool) -> None:
    table = passage("t", TID, kind="table")
    assert names_a_row(table, question, set(terms(question))) is named


def test_a_row_is_named_without_its_note_in_brackets() -> None:
    table = passage(
        "t",
        "Skoletrinn Antall Prosent\nUngdomstrinn (8.-10. trinn) 612 52,8 %\n\n"
        "Kilde: Tabell 1. Rådgivere fordelt på skoletrinn",
        kind="table",
    )
    question = "Hvor mange rådgivere fra ungdomstrinnet svarte?"
    assert names_a_row(table, question, set(terms(question)))


def test_a_table_speaks_of_the_rows_whose_words_or_numbers_are_asked() -> None:
    assert speaks_of_rows(passage("t", TABELL_2, kind="table"), set(terms("brukere over 30")))
    assert speaks_of_rows(passage("t", TABELL_1, kind="table"), set(terms("brukere i Agder")))
    # a common word of a label is not the row: «rådgivning» of «Sosialpedagogisk rådgivning»
    funksjon = passage(
        "f", "Begge deler 49 % 65 %\nSosialpedagogisk rådgivning 11 % 15,5 %", kind="table"
    )
    assert not speaks_of_rows(funksjon, set(terms("rådgivere i kartleggingen av rådgivningen")))
    assert not speaks_of_rows(passage("t", TABELL_1, kind="table"), set(terms("6–10 års erfaring")))
    assert not speaks_of_rows(passage("p", TABELL_1), set(terms("Oslo")))  # prose has no rows


def test_the_header_is_the_caption_and_column_lines_before_the_first_row() -> None:
    assert header(TABELL_1) == (
        "Tabell 1: Antall brukere, samtaler og kurs- gruppeveiledninger fordelt på fylker, "
        "2019-2020\nAntall unike brukere Antall gjennomførte samtaler Antall kurs og "
        "gruppeveiledninger\n2019 2020 2019 2020 2019 2020"
    )
    # a block's heading further down («Kjønn») heads other rows, not the table
    assert header(TABELL_2) == (
        "Tabell 2: Alder, utdanningsbakgrunn og brukerne av karrieresentrene, 2019-2020\n"
        "Alder 2019 2020"
    )
