"""rag/answer.py: the extractive answerer's contracts — verbatim quotes, consistent `[n]`
markers, refusals when the evidence does not name what the question names, tables quoted
with their caption and header — asserted as behaviour, not as weights or scores.

Hits are built by hand; the query vector comes from the fake embedder."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

from rag.answer import (
    ENGLISH_LEAD,
    REFUSAL,
    REFUSAL_EN,
    Draft,
    ExtractiveAnswerer,
    _footnote,
    _own_specifics,
    _repeats,
    _row_terms,
    _Unit,
    _with_preceding,
    _without_years,
    specifics,
)
from rag.glossary import gloss
from rag.retrieve import Retrieval
from rag.settings import Settings
from rag.text import NOTE_MARKER, is_english, terms
from rag.types import Hit, Passage
from tests.conftest import passage

MARKER = re.compile(r"\[(\d+)\]")

TABLE = (
    "Tabell 1: Antall brukere fordelt på fylker, 2019-2020\n"
    "Antall unike brukere\n"
    "2019 2020\n"
    "Viken 6093 5777\n"
    "Oslo 68 2595\n"
    "Kilde: X"
)


def hits_of(passages: Sequence[Passage]) -> list[Hit]:
    """Hits in the given order, with falling scores, as retrieval would rank them."""
    return [Hit(p, 1.0 / (60 + r), r, r, r) for r, p in enumerate(passages, start=1)]


def query_terms(question: str) -> list[str]:
    """What the retriever hands the answerer (English questions get their Norwegian gloss)."""
    extra = gloss(question) if is_english(question) else ""
    return terms(f"{question} {extra}")


def ask(
    embedder: Embeddings,
    question: str,
    passages: Sequence[Passage],
    settings: Settings | None = None,
    said: Sequence[str] = (),
) -> tuple[Draft, list[Hit]]:
    settings = settings or Settings(refusal_threshold=-1.0, refusal_threshold_en=-1.0)
    hits = hits_of(passages)
    df: dict[str, int] = {}
    for p in passages:
        for t in set(terms(p.text)):
            df[t] = df.get(t, 0) + 1
    answerer = ExtractiveAnswerer(embedder, settings, df, len(passages))
    retrieval = Retrieval(hits, embedder.embed_query(question), question)
    return answerer.answer(question, retrieval, query_terms(question), said), hits


def body_of(draft: Draft) -> str:
    return draft.text.removeprefix(ENGLISH_LEAD).lstrip("\n")


def segments(draft: Draft) -> list[tuple[str, int]]:
    """(quoted text, n) for each `[n]` marker: the text between the previous marker and it."""
    out, last = [], 0
    body = body_of(draft)
    for match in MARKER.finditer(body):
        out.append((body[last : match.start()].strip(), int(match.group(1))))
        last = match.end()
    assert not body[last:].strip(), f"text after the last marker: {body[last:]!r}"
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def assert_well_cited(draft: Draft, hits: Sequence[Hit], answer_passages: int = 5) -> None:
    """Every contract an answer (that is not a refusal) must keep."""
    assert not draft.refused
    assert draft.citations
    by_n = {c.n: c for c in draft.citations}
    assert len(by_n) == len(draft.citations), "two citations share a number"
    # n counts passages 1, 2, … in order of first use
    assert sorted(by_n) == list(range(1, len(by_n) + 1))
    first_use = list(dict.fromkeys(n for _, n in segments(draft)))
    assert first_use == list(range(1, len(by_n) + 1))
    # markers and citations match both ways
    assert {n for _, n in segments(draft)} == set(by_n)
    # one passage, one number
    assert len({c.passage.id for c in draft.citations}) == len(draft.citations)
    # citations only point to passages the answerer read
    read = {h.passage.id for h in hits[:answer_passages]}
    assert {c.passage.id for c in draft.citations} <= read
    for citation in draft.citations:
        assert citation.quote
        assert citation.quote in citation.passage.text, citation
    for quoted, n in segments(draft):
        text = by_n[n].passage.text
        assert quoted, f"marker [{n}] has no text before it"
        for line in quoted.split("\n"):
            assert line.strip() in text, f"{line!r} is not verbatim in passage [{n}]"
        assert squash(quoted) in squash(text)


def assert_refused(draft: Draft, english: bool = False) -> None:
    assert draft.refused
    assert draft.citations == ()
    assert not MARKER.search(draft.text)
    assert REFUSAL in draft.text
    if english:
        assert REFUSAL_EN in draft.text
    else:
        assert draft.text == REFUSAL


# --- citations -----------------------------------------------------------------------------

USERS = [
    passage("3.1-00", "Karrieresentrene hadde 23 636 brukere i 2020. Brukerne var fornøyde."),
    passage("6-00", "NAV gir karriereorientert veiledning til arbeidssøkere.", "6", "NAV"),
    passage("4-00", "Skolene har rådgivere som gir elevene veiledning.", "4", "Skoler"),
]
COUNTIES = [
    passage("2.1-00", "Viken hadde 5777 brukere i 2020. Viken har tre kontorer."),
    passage("2.2-00", "Senteret i Oslo åpnet i 2020 med 2595 brukere.", "2.2", "Oslo"),
    passage("4-00", "Skolene har rådgivere som gir elevene veiledning.", "4", "Skoler"),
]
SCHOOLS = [
    passage(
        "4-00",
        "Rådgiverne i skolen har mange oppgaver. De gir elevene veiledning om utdanningsvalg. "
        "De samarbeider med lærerne og foreldrene.",
        "4",
        "Skoler",
    ),
    passage("4-01", "Rådgiverne har ofte liten tid til hver elev.", "4", "Skoler"),
    passage("6-00", "NAV gir karriereorientert veiledning til arbeidssøkere.", "6", "NAV"),
]
CASES = [
    ("Hvor mange brukere hadde karrieresentrene i 2020?", USERS),
    ("How many users did the career centres have in 2020?", USERS),
    ("Hvor mange brukere hadde Viken og Oslo i 2020?", COUNTIES),
    ("Hvilke oppgaver har rådgiverne i skolen?", SCHOOLS),
    ("Hva gjør NAV?", USERS),
    ("Finnes det karriereveiledning i skolen?", SCHOOLS),
    ("Hvor mange brukere hadde Viken?", [passage("t", TABLE, "3.1", "Brukere", "table")]),
]


@pytest.mark.parametrize(("question", "passages"), CASES, ids=[q for q, _ in CASES])
def test_answers_are_verbatim_and_cited(
    fake_embedder: Embeddings, question: str, passages: list[Passage]
) -> None:
    draft, hits = ask(fake_embedder, question, passages)
    assert_well_cited(draft, hits)


def test_n_counts_passages_in_order_of_first_use(fake_embedder: Embeddings) -> None:
    # the question needs both counties, so two passages are cited
    draft, hits = ask(fake_embedder, "Hvor mange brukere hadde Viken og Oslo i 2020?", COUNTIES)
    assert_well_cited(draft, hits)
    assert len(draft.citations) == 2
    [(first_text, first_n), *_] = segments(draft)
    assert first_n == 1
    assert first_text in draft.citations[0].passage.text
    assert "5777" in draft.text and "2595" in draft.text


def test_numbering_does_not_follow_the_retrieval_rank(fake_embedder: Embeddings) -> None:
    # the best evidence may come from a lower-ranked passage: it is still [1]
    draft, hits = ask(fake_embedder, "Hvor mange brukere hadde Oslo i 2020?", COUNTIES)
    assert_well_cited(draft, hits)
    assert draft.citations[0].passage.id == "rapport#2.2-00"
    assert segments(draft)[0][1] == 1


def test_only_the_passages_the_answerer_reads_are_cited(fake_embedder: Embeddings) -> None:
    settings = Settings(refusal_threshold=-1.0, refusal_threshold_en=-1.0, answer_passages=1)
    passages = [COUNTIES[2], COUNTIES[0], COUNTIES[1]]
    draft, hits = ask(fake_embedder, "Hvilke skoler har rådgivere?", passages, settings)
    assert_well_cited(draft, hits, answer_passages=1)
    assert {c.passage.id for c in draft.citations} == {"rapport#4-00"}


def test_english_questions_get_the_english_lead(fake_embedder: Embeddings) -> None:
    draft, hits = ask(fake_embedder, "How many users did the career centres have in 2020?", USERS)
    assert_well_cited(draft, hits)
    assert draft.text.startswith(ENGLISH_LEAD + "\n")
    assert ENGLISH_LEAD == "The report says:"
    assert "23 636" in draft.text


def test_norwegian_questions_get_no_english_lead(fake_embedder: Embeddings) -> None:
    draft, _ = ask(fake_embedder, "Hvor mange brukere hadde karrieresentrene i 2020?", USERS)
    assert not draft.refused
    assert ENGLISH_LEAD not in draft.text
    assert draft.text.startswith("Karrieresentrene hadde 23 636 brukere i 2020.")


def test_an_english_question_gets_the_room_of_a_list() -> None:
    # four equally close sentences: a Norwegian question quotes the ordinary three at most,
    # an English one (its Norwegian quotes chosen across languages) up to a list's four
    sentences = [
        "Rådgiverne i Agder hadde samtaler med elevene.",
        "Rådgiverne i Oslo underviste i utdanningsvalg.",
        "Rådgiverne i Viken samarbeidet med NAV.",
        "Rådgiverne i Nordland arrangerte karrieremesser.",
    ]
    text = " ".join(sentences)
    embedder = _Near({"Rådgiverne": 0.9})
    settings = Settings(refusal_threshold=-1.0, refusal_threshold_en=-1.0)
    assert settings.max_sentences < settings.max_list_sentences == len(sentences)
    norwegian, _ = ask(embedder, "Hva gjør rådgiverne?", [passage("4-00", text)], settings)
    english, _ = ask(embedder, "What do the counsellors do?", [passage("4-00", text)], settings)
    assert sum(s in norwegian.text for s in sentences) == settings.max_sentences
    assert sum(s in english.text for s in sentences) == settings.max_list_sentences


def test_the_same_statement_is_quoted_once(fake_embedder: Embeddings) -> None:
    sentence = "Karrieresentrene hadde 23 636 brukere i 2020."
    passages = [
        passage("sammendrag-00", f"{sentence} NAV har mange kontorer.", "", "SAMMENDRAG"),
        passage("3.1-00", f"{sentence} Brukerne var fornøyde."),
    ]
    draft, hits = ask(fake_embedder, "Hvor mange brukere hadde karrieresentrene i 2020?", passages)
    assert_well_cited(draft, hits)
    assert draft.text.count(sentence) == 1


def test_a_restatement_in_the_summary_is_quoted_once(fake_embedder: Embeddings) -> None:
    passages = [
        passage("3.1-00", "Karrieresentrene hadde til sammen 23 636 brukere i 2020."),
        passage("sammendrag-00", "I 2020 hadde karrieresentrene 23 636 brukere.", "", "SAMMENDRAG"),
    ]
    draft, hits = ask(fake_embedder, "Hvor mange brukere hadde karrieresentrene i 2020?", passages)
    assert_well_cited(draft, hits)
    assert draft.text.count("23 636") == 1


def test_a_sentence_pointing_forward_brings_what_it_announces(fake_embedder: Embeddings) -> None:
    text = (
        "Nord universitet tilbyr for øyeblikket to rådgivingsstudier på masternivå. "
        "Dette er Rådgivning 1 og Rådgivning 2, begge på 30 studiepoeng. "
        "Ansatte ved skoler søker ofte. Opptaket skjer hver høst."
    )
    draft, hits = ask(
        fake_embedder, "Hvilke rådgivingsstudier tilbyr Nord universitet?", [passage("10-00", text)]
    )
    assert_well_cited(draft, hits)
    assert "tilbyr for øyeblikket to rådgivingsstudier" in draft.text
    assert "Dette er Rådgivning 1 og Rådgivning 2" in draft.text


@pytest.mark.parametrize(
    ("text", "question", "section", "quoted"),
    [
        (  # a quote announcing what the next sentence tells brings that sentence
            "Undersøkelsen ble sendt til 53 rådgivere. "
            "Det fremkommer av undersøkelsen hvem rådgiverne samarbeidet mest med. "
            "Det var tettest med avdelingsleder og lærere i fengselsskolen.",
            "Hvem samarbeidet rådgiverne mest med ifølge undersøkelsen?",
            ("8.3", "Samarbeid"),
            ["hvem rådgiverne samarbeidet mest med", "avdelingsleder og lærere"],
        ),
        (  # a quote opening with «Dette …» brings the sentence it points back to
            "Opptaket skjer hver høst. Rambøll evaluerte utprøvingen i tre mottak. "
            "Dette ga grunnlag for konklusjonen om passivisering og integrering.",
            "Hva ga grunnlag for konklusjonen om passivisering og integrering?",
            ("7.2", "Evaluering"),
            ["Rambøll evaluerte utprøvingen i tre mottak. Dette ga grunnlag"],
        ),
    ],
)
def test_a_quote_brings_the_sentence_it_needs(
    fake_embedder: Embeddings,
    text: str,
    question: str,
    section: tuple[str, str],
    quoted: list[str],
) -> None:
    number, title = section
    draft, hits = ask(fake_embedder, question, [passage(f"{number}-00", text, number, title)])
    assert_well_cited(draft, hits)
    for words in quoted:
        assert words in draft.text, draft.text


def test_a_source_line_is_never_brought_as_a_referent(fake_embedder: Embeddings) -> None:
    text = (
        "Kilde: Kompetanse Norge, brukerundersøkelsen 2020, s. 9.\n"
        "De aller fleste brukerne var fornøyd med ventetiden og åpningstidene."
    )
    draft, hits = ask(
        fake_embedder, "Var brukerne fornøyd med ventetiden?", [passage("3.1-05", text)]
    )
    assert_well_cited(draft, hits)
    assert "De aller fleste brukerne var fornøyd" in draft.text
    assert "Kilde" not in draft.text


# --- tables --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["Hvor mange brukere hadde Viken?", "How many unique users did Viken have in 2020?"],
)
def test_a_table_row_comes_with_its_caption_and_header(
    fake_embedder: Embeddings, question: str
) -> None:
    table = passage("3.1-01", TABLE, "3.1", "Bruken av tilbudet", "table")
    draft, hits = ask(fake_embedder, question, [table])
    assert_well_cited(draft, hits)
    lines = body_of(draft).split("\n")
    plain = [MARKER.sub("", line).strip() for line in lines]
    assert plain[:3] == [
        "Tabell 1: Antall brukere fordelt på fylker, 2019-2020",
        "Antall unike brukere",
        "2019 2020",
    ]
    assert "Viken 6093 5777" in plain
    assert plain.index("Viken 6093 5777") > 2
    assert not any(line.startswith("Oslo") for line in plain)
    assert "Kilde" not in draft.text
    [citation] = draft.citations
    assert citation.quote.startswith("Tabell 1:")
    assert "Viken 6093 5777" in citation.quote


def test_a_table_row_is_chosen_by_its_label(fake_embedder: Embeddings) -> None:
    table = passage("3.1-01", TABLE, "3.1", "Bruken av tilbudet", "table")
    draft, hits = ask(fake_embedder, "Hvor mange unike brukere hadde Oslo?", [table])
    assert_well_cited(draft, hits)
    assert "Oslo 68 2595" in draft.text
    assert "Viken 6093 5777" not in draft.text
    assert "Antall unike brukere" in draft.text


def test_a_row_of_a_table_captioned_below_brings_the_caption_after_it(
    fake_embedder: Embeddings,
) -> None:
    text = (
        "Mindre enn 1 år 8,3 %\n1-5 år 35,4 %\n6-10 år 27,4 %\n\n"
        "Kilde: Tabell 2. Tid som rådgiver (N=1167)"
    )
    table = passage("4.2-05", text, "4.2", "Undersøkelse av karriereveiledning", "table")
    draft, hits = ask(fake_embedder, "Tid som rådgiver: hvor mange i 6-10 år?", [table])
    assert_well_cited(draft, hits)
    assert "6-10 år 27,4 %" in draft.text
    assert draft.text.index("6-10 år") < draft.text.index("Kilde: Tabell 2. Tid som rådgiver")


def test_a_superlative_is_not_read_from_a_table_that_lacks_what_is_asked(
    fake_embedder: Embeddings,
) -> None:
    settings = Settings(refusal_threshold=-1.0, refusal_threshold_en=-1.0, answer_passages=1)
    prose = passage("4.5-00", "Av fylkene hadde Agder høyest skår på Vg1, 3,7.", "4.5", "Elevene")
    table = passage("2.1-00", TABLE, kind="table")  # counties and years, but no scores
    question = "Hvilket fylke hadde høyest skår på Vg1?"
    draft, hits = ask(fake_embedder, question, [prose, table], settings)
    assert_well_cited(draft, hits, answer_passages=1)
    assert "3,7" in draft.text and "Viken" not in draft.text


def test_a_year_in_a_tables_header_answers_for_its_rows(fake_embedder: Embeddings) -> None:
    # the row «Oslo 68 2595» names no year; its table's header does
    table = passage("3.1-01", TABLE, "3.1", "Bruken av tilbudet", "table")
    draft, _ = ask(fake_embedder, "Oslo brukere 2020", [table])
    assert not draft.refused, draft.text
    assert "Oslo 68 2595" in draft.text


# --- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Hvor mange brukere hadde karrieresentrene i 2022?",  # a year
        "Hvor mange brukere hadde karrieresenteret i Finnmark?",  # a county
        "Hva sa Hansen om karrieresentrene?",  # a name
        "Hva sier RiO om rådgiverne?",  # an acronym
        "Hvor mange brukere hadde karrieresentrene i Vg3?",  # a code
    ],
)
def test_a_question_naming_what_no_hit_mentions_is_refused(
    fake_embedder: Embeddings, question: str
) -> None:
    draft, _ = ask(fake_embedder, question, USERS)
    assert_refused(draft)


@pytest.mark.parametrize(
    "question",
    [
        "How many users did the career centre in Finnmark have in 2020?",
        "How many users did the career centres have in 2022?",
    ],
)
def test_an_english_refusal_says_so_in_english(fake_embedder: Embeddings, question: str) -> None:
    draft, _ = ask(fake_embedder, question, USERS)
    assert_refused(draft, english=True)
    assert draft.text.startswith(REFUSAL_EN)
    assert REFUSAL_EN == "The report does not seem to answer this."


def test_refusal_sentence_is_the_contract() -> None:
    assert REFUSAL == "Rapporten ser ikke ut til å svare på dette."


def test_a_year_found_only_away_from_the_named_county_is_refused(
    fake_embedder: Embeddings,
) -> None:
    passages = [
        passage("2.1-00", "Finnmark hadde 752 brukere i 2019."),
        passage("2.2-00", "I 2022 kom en ny lov.", "2.2", "Lov"),
    ]
    draft, _ = ask(fake_embedder, "Hvor mange brukere hadde Finnmark i 2022?", passages)
    assert_refused(draft)


def test_a_table_row_for_other_years_does_not_answer_a_year_the_table_lacks(
    fake_embedder: Embeddings,
) -> None:
    # a source line elsewhere names Viken and 2021 together; the table has 2019 and 2020 only
    note = passage("3.1-fn", "21 Kilde Viken: Fylkeskommunens arbeid (2021).", kind="footnotes")
    table = passage("3.1-00", TABLE, kind="table")
    draft, _ = ask(fake_embedder, "Hvor mange brukere hadde Viken i 2021?", [table, note])
    assert_refused(draft)
    draft, hits = ask(fake_embedder, "Hvor mange brukere hadde Viken i 2020?", [table, note])
    assert_well_cited(draft, hits)
    assert "5777" in draft.text


def test_the_year_together_with_the_county_is_answered(fake_embedder: Embeddings) -> None:
    passages = [
        passage("2.1-00", "Finnmark hadde 752 brukere i 2019."),
        passage("2.2-00", "I 2022 kom en ny lov.", "2.2", "Lov"),
    ]
    draft, hits = ask(fake_embedder, "Hvor mange brukere hadde Finnmark i 2019?", passages)
    assert_well_cited(draft, hits)
    assert "752" in draft.text


@pytest.mark.parametrize(
    "question",
    [
        "Hva var skåren i Elevundersøkelsen i 2018?",
        "Kva skåra elevane i Elevundersøkinga i 2018-19?",  # nynorsk name, a school year
    ],
)
def test_a_year_inside_a_span_the_report_gives_is_answered(
    fake_embedder: Embeddings, question: str
) -> None:
    text = "I Elevundersøkelsen var skåren 3,8 fra årene 2014-15 til 2020-2021."
    draft, hits = ask(fake_embedder, question, [passage("4.5-00", text, "4.5", "Elevene")])
    assert_well_cited(draft, hits)
    assert "3,8" in draft.text


def test_a_how_many_question_without_a_count_in_the_evidence_is_refused(
    fake_embedder: Embeddings,
) -> None:
    passages = [
        passage("3.1-00", "Karrieresentrene gir veiledning til voksne. Brukerne er fornøyde."),
        passage("3.2-00", "Sentrene samarbeider med NAV og skolene.", "3.2", "Samarbeid"),
    ]
    draft, _ = ask(fake_embedder, "Hvor mange brukere hadde karrieresentrene?", passages)
    assert_refused(draft)


def test_a_table_row_the_question_names_holds_the_asked_share(fake_embedder: Embeddings) -> None:
    # prose on the subject ranks above the row, but only the row the question names has a share
    prose = passage(
        "3.1-00",
        "En stor andel av brukerne hadde høyere utdanning. "
        "Hvor stor andel av brukerne hadde fagbrev, varierte. "
        "En stor andel av brukerne hadde jobb. "
        "Andel av brukerne som hadde studert, var stor.",
    )
    table = passage(
        "3.1-01",
        "Tabell 2: Utdanning blant brukerne\nUtdanning 2019 2020\n"
        "Fullført grunnskole 35 % 31 %\nFullført mastergrad 4 % 5 %",
        kind="table",
    )
    draft, hits = ask(
        fake_embedder, "Hvor stor andel av brukerne hadde mastergrad?", [prose, table]
    )
    assert_well_cited(draft, hits)


def test_a_row_labelled_by_numbers_is_chosen_by_them(fake_embedder: Embeddings) -> None:
    table = passage(
        "3.1-01",
        "Tabell 2: Alder blant brukerne\nAlder 2019 2020\nUnder 20 år % 4 %\n21–24 20 % 19 %\n"
        "30–49 49 % 52 %\n50 og eldre 7 % 7 %",
        kind="table",
    )
    draft, hits = ask(fake_embedder, "Hvor mange prosent av brukerne var 30-49 år?", [table])
    assert_well_cited(draft, hits)
    assert "30–49 49 % 52 %" in draft.text
    assert "21–24" not in draft.text


def test_years_asked_of_something_else_name_no_row_of_years(fake_embedder: Embeddings) -> None:
    text = (
        "Nord Universitet tilbyr to rådgivingsstudier. Det tas opp 40 studenter pr år.\n\n"
        "Mindre enn 1 år 8,3 %\n1-5 år 35,4 %\nMer enn 31 år 1,2 %\n\n"
        "Kilde: Tabell 2. Tid som rådgiver (N=1167)"
    )
    table = passage("4.2-03", text, "4.2", "Undersøkelse", "table")
    draft, hits = ask(fake_embedder, "Hvor mange studenter tar Nord opp hvert år?", [table])
    assert_well_cited(draft, hits)
    assert "40 studenter" in draft.text
    assert "31 år" not in draft.text  # «hvert år» names none of the rows; «1-5 år» would


TABELL_4 = (
    "Funksjon fordelt på trinn Hele utvalget\n(N=1149)\n\nVideregående trinn\n(N=528)\n\n"
    "Ungdomstrinn\n(N=609)\n\nBegge deler 49 % 65 % 36 %\n"
    "Utdannings – og yrkesrådgivning 37 % 16,5 % 55 %\n"
    "Sosialpedagogisk rådgivning 11 % 15,5 % 8 %\n\n"
    "Kilde: Tabell 4 Rådgiverfunksjon for hele utvalget og skoleslag"
)


def test_both_names_the_row_both_and_the_whole_header_comes_along(
    fake_embedder: Embeddings,
) -> None:
    table = passage("4.2-05", TABELL_4, "4.2", "Undersøkelse", "table")
    question = "Hvor stor andel av rådgiverne har både den ene og den andre funksjonen?"
    draft, hits = ask(fake_embedder, question, [table])
    assert_well_cited(draft, hits)
    assert "Begge deler 49 % 65 % 36 %" in draft.text
    # every column name, also the one-word «Ungdomstrinn» between two «(N=…)» lines
    header = draft.text.split("Begge deler")[0]
    for column in ("Hele utvalget", "(N=1149)", "Videregående trinn", "Ungdomstrinn", "(N=609)"):
        assert column in header, draft.text


def test_a_sentence_holding_the_asked_share_joins_prose_that_lacks_it() -> None:
    prose = "Det var flere i alderskategorien 30-49 år i 2020 enn i 2019."
    row = "30–49 49 % 52 %"
    other = "Brukerne var fornøyde."
    units = [
        _Unit(Hit(passage(f"3.1-0{i}", t), 0.0, 1), 0, len(t))
        for i, t in enumerate((prose, row, other))
    ]
    scores = np.array([6.9, 6.5, 6.8], dtype=np.float32)
    hits = [u.hit for u in units]
    chosen = ExtractiveAnswerer._with_asked_fact(
        "andel brukere 30-49 år", units[:1], units, scores, 0, hits
    )
    assert [u.text for u in chosen] == [prose, row]
    # far behind, or nothing asked for: the best stands alone
    far = np.array([6.9, 5.0, 6.8], dtype=np.float32)
    assert (
        ExtractiveAnswerer._with_asked_fact("andel brukere", units[:1], units, far, 0, hits)
        == units[:1]
    )
    assert (
        ExtractiveAnswerer._with_asked_fact("Hva sa brukerne?", units[:1], units, scores, 0, hits)
        == units[:1]
    )


def test_a_comparison_gets_the_best_sentence_of_a_second_section_close_behind() -> None:
    school = "På ungdomstrinnet var gjennomsnittlig stillingsandel 37 prosent."
    same = "På videregående var tilsvarende andel 60 prosent."
    prison = "Mer enn 60 prosent hadde mindre enn halv stilling i fengselsundervisningen."
    units = [
        _Unit(Hit(passage(pid, t, pid.split("-")[0]), 0.0, 1), 0, len(t))
        for pid, t in (("4.2-00", school), ("4.2-01", same), ("8.2-00", prison))
    ]
    scores = np.array([6.9, 6.8, 6.7], dtype=np.float32)
    question = "Har rådgiverne i skolen og i fengslene full stilling?"
    chosen = ExtractiveAnswerer._with_second_place(question, units[:2], units, scores, 0)
    assert [u.text for u in chosen] == [school, same, prison]
    # one place asked about, or the other place far behind: nothing is added
    one = "Har rådgiverne i skolen full stilling?"
    assert ExtractiveAnswerer._with_second_place(one, units[:2], units, scores, 0) == units[:2]
    far = np.array([6.9, 6.8, 6.0], dtype=np.float32)
    assert ExtractiveAnswerer._with_second_place(question, units[:2], units, far, 0) == units[:2]


def test_a_near_tie_in_another_passage_is_quoted_before_the_best_ones_neighbours(
    fake_embedder: Embeddings,
) -> None:
    best = "Det var 3 250 samtaler på karriereveiledning.no i 2020."
    beside = ("Av disse foregikk 20 prosent på telefon.", "Av brukerne var 17 prosent ledige.")
    tie = "Av de 583 som chattet, var 98,5 prosent fornøyde og ga en «tommel opp»."
    first = passage("2.2-03", " ".join((best, *beside)))
    hits = [Hit(first, 1.0, 1), Hit(passage("2.2-04", tie), 0.9, 2)]
    start = [first.text.index(t) for t in (best, *beside)]
    units = [_Unit(hits[0], i, i + len(t)) for i, t in zip(start, (best, *beside), strict=True)]
    units.append(_Unit(hits[1], 0, len(tie)))
    answerer = ExtractiveAnswerer(fake_embedder, Settings(max_sentences=3), {}, 2)

    def quoted(tied: float) -> list[str]:
        scores = np.array([5.0, 4.7, 4.6, tied], dtype=np.float32)
        return [u.text for u in answerer._select("Hvor mange?", [], units, scores, 0, hits)]

    assert tie in quoted(4.97)  # as close as a tie: quoted as if it stood beside the best
    assert tie not in quoted(4.8)  # further behind: the best one's neighbours come first


def test_a_row_is_no_repeat_of_prose_sharing_its_numbers() -> None:
    # the prose names the age group and the years; only the row holds the shares
    prose = "Det var flere brukere i alderskategorien 30-49 år i 2020 enn i 2019."
    row = "30–49 49 % 52 %"
    a, b = (
        _Unit(Hit(passage(f"3.1-0{i}", t), 0.0, 1), 0, len(t)) for i, t in enumerate((prose, row))
    )
    assert not _repeats(a, b)
    again = "Flere brukere var i alderskategorien 30-49 år i 2020."
    assert _repeats(a, _Unit(Hit(passage("3.1-02", again), 0.0, 1), 0, len(again)))


def test_a_short_sentence_sharing_two_words_is_no_repeat() -> None:
    long = (
        "Kartleggingen viste at antall rådgivere fordelte seg relativt jevnt, da ca. 53 prosent "
        "av respondentene arbeidet på 8.-10. trinn."
    )
    short = "Det var 12 rådgivere som arbeidet på begge skoletrinn."
    a, b = (
        _Unit(Hit(passage(f"4.2-0{i}", t), 0.0, 1), 0, len(t)) for i, t in enumerate((long, short))
    )
    assert not _repeats(a, b)


def test_a_how_many_question_with_a_count_is_answered(fake_embedder: Embeddings) -> None:
    passages = [
        passage("3.1-00", "Karrieresentrene gir veiledning til voksne. Brukerne er fornøyde."),
        passage("3.2-00", "Karrieresentrene hadde 23 636 brukere.", "3.2", "Brukere"),
    ]
    draft, hits = ask(fake_embedder, "Hvor mange brukere hadde karrieresentrene?", passages)
    assert_well_cited(draft, hits)
    assert "23 636" in draft.text


@pytest.mark.parametrize(
    "text",
    [
        "Karrieresentrene ble opprettet i 2015. Brukerne er fornøyde med karrieresentrene.",
        "Brukerne er fornøyde med karrieresentrene.12 Sentrene er åpne.",
    ],
    ids=["a year", "a footnote marker"],
)
def test_a_year_or_footnote_marker_is_not_a_count(fake_embedder: Embeddings, text: str) -> None:
    passages = [
        passage("3.1-00", text),
        passage("3.2-00", "Sentrene samarbeider med NAV og skolene.", "3.2", "Samarbeid"),
    ]
    draft, _ = ask(fake_embedder, "Hvor mange brukere hadde karrieresentrene?", passages)
    assert_refused(draft)


KARRIEREVEILEDNING_NO = passage(
    "2.2-00", "Karriereveiledning.no hadde 3 250 samtaler i 2020.", "2.2", "Direktorat"
)
NEW_LAW = passage("2.4-00", "I 2021 kom en ny lov.", "2.4", "Lov")


def test_a_year_the_closest_evidence_is_not_about_is_refused(fake_embedder: Embeddings) -> None:
    # 2021 stands in a retrieved passage, but not in the one the count comes from
    settings = Settings(refusal_threshold=-1.0, refusal_threshold_en=-1.0, answer_passages=1)
    question = "Hvor mange samtaler hadde karriereveiledning.no i 2021?"
    draft, _ = ask(fake_embedder, question, [KARRIEREVEILEDNING_NO, NEW_LAW], settings)
    assert_refused(draft)


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("Hvor mange samtaler hadde karriereveiledning.no i 2020?", KARRIEREVEILEDNING_NO.text),
        ("Hva var skåren for rådgivning i 2021?", "Skåren for rådgivning var 3,6 i 2020-21."),
    ],
    ids=["the year itself", "a school year spanning it"],
)
def test_a_year_the_closest_evidence_is_about_is_answered(
    fake_embedder: Embeddings, question: str, text: str
) -> None:
    settings = Settings(refusal_threshold=-1.0, refusal_threshold_en=-1.0, answer_passages=1)
    draft, hits = ask(fake_embedder, question, [passage("2.2-00", text), NEW_LAW], settings)
    assert_well_cited(draft, hits, answer_passages=1)


@pytest.mark.parametrize(
    ("question", "refused", "answered"),
    [
        (  # a share, and the evidence gives a count
            "Hvor stor andel av brukerne var kvinner?",
            "Blant brukerne var det 2 500 kvinner.",
            "Blant brukerne var 63 prosent kvinner.",
        ),
        (  # credits, and the evidence counts other things
            "Hvor mange studiepoeng er videreutdanningen?",
            "Videreutdanningen har fire emner og går over 2 år.",
            "Videreutdanningen er på 30 stp. og går over 2 år.",
        ),
        (  # days, written as a word
            "Hvor mange dager varer samlingene?",
            "Det er fire samlinger i løpet av studiet.",
            "Det er fire samlinger a to dager i løpet av studiet.",
        ),
        (  # results of work still going on
            "Hva ble resultatene av evalueringen av integreringsloven?",
            "FAFO evaluerer for tiden integreringsloven i et prosjekt som går til 2023.",
            "Evalueringen av integreringsloven viste at deltakerne fikk mer veiledning.",
        ),
        (  # what the authors say they did not look into, unless they go on to what they found
            "Hvordan svarte høringsinstansene på forslaget?",
            "Departementet sendte forslaget på høring. Vi har ikke gått gjennom høringssvarene.",
            "Vi har ikke gått gjennom høringssvarene, men de fleste høringsinstansene støttet "
            "forslaget.",
        ),
    ],
    ids=["share", "credits", "days", "unfinished", "disclaimer"],
)
def test_a_question_the_evidence_does_not_answer_in_kind_is_refused(
    fake_embedder: Embeddings, question: str, refused: str, answered: str
) -> None:
    other = passage("6-00", "NAV gir karriereorientert veiledning til arbeidssøkere.", "6", "NAV")
    draft, _ = ask(fake_embedder, question, [passage("3.1-00", refused), other])
    assert_refused(draft)
    draft, hits = ask(fake_embedder, question, [passage("3.1-00", answered), other])
    assert_well_cited(draft, hits)


def test_no_close_sentence_is_refused(fake_embedder: Embeddings) -> None:
    # the threshold is on cosine similarity; nothing can beat 1.01
    settings = Settings(refusal_threshold=1.01, refusal_threshold_en=1.01)
    draft, _ = ask(fake_embedder, "Hva gjør NAV?", USERS, settings)
    assert_refused(draft)


def test_no_hits_is_refused(fake_embedder: Embeddings) -> None:
    draft, _ = ask(fake_embedder, "Hva gjør NAV?", [])
    assert_refused(draft)


def test_a_draft_is_plain_data(fake_embedder: Embeddings) -> None:
    draft, _ = ask(fake_embedder, "Hva gjør NAV?", USERS)
    json.dumps({"text": draft.text, "quotes": [c.quote for c in draft.citations]})


def test_a_nynorsk_name_meets_its_bokmal_form(fake_embedder: Embeddings) -> None:
    passages = [
        passage("4.5-00", "I Elevundersøkelsen fikk rådgivning en skår på 3,8.", "4.5", "Elever"),
        passage("3.2-00", "Sentrene samarbeider med NAV og skolene.", "3.2", "Samarbeid"),
    ]
    draft, hits = ask(fake_embedder, "Kva skår fekk rådgiving i Elevundersøkinga?", passages)
    assert_well_cited(draft, hits)
    assert "3,8" in draft.text


def test_a_nynorsk_genitive_name_is_named_by_its_bokmal_form(fake_embedder: Embeddings) -> None:
    text = "Studieseksjonen ved Norges idrettshøgskole tilbyr studie- og karriereveiledning."
    passages = [passage("5-00", text, "5", "Høyere utdanning")]
    question = "Kva eining gir rettleiing ved Noregs idrettshøgskole?"
    draft, _ = ask(fake_embedder, question, passages)
    assert not draft.refused
    assert "Studieseksjonen" in draft.text


# --- specifics -----------------------------------------------------------------------------


def test_specifics_finds_years_numbers_counties_codes_and_acronyms() -> None:
    got = specifics("Hvor mange elever i Vg3 i Viken brukte NAV i 2020, og hvor mange var 3,8?")
    for item in ("2020", "3,8", "Viken", "Vg3", "NAV"):
        assert item in got, item
    assert "Hvor" not in got
    assert "elever" not in got


def test_specifics_finds_proper_names_in_norwegian_questions() -> None:
    got = specifics("Hva sa Hansen om karriereveiledning?")
    assert "Hansen" in got
    assert "Hva" not in got  # the first word is capitalised because it starts the question


def test_specifics_lowercase_county_counts() -> None:
    assert "oslo" in specifics("hvor mange brukere hadde oslo?")


def test_specifics_of_an_acronym_compound_is_the_acronym() -> None:
    # the nynorsk «rettleiarane» is an ordinary word, not a name the report must contain
    assert specifics("Kva gjer NAV-rettleiarane når dei gir rettleiing?") == ["NAV"]
    assert specifics("Hva gjør UH-sektoren?") == ["UH"]
    assert specifics("Når ble HK-dir etablert?") == ["HK-dir"]  # a name of its own
    assert specifics("Hva var Vg1-skåren?") == ["Vg1"]  # a school level and a word


def test_specifics_of_a_school_year_are_its_two_years() -> None:
    assert specifics("Hva var skåren i 2018-19?") == ["2018", "2019"]


def test_specifics_has_no_duplicates() -> None:
    got = specifics("Hadde Viken flere brukere i 2020 enn Viken i 2019 og 2020?")
    assert len(got) == len(set(got))
    assert {"Viken", "2020", "2019"} <= set(got)


def test_specifics_in_english_ignore_capitalised_ordinary_words() -> None:
    got = specifics("How many Norwegian pupils in Oslo talked to NAV in 2019?")
    assert "Norwegian" not in got
    assert {"Oslo", "NAV", "2019"} <= set(got)
    assert specifics("Is the University of Agder's Career Centre open?") == ["Agder"]


def test_specifics_in_english_keep_names_english_does_not_know() -> None:
    question = "How many users did the career centre in Stockholm have?"
    assert specifics(question) == ["Stockholm"]
    assert specifics(question, english_names=False) == []


def test_an_english_question_naming_a_place_the_report_lacks_is_refused(
    fake_embedder: Embeddings,
) -> None:
    users = passage("3.1-00", "Viken hadde 5777 brukere i 2020.")
    draft, _ = ask(fake_embedder, "How many users did the centre in Stockholm have?", [users])
    assert_refused(draft, english=True)


def test_specifics_in_english_keep_codes() -> None:
    assert "Vg3" in specifics("How many pupils in Vg3 had guidance?")


def test_specifics_of_a_plain_question_is_empty() -> None:
    assert specifics("Hva er karriereveiledning?") == []


def test_the_passage_about_the_question_wins_a_tie_of_sentences(
    fake_embedder: Embeddings,
) -> None:
    # the same sentence stands in two passages; only the second is about what was asked
    sentence = "Kurset samlet 40 deltakere i 2020."
    other = passage("3.1-00", f"{sentence} Fylket har mange tilbud til voksne.")
    about = passage("3.2-00", f"Jobbsøking for innvandrere\n{sentence}", number="3.2")
    draft, hits = ask(
        fake_embedder, "Hvor mange deltok på kurset i jobbsøking for innvandrere?", [other, about]
    )
    assert_well_cited(draft, hits)
    assert [c.passage.id for c in draft.citations] == ["rapport#3.2-00"]


def test_a_quote_holds_every_sentence_its_number_marks() -> None:
    from rag.answer import _compose, _Unit  # the citation quote, without the scorer

    best, filler, other = "Skåren var 3,8 på 10. trinn.", "Fyll. " * 80, "Oslo skåret lavest."
    p = passage("4.5-00", f"{best} {filler}{other}", "4.5", "Elevene")
    hit = Hit(p, 1.0, 1)
    first = _Unit(hit, 0, len(best))
    last = _Unit(hit, len(p.text) - len(other), len(p.text))
    draft = _compose([first, last], english=False)
    quote = draft.citations[0].quote
    assert quote.startswith(best) and quote.endswith(other)  # both claims marked [1]


def test_a_sentence_under_the_institution_asked_about_wins(fake_embedder: Embeddings) -> None:
    # the same words stand under two institutions' sub-headings; only the second is asked about
    sentence = "Studiet gir 30 studiepoeng og går over ett år på deltid."
    hvl = replace(
        passage("10-06", sentence, "10", "Utdanningstilbud"), subheading="Høgskolen på Vestlandet"
    )
    inn = replace(
        passage("10-04", sentence, "10", "Utdanningstilbud"),
        subheading="Høgskolen i Innlandet (INN)",
    )
    question = "Hvor mange studiepoeng gir studiet ved Høgskolen i Innlandet?"
    draft, hits = ask(fake_embedder, question, [hvl, inn])
    assert_well_cited(draft, hits)
    assert [c.passage.id for c in draft.citations] == ["rapport#10-04"]


def test_a_short_list_item_is_no_heading(fake_embedder: Embeddings) -> None:
    text = (
        "Andre studier\n\nHøgskolen har flere studier som kan være relevante.\n"
        "Sosialpedagogikk (60 stp. på heltid): ca. 100 studenter pr. år\n"
        "NAV veileder utdanning (30 stp.): ca. 40 studenter pr. år"
    )
    other = passage("10-06", "Karriereveiledning (30 stp.) går over ett år på deltid.", "10")
    draft, hits = ask(
        fake_embedder,
        "Hvor mange studiepoeng er sosialpedagogikk?",
        [other, passage("10-05", text, "10")],
    )
    assert_well_cited(draft, hits)
    assert "Sosialpedagogikk (60 stp. på heltid)" in draft.text


@pytest.mark.parametrize(
    ("subheading", "read_with"),
    [
        ("Høgskolen i Innlandet (INN)", True),
        ("Nord Universitet", True),
        ("NTNU", True),
        ("OsloMet", True),
        ("Brukere av karrieresentrene", False),  # a topic: its sentences say it themselves
        ("Samarbeid", False),
    ],
)
def test_a_sentence_is_read_with_the_name_it_stands_under(subheading: str, read_with: bool) -> None:
    from rag.answer import _context, _Unit  # what a sentence is embedded as

    text = "Studiet gir 30 studiepoeng."
    p = replace(passage("10-04", text, "10", "Utdanningstilbud"), subheading=subheading)
    context = _context(_Unit(Hit(p, 1.0, 1), 0, len(text)))
    expected = (
        f"Utdanningstilbud – {subheading}: {text}" if read_with else f"Utdanningstilbud: {text}"
    )
    assert context == expected


def test_a_follow_up_quotes_something_new_when_it_is_close(fake_embedder: Embeddings) -> None:
    # the same words in two sentences: equally close to the question
    text = "Viken hadde 5777 brukere i 2020. I 2020 hadde Viken 5777 brukere."
    question = "Hvor mange brukere hadde Viken?"
    first, _ = ask(fake_embedder, question, [passage("3.1-00", text)])
    [said] = [c.quote for c in first.citations]
    lead = said.split(". ")[0].removesuffix(".")
    again, _ = ask(fake_embedder, question, [passage("3.1-00", text)], said=[said])
    assert not body_of(again).startswith(lead)  # what was said falls behind


def test_a_follow_up_of_its_own_answered_only_by_what_was_said_is_refused(
    fake_embedder: Embeddings,
) -> None:
    text = "NTNU tok opp 30 studenter i 2020 på Rådgiving 1 og 2."
    said = [text]
    # the follow-up asks how many finish: only the intake, said already, is near it
    asked = "Hvor mange fullfører studiet hvert år?"
    assert ask(fake_embedder, asked, [passage("10-00", text)], said=said)[0].refused
    # «Og i 2020?» brings no word of its own: quoting the same again may answer it
    assert not ask(fake_embedder, "Og i 2020?", [passage("10-00", text)], said=said)[0].refused
    # nor is a first question refused for it
    assert not ask(fake_embedder, asked, [passage("10-00", text)])[0].refused


class _SameVector(Embeddings):
    """Every text alike to the dense side: what a test compares is left to the rest."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [[1.0, 0.0] for _ in texts]

    def embed_query(self, text: str) -> list[float]:
        return [1.0, 0.0]


