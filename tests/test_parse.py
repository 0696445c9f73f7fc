"""Parsing the real report (corpus/…txt) through `ingest.loader.load`: headings, footnotes,
page-end URL blocks, hyphenation and characters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import ingest.loader
from ingest.chunk import Document, build_document
from ingest.parse import Line, Section, paragraphs

REPORT = (
    Path(__file__).resolve().parent.parent / "corpus" / "karriereveiledning-kunnskapsgrunnlag.txt"
)

EXPECTED_SECTIONS = [
    ("", "Karriereveiledning – et kunnskapsgrunnlag"),
    ("", "SAMMENDRAG"),
    ("1", "Innledning"),
    ("2", "Bakgrunn og overordnede rammebetingelser"),
    ("2.1", "Karriereveiledningens fremvekst i Norge"),
    ("2.2", "Nytt direktorat for høyere utdanning og kompetanse"),
    ("2.3", "Nasjonalt kvalitetsrammeverk for alle tilbydere av karriereveiledning"),
    ("2.4", "Fylkeskommunes nye plikt til karriereveiledning til nye målgrupper"),
    ("3", "Fylkesvise karrieresentre"),
    ("3.1", "Bruken av tilbudet og brukererfaringer"),
    ("3.2", "Kompetansen i karrieresentrene"),
    ("3.3", "Samarbeid"),
    ("4", "Karriereveiledning i ungdoms- og videregående skole"),
    ("4.1", "Retten til veiledning i ungdomsskolen og videregående opplæring"),
    ("4.2", "Undersøkelse av karriereveiledning i ungdomskolen og videregående skole"),
    ("4.3", "Kompetansekrav, kompetansehevende tiltak og kompetansebehov"),
    ("4.4", "Samarbeid"),
    ("4.5", "Elevenes vurdering av rådgivningen gjennom Elevundersøkelsen"),
    ("5", "Karriereveiledning ved høgskole og universitet"),
    ("5.1", "Evaluering av karrieresentre i høyere utdanning"),
    ("5.2", "Kompetanse og kompetanseheving"),
    ("5.3", "Samarbeid"),
    ("6", "«Karriereorientert veiledning» i NAV"),
    ("6.1", "Kompetanse"),
    ("6.2", "Samarbeid"),
    ("6.3", "Evaluering"),
    ("7", "Karriereveiledning gjennom introduksjonsprogrammet"),
    ("7.1", "Samarbeid"),
    ("7.2", "Evaluering"),
    ("8", "Karriereveiledning i kriminalomsorgen"),
    ("8.1", "Evaluering – undersøkelse til rådgiverne i fengselsundervisningen"),
    ("8.2", "Kompetanse og kompetansebehov"),
    ("8.3", "Samarbeid"),
    ("9", "Samarbeidsformer mellom veiledningstilbudene"),
    ("10", "Utdanningstilbud til karriereveiledere – Universitets- og høyskolesektorens tilbud"),
    ("11", "Rådgivningsløftet i Oslo (RiO) og Rogaland (RiR)"),
]

_BARE_URL = re.compile(r"^\s*(https?://|www\.)\S*\s*$")


@dataclass(frozen=True)
class Loaded:
    document: Document
    sections: list[Section]


@pytest.fixture(scope="module")
def loaded() -> Loaded:
    """The report as `load` returns it, plus the sections `load` handed to the chunker."""
    seen: list[Section] = []

    def spy(source: str, sections: list[Section]) -> Document:
        seen.extend(sections)
        return build_document(source, sections)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ingest.loader, "build_document", spy)
        document = ingest.loader.load(REPORT)
    return Loaded(document, seen)


@pytest.fixture(scope="module")
def source_text() -> str:
    return REPORT.read_text(encoding="utf-8")


def test_sections_are_exactly_the_reports_headings_in_order(loaded: Loaded) -> None:
    assert [(s.number, s.title) for s in loaded.sections] == EXPECTED_SECTIONS


def test_every_chapter_heading_is_kept_even_without_text_of_its_own(loaded: Loaded) -> None:
    # chapter 2 goes straight on to 2.1: no passage carries its title, the document does
    assert loaded.document.chapters["2"] == "Bakgrunn og overordnede rammebetingelser"
    assert list(loaded.document.chapters) == [str(n) for n in range(1, 12)]


def test_every_heading_is_a_line_of_the_source(source_text: str) -> None:
    """The expected titles were read off the source, not off the parser."""
    lines = [re.sub(r"\s+", " ", ln).strip() for ln in source_text.split("\n")]
    joined = " ".join(lines)
    for number, title in EXPECTED_SECTIONS:
        heading = f"{number} {title}".strip()
        assert heading in joined, heading
        if number != "10":  # the only title that wraps onto a second line
            assert any(re.sub(r"\s+", " ", ln) == heading for ln in lines), heading


def test_passages_follow_the_section_order_and_cover_every_section_with_text(
    loaded: Loaded,
) -> None:
    order = [(s.number, s.title) for s in loaded.sections]
    in_passages = list(
        dict.fromkeys((p.section_number, p.section_title) for p in loaded.document.passages)
    )
    assert in_passages == [key for key in order if key in in_passages]
    with_text = {
        (s.number, s.title)
        for s in loaded.sections
        if any(ln.text.strip() for ln in s.body) or s.footnotes
    }
    assert with_text <= set(in_passages)


def test_footnote_lines_never_become_headings(loaded: Loaded) -> None:
    titles = [s.title for s in loaded.sections]
    assert not any(t.startswith("Koblingen til OECD-rapporten") for t in titles)
    assert not any(t.startswith(("Buland", "OECD Review", "Karriereutvalgets")) for t in titles)
    # Numbers only ever go forward in the outline.
    numbered = [tuple(int(n) for n in s.number.split(".")) for s in loaded.sections if s.number]
    assert numbered == sorted(numbered)
    assert len(set(numbered)) == len(numbered)


def test_no_passage_contains_a_bare_url_line(loaded: Loaded) -> None:
    for passage in loaded.document.passages:
        for line in passage.text.split("\n"):
            assert not _BARE_URL.match(line), (passage.id, line)
    body = [p for p in loaded.document.passages if p.kind != "footnotes"]
    assert not any("https://" in p.text for p in body)


def test_url_blocks_become_the_links_of_their_section(loaded: Loaded, source_text: str) -> None:
    passages = loaded.document.passages
    links = {link for p in passages for link in p.links}
    footnote_text = " ".join(p.text for p in passages if p.kind == "footnotes")
    bare = {ln.strip() for ln in source_text.split("\n") if _BARE_URL.match(ln)}
    assert len(bare) > 100
    for url in bare:
        # A URL line either sits in a page-end block, or continues a wrapped footnote.
        assert url in links or url in footnote_text, url
    section_21 = [p for p in passages if p.section_number == "2.1"]
    nsd = "https://www.nsd.no/polsys/data/forvaltning/enhet/25638/endringshistorie"
    assert nsd in section_21[0].links
    assert all(p.links == section_21[0].links for p in section_21)
    docplayer = "http://docplayer.me/3016656-Karriereveiledning-i-fylkene.html"
    assert {p.section_number for p in passages if docplayer in p.links} == {"3.3"}


def test_footnotes_are_passages_of_their_own_section(loaded: Loaded) -> None:
    passages = loaded.document.passages
    notes = [p for p in passages if p.kind == "footnotes"]
    assert notes
    holding_22 = [p for p in passages if "22 Karriereutvalgets statusbeskrivelse" in p.text]
    assert [(p.kind, p.section_number) for p in holding_22] == [("footnotes", "3.1")]
    assert holding_22[0].section_title == "Bruken av tilbudet og brukererfaringer"
    holding_1 = [p for p in passages if p.text.startswith("1 Buland mfl.2020")]
    assert [(p.kind, p.section_number) for p in holding_1] == [("footnotes", "1")]
    # Every line of a footnote passage starts with its footnote number, and they only grow.
    numbers = []
    for note in notes:
        for line in note.text.split("\n"):
            match = re.match(r"\d+", line)
            assert match, (note.id, line)
            numbers.append(int(match.group()))
    assert numbers == sorted(numbers)
    assert set(range(1, 67)) - set(numbers) <= {55}  # «55» stands alone, with no text


def test_a_body_line_that_starts_with_a_number_stays_body(loaded: Loaded) -> None:
    """«20 prosent av samtalene …» starts a line but is prose, not footnote 20."""
    holding = [
        p for p in loaded.document.passages if "20 prosent av samtalene på telefon" in p.text
    ]
    assert [(p.kind, p.section_number) for p in holding] == [("body", "2.2")]


def test_body_that_opens_a_page_right_after_a_footnote_stays_body(loaded: Loaded) -> None:
    """Footnote 64 ends a page with no blank line after it; « Halvparten mente …» (one space:
    a page's first line) is the next page's body, not more of the note."""
    holding = [p for p in loaded.document.passages if "korte dommer" in p.text]
    assert [(p.kind, p.section_number) for p in holding] == [("body", "8.2")]
    (note,) = [p for p in loaded.document.passages if "64 Ulike varianter" in p.text]
    assert note.kind == "footnotes" and "Halvparten" not in note.text


def test_line_end_hyphenation_is_undone_only_inside_words(loaded: Loaded) -> None:
    text = loaded.document.text
    # «beredskaps-\ndepartementet» (a footnote) and «fylkes-\nkommunens» (body) are one word.
    assert "Justis- og beredskapsdepartementet" in text
    assert "beredskaps- departementet" not in text
    assert "Det er fylkeskommunens ansvar" in text
    assert "rådgivningsplikten utvides" in text
    # «ungdoms- og», «utdannings- \nog» keep hyphen and space.
    assert "ungdoms- og videregående" in text
    assert "utdannings- og yrkesrådgivinga" in text
    # Hyphens after acronyms and numbers are real, even at a line end.
    assert "(HK-dir) (juli 2021)" in text
    assert "HKdir" not in text
    assert "[NAV-loven] §14a" in text
    assert "NAV-kontorer og karrieresenter" in text
    assert "alderskategorien 30-49 år" in text
    # A URL wrapped at a hyphen stays one URL.
    assert "Nasjonalt-systemansvar-for-karriereveiledning/" in text


def test_characters_are_preserved(loaded: Loaded) -> None:
    text = loaded.document.text
    assert "«Karriereorientert veiledning» i NAV" in text
    assert "§14a" in text
    assert "Karriereveiledning – et kunnskapsgrunnlag" in text
    for ch in "æøåØ«»§–":
        assert ch in text, ch
    assert "\ufffd" not in text
    assert "Møre og Romsdal 409 328 450 333 13 0" in text


def test_bullets_become_lines_and_wrapped_lines_are_joined(loaded: Loaded) -> None:
    first = loaded.document.passages[0]
    assert first.section_title == "Karriereveiledning – et kunnskapsgrunnlag"
    assert (
        "\nHvordan dette er organisert og hvilke krav settes til tilbudene i ungdomsskolen, "
        "videregående skole, høyere utdanning og for voksne?\n"
    ) in first.text


def test_txt_passages_have_no_invented_page_numbers(loaded: Loaded) -> None:
    assert loaded.document.passages
    assert all(p.page is None for p in loaded.document.passages)
    assert all(p.source == REPORT.name for p in loaded.document.passages)


def test_report_path_is_the_shipped_corpus() -> None:
    assert REPORT.is_file()
    assert REPORT.parent.name == "corpus"
    assert Path(REPORT).suffix == ".txt"


def test_rows_of_a_flattened_table_keep_a_line_each() -> None:
    body = [Line("Mindre enn 1 år 8,3 %"), Line("1-5 år 35,4 %"), Line("6-10 år 27,4 %")]
    [para] = paragraphs(body)
    assert para.text == "Mindre enn 1 år 8,3 %\n1-5 år 35,4 %\n6-10 år 27,4 %"


def test_prose_wrapped_after_a_number_is_still_one_line() -> None:
    first = "Det var 50 prosent som hadde vært i rollen i 6-20 år, og i alt svarte 1167"
    [para] = paragraphs([Line(first), Line("rådgivere på spørsmålet om dette.")])
    assert para.text == f"{first} rådgivere på spørsmålet om dette."


def test_a_page_number_between_blank_lines_is_dropped_and_the_sentence_rejoined(
    loaded: Loaded,
) -> None:
    # the source has «Fra Arbeids- og», the page foot, «45» alone, then «velferdsdirektoratet …»
    text = " ".join(p.text for p in loaded.document.passages if p.kind != "footnotes")
    assert "Fra Arbeids- og velferdsdirektoratet får vi opplyst" in text
    for page_and_word in ("8 digital verden", "22 rådgivingstjenesten", "45 velferdsdirektoratet"):
        assert page_and_word not in text
