"""rag/text.py: sentence splitting on the report's quirks, index terms, the language guess."""

from __future__ import annotations

import pytest

from rag.text import fold, is_english, sentence_spans, sentences, stopwords, terms, unshout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dette følger av loven, jf. opplæringsloven § 22-3. Neste setning kommer her.",
            ["Dette følger av loven, jf. opplæringsloven § 22-3.", "Neste setning kommer her."],
        ),
        (
            "Ifølge Buland m.fl. har skolene rådgivere. Det er bra.",
            ["Ifølge Buland m.fl. har skolene rådgivere.", "Det er bra."],
        ),
        (
            "Buland mfl. 2020 viser dette. Slutt.",
            ["Buland mfl. 2020 viser dette.", "Slutt."],
        ),
        (
            "Elever på 10. trinn får veiledning. De velger utdanning.",
            ["Elever på 10. trinn får veiledning.", "De velger utdanning."],
        ),
        (
            "Se f.eks. rapporten, s. 15 og kap. 3 i den. Den er lang.",
            ["Se f.eks. rapporten, s. 15 og kap. 3 i den.", "Den er lang."],
        ),
        (
            "Han sa: «Dette er viktig.» Så gikk han.",
            ["Han sa: «Dette er viktig.»", "Så gikk han."],
        ),
        (
            "Hvem har ansvaret? HK-dir har det! Slik er det.",
            ["Hvem har ansvaret?", "HK-dir har det!", "Slik er det."],
        ),
    ],
)
def test_sentences_respect_abbreviations_and_ordinals(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_footnote_marker_glued_to_a_period_ends_the_sentence_and_stays_with_it() -> None:
    text = "Det ble anbefalt et mer brukerrettet tilbud.3 Neste avsnitt starter her."
    assert sentences(text) == [
        "Det ble anbefalt et mer brukerrettet tilbud.3",
        "Neste avsnitt starter her.",
    ]


def test_footnote_marker_after_a_colon_ends_the_sentence_but_a_plain_colon_does_not() -> None:
    assert sentences("Utvalget skriver følgende:12 Karriereveiledning er viktig.") == [
        "Utvalget skriver følgende:12",
        "Karriereveiledning er viktig.",
    ]
    assert sentences("Tre grupper: Elever, studenter og voksne.") == [
        "Tre grupper: Elever, studenter og voksne."
    ]


def test_a_new_line_always_splits_even_without_punctuation() -> None:
    text = "Tabell 1: Brukere\nViken 6093 5777\nOslo 68 2595\n punkt uten punktum\nsiste linje"
    assert sentences(text) == [
        "Tabell 1: Brukere",
        "Viken 6093 5777",
        "Oslo 68 2595",
        "punkt uten punktum",
        "siste linje",
    ]


def test_lower_case_after_a_period_does_not_split() -> None:
    assert sentences("Det var i 2020. og så videre i teksten.") == [
        "Det var i 2020. og så videre i teksten."
    ]


@pytest.mark.parametrize(
    "text",
    [
        "  Første setning.  Andre setning!   Tredje?\n\n Punkt én\nSlutt uten punktum  ",
        "Det ble anbefalt et tilbud.3  Neste, jf. kap. 4.\n\n\nNy linje: «Sitat.» Slutt.",
        "",
        "   \n  \n",
    ],
)
def test_spans_are_verbatim_trimmed_ordered_slices(text: str) -> None:
    spans = list(sentence_spans(text))
    assert [text[s.start : s.end] for s in spans] == sentences(text)
    previous_end = 0
    for span in spans:
        piece = text[span.start : span.end]
        assert piece and piece == piece.strip()
        assert span.start >= previous_end
        previous_end = span.end
    # No text is lost: everything outside the spans is whitespace.
    outside = list(text)
    for span in spans:
        outside[span.start : span.end] = [" "] * (span.end - span.start)
    assert "".join(outside).strip() == ""


def test_empty_text_has_no_sentences() -> None:
    assert sentences("") == []
    assert sentences(" \n \n") == []


def test_terms_fold_aeoeaa_so_spelling_without_them_still_matches() -> None:
    assert terms("rådgiver") == terms("radgiver")
    assert terms("Rådgiver") == terms("radgiver")
    assert terms("videregående opplæring") == terms("videregaende opplaering")
    assert terms("Møre og Romsdal") == terms("more og romsdal")
    # «aa» is how «å» was typed before it had a key: «over 60 aar», «paa skolen»
    assert terms("over 60 aar paa skolen") == terms("over 60 år på skolen")


def test_terms_stem_inflections_to_one_term() -> None:
    assert terms("elevene") == terms("elever") == terms("eleven") == ["elev"]
    assert terms("skolene") == terms("skoler") == terms("skolen") == ["skol"]
    assert terms("karrieresentrene") == terms("karrieresentre")
    assert terms("rådgiveren") == terms("rådgivere")


def test_terms_drop_stopwords_and_question_words() -> None:
    assert terms("Hva er karriereveiledning og hvem gir den?") == terms("karriereveiledning gir")
    assert terms("hva er det som og i på") == []
    assert terms("What does the report say?") == []
    assert {"og", "er", "hva", "the"} <= stopwords()


def test_terms_keep_numbers_as_written() -> None:
    got = terms("Viken hadde 5777 brukere i 2020 og 3,8 prosent")
    assert "5777" in got
    assert "2020" in got
    assert "3,8" in got


def test_terms_read_a_number_of_thousands_by_its_groups_as_the_report_writes_it() -> None:
    # «23,636» typed the English way is the report's «23 636»; a decimal stays whole
    assert terms("the 23,636 users") == terms("de 23 636 users")
    assert "52,8" in terms("52,8 prosent")


def test_fold_lowercases_and_maps_norwegian_letters() -> None:
    assert fold("ÆØÅ æøå Élève") == "aeoa aeoa eleve"


@pytest.mark.parametrize(
    "question",
    [
        "What does the report say about NAV?",
        "How many users did the career centres have in 2020?",
        "Which counties are mentioned in the report?",
        # Norwegian names are no Norwegian: their æøå and «i» do not count
        "What master's programmes does Høgskolen i Innlandet offer?",
        "How many users did Møre og Romsdal have?",
        "Where can you study career guidance at master's level?",
        "prison counsellors",  # keywords in English
        "NAV career guidance",
    ],
)
def test_is_english_recognises_english_questions(question: str) -> None:
    assert is_english(question)


@pytest.mark.parametrize(
    "question",
    [
        "Hva sier rapporten om NAV?",
        "Hvor mange brukere hadde karrieresentrene i 2020?",
        "Kva seier rapporten om rådgiving i skulen?",
        "Hvilke fylker er nevnt?",
        "Hvor mange brukere hadde Troms og Finnmark i 2020?",
        "Kva gjer Rådgivningsløftet i Oslo?",
        "karriereveiledning i fengsel",
        "NAV",
        "",
    ],
)
def test_is_english_rejects_norwegian_and_bare_names(question: str) -> None:
    assert not is_english(question)


def test_a_web_address_is_a_term_as_well_as_its_words() -> None:
    got = terms("Hva er karriereveiledning.no?")
    assert "karriereveiledning.no" in got
    assert terms("karriereveiledning")[0] in got
    # a full stop between sentences makes no address
    assert terms("Skåren var høy i 2020. Neste no.") == terms("Skåren var høy i 2020 Neste no")


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("HVEM EIER KARRIEREVEILEDNING.NO?", "Hvem eier karriereveiledning.no?"),
        ("Hva gjør NAV?", "Hva gjør NAV?"),  # an acronym in a normal question stays
        ("NAV?", "NAV?"),  # one word: may well be the acronym
    ],
)
def test_a_question_in_capitals_is_read_as_written_normally(typed: str, read: str) -> None:
    assert unshout(typed) == read