def _best_sentence(question: str, text: str) -> str:
    """The one sentence quoted from `text`, every sentence alike to the dense side."""
    one = Settings(refusal_threshold=-1.0, refusal_threshold_en=-1.0, max_sentences=1)
    draft, _ = ask(_SameVector(), question, [passage("1-00", text, "1", "I")], one)
    return draft.text


@pytest.mark.parametrize(
    ("question", "text", "given"),
    [
        # both sentences hold the question's words alike; the second says how it went
        (
            "Hadde skolene i prosjektet noe igjen for det?",
            "Skolene i prosjektet hadde lærere med. Skolene i prosjektet hadde nytte av det.",
            "hadde nytte av det",
        ),
        # the second names the place; a sentence close behind that does joins the answer
        (
            "Hvor holder masteren til?",
            "Masteren tar opp 30 nye studenter hvert år. Studiested er Lillehammer.",
            "Lillehammer",
        ),
        # the first names a place too, but the one the question names: no answer to «which»
        (
            "Hvilken by i Buskerud hadde senteret for de sykmeldte i prosjektet i Buskerud?",
            "Prosjektet i Buskerud hadde et senter i Buskerud. Kongsberg tok de sykmeldte.",
            "Kongsberg",
        ),
        # the first holds more of the question's words; the second gives the reason
        (
            "Hvorfor finnes det ingen oversikt over kompetansen til veilederne?",
            "Det finnes ingen oversikt over kompetansen til veilederne i sentrene. "
            "Oversikt over kompetansen til veilederne mangler fordi tittelen ikke er beskyttet.",
            "fordi tittelen",
        ),
        # the first holds more of the question's words; the second says where
        (
            "Hvilket kapittel handler om NAV?",
            "NAV handler ut fra sitt samfunnsoppdrag. Veiledningen omtales i kap. 6.",
            "kap. 6",
        ),
    ],
)
def test_a_question_asking_for_a_kind_of_answer_gets_the_sentence_giving_it(
    question: str, text: str, given: str
) -> None:
    assert given in _best_sentence(question, text)


@pytest.mark.parametrize(
    ("question", "given"),
    [
        # what the users said, not who evaluated the project
        ("Hva sa brukerne om prosjektet i Buskerud?", "nyttig"),
        # whose evaluation it was: the sentence introducing it answers
        ("Hvem evaluerte prosjektet i Buskerud?", "NTNU"),
    ],
)
def test_a_sentence_introducing_a_study_answers_only_whose_it_is(question: str, given: str) -> None:
    text = (
        "NTNU gjennomførte en evaluering av prosjektet i Buskerud i 2019. "
        "Brukerne sa at prosjektet var nyttig."
    )
    assert given in _best_sentence(question, text)


@pytest.mark.parametrize(
    ("question", "given"),
    [
        # «60 år» is an age: «60 prosent» holds the number, not what it names
        ("Hvor stor andel av rådgiverne var over 60 år?", "18 prosent"),
        # «4 års» is the report's «fire års»
        ("Hvor mange av rådgiverne hadde mer enn 4 års utdanning?", "47 av 51"),
    ],
)
def test_a_number_the_question_names_is_matched_with_the_word_after_it(
    question: str, given: str
) -> None:
    text = (
        "Andelen av rådgiverne med full stilling var 60 prosent, og 4 hadde delt stilling. "
        "Det var 18 prosent som var over 60 år. "
        "Av rådgiverne hadde 47 av 51 mer enn fire års utdanning."
    )
    assert given in _best_sentence(question, text)


class _Near(Embeddings):
    """The question at [1, 0]; a sentence at the similarity its text is given in `near`."""

    def __init__(self, near: dict[str, float]) -> None:
        self._near = near

    def _vec(self, text: str) -> list[float]:
        sim = next((v for k, v in self._near.items() if k in text), 1.0)
        return [sim, math.sqrt(1 - sim * sim)]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vec(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return [1.0, 0.0]


def test_a_bonus_that_lifts_a_farther_sentence_does_not_make_the_question_off_topic() -> None:
    # the finding is a little farther than the threshold; the nearer sentence is not
    text = "Skolene i prosjektet hadde lærere med. Skolene i prosjektet hadde nytte av det."
    embedder = _Near({"lærere": 0.81, "nytte": 0.79})
    settings = Settings(refusal_threshold=0.80, refusal_threshold_en=0.80)
    question = "Hadde skolene i prosjektet noe igjen for det?"
    draft, _ = ask(embedder, question, [passage("11-00", text, "11", "R")], settings)
    assert not draft.refused
    assert "nytte" in draft.text


def test_the_sentence_after_the_best_gives_the_asked_count_it_introduced() -> None:
    # the best sentence names the survey the question names; the next one, far behind in
    # score, says how many got it; a count two sentences further on is out of reach
    text = (
        "Kompetanse Norge gjennomførte i 2016 en undersøkelse i fengslene. "
        "Undersøkelsen ble sendt til 53 rådgivere. "
        "Den viste mye. Fengslene hadde 12 skoler."
    )
    embedder = _Near({"gjennomførte": 0.95, "sendt": 0.5, "viste": 0.5, "skoler": 0.6})
    question = "Hvor mange fikk undersøkelsen fra Kompetanse Norge i 2016?"
    draft, hits = ask(embedder, question, [passage("8.1-00", text, "8.1", "Evaluering")])
    assert_well_cited(draft, hits)
    assert "53 rådgivere" in draft.text
    assert "12 skoler" not in draft.text


def test_a_count_standing_in_a_footnote_is_quoted_from_it(fake_embedder: Embeddings) -> None:
    # the survey's sentence points to note 33; only the note says how many answered
    body = passage(
        "4.2-00",
        "SINTEF gjennomførte i 2020 en kartlegging av rådgivningen i skolen. Rådgivere ved "
        "skolene svarte, og resultatene er rapportert i Rådgiving anno 2020 (2020).33",
        "4.2",
        "Undersøkelse",
    )
    notes = passage(
        "4.2-fn",
        "32 Se Udir sine sider.\n33 En e-post ble sendt til 1701 skoler. 1167 rådgivere svarte "
        "på spørreskjemaet.\n34 Buland m.fl. 2020.",
        "4.2",
        "Undersøkelse",
        kind="footnotes",
    )
    question = "Hvor mange rådgivere svarte på kartleggingen til SINTEF?"
    draft, hits = ask(fake_embedder, question, [body, notes])
    assert_well_cited(draft, hits)
    assert "1167 rådgivere svarte" in draft.text
    # the note of another section is no note of this sentence
    elsewhere = replace(notes, section_number="8.2")
    draft, _ = ask(fake_embedder, question, [body, elsewhere])
    assert "1167" not in draft.text


def test_a_note_at_a_paragraphs_end_speaks_for_the_sentences_before_it() -> None:
    # the survey's sentence carries no marker; the sentence after it, in the same paragraph,
    # points to note 33, which alone gives the response rate; the next paragraph's does not
    survey = "SINTEF og NORCE gjennomførte i 2020 en kartlegging av rådgivningen i skolen."
    text = (
        f"{survey} Resultatene er rapportert i Rådgiving anno 2020 (2020).33\n\n"
        "Elevene svarte i Elevundersøkelsen.34"
    )
    notes = passage(
        "4.2-fn",
        "33 En e-post ble sendt til 1701 skoler. Estimert svarprosent var 28 %.\n34 Udir.",
        "4.2",
        "Undersøkelse",
        kind="footnotes",
    )
    hits = [Hit(passage("4.2-00", text, "4.2", "Undersøkelse"), 0.0, 1), Hit(notes, 0.0, 2)]
    found = _footnote(_Unit(hits[0], 0, len(survey)), hits)
    assert [u.text for u in found] == [
        "33 En e-post ble sendt til 1701 skoler.",
        "Estimert svarprosent var 28 %.",
    ]


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("2020 ble det første året da alle fylkene hadde et tilbud.", False),
        ("Resultatene er rapportert i Rådgiving anno 2020 (2020).33", False),
        ("På Vg1 var skåret i 2019-20 på 3,5.", True),
        ("Antallet økte i 7 av 11 fylker.", True),
    ],
)
def test_a_year_or_footnote_marker_earns_no_number_bonus(text: str, counts: bool) -> None:
    # «Hvor mange fylker …?» is not answered by a sentence whose only digits are a year
    assert bool(re.search(r"\d", _without_years(text))) is counts


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("rapportert i anno 2020 (2020).33", ["33"]),
        ("fikk sitt første karrieresenter i november 2019.26", ["26"]),
        ("Vox skiftet navn til Kompetanse Norge,7 som fikk", ["7"]),
        ("høyest skår på 3,7, mens Oslo", []),  # a decimal
        ("spurt på Vg1 i 2020", []),  # a school level
        ("se kap. 4.12 i rapporten", []),
        ("Ifølge Buland mfl. (2020)31 skal rådgivingen", ["31"]),  # after a year in brackets
        ("i skolen (2020) mens", []),
    ],
)
def test_footnote_markers_are_told_from_numbers(text: str, markers: list[str]) -> None:
    assert NOTE_MARKER.findall(text) == markers


AGES = (
    "Tabell 2: Alder og brukerne av karrieresentrene, 2019-2020\n"
    "Alder 2019  2020\n"
    "Under 20 år  %  4 %\n"
    "21–24  20 %  19 %\n"
    "30–49  49 %  52 %\n"
    "Kilde: X"
)


@pytest.mark.parametrize(
    ("question", "refused"),
    [
        ("Hvor stor andel av brukerne var under 20 år i 2019?", True),  # the cell is blank
        ("Hvor stor andel av brukerne var under 20 år i 2020?", False),
        ("Hvor stor andel av brukerne var 30-49 år i 2019?", False),  # another row, filled
    ],
)
def test_a_blank_table_cell_answers_nothing(
    fake_embedder: Embeddings, question: str, refused: bool
) -> None:
    draft, hits = ask(fake_embedder, question, [passage("3.1-00", AGES, kind="table")])
    if refused:
        assert_refused(draft)
    else:
        assert_well_cited(draft, hits)


@pytest.mark.parametrize(
    ("question", "names_norway"),
    [
        ("Hvor mange karrieresentre finnes det i Norge?", False),  # nationwide
        ("how many career centres are there in norway", False),
        ("Hvor stor andel av brukerne var fra Norge?", True),  # the row of users born here
    ],
)
def test_i_norge_names_no_table_row(question: str, names_norway: bool) -> None:
    assert ("norg" in _row_terms(question, query_terms(question))) is names_norway


@pytest.mark.parametrize(
    ("question", "names_agder"),
    [
        ("Hvor mange brukere hadde Agder i 2020?", True),  # the county's row
        ("Hvem er emnet ved Universitetet i Agder laget for?", False),  # a university
        # a follow-up read with the question before keeps its words, not its «of»
        ("how big is it? big University Agder s career guidance course", False),
    ],
)
def test_a_university_named_by_its_place_names_no_county_row(
    question: str, names_agder: bool
) -> None:
    assert ("agd" in _row_terms(question, query_terms(question))) is names_agder


def test_an_announced_list_brings_its_items_past_a_long_lead_in(
    fake_embedder: Embeddings,
) -> None:
    # the lead-in alone fills most of an answer's room: the items it announces still come
    lead_in = (
        "Nødvendig utdannings- og yrkesrådgiving skal bevisstgjøre og støtte eleven i valg av "
        "utdanning og yrke, "
        + "og utvikle kompetansen til å planlegge utdanning og yrke, " * 8
        + "og derfor har eleven blant annet rett til:"
    )
    items = [
        "oppdatert informasjon om utdanningsveier i Norge og andre land",
        "informasjon om søknadsfrister, inntaksvilkår og finansieringsordninger",
        "opplæring og rettleiing om jobbsøking og andre søknadsprosedyrer",
    ]
    text = "\n".join([lead_in, *items])
    draft, hits = ask(fake_embedder, "Hva har eleven rett til?", [passage("4.1-02", text)])
    assert_well_cited(draft, hits)
    assert len(lead_in) > 500
    assert all(item in draft.text for item in items), draft.text


def test_a_number_that_counts_something_else_does_not_answer_how_many() -> None:
    # the best sentence has numbers, of years of age; the count of counties comes after it
    text = (
        "Ansvaret for innvandrere mellom 18 og 55 år gikk over til regionene. "
        "Etter reformen var det 11 fylker."
    )
    embedder = _Near({"Ansvaret": 0.95, "Etter reformen": 0.5})
    settings = Settings(refusal_threshold=-1.0, refusal_threshold_en=-1.0)
    draft, _ = ask(embedder, "Hvor mange fylker ble det?", [passage("2.4-00", text)], settings)
    assert not draft.refused
    assert "11 fylker" in draft.text, draft.text


def test_a_follow_up_needs_its_own_names_and_the_years_asked_before() -> None:
    # «den» is the previous answer: the name the previous question gave need not stand there
    resolved = specifics("Hva skjedde med den i 2021? skjedde het Vox")
    assert "Vox" in resolved
    assert _own_specifics("Hva skjedde med den i 2021?", resolved) == ["2021"]
    # «Og i Agder?» after a year keeps the year, to be found with Agder
    got = _own_specifics("Og i Agder?", specifics("Og i Agder? skår Oslo Vg1 2019"))
    assert set(got) == {"Agder", "2019"}


def test_a_sentence_as_close_as_a_long_best_one_is_quoted_beyond_the_budget() -> None:
    filler = " ".join(["og mange andre ting som skjedde i løpet av året"] * 16)
    long_best = f"Brukerne i Viken hadde {filler}."
    assert len(long_best) > 750
    text = f"{long_best} Brukerne i Viken var svært fornøyde med tilbudet sitt."
    settings = Settings(refusal_threshold=-1.0, refusal_threshold_en=-1.0)
    draft, _ = ask(
        _SameVector(),
        "Hva sier rapporten om brukerne i Viken?",
        [passage("3.1-00", text)],
        settings,
    )
    assert "svært fornøyde" in draft.text and "Brukerne i Viken hadde" in draft.text


def test_a_passage_is_read_after_the_retrieved_one_just_before_it() -> None:
    first = replace(passage("5.1-00", "Vox kartla tjenestene i 2014."), start=0, end=30)
    second = replace(passage("5.1-01", "Fire ble drevet av samskipnaden."), start=31, end=70)
    later = replace(passage("5.1-03", "Alle tilbød samtaler."), start=120, end=150)
    hits = [Hit(p, 1.0, i) for i, p in enumerate((later, second, first), start=1)]
    assert "2014" in _with_preceding(second, hits)
    assert "2014" not in _with_preceding(later, hits)  # not the one just before it
    assert _with_preceding(first, hits).endswith(first.text)


def test_an_announced_list_runs_on_past_a_stray_label_and_into_the_next_passage(
    fake_embedder: Embeddings,
) -> None:
    first = (
        "Det ble startet opp fire regionale prosjekter med hver sine målgrupper:\n\n"
        "1. Hallingdal: Karriereveiledning for ungdom\n\nEvaluering av\nkarriereveiledningspro\n"
        "2. Kongsberg: Karriereveiledning for sykemeldte."
    )
    second = (
        "2. Kongsberg: Karriereveiledning for sykemeldte.\n\n"
        "3. Drammen: Karriereveiledning for flyktninger."
    )
    start = first.index("2. Kongsberg")
    passages = [
        passage("6.3-02", first, "6.3", "Evaluering"),
        replace(
            passage("6.3-03", second, "6.3", "Evaluering"), start=start, end=start + len(second)
        ),
    ]
    draft, hits = ask(fake_embedder, "Hvilke fire steder hadde egne delprosjekter?", passages)
    assert_well_cited(draft, hits)
    assert "Hallingdal" in draft.text and "Drammen" in draft.text
    assert draft.text.count("2. Kongsberg") == 1  # the overlap's item, once
    assert "Evaluering av" not in draft.text  # a figure's label is no item


def test_an_announced_list_of_plain_items_keeps_its_one_word_item(
    fake_embedder: Embeddings,
) -> None:
    text = (
        "Presentasjonen gir eksempler på hvilke karrierekompetanser det er behov for:51\n\n"
        " Grunnleggende ferdigheter (inkl. muntlige og digitale)\n"
        " Sosiale og relasjonelle ferdigheter\n"
        " Problemløsningsferdigheter\n"
        " Fagkompetanse – yrkesfag eller høyere utdanning\n\n"
        "Det stilles også spørsmål om læringsaktiviteter."
    )
    passages = [passage("6.1-00", text, "6.1", "Kompetanse")]
    draft, hits = ask(fake_embedder, "Hvilke karrierekompetanser trengs?", passages)
    assert_well_cited(draft, hits)
    # the announcement ends in its note's mark; each item, the one-word one too, follows it
    for item in ("Sosiale og relasjonelle", "Problemløsningsferdigheter", "Fagkompetanse"):
        assert item in draft.text
